"""신경망 부품: `Module`, `Neuron`, `Layer`, `MLP`.

뉴런 하나는 가중합 Σ wᵢxᵢ + b를 계산하고 활성화 함수를 적용합니다. 층(Layer)은 같은 입력을
받는 뉴런의 목록이고, MLP는 층을 차례로 이은 것입니다. 순전파를 하면 `Value` 계산 그래프가
만들어지므로, 손실에서 `backward()`를 부르면 모든 가중치와 편향의 기울기가 채워집니다.
"""

from __future__ import annotations

import math
import numbers
import random
from typing import Sequence, Union

from micrograd_ko.engine import Value, _to_float

__all__ = ["Module", "Neuron", "Layer", "MLP", "ACTIVATIONS", "INITIALIZERS"]

ValueLike = Union[Value, int, float]

# 활성화 함수 이름과 그 함수. "linear"는 가중합을 그대로 내보냅니다.
ACTIVATIONS = {"relu": Value.relu, "tanh": Value.tanh, "sigmoid": Value.sigmoid, "linear": None}
INITIALIZERS = ("uniform", "glorot_uniform")


# ---------------------------------------------------------------- 입력 검사


def _check_size(n, arg_name: str) -> int:
    if isinstance(n, bool) or not isinstance(n, numbers.Integral):
        raise TypeError(f"{arg_name}는 양의 정수여야 합니다. 받은 값: {n!r} (자료형 {type(n).__name__}). 예: 3")
    if n <= 0:
        raise ValueError(f"{arg_name}는 1 이상이어야 합니다. 받은 값: {n!r}. 1 이상의 정수를 넣으세요.")
    return int(n)


def _check_choice(value, choices, kind: str) -> str:
    if not isinstance(value, str) or value not in choices:
        names = ", ".join(repr(c) for c in choices)
        raise ValueError(f"알 수 없는 {kind}입니다. 받은 값: {value!r}. 다음 중 하나를 쓰세요: {names}")
    return value


def _check_rng(rng) -> random.Random:
    if rng is None:
        return random.Random()
    if not isinstance(rng, random.Random):
        raise TypeError(
            f"rng는 random.Random 객체여야 합니다. 받은 값: {rng!r} (자료형 {type(rng).__name__}). "
            "예: rng=random.Random(42)"
        )
    return rng


def _as_inputs(x, nin: int) -> list[Value]:
    """입력 목록을 검사하고 숫자는 Value로 감쌉니다. 길이가 nin이 아니면 ValueError입니다."""
    # 0차원 numpy 배열은 __len__이 있어도 len()이 실패하므로 여기서 거릅니다.
    if isinstance(x, (Value, numbers.Number, str)) or not hasattr(x, "__len__") or getattr(x, "ndim", 1) == 0:
        raise TypeError(
            f"입력은 길이 {nin}인 목록이어야 합니다. 받은 값: {x!r} (자료형 {type(x).__name__}). "
            "숫자 하나라면 [x]처럼 목록으로 감싸세요."
        )
    if len(x) != nin:
        raise ValueError(f"입력의 길이가 nin과 다릅니다. 입력: {len(x)}개, nin: {nin}개. 입력의 길이를 nin과 같게 맞추세요.")
    return [v if isinstance(v, Value) else Value(_to_float(v, f"입력 x[{i}]"), label=f"x{i + 1}") for i, v in enumerate(x)]


def _check_fused(fused) -> bool:
    # "no" 같은 문자열이 bool()로 True가 되어 조용히 무시되지 않게 합니다.
    if not isinstance(fused, bool):
        raise TypeError(f"fused는 True나 False여야 합니다. 받은 값: {fused!r}. 예: MLP(2, [16, 1], fused=False)")
    return fused


# ---------------------------------------------------------------- Module


class Module:
    """매개변수(가중치와 편향)를 가진 모든 부품의 기반 클래스입니다.

    하위 클래스는 `named_parameters()`와 `__call__()`을 정의합니다.
    """

    def named_parameters(self) -> list[tuple[str, Value]]:
        """매개변수를 (이름, Value) 쌍으로 돌려줍니다. 이름은 "layers.0.neurons.3.w.2"처럼 점으로 잇습니다.

        같은 구조의 모델이면 이름과 순서가 언제나 같으므로 저장과 불러오기에 씁니다.
        """
        return []

    def parameters(self) -> list[Value]:
        """학습할 매개변수(가중치와 편향)의 목록을 `named_parameters()`와 같은 순서로 돌려줍니다."""
        return [p for _, p in self.named_parameters()]

    def num_parameters(self) -> int:
        """매개변수의 개수를 돌려줍니다 (Keras의 count_params와 같습니다)."""
        return len(self.named_parameters())

    def zero_grad(self) -> None:
        """모든 매개변수의 기울기를 0으로 되돌립니다. 역전파마다 기울기가 더해지므로 먼저 부릅니다."""
        for p in self.parameters():
            p.grad = 0.0

    def save(self, path) -> None:
        """매개변수를 JSON 파일로 저장합니다 (`micrograd_ko.serialize.save`)."""
        from micrograd_ko import serialize

        serialize.save(self, path)

    def load(self, path) -> None:
        """JSON 파일에서 매개변수를 불러옵니다 (`micrograd_ko.serialize.load`)."""
        from micrograd_ko import serialize

        serialize.load(self, path)

    @staticmethod
    def _prefixed(prefix: str, children: Sequence["Module"]) -> list[tuple[str, Value]]:
        return [(f"{prefix}.{i}.{name}", p) for i, child in enumerate(children) for name, p in child.named_parameters()]


