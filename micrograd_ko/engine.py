"""스칼라 자동 미분 엔진: `Value`, 연산 선언, 역전파(backward), `no_grad`.

각 연산은 `Op` 하나로 한 번만 선언합니다. 선언에는 기호, 한국어 이름, 순전파 식과
국소 미분(local derivative) 식이 나란히 있습니다. `backward()`, 설명기(explain)와
그래프 그리기(viz)는 모두 이 선언을 읽으므로 같은 숫자를 보여 줍니다.
"""

from __future__ import annotations

import decimal
import functools
import gc
import math
import numbers
from contextlib import contextmanager
from itertools import filterfalse
from operator import attrgetter, mul
from typing import Callable, Iterable, Iterator, Union

__all__ = ["Value", "Op", "no_grad", "is_grad_enabled", "topological_order", "OPS"]

_EXP_MAX = 709.782712893384  # math.exp는 이 값보다 크면 float 범위를 넘습니다.
_grad_enabled = True
_data = attrgetter("data")  # map(_data, 노드들)은 data를 C 수준 반복으로 모읍니다.
_parents_of = attrgetter("_parents")


def _generic(name: str) -> Callable:
    """float에는 math 함수를, Value에는 Value의 메서드를 적용하는 함수를 만듭니다."""
    math_fn = getattr(math, name)

    def apply(x):
        return getattr(x, name)() if isinstance(x, Value) else math_fn(x)

    return apply


# 국소 미분 식은 float와 Value 모두에 쓸 수 있게 +, −, ×, ÷와 아래 함수로만 씁니다.
# 그래서 나중에 고계 미분(create_graph)을 더해도 선언을 다시 쓸 필요가 없습니다.
_log = _generic("log")


def _check_pow(a: float, b: float) -> None:
    if a == 0 and b < 0:
        raise ZeroDivisionError(
            f"0의 음수 거듭제곱은 정의되지 않습니다. 밑: {a!r}, 지수: {b!r}. 밑을 0이 아닌 값으로 바꾸세요."
        )
    if a < 0 and b != int(b):
        raise ValueError(
            f"음수의 정수가 아닌 거듭제곱은 실수가 아닙니다. 밑: {a!r}, 지수: {b!r}. "
            "밑을 양수로 바꾸거나 지수를 정수로 바꾸세요."
        )


def _pow_forward(a: float, b: float) -> float:
    _check_pow(a, b)
    try:
        return a**b
    except OverflowError:
        raise OverflowError(
            f"거듭제곱 결과가 float 범위(약 1.8e308)를 넘습니다. 밑: {a!r}, 지수: {b!r}. 입력의 크기를 줄이세요."
        ) from None


def _pow_base_grad(out, a, b):
    """∂(a**b)/∂a = b × a^(b−1). a = 0이고 0 < b < 1이면 무한대라서 존재하지 않습니다."""
    if b == 0:
        return 0.0
    if a == 0 and b < 1:
        raise ZeroDivisionError(
            f"x = 0에서 거듭제곱의 기울기가 무한대라서 존재하지 않습니다. 식: x**{b!r}, 받은 x: {a!r}. "
            "입력을 0에서 떨어뜨리세요(예: x + 1e-8)."
        )
    try:
        return b * a ** (b - 1)
    except OverflowError:  # 예: x**-1의 기울기 −x⁻²는 x = 1e-300에서 float 범위를 넘습니다.
        raise OverflowError(
            f"거듭제곱의 국소 미분이 float 범위를 넘습니다. 밑: {a!r}, 지수: {b!r}. 밑을 0에서 더 떨어뜨리세요."
        ) from None


def _pow_exponent_grad(out, a, b):
    """∂(a**b)/∂b = a^b × ln a. a < 0이면 실수 범위에서 존재하지 않습니다."""
    if a == 0:
        return 0.0 * out  # a → 0⁺의 극한이 0입니다 (PyTorch와 같은 선택).
    if a < 0:
        raise ValueError(
            f"밑이 음수이면 지수에 대한 기울기 a^b × ln a가 실수가 아닙니다. 밑: {a!r}. "
            "지수를 상수(파이썬 숫자)로 쓰거나 밑을 양수로 바꾸세요."
        )
    return out * _log(a)


