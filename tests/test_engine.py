"""engine.Value의 순전파, 역전파, 입력 검사를 검사합니다.

기대값은 손으로 푼 식, math 모듈, 중심 차분(gradcheck, rtol 1e-5, atol 1e-6)으로 따로 구합니다.
"""

import fractions
import math
import operator

import pytest
from hypothesis import given
from hypothesis import strategies as st

from micrograd_ko import Value, no_grad, is_grad_enabled, topological_order
import micrograd_ko
from micrograd_ko.gradcheck import gradcheck
from micrograd_ko.testing import expressions, floats, op_inputs

HANGUL = ("가", "힣")


def has_korean(text: str) -> bool:
    return any(HANGUL[0] <= ch <= HANGUL[1] for ch in text)


# ---------------------------------------------------------------- 순전파 값

UNARY_MATH = {
    "exp": math.exp, "log": math.log, "tanh": math.tanh,
    "sigmoid": lambda x: 1 / (1 + math.exp(-x)), "relu": lambda x: max(0.0, x),
}


@pytest.mark.parametrize("name", sorted(UNARY_MATH))
@given(data=st.data())
def test_unary_forward_matches_math(name, data):
    """단항 연산의 순전파 값은 math로 계산한 값과 같습니다 (상대 오차 1e-12)."""
    (x,) = data.draw(op_inputs(name))
    out = getattr(Value(x), name)()
    assert math.isclose(out.data, UNARY_MATH[name](x), rel_tol=1e-12, abs_tol=1e-300)


BINARY_OPERATORS = {"add": operator.add, "sub": operator.sub, "mul": operator.mul,
                    "div": operator.truediv, "pow": operator.pow}


@pytest.mark.parametrize("name", sorted(BINARY_OPERATORS))
@given(data=st.data())
def test_binary_forward_matches_python(name, data):
    """이항 연산의 순전파 값은 float 연산 결과와 정확히 같습니다."""
    a, b = data.draw(op_inputs(name))
    operator_fn = BINARY_OPERATORS[name]
    assert operator_fn(Value(a), Value(b)).data == operator_fn(a, b)


# ---------------------------------------------------------------- 기울기 대 중심 차분

GRAD_CASES = {
    "add": lambda a, b: a + b, "sub": lambda a, b: a - b, "mul": lambda a, b: a * b,
    "div": lambda a, b: a / b, "pow": lambda a, b: a**b, "neg": lambda a: -a,
    "exp": lambda a: a.exp(), "log": lambda a: a.log(), "tanh": lambda a: a.tanh(),
    "sigmoid": lambda a: a.sigmoid(), "relu": lambda a: a.relu(),
    "sum": lambda a, b, c: Value.sum([a, b, c]),
}


@pytest.mark.parametrize("name", sorted(GRAD_CASES))
@given(data=st.data())
def test_op_grad_matches_central_difference(name, data):
    """모든 연산의 기울기는 유효한 정의역 전체에서 중심 차분과 일치합니다."""
    values = data.draw(op_inputs(name))
    # exp(20) ≈ 4.9e8이므로 반올림 오차 ε|f|/h를 감안해 상대 오차로만 비교합니다.
    assert gradcheck(GRAD_CASES[name], values, rtol=1e-5, atol=1e-6)


@given(x=floats(0.1, 5), c=st.sampled_from([2, 3, 0.5, -1, -2.5, 1.5]))
def test_pow_constant_exponent_grad(x, c):
    """x**c (c는 숫자)의 기울기는 c × x^(c−1)과 중심 차분 모두와 맞습니다."""
    assert gradcheck(lambda a: a**c, [x])
    v = Value(x)
    (v**c).backward()
    assert math.isclose(v.grad, c * x ** (c - 1), rel_tol=1e-12)


@given(x=floats(-3, 3), base=st.sampled_from([2, 0.5, math.e, 10]))
def test_rpow_number_base_grad(x, base):
    """c**x (c는 양수)의 기울기는 c^x × ln c입니다."""
    assert gradcheck(lambda a: base**a, [x])


@given(xs=st.lists(floats(), min_size=1, max_size=6), b=floats())
def test_weighted_sum_grad_matches_central_difference(xs, b):
    """가중합 Σ wᵢxᵢ + b 노드의 기울기는 중심 차분과 일치합니다."""
    ws = [0.5 * x - 1 for x in xs]
    n = len(xs)
    assert gradcheck(lambda *v: Value.weighted_sum(v[:n], v[n:2 * n], v[-1]), ws + xs + [b])