# ---------------------------------------------------------------- Neuron


class Neuron(Module):
    """뉴런 하나: out = 활성화(Σ wᵢxᵢ + b).

    Args:
        nin: 입력의 개수 (가중치의 개수).
        activation: "relu", "tanh", "sigmoid", "linear" 중 하나.
        rng: 가중치를 뽑을 random.Random 객체. None이면 새로 만듭니다 (전역 난수는 쓰지 않습니다).
        init: "uniform"이면 가중치를 U(−1, 1)에서 뽑습니다 (micrograd의 선택).
            "glorot_uniform"이면 U(−limit, limit), limit = √(6 / (fan_in + fan_out))입니다 (Keras의 기본값).
        fused: True면 가중합을 `Value.weighted_sum` 노드 하나로 만듭니다. False면 입력마다
            곱셈(×) 노드를 만들고 `Value.sum` 노드 하나로 더합니다. 값과 기울기는 같습니다.
        fan_out: glorot_uniform에 쓰는 출력 개수. 층(Layer)이 자기 뉴런 수를 넘겨 줍니다.

    Raises:
        TypeError: nin이 정수가 아니거나 rng가 random.Random이 아닐 때.
        ValueError: nin이 1보다 작거나, activation 또는 init의 이름을 모를 때.

    Example:
        >>> n = Neuron(2, activation="tanh", rng=random.Random(0))
        >>> out = n([1.0, -2.0])
        >>> out.backward()
    """

    def __init__(self, nin: int, activation: str = "linear", rng: random.Random | None = None,
                 init: str = "uniform", fused: bool = True, fan_out: int = 1) -> None:
        self.nin = _check_size(nin, "nin(입력 개수)")
        self.activation = _check_choice(activation, tuple(ACTIVATIONS), "활성화 함수")
        self.init = _check_choice(init, INITIALIZERS, "가중치 초기화 방법(init)")
        self.fused = _check_fused(fused)
        fan_out = _check_size(fan_out, "fan_out(출력 개수)")
        rng = _check_rng(rng)

        # 가중치는 넘겨받은 rng에서만 뽑습니다. 그래서 같은 시드면 같은 가중치가 나옵니다.
        limit = 1.0 if init == "uniform" else math.sqrt(6.0 / (self.nin + fan_out))
        self.w = [Value(rng.uniform(-limit, limit), label=f"w{i + 1}") for i in range(self.nin)]
        self.b = Value(0.0, label="b")

    def __call__(self, x: Sequence[ValueLike]) -> Value:
        """순전파: 입력 x(길이 nin)에 대해 활성화(Σ wᵢxᵢ + b)를 계산합니다.

        Raises:
            TypeError: x가 목록이 아니거나 원소가 숫자나 Value가 아닐 때.
            ValueError: x의 길이가 nin과 다를 때.
        """
        return self._forward(_as_inputs(x, self.nin))

    def _forward(self, xs: list[Value]) -> Value:
        # 이미 검사한 입력으로 순전파만 합니다. Layer가 뉴런마다 같은 검사를 되풀이하지 않게 씁니다.
        if self.fused:
            act = Value.weighted_sum(self.w, xs, self.b)
        else:
            act = Value.sum([wi * xi for wi, xi in zip(self.w, xs)] + [self.b])
        fn = ACTIVATIONS[self.activation]
        return act if fn is None else fn(act)

    def named_parameters(self) -> list[tuple[str, Value]]:
        return [(f"w.{i}", w) for i, w in enumerate(self.w)] + [("b", self.b)]

    def __repr__(self) -> str:
        return f"Neuron({self.nin}, activation={self.activation!r})"


# ---------------------------------------------------------------- Layer, MLP