def _div_forward(a: float, b: float) -> float:
    if b == 0:
        raise ZeroDivisionError(f"0으로 나눌 수 없습니다. 나뉘는 값: {a!r}, 나누는 값: {b!r}. 나누는 값을 0이 아닌 값으로 바꾸세요.")
    return a / b


def _exp_forward(x: float) -> float:
    if x > _EXP_MAX:
        raise OverflowError(
            f"exp의 입력이 너무 큽니다. 받은 값: {x!r}. exp(x)는 x ≤ {_EXP_MAX:.2f}일 때만 float로 표현됩니다. "
            "입력의 크기를 줄이세요."
        )
    return math.exp(x)


def _log_forward(x: float) -> float:
    if x <= 0:
        raise ValueError(f"log의 입력은 0보다 커야 합니다. 받은 값: {x!r}. 입력을 양수로 바꾸세요.")
    return math.log(x)


def _sigmoid_forward(x: float) -> float:
    # exp에는 항상 0 이하의 수만 넣어서 x = ±1000에서도 넘치지 않게 합니다.
    if x >= 0:
        return 1.0 / (1.0 + math.exp(-x))
    e = math.exp(x)
    return e / (1.0 + e)


def _sum_forward(*xs: float) -> float:
    try:
        return math.fsum(xs)
    except OverflowError:  # fsum은 inf를 돌려주지 않고 직접 OverflowError를 냅니다.
        raise OverflowError(
            f"합(Σ)의 결과가 float 범위(약 ±1.8e308)를 넘습니다. 가장 큰 입력: {max(xs, key=abs)!r}. 입력의 크기를 줄이세요."
        ) from None


def _linear_forward(*args: float) -> float:
    n = (len(args) - 1) // 2
    return sum(map(mul, args[:n], args[n : 2 * n]), args[-1])


def _linear_grads(out, *args):
    n = (len(args) - 1) // 2
    return (*args[n : 2 * n], *args[:n], 1.0)


# ---------------------------------------------------------------- 연산 선언


class Op:
    """연산 하나의 선언: 기호, 한국어 이름, 순전파 식, 국소 미분 식.

    `grads(out, *inputs)`는 입력마다 ∂out/∂입력을 돌려줍니다. `grad_text`는 같은 식을
    사람이 읽는 글로 적은 것입니다 (입력 이름은 단항이면 x, 이항이면 a, b).
    `const`가 있는 연산(예: x**2)은 상수를 순전파와 국소 미분의 마지막 인자로 받습니다.
    """

    __slots__ = ("name", "symbol", "name_ko", "forward", "grads", "grad_text", "const")

    def __init__(self, name, symbol, name_ko, forward, grads, grad_text, const=None):
        self.name, self.symbol, self.name_ko = name, symbol, name_ko
        self.forward, self.grads, self.grad_text, self.const = forward, grads, grad_text, const

    def __repr__(self) -> str:
        return f"Op({self.name!r}, {self.symbol!r})"

    @functools.lru_cache(maxsize=256)
    def bind(self, const: float) -> "Op":
        """상수 하나를 고정한 연산을 만듭니다 (x**2의 2, 2**x의 2)."""
        symbol = self.symbol.format(c=_fmt(const)) if "{c}" in self.symbol else self.symbol
        forward = functools.partial(_call_with_const, self.forward, const)
        grads = functools.partial(_call_with_const, self.grads, const)
        return Op(self.name, symbol, self.name_ko, forward, grads, self.grad_text, const)

    def local_grads(self, node: "Value") -> tuple:
        """`node`의 부모마다 국소 미분 ∂node/∂부모를 float로 계산합니다."""
        return tuple(self.grads(node.data, *map(_data, node._parents)))


def _call_with_const(fn, const, *args):
    return fn(*args, const)


def _fmt(x: float) -> str:
    return str(int(x)) if x == int(x) else repr(x)


