"""옵티마이저(optimizer): 기울기를 보고 매개변수를 고칩니다. `SGD`(모멘텀 포함)와 `Adam`.

학습 한 단계는 언제나 같습니다:
    loss = 손실함수(model(x), y)   # 순전파
    opt.zero_grad()                # 지난 기울기 지우기
    loss.backward()                # 역전파
    opt.step()                     # 매개변수 갱신

옵티마이저의 상태(모멘텀의 속도, Adam의 m과 v)는 매개변수가 아니라 옵티마이저 안에
`opt.state[p]` 사전으로 있습니다. 그래서 학습 도중에 꺼내서 볼 수 있습니다.
"""

from __future__ import annotations

import math
import numbers
from typing import Iterable

from micrograd_ko.engine import Value

__all__ = ["Optimizer", "SGD", "Adam", "get"]


# ---------------------------------------------------------------- 입력 검사


def _check_real(x, name: str, example: str) -> float:
    if isinstance(x, bool) or not isinstance(x, numbers.Real):
        raise TypeError(f"{name}의 값은 실수여야 합니다. 받은 값: {x!r} (자료형 {type(x).__name__}). 예: {name}={example}")
    try:
        value = float(x)
    except OverflowError:  # 10**400 같은 큰 정수
        value = math.inf
    if not math.isfinite(value):
        raise ValueError(f"{name}의 값은 유한한 실수여야 합니다. 받은 값: {x!r}. 예: {name}={example}")
    return value


def _check_positive(x, name: str, example: str) -> float:
    value = _check_real(x, name, example)
    if value <= 0:
        raise ValueError(f"{name}의 값은 0보다 커야 합니다. 받은 값: {x!r}. 예: {name}={example}")
    return value


def _check_fraction(x, name: str, example: str) -> float:
    value = _check_real(x, name, example)
    if not 0.0 <= value < 1.0:
        raise ValueError(f"{name}의 값은 0 이상 1 미만이어야 합니다. 받은 값: {x!r}. 예: {name}={example}")
    return value


def _check_params(params) -> list[Value]:
    """매개변수 목록을 검사합니다. 생성기도 받고, 같은 매개변수가 두 번 있으면 한 번만 남깁니다."""
    if isinstance(params, (Value, str)) or not isinstance(params, Iterable):
        hint = " 모델이라면 model.parameters()를 넣으세요." if hasattr(params, "parameters") else ""
        raise TypeError(f"params는 Value의 목록이어야 합니다. 받은 값: {params!r} (자료형 {type(params).__name__}).{hint}")
    unique: dict[Value, None] = {}
    for i, p in enumerate(params):
        if not isinstance(p, Value):
            raise TypeError(f"params의 원소는 Value여야 합니다. params[{i}]의 값: {p!r} (자료형 {type(p).__name__}). "
                "학습할 값은 Value(숫자)로 만들어 넣으세요.")
        if p._op is not None:
            raise ValueError(
                f"params[{i}]는 연산의 결과입니다. 받은 값: {p!r}. 매개변수는 직접 만든 Value(잎 노드)여야 합니다."
            )
        unique[p] = None
    if not unique:
        raise ValueError("params가 비어 있습니다. 학습할 매개변수를 하나 이상 넣으세요. 예: SGD(model.parameters())")
    return list(unique)


def _check_grad(p: Value, index: int) -> float:
    g = p.grad
    if isinstance(g, bool) or not isinstance(g, numbers.Real) or not math.isfinite(g):
        raise ValueError(
            f"params[{index}]의 기울기가 유한한 실수가 아닙니다. 받은 값: {g!r}. "
            "기울기는 loss.backward()로 채우거나 p.grad = 0.5처럼 숫자로 넣으세요."
        )
    return float(g)


def _check_update(p: Value, data: float, state: dict[str, float], name: str) -> None:
    if not (math.isfinite(data) and all(map(math.isfinite, state.values()))):
        raise OverflowError(
            f"{name} 갱신 값이 float 범위를 넘습니다. 매개변수: {p.data!r}, 기울기: {p.grad!r}, "
            f"갱신 뒤 값: {data!r}, 상태: {state!r}. 학습률을 줄이거나 입력의 크기를 줄이세요."
        )


# ---------------------------------------------------------------- Optimizer