class Layer(Module):
    """같은 입력을 받는 뉴런 nout개로 된 층입니다. 호출하면 언제나 Value의 목록을 돌려줍니다.

    Args:
        nin: 입력의 개수.
        nout: 뉴런(출력)의 개수.
        activation, rng, init, fused: `Neuron`과 같습니다. 모든 뉴런이 같은 rng를 차례로 씁니다.

    Raises:
        TypeError, ValueError: `Neuron`과 같은 경우, 그리고 nout이 양의 정수가 아닐 때.

    Example:
        >>> layer = Layer(3, 2, activation="relu", rng=random.Random(0))
        >>> len(layer([1.0, 2.0, 3.0]))
        2
    """

    def __init__(self, nin: int, nout: int, activation: str = "linear", rng: random.Random | None = None,
                 init: str = "uniform", fused: bool = True) -> None:
        self.nin = _check_size(nin, "nin(입력 개수)")
        self.nout = _check_size(nout, "nout(출력 개수)")
        rng = _check_rng(rng)
        self.neurons = [Neuron(nin, activation, rng, init, fused, fan_out=self.nout) for _ in range(self.nout)]
        self.activation, self.init, self.fused = activation, init, _check_fused(fused)

    def __call__(self, x: Sequence[ValueLike]) -> list[Value]:
        """순전파: 각 뉴런의 출력을 목록으로 돌려줍니다 (뉴런이 하나여도 목록입니다)."""
        # 숫자 입력은 여기서 한 번만 Value로 바꿔서, 모든 뉴런이 같은 입력 노드를 공유하게 합니다.
        xs = _as_inputs(x, self.nin)
        return [n._forward(xs) for n in self.neurons]

    def named_parameters(self) -> list[tuple[str, Value]]:
        return self._prefixed("neurons", self.neurons)

    def __repr__(self) -> str:
        return f"Layer({self.nin} → {self.nout}, activation={self.activation!r})"


class MLP(Module):
    """다층 퍼셉트론: 층을 차례로 이은 신경망입니다.

    은닉층은 모두 `activation`을 쓰고 마지막 층(출력층)은 선형입니다. 분류에서는 출력을
    로짓(logit)으로 보고 손실 함수에 from_logits=True를 넘기면 됩니다.

    Args:
        nin: 입력의 개수.
        nouts: 층마다 뉴런의 개수. 예: [16, 16, 1]은 은닉층 두 개와 출력 하나입니다.
        activation: 은닉층의 활성화 함수 ("relu", "tanh", "sigmoid", "linear").
        seed: 가중치를 뽑을 난수의 시드. 같은 시드면 가중치가 똑같습니다. None이면 매번 다릅니다.
        init, fused: `Neuron`과 같습니다.

    Raises:
        TypeError: nouts가 목록이 아니거나 seed가 정수가 아닐 때.
        ValueError: nouts가 비었거나 그 안에 1보다 작은 수가 있을 때.

    Example:
        >>> model = MLP(2, [16, 16, 1], seed=0)
        >>> model
        MLP(2 → 16 → 16 → 1)
        >>> y = model([0.5, -1.0])  # 출력이 하나라서 Value 하나입니다.
    """

    def __init__(self, nin: int, nouts: Sequence[int], activation: str = "relu", seed: int | None = None,
                 init: str = "uniform", fused: bool = True) -> None:
        if isinstance(nouts, (str, numbers.Number)) or not hasattr(nouts, "__len__") or getattr(nouts, "ndim", 1) == 0:
            raise TypeError(f"nouts는 층마다 뉴런 수를 적은 목록이어야 합니다. 받은 값: {nouts!r}. 예: [16, 16, 1]")
        if len(nouts) == 0:
            raise ValueError("nouts가 비어 있습니다. 층마다 뉴런 수를 하나 이상 적으세요. 예: [16, 16, 1]")
        if seed is not None and (isinstance(seed, bool) or not isinstance(seed, numbers.Integral)):
            raise TypeError(f"seed는 정수나 None이어야 합니다. 받은 값: {seed!r}. 예: seed=42")
        self.nin = _check_size(nin, "nin(입력 개수)")
        self.nouts = [_check_size(n, f"nouts[{i}]") for i, n in enumerate(nouts)]
        self.activation = _check_choice(activation, tuple(ACTIVATIONS), "활성화 함수")
        self.seed, self.init, self.fused = seed, init, _check_fused(fused)

        rng = random.Random(seed)
        sizes = [self.nin] + self.nouts
        last = len(self.nouts) - 1
        self.layers = [
            Layer(sizes[i], sizes[i + 1], activation if i < last else "linear", rng, init, fused)
            for i in range(len(self.nouts))
        ]

    def __call__(self, x: Sequence[ValueLike]) -> Union[Value, list[Value]]:
        """순전파: 출력이 하나면 Value 하나를, 여러 개면 Value의 목록을 돌려줍니다."""
        for layer in self.layers:
            x = layer(x)
        return x[0] if len(x) == 1 else x

    def named_parameters(self) -> list[tuple[str, Value]]:
        return self._prefixed("layers", self.layers)

    def __repr__(self) -> str:
        sizes = " → ".join(str(n) for n in [self.nin] + self.nouts)
        extra = "" if self.activation == "relu" else f", activation={self.activation!r}"
        return f"MLP({sizes}{extra})"