ADD = Op("add", "+", "덧셈", lambda a, b: a + b, lambda out, a, b: (1.0, 1.0), ("1", "1"))
SUB = Op("sub", "−", "뺄셈", lambda a, b: a - b, lambda out, a, b: (1.0, -1.0), ("1", "−1"))
MUL = Op("mul", "×", "곱셈", lambda a, b: a * b, lambda out, a, b: (b, a), ("b", "a"))
DIV = Op("div", "/", "나눗셈", _div_forward, lambda out, a, b: (1.0 / b, -out / b), ("1/b", "−a/b²"))
NEG = Op("neg", "−", "부호 바꾸기", lambda a: -a, lambda out, a: (-1.0,), ("−1",))
POW = Op("pow", "**", "거듭제곱", _pow_forward,
         lambda out, a, b: (_pow_base_grad(out, a, b), _pow_exponent_grad(out, a, b)),
         ("b × a^(b−1)", "a^b × ln a"))
POW_CONST = Op("pow_const", "**{c}", "거듭제곱", _pow_forward,
               lambda out, a, c: (_pow_base_grad(out, a, c),), ("c × x^(c−1)",))
RPOW_CONST = Op("rpow_const", "{c}**", "거듭제곱(상수 밑)", lambda x, c: _pow_forward(c, x),
                lambda out, x, c: (out * _log(c),), ("c^x × ln c",))
EXP = Op("exp", "exp", "지수 함수", _exp_forward, lambda out, x: (out,), ("exp(x)",))
LOG = Op("log", "log", "자연로그", _log_forward, lambda out, x: (1.0 / x,), ("1/x",))
TANH = Op("tanh", "tanh", "쌍곡탄젠트", math.tanh, lambda out, x: (1.0 - out * out,), ("1 − tanh(x)²",))
SIGMOID = Op("sigmoid", "σ", "시그모이드", _sigmoid_forward,
             lambda out, x: (out * (1.0 - out),), ("σ(x) × (1 − σ(x))",))
# NOTE: x = 0에서 ReLU의 미분은 정의되지 않습니다. PyTorch와 Keras처럼 0을 씁니다.
RELU = Op("relu", "ReLU", "ReLU", lambda x: x if x > 0 else 0.0,
          lambda out, x: (1.0 if (x.data if isinstance(x, Value) else x) > 0 else 0.0,), ("1 (x > 0), 0 (x ≤ 0)",))
CLIP = Op("clip", "clip", "자르기", lambda x, c: min(max(x, c[0]), c[1]),
          lambda out, x, c: (1.0 if c[0] < (x.data if isinstance(x, Value) else x) < c[1] else 0.0,),
          ("1 (lo < x < hi), 0 (그 밖)",))
SUM = Op("sum", "Σ", "합", _sum_forward, lambda out, *xs: (1.0,) * len(xs), ("1",))
LINEAR = Op("linear", "Σwx+b", "가중합", _linear_forward, _linear_grads, ("xᵢ (∂/∂wᵢ)", "wᵢ (∂/∂xᵢ)", "1 (∂/∂b)"))

OPS = {op.name: op for op in (ADD, SUB, MUL, DIV, NEG, POW, POW_CONST, RPOW_CONST,
                              EXP, LOG, TANH, SIGMOID, RELU, CLIP, SUM, LINEAR)}


# ---------------------------------------------------------------- 입력 검사


def _to_float(x, what: str = "Value의 data") -> float:
    """숫자 하나를 float로 바꿉니다. 숫자가 아니거나 nan, inf이면 한국어 오류를 냅니다."""
    if isinstance(x, bool) or type(x).__name__ == "bool_":
        raise TypeError(f"bool은 숫자로 쓸 수 없습니다 ({what}). 받은 값: {x!r}. 1.0이나 0.0처럼 숫자로 쓰세요.")
    if not isinstance(x, (numbers.Real, decimal.Decimal)):
        hint = _type_hint(x)
        raise TypeError(f"실수 하나가 필요합니다 ({what}). 받은 값: {x!r} (자료형 {type(x).__name__}). {hint}")
    try:
        value = float(x)
    except OverflowError:  # 10**400 같은 큰 정수나 분수
        raise OverflowError(
            f"float 범위(약 ±1.8e308)를 넘는 수입니다 ({what}). 받은 값: {x!r}. 값의 크기를 줄이세요."
        ) from None
    except ValueError:  # Decimal("sNaN")처럼 float로 바꿀 수 없는 특수한 값
        raise ValueError(f"유한한 실수가 필요합니다 ({what}). 받은 값: {x!r}. 보통의 숫자를 넣으세요.") from None
    if value - value:  # nan과 ±inf만 참이 됩니다.
        raise ValueError(f"유한한 실수가 필요합니다 ({what}). 받은 값: {x!r}. nan이나 inf가 어디서 생겼는지 확인하세요.")
    return value