@given(x=floats(-5, 5), lo=floats(-2, -0.01), hi=floats(0.01, 2))
def test_clip_grad_is_one_inside_zero_outside(x, lo, hi):
    """clip의 기울기는 구간 안에서 1, 밖에서 0입니다."""
    v = Value(x)
    out = v.clip(lo, hi)
    out.backward()
    assert out.data == min(max(x, lo), hi)
    assert v.grad == (1.0 if lo < x < hi else 0.0)


@given(expressions())
def test_random_expression_grad_matches_central_difference(expression):
    """무작위 식 트리의 기울기는 중심 차분과 일치합니다 (rtol 1e-5, atol 1e-6)."""
    assert gradcheck(expression.build, expression.values, rtol=1e-5, atol=1e-6)


# ---------------------------------------------------------------- 대수적 성질과 누적


def test_add_grad_is_one_for_each_input():
    a, b = Value(2.0), Value(-3.0)
    (a + b).backward()
    assert a.grad == 1.0
    assert b.grad == 1.0


def test_backward_accumulates_grad_for_reused_node():
    a = Value(3.0)
    (a + a).backward()
    assert a.grad == 2.0
    b = Value(3.0)
    (b * b).backward()
    assert b.grad == 6.0


def test_self_subtraction_has_zero_grad():
    a = Value(5.0)
    out = a - a
    out.backward()
    assert out.data == 0.0
    assert a.grad == 0.0


def test_diamond_graph_sums_both_paths():
    # d = (a·2)·(a+1) = 2a² + 2a, 그래서 ∂d/∂a = 4a + 2 = 14 (a = 3).
    a = Value(3.0)
    b = a * 2
    c = a + 1
    d = b * c
    d.backward()
    assert d.data == 24.0
    assert a.grad == 14.0


@pytest.mark.parametrize("expr, value, grad", [
    (lambda v: 2 - v, 0.0, -1.0),
    (lambda v: 2 / v, 1.0, -0.5),      # d(2/v)/dv = −2/v² = −0.5 (v = 2)
    (lambda v: 2 ** v, 4.0, 4 * math.log(2)),
    (lambda v: 3 * v, 6.0, 3.0),
    (lambda v: 1 + v, 3.0, 1.0),
    (lambda v: v - 5, -3.0, 1.0),
])
def test_reflected_ops_with_number_on_left(expr, value, grad):
    v = Value(2.0)
    out = expr(v)
    out.backward()
    assert out.data == value
    assert math.isclose(v.grad, grad, rel_tol=1e-15)


def test_pow_of_two_values_differentiates_both():
    a, b = Value(2.0), Value(3.0)
    out = a**b
    out.backward()
    assert out.data == 8.0
    assert a.grad == 12.0  # b × a^(b−1) = 3 × 4
    assert math.isclose(b.grad, 8 * math.log(2), rel_tol=1e-15)


def test_classic_micrograd_example_golden_values():
    # karpathy/micrograd README의 예: g = 24.7041, dg/da = 138.8338, dg/db = 645.5773
    a, b = Value(-4.0), Value(2.0)
    c = a + b
    d = a * b + b**3
    c += c + 1
    c += 1 + c + (-a)
    d += d * 2 + (b + a).relu()
    d += 3 * d + (b - a).relu()
    e = c - d
    f = e**2
    g = f / 2.0
    g += 10.0 / f
    g.backward()
    assert f"{g.data:.4f}" == "24.7041"
    assert f"{a.grad:.4f}" == "138.8338"
    assert f"{b.grad:.4f}" == "645.5773"


def test_second_backward_accumulates_into_leaves_only():
    a, b = Value(2.0), Value(3.0)
    c = a * b
    out = c + a
    out.backward()
    out.backward()
    assert a.grad == 2 * 4.0   # 한 번에 ∂out/∂a = b + 1 = 4
    assert b.grad == 2 * 2.0
    assert c.grad == 1.0       # 중간 노드는 매번 다시 계산합니다.
    assert out.grad == 1.0


def test_zero_grad_clears_whole_graph():
    a, b = Value(2.0), Value(3.0)
    out = (a * b).tanh()
    out.backward()
    out.zero_grad()
    assert [n.grad for n in topological_order(out)] == [0.0] * 4


def test_relu_grad_at_zero_is_zero():
    x = Value(0.0)
    x.relu().backward()
    assert x.grad == 0.0


