"""Keras 스타일 옵티마이저: `Adam`, `SGD`, `get`. `keras.optimizers`로 씁니다.

Keras처럼 옵티마이저 객체는 설정(학습률 등)만 가집니다. 모델의 매개변수는 첫 `fit`에서
묶이고, 그때 실제 갱신을 하는 `micrograd_ko.optim`의 옵티마이저가 만들어집니다.
"""

from __future__ import annotations

import numbers

__all__ = ["Adam", "SGD", "get"]


def _positive(value, name: str) -> float:
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name}의 값은 실수여야 합니다. 받은 값: {value!r}. 예: {name}=0.001")
    if not 0 < value < float("inf"):
        raise ValueError(f"{name}의 값은 0보다 큰 유한한 실수여야 합니다. 받은 값: {value!r}. 예: {name}=0.001")
    return float(value)


def _fraction(value, name: str) -> float:
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name}의 값은 실수여야 합니다. 받은 값: {value!r}. 예: {name}=0.9")
    if not 0.0 <= value < 1.0:
        raise ValueError(f"{name}의 값은 0 이상 1 미만이어야 합니다. 받은 값: {value!r}. 예: {name}=0.9")
    return float(value)


class Adam:
    """Adam 옵티마이저의 설정입니다. 기본값은 Keras와 같습니다.

    Args:
        learning_rate: 학습률 (기본값 0.001).
        beta_1: 기울기 평균(1차 모멘트)의 감쇠율 (기본값 0.9).
        beta_2: 기울기 제곱 평균(2차 모멘트)의 감쇠율 (기본값 0.999).
        epsilon: 0으로 나누지 않게 분모에 더하는 작은 수 (기본값 1e-7).

    Raises:
        TypeError: 값이 실수가 아닐 때.
        ValueError: 학습률이나 epsilon이 0 이하이거나 무한대이거나, beta가 [0, 1) 밖일 때.

    Example:
        >>> model.compile(optimizer=Adam(learning_rate=0.01), loss="binary_crossentropy")
    """

    name = "adam"

    def __init__(self, learning_rate: float = 0.001, beta_1: float = 0.9, beta_2: float = 0.999,
                 epsilon: float = 1e-7) -> None:
        self.learning_rate = _positive(learning_rate, "learning_rate")
        self.beta_1 = _fraction(beta_1, "beta_1")
        self.beta_2 = _fraction(beta_2, "beta_2")
        self.epsilon = _positive(epsilon, "epsilon")

    def bind(self, params: list):
        """모델의 매개변수를 묶은 `optim.Adam`을 만듭니다. 첫 fit이 부릅니다."""
        from micrograd_ko import optim

        return optim.Adam(params, lr=self.learning_rate, beta1=self.beta_1, beta2=self.beta_2, eps=self.epsilon)

    def __repr__(self) -> str:
        return f"Adam(learning_rate={self.learning_rate!r})"


class SGD:
    """확률적 경사 하강법(SGD) 옵티마이저의 설정입니다. 기본값은 Keras와 같습니다.

    갱신 규칙(momentum = 0): 새 가중치 = 가중치 − 학습률 × 기울기.

    Args:
        learning_rate: 학습률 (기본값 0.01).
        momentum: 관성 계수, 0 이상 1 미만 (기본값 0.0).

    Raises:
        TypeError: 값이 실수가 아닐 때.
        ValueError: 학습률이 0 이하이거나 무한대이거나 momentum이 [0, 1) 밖일 때.

    Example:
        >>> model.compile(optimizer=SGD(learning_rate=0.1, momentum=0.9), loss="mse")
    """

    name = "sgd"

    def __init__(self, learning_rate: float = 0.01, momentum: float = 0.0) -> None:
        self.learning_rate = _positive(learning_rate, "learning_rate")
        self.momentum = _fraction(momentum, "momentum")

    def bind(self, params: list):
        """모델의 매개변수를 묶은 `optim.SGD`를 만듭니다. 첫 fit이 부릅니다."""
        from micrograd_ko import optim

        return optim.SGD(params, lr=self.learning_rate, momentum=self.momentum)

    def __repr__(self) -> str:
        return f"SGD(learning_rate={self.learning_rate!r}, momentum={self.momentum!r})"


_BY_NAME = {"adam": Adam, "sgd": SGD}


def get(identifier):
    """이름("adam", "sgd")이나 옵티마이저 객체를 Keras 스타일 옵티마이저 객체로 바꿉니다.

    `micrograd_ko.optim`의 옵티마이저처럼 매개변수가 이미 묶인 객체(step과 zero_grad가 있음)는
    그대로 돌려줍니다. 이때는 그 객체가 이 모델의 매개변수를 갱신하는지 직접 확인해야 합니다.

    Args:
        identifier: 이름 문자열, `Adam`/`SGD` 객체, 또는 step()과 zero_grad()가 있는 객체.

    Returns:
        `Adam`, `SGD` 또는 받은 객체.

    Raises:
        ValueError: 모르는 이름일 때.
        TypeError: 문자열도 옵티마이저도 아닐 때.

    Example:
        >>> get("adam")
        Adam(learning_rate=0.001)
    """
    if isinstance(identifier, str):
        cls = _BY_NAME.get(identifier.lower())
        if cls is None:
            names = ", ".join(repr(n) for n in _BY_NAME)
            raise ValueError(f"알 수 없는 옵티마이저 이름입니다. 받은 값: {identifier!r}. 다음 중 하나를 쓰세요: {names}")
        return cls()
    if isinstance(identifier, (Adam, SGD)):
        return identifier
    if callable(getattr(identifier, "step", None)) and callable(getattr(identifier, "zero_grad", None)):
        return identifier
    raise TypeError(
        f"optimizer에는 이름이나 옵티마이저 객체를 넣으세요. 받은 값: {identifier!r} "
        f"(자료형 {type(identifier).__name__}). 예: optimizer='adam' 또는 optimizers.Adam(learning_rate=0.001)"
    )