def _type_hint(x) -> str:
    if isinstance(x, str):
        return "문자열이면 float(\"2.5\")처럼 먼저 숫자로 바꾸세요."
    if isinstance(x, numbers.Complex):
        return "복소수는 지원하지 않습니다. 실수부(.real)만 쓰세요."
    if x is None:
        return "값을 아직 정하지 않았다면 숫자를 넣으세요."
    if hasattr(x, "__len__") or hasattr(x, "shape"):
        return "Value 하나는 스칼라 하나입니다. 목록이면 [Value(x) for x in 목록]처럼 원소마다 만드세요."
    return "int나 float를 넣으세요."


def _as_value(x) -> "Value":
    if isinstance(x, Value):
        return x
    if type(x) is float and not x - x:  # 가장 흔한 경우라서 검사를 건너뜁니다.
        return _node(x, (), None)
    return Value(_to_float(x, "연산의 피연산자"))


def _as_list(items, what: str) -> list:
    if isinstance(items, (list, tuple)):
        return list(items)
    if isinstance(items, (str, Value, numbers.Number)) or not isinstance(items, Iterable) or getattr(items, "ndim", 1) == 0:
        raise TypeError(
            f"{what}에는 값의 목록이 필요합니다. 받은 값: {items!r} (자료형 {type(items).__name__}). "
            "값이 하나라면 [x]처럼 목록으로 감싸세요."
        )
    return list(items)


def _as_values(items) -> list["Value"]:
    items = _as_list(items, "Value.sum")
    if set(map(type, items)) <= {Value}:  # 모두 Value이면 원소마다 검사하지 않습니다.
        return items
    return [_as_value(x) for x in items]


def _node(data: float, parents: tuple, op: Op | None) -> "Value":
    # __init__의 검사를 거치지 않고 노드를 만듭니다. 속성을 하나씩 넣는 편이 튜플 대입보다 빠릅니다.
    out = Value.__new__(Value)
    out.data = data
    out.grad = 0.0
    out.label = ""
    out._parents = parents
    out._op = op
    return out


def _apply(op: Op, *parents: "Value") -> "Value":
    """연산 `op`를 부모들에 적용해 새 노드를 만듭니다 (순전파 한 단계)."""
    # 단항과 이항 연산이 대부분이라서 목록을 만들지 않고 data를 바로 넘깁니다.
    if len(parents) == 2:
        data = op.forward(parents[0].data, parents[1].data)
    elif len(parents) == 1:
        data = op.forward(parents[0].data)
    else:
        data = op.forward(*map(_data, parents))
    if data - data:
        inputs = ", ".join(repr(p.data) for p in parents)
        raise OverflowError(
            f"{op.name_ko}({op.symbol})의 결과가 float 범위(약 ±1.8e308)를 넘습니다. 입력: {inputs}. 입력의 크기를 줄이세요."
        )
    if _grad_enabled:
        return _node(data, parents, op)
    return _node(data, (), None)


# ---------------------------------------------------------------- Value

ValueLike = Union["Value", int, float]


