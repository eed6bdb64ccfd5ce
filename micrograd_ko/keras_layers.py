"""Keras 스타일 층: `Dense`와 `Input`. `keras.layers`로 씁니다.

`Dense`는 `nn.Layer`를 감쌉니다. Keras처럼 가중치는 glorot_uniform으로, 편향은 0으로
시작합니다. 입력 크기를 모르면 층을 바로 만들지 않고, 모델이 처음 데이터를 볼 때 만듭니다.
"""

from __future__ import annotations

import numbers
import random
import sys

from micrograd_ko.engine import Value
from micrograd_ko.nn import Layer

__all__ = ["Dense", "Input", "ACTIVATIONS", "set_random_seed", "rng"]

# 가중치 초기화와 데이터 섞기에 쓰는 난수 생성기. set_random_seed로 시드를 고정합니다.
rng = random.Random()

# Keras의 활성화 이름 -> nn.Layer의 활성화 이름. softmax는 선형 출력 뒤에 따로 적용합니다.
ACTIVATIONS = {None: "linear", "linear": "linear", "relu": "relu", "tanh": "tanh",
               "sigmoid": "sigmoid", "softmax": "linear"}


def set_random_seed(seed: int) -> None:
    """가중치 초기화와 데이터 섞기의 시드를 고정합니다 (`keras.utils.set_random_seed`).

    파이썬의 `random`과, 이미 가져온 경우 numpy의 전역 난수도 같은 시드로 고정합니다.
    그래서 `np.random.rand`로 만든 데이터도 실행할 때마다 같아집니다.

    Args:
        seed: 0 이상의 정수.

    Raises:
        TypeError: seed가 정수가 아닐 때.
        ValueError: seed가 음수일 때.

    Example:
        >>> set_random_seed(42)
    """
    if isinstance(seed, bool) or not isinstance(seed, numbers.Integral):
        raise TypeError(f"seed의 값은 정수여야 합니다. 받은 값: {seed!r}. 예: set_random_seed(42)")
    if seed < 0:
        raise ValueError(f"seed의 값은 0 이상이어야 합니다. 받은 값: {seed!r}.")
    rng.seed(int(seed))
    random.seed(int(seed))
    numpy = sys.modules.get("numpy")
    if numpy is not None:
        numpy.random.seed(int(seed) % 2**32)


def _check_input_shape(input_shape) -> int:
    """input_shape=(10,)에서 특성 수 10을 꺼냅니다. 1차원 특성만 받습니다."""
    if not isinstance(input_shape, (tuple, list)):
        raise TypeError(
            f"input_shape의 값은 튜플이어야 합니다. 받은 값: {input_shape!r}. "
            "특성이 10개라면 input_shape=(10,)처럼 쉼표를 붙여 쓰세요."
        )
    if len(input_shape) != 1:
        raise ValueError(
            f"이 Dense 층은 1차원 입력만 받습니다. 받은 input_shape: {input_shape!r}. "
            "이미지처럼 여러 차원이면 샘플마다 1차원으로 펼친 뒤 input_shape=(특성 수,)로 쓰세요."
        )
    n = input_shape[0]
    if isinstance(n, bool) or not isinstance(n, numbers.Integral) or n < 1:
        raise ValueError(f"input_shape의 특성 수는 1 이상의 정수여야 합니다. 받은 값: {input_shape!r}. 예: (10,)")
    return int(n)


class Input:
    """모델의 입력 모양을 알려 주는 표시입니다 (`keras.Input(shape=(10,))`).

    Sequential 목록의 맨 앞에 두면 첫 `Dense`에 input_shape를 쓴 것과 같습니다.

    Args:
        shape: 샘플 하나의 모양. 1차원만 받습니다. 예: (10,)

    Raises:
        TypeError, ValueError: shape가 (정수,) 꼴이 아닐 때.
    """

    def __init__(self, shape) -> None:
        self.shape = (_check_input_shape(shape),)

    def __repr__(self) -> str:
        return f"Input(shape={self.shape!r})"