class Optimizer:
    """옵티마이저의 기반 클래스입니다. 매개변수 목록, 학습률, 상태와 단계 수를 가집니다.

    Attributes:
        params: 갱신할 매개변수(Value)의 목록.
        lr: 학습률. 학습 도중에 바꿔도 됩니다.
        state: 매개변수마다 상태 사전 (`opt.state[p]`).
        t: 지금까지 부른 `step()`의 횟수.
    """

    def __init__(self, params: Iterable[Value], lr: float) -> None:
        self.params = _check_params(params)
        self.lr = lr
        self.state: dict[Value, dict[str, float]] = {p: self._initial_state() for p in self.params}
        self.t = 0

    @property
    def lr(self) -> float:
        """학습률입니다. 학습 도중에 바꿔도 되고, 바꿀 때도 0보다 큰 유한한 실수인지 검사합니다."""
        return self._lr

    @lr.setter
    def lr(self, value: float) -> None:
        self._lr = _check_positive(value, "lr", "0.01")

    def _initial_state(self) -> dict[str, float]:
        return {}

    def zero_grad(self) -> None:
        """모든 매개변수의 기울기를 0으로 되돌립니다. backward()는 기울기를 더하므로 단계마다 먼저 부릅니다."""
        for p in self.params:
            p.grad = 0.0

    def step(self) -> None:
        """지금의 기울기로 매개변수를 한 번 갱신합니다.

        모든 매개변수의 새 값과 상태를 먼저 계산하고, 모두 유한할 때만 한꺼번에 바꿉니다.
        그래서 오류가 나면 매개변수, 상태, 단계 수 t가 모두 step() 전 그대로입니다.

        Raises:
            ValueError: 어떤 매개변수의 기울기가 유한한 실수가 아닐 때 (예: None, nan).
            OverflowError: 새 값이나 상태(모멘텀의 속도, Adam의 m과 v)가 float 범위를 넘을 때.
        """
        t = self.t + 1
        updates = []
        for i, p in enumerate(self.params):
            g = _check_grad(p, i)
            data, state = self._update(p.data, g, self.state[p], t)
            _check_update(p, data, state, type(self).__name__)
            updates.append((p, data, state))

        # 모든 값이 유한할 때만 바꿉니다. 상태 사전은 같은 객체를 고쳐서 밖에서 쥔 참조도 맞게 둡니다.
        for p, data, state in updates:
            p.data = data
            self.state[p].update(state)
        self.t = t

    def _update(self, data: float, g: float, state: dict[str, float], t: int) -> tuple[float, dict[str, float]]:
        """t번째 단계의 새 매개변수 값과 새 상태를 돌려줍니다. 인자는 바꾸지 않습니다."""
        raise NotImplementedError


class SGD(Optimizer):
    """확률적 경사 하강법(SGD), 모멘텀을 고를 수 있습니다.

    모멘텀이 0이면: p ← p − 학습률 × g.
    모멘텀이 있으면 Keras와 PyTorch처럼 속도 v를 씁니다 (v의 처음 값은 0):
        v ← momentum × v − 학습률 × g
        p ← p + v
    v는 지난 기울기의 지수 가중 합이라서, 같은 방향으로 계속 내려가면 걸음이 커집니다.

    Args:
        params: 매개변수(Value)의 목록이나 생성기. 예: model.parameters().
        lr: 학습률 (0보다 큰 수).
        momentum: 0 이상 1 미만. 0이면 모멘텀을 쓰지 않습니다.

    Raises:
        TypeError: params가 Value의 목록이 아니거나 lr, momentum이 실수가 아닐 때.
        ValueError: params가 비었거나 lr ≤ 0, momentum이 [0, 1) 밖일 때.

    Example:
        >>> w = Value(1.0)
        >>> opt = SGD([w], lr=0.1, momentum=0.9)
        >>> w.grad = 2.0
        >>> opt.step()
        >>> w.data, opt.state[w]["velocity"]
        (0.8, -0.2)
    """

    def __init__(self, params: Iterable[Value], lr: float = 0.01, momentum: float = 0.0) -> None:
        self.momentum = _check_fraction(momentum, "momentum", "0.9")
        super().__init__(params, lr)

    def _initial_state(self) -> dict[str, float]:
        return {"velocity": 0.0}

    def _update(self, data: float, g: float, state: dict[str, float], t: int) -> tuple[float, dict[str, float]]:
        velocity = self.momentum * state["velocity"] - self.lr * g
        return data + velocity, {"velocity": velocity}

    def __repr__(self) -> str:
        return f"SGD(lr={self.lr!r}, momentum={self.momentum!r})"