class Value:
    """실수 하나와 그 기울기(grad), 그리고 그 값을 만든 연산과 부모를 담는 노드입니다.

    Args:
        data: 실수 하나 (int, float, Fraction, numpy 스칼라). bool, 문자열, None,
            복소수, 목록과 배열은 TypeError, nan과 inf는 ValueError입니다.
        label: 그래프와 설명에 보일 이름 (예: "w1", "손실").

    Example:
        >>> a, b = Value(2.0, label="a"), Value(-3.0, label="b")
        >>> c = a * b + a
        >>> c.backward()
        >>> a.grad, b.grad
        (-2.0, 2.0)
    """

    __slots__ = ("data", "grad", "label", "_parents", "_op")

    def __init__(self, data: ValueLike, label: str = "") -> None:
        if not isinstance(label, str):
            raise TypeError(f"label은 문자열이어야 합니다. 받은 값: {label!r}. 예: Value(2.0, label=\"a\")")
        self.data = data if type(data) is float and not data - data else _to_float(data)
        self.grad = 0.0
        self.label = label
        self._parents: tuple = ()
        self._op: Op | None = None

    # 산술 연산: 숫자는 상수 노드(잎 노드)로 감싸서 그래프에 넣습니다.
    def __add__(self, other: ValueLike) -> "Value":
        return _apply(ADD, self, _as_value(other))

    def __radd__(self, other: ValueLike) -> "Value":
        return _apply(ADD, _as_value(other), self)

    def __sub__(self, other: ValueLike) -> "Value":
        return _apply(SUB, self, _as_value(other))

    def __rsub__(self, other: ValueLike) -> "Value":
        return _apply(SUB, _as_value(other), self)

    def __mul__(self, other: ValueLike) -> "Value":
        return _apply(MUL, self, _as_value(other))

    def __rmul__(self, other: ValueLike) -> "Value":
        return _apply(MUL, _as_value(other), self)

    def __truediv__(self, other: ValueLike) -> "Value":
        return _apply(DIV, self, _as_value(other))

    def __rtruediv__(self, other: ValueLike) -> "Value":
        return _apply(DIV, _as_value(other), self)

    def __neg__(self) -> "Value":
        return _apply(NEG, self)

    def __pow__(self, other: ValueLike) -> "Value":
        """거듭제곱 a**b를 계산합니다. 지수가 숫자이면 ∂/∂a = c × a^(c−1)만 구합니다."""
        if isinstance(other, Value):
            return _apply(POW, self, other)
        return _apply(POW_CONST.bind(_to_float(other, "지수")), self)

    def __rpow__(self, other: ValueLike) -> "Value":
        base = _to_float(other, "밑")
        if base > 0:
            return _apply(RPOW_CONST.bind(base), self)
        return _apply(POW, Value(base), self)

    # 활성화 함수와 초월 함수
    def exp(self) -> "Value":
        """eˣ를 계산합니다. ∂out/∂x = eˣ = out. x > 709.78이면 OverflowError입니다."""
        return _apply(EXP, self)

    def log(self) -> "Value":
        """자연로그 ln x를 계산합니다. ∂out/∂x = 1/x. x ≤ 0이면 ValueError입니다."""
        return _apply(LOG, self)

    def tanh(self) -> "Value":
        """tanh x를 계산합니다. ∂out/∂x = 1 − out². 모든 유한한 x에서 안정적입니다."""
        return _apply(TANH, self)

    def sigmoid(self) -> "Value":
        """σ(x) = 1/(1 + e⁻ˣ)를 계산합니다. ∂out/∂x = out × (1 − out). 큰 |x|에서도 넘치지 않습니다."""
        return _apply(SIGMOID, self)

    def relu(self) -> "Value":
        """max(0, x)를 계산합니다. ∂out/∂x는 x > 0이면 1, x ≤ 0이면 0입니다 (x = 0에서도 0)."""
        return _apply(RELU, self)

    def clip(self, low: float, high: float) -> "Value":
        """값을 [low, high] 구간으로 자릅니다. ∂out/∂x는 구간 안에서 1, 밖(경계 포함)에서 0입니다.

        이진 크로스엔트로피가 log(0)을 피하려고 확률을 [1e-7, 1 − 1e-7]로 자를 때 씁니다.
        """
        low, high = _to_float(low, "clip의 low"), _to_float(high, "clip의 high")
        if low > high:
            raise ValueError(f"clip의 low가 high보다 큽니다. low: {low!r}, high: {high!r}. low ≤ high가 되게 바꾸세요.")
        return _apply(CLIP.bind((low, high)), self)

    @staticmethod
    def sum(values: Iterable[ValueLike]) -> "Value":
        """여러 값의 합을 노드 하나로 만듭니다. 각 입력에 대해 ∂out/∂xᵢ = 1입니다.

        파이썬의 sum()은 n개를 더할 때 노드를 n개 만들지만, 이 함수는 하나만 만듭니다.
        """
        parents = _as_values(values)
        if not parents:
            raise ValueError("Value.sum에 빈 목록을 넣었습니다. 더할 값을 하나 이상 넣으세요.")
        return _apply(SUM, *parents)

    @staticmethod
    def weighted_sum(weights: list, inputs: list, bias: ValueLike = 0.0) -> "Value":
        """뉴런의 가중합 Σ wᵢxᵢ + b를 노드 하나로 만듭니다.

        국소 미분은 ∂out/∂wᵢ = xᵢ, ∂out/∂xᵢ = wᵢ, ∂out/∂b = 1입니다.
        """
        ws = weights if isinstance(weights, (list, tuple)) else _as_list(weights, "weighted_sum의 weights")
        xs = inputs if isinstance(inputs, (list, tuple)) else _as_list(inputs, "weighted_sum의 inputs")
        if len(ws) != len(xs):
            raise ValueError(
                f"가중치와 입력의 개수가 다릅니다. 가중치: {len(ws)}개, 입력: {len(xs)}개. 두 목록의 길이를 맞추세요."
            )
        parents = (*ws, *xs, bias)
        if set(map(type, parents)) != _VALUE_ONLY:  # 모두 Value이면 원소마다 검사하지 않습니다.
            parents = tuple(map(_as_value, parents))
        return _apply(LINEAR, *parents)

    # 역전파
    def backward(self) -> None:
        """이 값에서 시작해 그래프의 모든 노드로 기울기를 보냅니다 (역전파).

        위상 정렬의 역순으로 노드마다 연쇄 법칙을 한 번씩 적용합니다:
        ∂L/∂부모 += ∂L/∂노드 × ∂노드/∂부모. 여러 경로로 닿는 노드는 기울기가 더해집니다.

        두 번째 호출: 중간 노드의 기울기는 매번 0에서 다시 계산하고, 잎 노드(직접 만든
        Value)의 기울기는 PyTorch처럼 계속 더해집니다. 그래서 두 번 부르면 잎의 기울기가
        두 배가 됩니다. 새로 시작하려면 먼저 `zero_grad()`를 부르세요.

        Raises:
            OverflowError: 기울기가 float 범위를 넘을 때.
            ZeroDivisionError, ValueError: 국소 미분이 존재하지 않을 때 (예: x**0.5의 x = 0).
        """
        # 역전파는 참조 순환을 만들지 않으므로 그동안 순환 가비지 수집기(gc)를 멈춥니다.
        # 큰 그래프에서 gc가 살아 있는 노드를 모두 훑는 시간을 아낍니다.
        paused = gc.isenabled()
        gc.disable()
        try:
            order = _sort(self, with_leaves=False)
            for node in order:
                node.grad = 0.0
            self.grad += 1.0
            _propagate(order)
        finally:
            if paused:
                gc.enable()

    def zero_grad(self) -> None:
        """이 값의 그래프에 있는 모든 노드의 기울기를 0으로 되돌립니다."""
        for node in topological_order(self):
            node.grad = 0.0

    # 표시와 변환
    def __repr__(self) -> str:
        text = f"Value(data={self.data!r}, grad={self.grad!r}"
        if self.label:
            text += f", label={self.label!r}"
        if self._op is not None:
            text += f", op={self._op.symbol!r}"
        return text + ")"

    def __float__(self) -> float:
        return self.data

    def __format__(self, spec: str) -> str:
        return format(self.data, spec) if spec else repr(self)

    def _compare(self, other):
        raise TypeError(
            "Value끼리는 크기를 비교할 수 없습니다. 비교하려면 v.data > 0처럼 .data를 쓰세요."
        )

    __lt__ = __le__ = __gt__ = __ge__ = _compare


