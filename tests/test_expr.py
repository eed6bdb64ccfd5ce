"""expr.py 테스트: 식 글을 안전하게 Value 그래프로 바꾸고, 나머지는 위치를 가리키는 ValueError로 거부합니다."""

from __future__ import annotations

import builtins
import contextlib
import math
import warnings

import pytest
from hypothesis import given
from hypothesis import strategies as st

from micrograd_ko.engine import Value
from micrograd_ko.expr import MAX_LENGTH, parse, parse_assignments
from micrograd_ko.testing import expressions

# 엔진이 정한 오류 종류입니다: 문법과 이름은 ValueError, 계산은 ZeroDivisionError, OverflowError.
DOCUMENTED_ERRORS = (ValueError, ZeroDivisionError, OverflowError)

INJECTIONS = [
    "__import__('os')",
    "__import__('os').system('touch /tmp/micrograd_ko_pwned')",
    "().__class__",
    "().__class__.__bases__[0].__subclasses__()",
    "lambda: 1",
    "(lambda: 1)()",
    "[x for x in y]",
    "{x for x in y}",
    "(x for x in y)",
    "a.b",
    "a[0]",
    "f(x=1)",
    "exp(x=1)",
    "exp(*a)",
    '"s"',
    "b'bytes'",
    "f'{a}'",
    "open('f')",
    "eval('1')",
    "exec('a=1')",
    "globals()",
    "__builtins__",
    "x.__class__",
    "a if b else c",
    "a < b",
    "a and b",
    "not a",
    "~a",
    "a // b",
    "a % b",
    "a @ b",
    "a ^ b",
    "(a := 1)",
    "[1, 2]",
    "{'k': 1}",
    "1, 2",
    "True",
    "None",
    "...",
    "3j",
    "a; b",
    "import os",
    "a = 1",
    "a\nb",
    "a\x00",
    "exp",
    "exp(a, b)",
    "exp()",
    "tanh(a)(b)",
    "(" * 120 + "a" + ")" * 120,
    "-" * 500 + "a",
    "+".join(["a"] * 400),
    "a" * 10_000,
    "1" * 10_000,
    "",
    "   ",
    "1e999",
    "＿＿import＿＿('os')",
]


@contextlib.contextmanager
def _nothing_may_run():
    """파서가 파이썬 코드를 실행하거나 모듈을 가져오거나 파일을 열면 기록하고 실패시킵니다.

    monkeypatch.setattr는 안에서 모듈을 가져오므로 쓰지 않고 직접 바꿔 끼웠다가 되돌립니다.
    """
    calls = []
    names = ("eval", "exec", "__import__", "open")
    originals = {name: getattr(builtins, name) for name in names}

    def forbidden(name):
        def record(*args, **kwargs):
            # CPython의 파서는 ASCII가 아닌 식별자를 NFKC로 정규화하려고 unicodedata를 가져옵니다.
            # 이것은 인터프리터의 동작이고 사용자 코드 실행이 아니므로 허용합니다.
            if name == "__import__" and args and args[0] == "unicodedata":
                return originals[name](*args, **kwargs)
            calls.append(name)
            raise AssertionError(f"파서가 {name}을 불렀습니다")
        return record

    for name in names:
        setattr(builtins, name, forbidden(name))
    try:
        yield calls
    finally:
        for name, original in originals.items():
            setattr(builtins, name, original)


@pytest.mark.parametrize("text", INJECTIONS)
def test_parse_rejects_injection_shapes(text):
    with _nothing_may_run() as calls:
        with pytest.raises(ValueError) as error:
            parse(text, a=1.0, b=2.0, x=3.0, y=4.0)
    assert calls == []
    assert "받은" in str(error.value) or "위치:" in str(error.value) or "비어" in str(error.value)


@given(st.text(max_size=300))
def test_parse_fuzzed_text_raises_only_documented_errors(text):
    """아무 글자나 넣어도 Value를 돌려주거나 문서에 적힌 오류만 냅니다."""
    with warnings.catch_warnings(), _nothing_may_run() as calls:
        warnings.simplefilter("ignore", RuntimeWarning)  # 경고 표시는 모듈을 가져오므로 끕니다.
        try:
            result = parse(text, x=1.5)
        except DOCUMENTED_ERRORS:
            result = None
    assert calls == []
    assert result is None or isinstance(result, Value)


@given(st.text(alphabet="ax1()+-*/.,[]_'\"=:λ^% elogtanhsigmoidrluxp\t", max_size=80))
def test_parse_fuzzed_expression_like_text_raises_only_documented_errors(text):
    """식과 비슷한 글자로 만든 글도 Value나 문서에 적힌 오류만 냅니다."""
    with warnings.catch_warnings(), _nothing_may_run() as calls:
        warnings.simplefilter("ignore", RuntimeWarning)
        try:
            result = parse(text, a=0.5, x=2.0)
        except DOCUMENTED_ERRORS:
            result = None
    assert calls == []
    assert result is None or isinstance(result, Value)


# ---------------------------------------------------------------- 올바른 식


def test_parse_neuron_matches_engine_bitwise():
    o = parse("tanh(w1*x1 + w2*x2 + b)", x1=2, x2=0, w1=-3, w2=1, b=6.8813735870195432)
    x1, x2, w1, w2, b = Value(2.0), Value(0.0), Value(-3.0), Value(1.0), Value(6.8813735870195432)
    expected = (w1 * x1 + w2 * x2 + b).tanh()
    assert o.data == expected.data
    assert o._op.name == "tanh"


