"""hypothesis 전략: 연산마다 유효한 입력 범위와 무작위 식 트리를 만듭니다.

새 연산을 더한 학습자도 같은 전략으로 속성 기반 테스트를 쓸 수 있습니다.
`hypothesis`는 이 모듈에서만 가져옵니다 (`pip install "micrograd_ko[dev]"`).

Example:
    >>> from hypothesis import given
    >>> from micrograd_ko.gradcheck import gradcheck
    >>> from micrograd_ko.testing import expressions
    >>> @given(expressions())
    ... def test_grad(e):
    ...     gradcheck(e.build, e.values)
"""

from __future__ import annotations

from dataclasses import dataclass

from hypothesis import assume
from hypothesis import strategies as st

from micrograd_ko.engine import Value, no_grad

__all__ = ["floats", "op_inputs", "expressions", "Expression", "UNARY", "BINARY"]

# 각 연산의 안전한 입력 범위. 경계까지 모두 유효하고, 미분이 끊기는 점(ReLU의 0,
# log의 0)에서는 떨어져 있어서 중심 차분(h = 1e-6)이 정확합니다.
DOMAINS = {
    "add": [(-5, 5), (-5, 5)], "sub": [(-5, 5), (-5, 5)], "mul": [(-5, 5), (-5, 5)],
    "div": [(-5, 5), (0.1, 5)], "neg": [(-5, 5)], "pow": [(0.1, 5), (-3, 3)],
    "exp": [(-20, 20)], "log": [(0.1, 100)], "tanh": [(-10, 10)], "sigmoid": [(-20, 20)],
    "relu": [(1e-3, 5)], "sum": [(-5, 5)] * 3,
}


def floats(min_value: float = -5.0, max_value: float = 5.0) -> st.SearchStrategy[float]:
    """[min_value, max_value] 안의 유한한 float를 만듭니다 (nan, inf 없음)."""
    return st.floats(min_value=min_value, max_value=max_value, allow_nan=False, allow_infinity=False)


def op_inputs(name: str) -> st.SearchStrategy[list[float]]:
    """연산 `name`의 유효한 입력 목록을 만듭니다. 나누는 값은 |b| ≥ 0.1입니다.

    ReLU는 음수 쪽도 검사하도록 부호를 무작위로 바꿉니다 (|x| ≥ 1e-3).
    """
    if name not in DOMAINS:
        raise ValueError(f"알 수 없는 연산입니다: {name!r}. 가능한 이름: {', '.join(sorted(DOMAINS))}.")
    parts = [floats(lo, hi) for lo, hi in DOMAINS[name]]
    if name in ("div", "relu"):
        magnitude = parts[-1]
        parts[-1] = st.tuples(magnitude, st.sampled_from([1.0, -1.0])).map(lambda t: t[0] * t[1])
    return st.tuples(*parts).map(list)


# ---------------------------------------------------------------- 무작위 식 트리

UNARY = ("neg", "exp", "log", "tanh", "sigmoid", "relu", "square", "sqrt", "reciprocal", "exp2")
BINARY = ("add", "sub", "mul", "div", "pow", "sum3", "weighted")
_MAX_MAGNITUDE = 1e3


@dataclass(frozen=True)
class Expression:
    """무작위 식 하나: `text`는 사람이 읽는 식, `values`는 잎 x0, x1, ...의 값입니다."""

    tree: tuple
    values: tuple

    @property
    def text(self) -> str:
        return _text(self.tree)

    def build(self, *leaves: Value) -> Value:
        """잎 Value들로 식을 만들어 돌려줍니다 (gradcheck의 f로 씁니다)."""
        return _build(self.tree, leaves)

    def __repr__(self) -> str:
        names = ", ".join(f"x{i}={v!r}" for i, v in enumerate(self.values))
        return f"Expression({self.text}; {names})"