_VALUE_ONLY = {Value}  # 부모의 자료형 집합이 이것과 같으면 원소마다 검사할 필요가 없습니다.


# ---------------------------------------------------------------- 그래프 도구


def topological_order(root: Value) -> list[Value]:
    """`root`의 그래프를 위상 정렬해서 부모가 항상 자식보다 앞에 오는 목록을 돌려줍니다.

    재귀 대신 명시적 스택을 쓰므로 노드가 100만 개인 사슬도 정렬합니다.
    부모는 인자 순서대로 방문하므로 같은 식은 언제나 같은 순서가 됩니다.
    """
    if not isinstance(root, Value):
        raise TypeError(f"Value가 필요합니다. 받은 값: {root!r} (자료형 {type(root).__name__}).")
    return _sort(root, with_leaves=True)


def _sort(root: Value, with_leaves: bool) -> list[Value]:
    # 1) 스택에서 처음 보는 중간 노드를 꺼내면 `expanding`에 넣고, 표시(None)와 아직 보지
    #    않은 부모들을 스택에 올립니다. 2) 표시를 꺼내면 그 노드의 부모가 모두 끝났으므로
    #    `expanding`의 맨 위 노드를 순서에 넣습니다. 부모 거르기는 filter가 C에서 하고,
    #    튜플을 만들지 않습니다. 역전파에는 잎 노드가 필요 없어서 with_leaves=False이면 뺍니다.
    order: list[Value] = []
    seen: set[Value] = set()
    is_seen = seen.__contains__
    expanding: list[Value] = []
    stack: list[Value | None] = [root]
    while stack:
        node = stack.pop()
        if node is None:
            order.append(expanding.pop())
            continue
        if node in seen:
            continue
        seen.add(node)
        parents = node._parents
        if not parents:
            if with_leaves:
                order.append(node)
            continue
        expanding.append(node)
        stack.append(None)
        if with_leaves:
            stack.extend(filterfalse(is_seen, reversed(parents)))
        else:
            stack.extend(filterfalse(is_seen, filter(_parents_of, reversed(parents))))
    return order