def test_parse_labels_leaves_with_names():
    root = parse("a*b", a=2.0, b=-3.0)
    assert [p.label for p in root._parents] == ["a", "b"]


def test_parse_same_name_is_same_node():
    root = parse("a*a", a=3.0)
    assert root._parents[0] is root._parents[1]


def test_parse_uses_given_value_node():
    w = Value(0.5)
    root = parse("w*2", w=w)
    assert root._parents[0] is w
    assert w.label == "w"


def test_parse_constants_follow_engine_ops():
    root = parse("2 ** a - -3 + a ** -2", a=2.0)
    assert root.data == 2.0**2 + 3.0 + 2.0**-2
    assert parse("2 ** a", a=1.0)._op.name == "rpow_const"
    assert parse("a ** 2", a=1.0)._op.name == "pow_const"
    assert parse("-a", a=1.0)._op.name == "neg"


def test_parse_numbers_only_returns_value():
    assert parse("1 + 2 * 3").data == 7.0


def test_parse_accepts_korean_names():
    root = parse("가중치 * 입력 + 편향", 가중치=2.0, 입력=3.0, 편향=1.0)
    assert root.data == 7.0


@pytest.mark.parametrize("name", ["exp", "log", "tanh", "sigmoid", "relu"])
def test_parse_engine_functions_match_methods(name):
    assert parse(f"{name}(x)", x=0.75).data == getattr(Value(0.75), name)().data


@given(expressions())
def test_parse_testing_expression_text_matches_build(expression):
    """testing.expressions의 글을 파싱한 값은 직접 만든 그래프의 값과 같습니다.

    sum3와 weighted는 글에서는 덧셈 두 번, 그래프에서는 n항 노드 하나라서 마지막 몇 비트가
    다를 수 있습니다. 깊이 4 이하의 안전한 식에서 그 차이는 1e-9보다 훨씬 작습니다.
    """
    values = {f"x{i}": v for i, v in enumerate(expression.values)}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # 식에 안 나오는 잎이 있을 수 있습니다.
        parsed = parse(expression.text, **values)
    built = expression.build(*[Value(v) for v in expression.values])
    assert math.isclose(parsed.data, built.data, rel_tol=1e-9, abs_tol=1e-12)


# ---------------------------------------------------------------- 오류 메시지


def test_parse_error_points_at_character_column():
    with pytest.raises(ValueError) as error:
        parse("x1 + 가중치.b", x1=1.0, 가중치=2.0)
    message = str(error.value)
    assert "속성 접근(.)" in message
    assert "위치: 6번째 글자." in message
    assert "\n  x1 + 가중치.b\n       ^^^^^" in message


def test_parse_missing_variables_are_all_named():
    with pytest.raises(ValueError, match="값이 정해지지 않은 변수가 있습니다: x1, w1, q"):
        parse("x1*w1 + q")


def test_parse_unknown_function_is_named():
    with pytest.raises(ValueError, match="알 수 없는 함수입니다: open"):
        parse("open(a)", a=1.0)


def test_parse_too_long_input_reports_length():
    with pytest.raises(ValueError, match=f"최대 {MAX_LENGTH}글자"):
        parse("a+" * 5000 + "a", a=1.0)


def test_parse_deep_nesting_reports_depth():
    with pytest.raises(ValueError, match="너무 깊게 중첩"):
        parse("(" * 150 + "a" + ")" * 150, a=1.0)


def test_parse_domain_error_keeps_type_and_points():
    with pytest.raises(ZeroDivisionError, match="위치: 5번째 글자") as error:
        parse("a + b/(a-a)", a=1.0, b=2.0)
    assert "^^^^^^^" in str(error.value)


def test_parse_unused_value_warns():
    with pytest.warns(RuntimeWarning, match="식에 없는 변수에 값을 주었습니다: z"):
        parse("a", a=1.0, z=2.0)


def test_parse_non_string_raises_typeerror():
    with pytest.raises(TypeError, match="식은 문자열이어야 합니다"):
        parse(3.0)


def test_parse_non_number_value_raises_typeerror():
    with pytest.raises(TypeError):
        parse("a", a="2")


# ---------------------------------------------------------------- --set 항목


def test_parse_assignments_reads_names_and_numbers():
    assert parse_assignments(["a=2", " b = -3.5 ", "가중치=1e-3"]) == {"a": 2.0, "b": -3.5, "가중치": 0.001}


@pytest.mark.parametrize("item, message", [
    ("a", "이름=값 모양"),
    ("=2", "변수 이름이 올바르지 않습니다"),
    ("1a=2", "변수 이름이 올바르지 않습니다"),
    ("a.b=2", "변수 이름이 올바르지 않습니다"),
    ("__a=2", "밑줄 두 개"),
    ("exp=2", "함수 이름은 변수 이름으로"),
    ("a=x", "숫자여야 합니다"),
    ("a=", "숫자여야 합니다"),
    ("a=nan", "유한한 숫자"),
    ("a=inf", "유한한 숫자"),
])
def test_parse_assignments_rejects_malformed_item(item, message):
    with pytest.raises(ValueError, match=message) as error:
        parse_assignments([item])
    assert "받은 값: " in str(error.value)


def test_parse_assignments_rejects_duplicate_name():
    with pytest.raises(ValueError, match="두 번"):
        parse_assignments(["a=1", "a=2"])


def test_parse_assignments_rejects_single_string():
    with pytest.raises(TypeError, match="목록이 필요합니다"):
        parse_assignments("a=1")