def test_sigmoid_is_stable_for_large_inputs():
    low, high = Value(-1000.0), Value(1000.0)
    out_low, out_high = low.sigmoid(), high.sigmoid()
    (out_low + out_high).backward()
    assert out_low.data == 0.0
    assert out_high.data == 1.0
    assert low.grad == 0.0
    assert high.grad == 0.0


def test_tanh_is_stable_for_large_inputs():
    x = Value(-1e6)
    out = x.tanh()
    out.backward()
    assert out.data == -1.0
    assert x.grad == 0.0


def test_long_chain_of_million_nodes_backward():
    x = Value(1.0)
    y = x
    for _ in range(1_000_000):
        y = 0.0001 + 1.0001 * y  # 노드 3개씩 늘지만 재귀 한계와 무관합니다.
    y.backward()
    assert math.isclose(x.grad, 1.0001**1_000_000, rel_tol=1e-9)


def test_million_term_sum_is_one_node():
    xs = [Value(float(i)) for i in range(1_000_000)]
    total = micrograd_ko.sum(xs)
    total.backward()
    assert total.data == 499999500000.0
    assert len(total._parents) == 1_000_000
    assert xs[0].grad == 1.0
    assert xs[-1].grad == 1.0


def test_topological_order_puts_parents_first_and_is_deterministic():
    a, b = Value(1.0, label="a"), Value(2.0, label="b")
    c = a * b
    d = c + a
    order = topological_order(d)
    assert [n.label for n in order[:2]] == ["a", "b"]
    assert order.index(c) < order.index(d)
    assert topological_order(d) == order


def test_parents_are_tuple_in_argument_order():
    a, b = Value(1.0), Value(2.0)
    assert (b - a)._parents == (b, a)


# ---------------------------------------------------------------- no_grad, repr, 변환


def test_no_grad_records_no_parents():
    a = Value(2.0)
    with no_grad():
        assert not is_grad_enabled()
        out = a * 3
    assert is_grad_enabled()
    assert out.data == 6.0
    assert out._parents == ()


def test_no_grad_restores_state_after_error():
    with pytest.raises(ZeroDivisionError):
        with no_grad():
            Value(1.0) / 0
    assert is_grad_enabled()


def test_repr_shows_data_grad_label_and_op():
    a = Value(2.0, label="a")
    assert repr(a) == "Value(data=2.0, grad=0.0, label='a')"
    assert repr(a * 2) == "Value(data=4.0, grad=0.0, op='×')"
    assert float(a) == 2.0
    assert f"{a:.2f}" == "2.00"


def test_value_uses_identity_hash_and_slots():
    a, b = Value(1.0), Value(1.0)
    assert len({a, b}) == 2
    with pytest.raises(AttributeError):
        a.gard = 0.0


def test_accepts_fraction_and_int():
    assert Value(fractions.Fraction(1, 4)).data == 0.25
    assert Value(3).data == 3.0
    assert type(Value(3).data) is float


def test_accepts_numpy_scalar():
    np = pytest.importorskip("numpy")
    assert Value(np.float32(0.5)).data == 0.5
    assert Value(np.int64(3)).data == 3.0


# ---------------------------------------------------------------- 잘못된 입력


@pytest.mark.parametrize("bad", ["2.0", None, True, 1 + 2j, [1.0], (1.0,), {"a": 1}])
def test_invalid_data_raises_korean_typeerror(bad):
    with pytest.raises(TypeError) as info:
        Value(bad)
    assert has_korean(str(info.value))
    assert repr(bad) in str(info.value)


def test_numpy_array_data_raises_korean_typeerror():
    np = pytest.importorskip("numpy")
    with pytest.raises(TypeError, match="스칼라"):
        Value(np.array([1.0, 2.0]))


@pytest.mark.parametrize("bad", [float("nan"), float("inf"), -float("inf")])
def test_nonfinite_data_raises_korean_valueerror(bad):
    with pytest.raises(ValueError, match="유한한 실수"):
        Value(bad)


def test_invalid_operand_raises_korean_typeerror():
    with pytest.raises(TypeError, match="피연산자"):
        Value(1.0) + "2"


def test_label_must_be_string():
    with pytest.raises(TypeError, match="label"):
        Value(1.0, label=3)