def _propagate(order: list[Value]) -> None:
    # 위상 정렬의 역순으로 ∂L/∂부모 += ∂L/∂노드 × ∂노드/∂부모를 적용합니다.
    # 국소 미분은 `Op.local_grads`와 같은 선언(op.grads)에서 읽고, 흔한 이항과 단항
    # 연산은 목록을 만들지 않는 길로 보냅니다. 더할 때마다 기울기가 유한한지 봅니다.
    # pop()으로 꺼내면 목록이 줄어들며 메모리를 돌려주므로 큰 그래프의 최대 메모리가 줄어듭니다.
    while order:
        node = order.pop()
        g = node.grad
        # 기울기가 0인 노드(예: 꺼진 ReLU 뒤)는 부모에게 보낼 몫이 모두 0이므로 건너뜁니다.
        # NOTE: 그래서 이런 노드에서는 국소 미분을 계산하지 않고, x**0.5의 x = 0처럼 국소
        # 미분이 없는 경우에도 오류가 나지 않습니다. 받는 기울기가 0이면 몫도 0이기 때문입니다.
        if not g:
            continue
        parents = node._parents
        if len(parents) == 2:
            a, b = parents
            da, db = node._op.grads(node.data, a.data, b.data)
            a.grad = ga = a.grad + g * da
            b.grad = gb = b.grad + g * db
            if ga - ga or gb - gb:
                _raise_grad_overflow(a if ga - ga else b)
        elif len(parents) == 1:
            (a,) = parents
            (da,) = node._op.grads(node.data, a.data)
            a.grad = ga = a.grad + g * da
            if ga - ga:
                _raise_grad_overflow(a)
        else:
            for parent, local in zip(parents, node._op.grads(node.data, *map(_data, parents))):
                parent.grad = gp = parent.grad + g * local
                if gp - gp:
                    _raise_grad_overflow(parent)


def _raise_grad_overflow(node: Value) -> None:
    raise OverflowError(f"기울기가 float 범위를 넘었습니다. 노드: {node!r}. 입력이나 학습률의 크기를 줄이세요.")


@contextmanager
def no_grad() -> Iterator[None]:
    """이 블록 안의 연산은 값만 계산하고 그래프(부모)를 기록하지 않습니다.

    평가(evaluate, predict)처럼 기울기가 필요 없는 계산에 씁니다. 데코레이터로도 쓸 수 있습니다.
    """
    global _grad_enabled
    previous, _grad_enabled = _grad_enabled, False
    try:
        yield
    finally:
        _grad_enabled = previous


def is_grad_enabled() -> bool:
    """지금 연산이 그래프를 기록하는지 돌려줍니다 (`no_grad` 블록 밖이면 True)."""
    return _grad_enabled