_UNARY_BUILDERS = {
    "neg": lambda x: -x,
    "exp": Value.exp, "log": Value.log, "tanh": Value.tanh, "sigmoid": Value.sigmoid, "relu": Value.relu,
    "square": lambda x: x**2,
    "sqrt": lambda x: x**0.5,
    "reciprocal": lambda x: 1 / x,
    "exp2": lambda x: 2**x,
}
_BINARY_BUILDERS = {
    "add": lambda a, b: a + b,
    "sub": lambda a, b: a - b,
    "mul": lambda a, b: a * b,
    "div": lambda a, b: a / b,
    "pow": lambda a, b: a**b,
    "sum3": lambda a, b: Value.sum([a, b, a]),
    "weighted": lambda a, b: Value.weighted_sum([a, b], [b, a], a),
}


def _build(tree: tuple, leaves) -> Value:
    kind, *args = tree
    if kind == "leaf":
        return leaves[args[0]]
    xs = [_build(a, leaves) for a in args]
    if kind in _UNARY_BUILDERS:
        return _UNARY_BUILDERS[kind](xs[0])
    return _BINARY_BUILDERS[kind](*xs)


def _text(tree: tuple) -> str:
    kind, *args = tree
    if kind == "leaf":
        return f"x{args[0]}"
    parts = [_text(a) for a in args]
    symbols = {"add": "+", "sub": "-", "mul": "*", "div": "/", "pow": "**"}
    if kind in symbols:
        return f"({parts[0]} {symbols[kind]} {parts[1]})"
    special = {"neg": "(-{0})", "square": "({0} ** 2)", "sqrt": "({0} ** 0.5)", "reciprocal": "(1 / {0})",
               "exp2": "(2 ** {0})", "sum3": "({0} + {1} + {0})", "weighted": "({0}*{1} + {1}*{0} + {0})"}
    return special[kind].format(*parts) if kind in special else f"{kind}({parts[0]})"


def _is_safe(tree: tuple, leaves) -> bool:
    """모든 노드가 정의역 안이고, 값이 너무 크지 않고, 꺾이는 점에서 떨어져 있는지 봅니다."""
    kind, *args = tree
    if kind == "leaf":
        return True
    if not all(_is_safe(a, leaves) for a in args):
        return False
    xs = [_build(a, leaves).data for a in args]
    guards = {
        "log": lambda: xs[0] >= 0.1, "sqrt": lambda: xs[0] >= 0.1, "relu": lambda: abs(xs[0]) >= 1e-3,
        "reciprocal": lambda: abs(xs[0]) >= 0.1, "div": lambda: abs(xs[1]) >= 0.1,
        "pow": lambda: xs[0] >= 0.1 and abs(xs[1]) <= 3, "exp": lambda: xs[0] <= 20, "exp2": lambda: xs[0] <= 20,
    }
    if kind in guards and not guards[kind]():
        return False
    try:
        return abs(_build(tree, leaves).data) <= _MAX_MAGNITUDE
    except (ValueError, ZeroDivisionError, OverflowError):
        return False


@st.composite
def expressions(draw, max_depth: int = 4, max_leaves: int = 4, value_range: float = 3.0) -> Expression:
    """모든 연산이 나올 수 있는 무작위 식 트리를 만듭니다.

    깊이는 `max_depth` 이하, 잎(변수)은 `max_leaves`개 이하입니다. 정의역 밖이거나
    |값| > 1e3인 트리, 꺾이는 점에 가까운 트리는 버리므로 결과는 언제나 미분 가능합니다.
    """
    n_leaves = draw(st.integers(1, max_leaves))
    values = tuple(draw(st.lists(floats(-value_range, value_range), min_size=n_leaves, max_size=n_leaves)))

    def tree(depth: int):
        if depth == 0 or (depth < max_depth and draw(st.integers(0, 3)) == 0):
            return ("leaf", draw(st.integers(0, n_leaves - 1)))
        if draw(st.booleans()):
            return (draw(st.sampled_from(UNARY)), tree(depth - 1))
        return (draw(st.sampled_from(BINARY)), tree(depth - 1), tree(depth - 1))

    shape = tree(max_depth)
    with no_grad():
        leaves = [Value(v) for v in values]
        assume(_is_safe(shape, leaves))
    return Expression(shape, values)