@pytest.mark.parametrize("make, error, fragment", [
    (lambda: Value(-2.0).log(), ValueError, "log의 입력은 0보다"),
    (lambda: Value(0.0).log(), ValueError, "log의 입력은 0보다"),
    (lambda: Value(1.0) / 0, ZeroDivisionError, "0으로 나눌 수 없습니다"),
    (lambda: 1 / Value(0.0), ZeroDivisionError, "0으로 나눌 수 없습니다"),
    (lambda: Value(0.0) ** -1, ZeroDivisionError, "0의 음수 거듭제곱"),
    (lambda: Value(-8.0) ** (1 / 3), ValueError, "정수가 아닌 거듭제곱"),
    (lambda: Value(710.0).exp(), OverflowError, "exp의 입력이 너무 큽니다"),
    (lambda: Value(1e200) * 1e200, OverflowError, "float 범위"),
    (lambda: Value(10.0) ** 400, OverflowError, "float 범위"),
])
def test_domain_error_raises_before_math(make, error, fragment):
    with pytest.raises(error, match=fragment):
        make()


def test_sqrt_grad_at_zero_raises_zerodivisionerror():
    x = Value(0.0)
    y = x**0.5
    assert y.data == 0.0
    with pytest.raises(ZeroDivisionError, match="x = 0에서 거듭제곱의 기울기가 무한대"):
        y.backward()


def test_negative_base_exponent_grad_raises_valueerror():
    base, exponent = Value(-2.0), Value(2.0)
    out = base**exponent
    assert out.data == 4.0
    with pytest.raises(ValueError, match="밑이 음수"):
        out.backward()


def test_overflowing_grad_raises_overflowerror():
    # 1/x = 1e300은 float 범위 안이지만 ∂(1/x)/∂x = −1/x² = −1e600은 범위를 넘습니다.
    x = Value(1e-300)
    y = 1 / x
    with pytest.raises(OverflowError, match="기울기가 float 범위"):
        y.backward()


def test_comparison_raises_korean_typeerror():
    with pytest.raises(TypeError, match=".data"):
        Value(1.0) < Value(2.0)


def test_empty_sum_raises_valueerror():
    with pytest.raises(ValueError, match="빈 목록"):
        Value.sum([])


def test_weighted_sum_length_mismatch_raises_valueerror():
    with pytest.raises(ValueError, match="2개.*3개"):
        Value.weighted_sum([1.0, 2.0], [1.0, 2.0, 3.0])


# ---------------------------------------------------------------- PyTorch 대조


def test_matches_pytorch_float64():
    torch = pytest.importorskip("torch")
    a, b = Value(-4.0), Value(2.0)
    c = (a * b + b**3).tanh() + (a / b).exp() * (b - a).log() + (a + b).sigmoid() + (b * 3).relu()
    c.backward()
    ta = torch.tensor(-4.0, dtype=torch.float64, requires_grad=True)
    tb = torch.tensor(2.0, dtype=torch.float64, requires_grad=True)
    tc = (ta * tb + tb**3).tanh() + (ta / tb).exp() * (tb - ta).log() + (ta + tb).sigmoid() + (tb * 3).relu()
    tc.backward()
    assert math.isclose(c.data, tc.item(), rel_tol=1e-12)
    assert math.isclose(a.grad, ta.grad.item(), rel_tol=1e-12)
    assert math.isclose(b.grad, tb.grad.item(), rel_tol=1e-12)


# ---------------------------------------------------------------- 파이썬 내부까지 가지 않는 오류


def test_huge_int_data_raises_korean_overflowerror():
    with pytest.raises(OverflowError, match="float 범위"):
        Value(10**400)


def test_huge_fraction_operand_raises_korean_overflowerror():
    from fractions import Fraction

    with pytest.raises(OverflowError, match="받은 값: Fraction"):
        Value(1.0) + Fraction(10**400, 1)


def test_signaling_nan_decimal_raises_korean_valueerror():
    from decimal import Decimal

    with pytest.raises(ValueError, match="유한한 실수가 필요합니다"):
        Value(Decimal("sNaN"))


def test_sum_overflow_raises_korean_overflowerror():
    # math.fsum은 inf 대신 영어 OverflowError를 냅니다. 엔진이 그것을 한국어로 바꿔야 합니다.
    with pytest.raises(OverflowError, match="합\\(Σ\\)의 결과가 float 범위"):
        Value.sum([1e308, 1e308])