class Adam(Optimizer):
    """Adam 옵티마이저 (Kingma & Ba, 2015, "Adam: A Method for Stochastic Optimization").

    매개변수마다 기울기의 이동 평균 m과 기울기 제곱의 이동 평균 v를 가집니다. t번째 단계는:
        1) m ← β1 × m + (1 − β1) × g
        2) v ← β2 × v + (1 − β2) × g²
        3) m̂ = m / (1 − β1ᵗ),  v̂ = v / (1 − β2ᵗ)     (편향 보정: m과 v가 0에서 시작한 것을 바로잡습니다)
        4) p ← p − 학습률 × m̂ / (√v̂ + ε)
    그래서 첫 단계에서는 m̂ = g, v̂ = g²이고 걸음의 크기는 거의 학습률과 같습니다.

    Keras는 같은 갱신을 p ← p − 학습률 × √(1 − β2ᵗ) / (1 − β1ᵗ) × m / (√v + ε)로 계산합니다.
    Keras 문서에 따르면 이 ε는 논문 2.1절 바로 앞 식의 ε̂입니다. 위 4)의 꼴로 옮기면 분모가
    √v̂ + ε / √(1 − β2ᵗ)가 되므로, 초기 단계에서는 Keras의 ε가 사실상 더 큽니다 (t = 1이면
    약 31.6배). √v̂가 ε보다 훨씬 크면 두 식은 거의 같고, 기울기가 아주 작을 때만 차이가 보입니다.
    여기서는 논문의 1)~4)를 그대로 씁니다. PyTorch의 torch.optim.Adam도 같은 식입니다.

    Args:
        params: 매개변수(Value)의 목록이나 생성기.
        lr: 학습률 (기본값 0.001).
        beta1: m의 감쇠율 (0 이상 1 미만).
        beta2: v의 감쇠율 (0 이상 1 미만).
        eps: 분모가 0이 되지 않게 더하는 작은 수 (Keras와 같은 기본값 1e-7, PyTorch는 1e-8).

    Raises:
        TypeError, ValueError: `SGD`와 같은 경우, 그리고 beta가 [0, 1) 밖이거나 eps ≤ 0일 때.

    Example:
        >>> w = Value(1.0)
        >>> opt = Adam([w], lr=0.1)
        >>> w.grad = 2.0
        >>> opt.step()
        >>> round(w.data, 6)
        0.9
    """

    def __init__(self, params: Iterable[Value], lr: float = 0.001, beta1: float = 0.9,
                 beta2: float = 0.999, eps: float = 1e-7) -> None:
        self.beta1 = _check_fraction(beta1, "beta1", "0.9")
        self.beta2 = _check_fraction(beta2, "beta2", "0.999")
        self.eps = _check_positive(eps, "eps", "1e-7")
        super().__init__(params, lr)

    def _initial_state(self) -> dict[str, float]:
        return {"m": 0.0, "v": 0.0}

    def _update(self, data: float, g: float, state: dict[str, float], t: int) -> tuple[float, dict[str, float]]:
        # 1) ~ 4)는 클래스 설명의 식과 같은 순서입니다.
        m = self.beta1 * state["m"] + (1.0 - self.beta1) * g
        v = self.beta2 * state["v"] + (1.0 - self.beta2) * g * g
        m_hat, v_hat = self._bias_corrected(m, v, t)
        return data - self.lr * m_hat / (math.sqrt(v_hat) + self.eps), {"m": m, "v": v}

    def _bias_corrected(self, m: float, v: float, t: int) -> tuple[float, float]:
        return m / (1.0 - self.beta1**t), v / (1.0 - self.beta2**t)

    def moments(self, p: Value) -> dict[str, float]:
        """매개변수 하나의 m, v와 편향 보정한 m̂, v̂를 돌려줍니다. 학습 중에 Adam을 들여다볼 때 씁니다.

        Returns:
            {"t": 단계 수, "m": m, "v": v, "m_hat": m̂, "v_hat": v̂}. 아직 step()을 부르지 않았으면 모두 0입니다.

        Raises:
            ValueError: p가 이 옵티마이저의 매개변수가 아닐 때.
        """
        if not isinstance(p, Value) or p not in self.state:
            raise ValueError(f"이 옵티마이저가 갱신하는 매개변수가 아닙니다. 받은 값: {p!r}. opt.params 안의 Value를 넣으세요.")
        m, v = self.state[p]["m"], self.state[p]["v"]
        if self.t == 0:
            return {"t": 0, "m": m, "v": v, "m_hat": 0.0, "v_hat": 0.0}
        m_hat, v_hat = self._bias_corrected(m, v, self.t)
        return {"t": self.t, "m": m, "v": v, "m_hat": m_hat, "v_hat": v_hat}

    def __repr__(self) -> str:
        return f"Adam(lr={self.lr!r}, beta1={self.beta1!r}, beta2={self.beta2!r}, eps={self.eps!r})"


# ---------------------------------------------------------------- 이름으로 찾기


def get(name: str) -> type[Optimizer]:
    """Keras의 이름("sgd", "adam")으로 옵티마이저 클래스를 찾습니다.

    Raises:
        TypeError: name이 문자열이 아닐 때.
        ValueError: 모르는 이름일 때.

    Example:
        >>> get("adam") is Adam
        True
    """
    classes = {"sgd": SGD, "adam": Adam}
    if not isinstance(name, str):
        raise TypeError(f"옵티마이저의 이름은 문자열이어야 합니다. 받은 값: {name!r}. 예: \"adam\"")
    key = name.strip().lower()
    if key not in classes:
        raise ValueError(f"알 수 없는 옵티마이저입니다. 받은 값: {name!r}. 다음 중 하나를 쓰세요: 'sgd', 'adam'")
    return classes[key]