class Dense:
    """완전 연결층(Dense): 출력 = 활성화(입력 · 가중치 + 편향).

    Args:
        units: 뉴런(출력)의 개수.
        activation: None(선형), "linear", "relu", "tanh", "sigmoid", "softmax" 중 하나.
        input_shape: 첫 층의 입력 모양, 예: (10,). 생략하면 처음 받은 데이터에서 정합니다.
        input_dim: input_shape=(input_dim,)의 줄임입니다.
        use_bias: False면 편향을 0으로 고정하고 학습하지 않습니다.
        name: 층의 이름. None이면 모델에 넣을 때 "dense", "dense_1", ...로 정합니다.

    Raises:
        TypeError: units가 정수가 아니거나 input_shape가 튜플이 아닐 때.
        ValueError: units가 1보다 작거나 activation 이름을 모를 때.

    Example:
        >>> layer = Dense(32, activation="relu", input_shape=(10,))
    """

    def __init__(self, units: int, activation: str | None = None, input_shape=None, input_dim: int | None = None,
                 use_bias: bool = True, name: str | None = None) -> None:
        if isinstance(units, bool) or not isinstance(units, numbers.Integral):
            raise TypeError(f"units의 값은 정수여야 합니다. 받은 값: {units!r}. 예: Dense(32)")
        if units < 1:
            raise ValueError(f"units의 값은 1 이상이어야 합니다. 받은 값: {units!r}. 뉴런 수를 1 이상으로 쓰세요.")
        if not isinstance(activation, (str, type(None))) or activation not in ACTIVATIONS:
            names = ", ".join(repr(a) for a in ACTIVATIONS)
            raise ValueError(f"알 수 없는 활성화 함수입니다. 받은 값: {activation!r}. 다음 중 하나를 쓰세요: {names}")
        if name is not None and not isinstance(name, str):
            raise TypeError(f"name의 값은 문자열이어야 합니다. 받은 값: {name!r}. 예: name=\"hidden\"")
        if input_dim is not None:
            input_shape = (input_dim,)
        self.units = int(units)
        self.activation = "linear" if activation is None else activation
        self.input_dim = None if input_shape is None else _check_input_shape(input_shape)
        self.use_bias = bool(use_bias)
        self.name = name
        self.layer: Layer | None = None

    @property
    def built(self) -> bool:
        """가중치를 이미 만들었는지 나타냅니다."""
        return self.layer is not None

    def build(self, input_dim: int) -> None:
        """입력 크기를 받아 가중치(glorot_uniform)와 편향(0)을 만듭니다."""
        self.input_dim = input_dim
        self.layer = Layer(input_dim, self.units, ACTIVATIONS[self.activation], rng=rng,
                           init="glorot_uniform", fused=True)

    def __call__(self, inputs: list) -> list[Value]:
        """순전파: 입력 목록을 받아 뉴런마다 출력 Value의 목록을 돌려줍니다.

        아직 가중치가 없으면 Keras처럼 입력의 길이로 먼저 만듭니다.
        """
        if self.layer is None:
            self.build(len(inputs))
        outputs = self.layer(inputs)
        if self.activation == "softmax":
            from micrograd_ko import losses

            outputs = losses.softmax(outputs)
        return outputs

    def named_parameters(self) -> list[tuple[str, Value]]:
        """매개변수를 (이름, Value) 쌍으로 돌려줍니다. use_bias=False면 편향은 빠집니다."""
        if self.layer is None:
            return []
        pairs = self.layer.named_parameters()
        if not self.use_bias:
            pairs = [(n, p) for n, p in pairs if not n.endswith(".b")]
        return pairs

    def count_params(self) -> int:
        """매개변수 개수: units × (입력 수 + 1), 편향이 없으면 units × 입력 수."""
        if self.input_dim is None:
            return 0
        return self.units * (self.input_dim + (1 if self.use_bias else 0))

    def __repr__(self) -> str:
        extra = "" if self.activation == "linear" else f", activation={self.activation!r}"
        return f"Dense({self.units}{extra})"