def test_pow_local_grad_overflow_raises_korean_overflowerror():
    # ∂(x⁻¹)/∂x = −x⁻²이고 x = 1e-300이면 −1e600이라서 float로 나타낼 수 없습니다.
    x = Value(1e-300)
    y = x**-1.0
    with pytest.raises(OverflowError, match="국소 미분이 float 범위"):
        y.backward()


@pytest.mark.parametrize("bad", [None, 3.0, True, "ab", Value(1.0)])
def test_sum_of_non_list_raises_korean_typeerror(bad):
    with pytest.raises(TypeError, match="목록이 필요합니다"):
        Value.sum(bad)


@pytest.mark.parametrize("bad", [None, 3.0])
def test_weighted_sum_non_list_raises_korean_typeerror(bad):
    with pytest.raises(TypeError, match="weighted_sum의 weights"):
        Value.weighted_sum(bad, [1.0])
    with pytest.raises(TypeError, match="weighted_sum의 inputs"):
        Value.weighted_sum([1.0], bad)


def test_grad_overflow_message_puts_node_after_colon():
    # 값은 모두 유한합니다 (a = 1e-300, b = 1, c = 1e300). 하지만 ∂c/∂a = 1e300 × 1e300이라서 넘칩니다.
    a = Value(1e-300)
    c = a * 1e300 * 1e300
    with pytest.raises(OverflowError, match="기울기가 float 범위를 넘었습니다. 노드: Value"):
        c.backward()


# ---------------------------------------------------------------- gradcheck 자체의 검사

# 국소 미분을 일부러 틀리게 선언한 연산: x²의 미분은 2x인데 x라고 적었습니다.
_WRONG_SQUARE = micrograd_ko.engine.Op("wrong_square", "sq", "틀린 제곱", lambda x: x * x, lambda out, x: (x,), ("x",))


def test_gradcheck_catches_wrong_local_grad():
    def f(a):
        return micrograd_ko.engine._apply(_WRONG_SQUARE, a)

    # x = 3에서 backward는 3, 중심 차분은 ((3 + h)² − (3 − h)²) / 2h = 6입니다.
    with pytest.raises(AssertionError, match="입력 0"):
        gradcheck(f, [3.0])


def test_numerical_grad_of_product_by_hand():
    # f(a, b) = a × b이면 ∂f/∂a = b = 3, ∂f/∂b = a = 2입니다. 중심 차분은 곱셈에서 반올림 오차만 남습니다.
    from micrograd_ko.gradcheck import numerical_grad

    da, db = numerical_grad(lambda a, b: a * b, [2.0, 3.0])
    assert math.isclose(da, 3.0, rel_tol=1e-8)
    assert math.isclose(db, 2.0, rel_tol=1e-8)


def test_numerical_grad_overflow_raises_korean_overflowerror():
    # f(a) = a × 1e10 × 1e300의 미분은 1e310입니다. a = 0에서 f(±h) = ±1e304로 유한하지만,
    # 그 차이를 2h로 나누면 float 범위를 넘습니다.
    from micrograd_ko.gradcheck import numerical_grad

    with pytest.raises(OverflowError, match="수치 미분값이 float 범위"):
        numerical_grad(lambda a: a * 1e10 * 1e300, [0.0])


@pytest.mark.parametrize("kwargs, error, text", [
    ({"eps": None}, TypeError, "eps 인자는 실수"),
    ({"eps": 0.0}, ValueError, "eps는 0보다"),
    ({"eps": float("inf")}, ValueError, "eps 인자는 0 이상의 유한한"),
    ({"rtol": None}, TypeError, "rtol 인자는 실수"),
    ({"atol": -1.0}, ValueError, "atol 인자는 0 이상의"),
    ({"atol": 10**400}, ValueError, "atol 인자는 0 이상의"),
])
def test_gradcheck_bad_tolerance_raises_korean_error(kwargs, error, text):
    with pytest.raises(error, match=text):
        gradcheck(lambda a: a * a, [1.0], **kwargs)


@pytest.mark.parametrize("f, values, text", [
    (None, [1.0], "f는 함수여야"),
    ("a*a", [1.0], "f는 함수여야"),
    (lambda a: a, None, "values는 숫자의 목록"),
    (lambda a: a, 2.0, "values는 숫자의 목록"),
    (lambda a: a, ["x"], "values\\[0\\]"),
])
def test_gradcheck_bad_arguments_raise_korean_typeerror(f, values, text):
    with pytest.raises(TypeError, match=text):
        gradcheck(f, values)
