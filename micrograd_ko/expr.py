"""글로 쓴 식(예: "tanh(w1*x1 + w2*x2 + b)")으로 Value 그래프를 만드는 안전한 파서입니다.

파이썬 코드를 실행하지 않습니다. `ast`로 구문 트리만 만들고 숫자, 변수 이름, + - * / **,
단항 + -, 괄호와 엔진 함수(exp, log, tanh, sigmoid, relu) 호출만 받아들입니다. 나머지는
모두 어느 부분이 문제인지 가리키는 한국어 ValueError입니다.
"""

from __future__ import annotations

import ast
import operator
import unicodedata
import warnings
from typing import Iterable

from micrograd_ko.engine import Value

__all__ = ["parse", "parse_mapping", "parse_assignments", "FUNCTIONS", "MAX_LENGTH", "MAX_DEPTH"]

FUNCTIONS = ("exp", "log", "tanh", "sigmoid", "relu")
MAX_LENGTH = 1000  # 글자 수. 뉴런 몇 개짜리 식에 충분하고, 거대한 입력이 파서의 시간과 메모리를 쓰지 못하게 합니다.
MAX_DEPTH = 100  # 구문 트리의 깊이. 괄호, 단항 -, 이어서 쓴 + 하나하나가 한 단계씩입니다.
ALLOWED = "쓸 수 있는 것: 숫자, 변수 이름, + - * / **, 단항 -, 괄호, exp log tanh sigmoid relu 호출."

_BINARY = {ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul,
           ast.Div: operator.truediv, ast.Pow: operator.pow}
_BAD_OPERATORS = {ast.FloorDiv: "//", ast.Mod: "%", ast.MatMult: "@", ast.LShift: "<<", ast.RShift: ">>",
                  ast.BitOr: "|", ast.BitXor: "^ (거듭제곱은 **로 씁니다)", ast.BitAnd: "&",
                  ast.Not: "not", ast.Invert: "~"}
_BAD_NODES = {ast.Attribute: "속성 접근(.)", ast.Subscript: "인덱싱([])", ast.Lambda: "lambda",
              ast.ListComp: "컴프리헨션", ast.SetComp: "컴프리헨션", ast.DictComp: "컴프리헨션",
              ast.GeneratorExp: "컴프리헨션", ast.Compare: "비교 연산", ast.BoolOp: "and, or",
              ast.IfExp: "조건식(if ... else)", ast.List: "목록([...])", ast.Tuple: "튜플이나 쉼표",
              ast.Set: "집합({...})", ast.Dict: "딕셔너리({...})", ast.JoinedStr: "f-문자열",
              ast.NamedExpr: "대입식(:=)", ast.Starred: "별표 펼치기(*)", ast.Await: "await",
              ast.Yield: "yield", ast.YieldFrom: "yield"}


def _pointer(text: str, start: int, end: int | None = None) -> str:
    """식 아래에 문제 부분을 ^로 표시한 두 줄을 만듭니다. 긴 식은 그 주변 70글자만 보입니다."""
    end = max(start + 1, end if end is not None else start + 1)
    shown = "".join(char if char.isprintable() else " " for char in text)
    left = max(0, min(start - 30, len(shown) - 70))
    window = shown[left : left + 70]
    prefix, suffix = ("…" if left > 0 else ""), ("…" if left + 70 < len(shown) else "")
    carets = "^" * max(1, min(end, left + 70) - start)
    return f"\n  {prefix}{window}{suffix}\n  {' ' * (len(prefix) + start - left)}{carets}"


def _error(text: str, message: str, node: ast.AST | None = None, column: int = 0, hint: str = "") -> ValueError:
    """위치(글자 단위, 1부터)와 ^ 표시를 붙인 ValueError를 만듭니다."""
    start, end = column, None
    if node is not None and hasattr(node, "col_offset"):
        # ast의 열 번호는 UTF-8 바이트 단위라서, 한글 이름이 있으면 글자 단위로 바꿔야 합니다.
        encoded = text.encode("utf-8")
        start = len(encoded[: node.col_offset].decode("utf-8", "ignore"))
        end = len(encoded[: node.end_col_offset].decode("utf-8", "ignore"))
    return ValueError(f"{message} 위치: {start + 1}번째 글자.{_pointer(text, start, end)}" + (f"\n{hint}" if hint else ""))


def _normalize(name: str) -> str:
    # 파이썬은 식별자를 NFKC로 정규화합니다 (예: 전각 ｘ → x). 값의 이름도 같게 맞춥니다.
    return unicodedata.normalize("NFKC", name)


def _check_name(name: str, where: str) -> str:
    """변수 이름 하나를 검사하고 정규화한 이름을 돌려줍니다."""
    if not isinstance(name, str) or not name.isidentifier():
        raise ValueError(f"변수 이름이 올바르지 않습니다 ({where}). 받은 값: {name!r}. 예: x1, w_2, 가중치")
    name = _normalize(name)
    if "__" in name:
        raise ValueError(f"밑줄 두 개(__)가 든 이름은 쓸 수 없습니다 ({where}). 받은 값: {name!r}. 예: x_1")
    if name in FUNCTIONS:
        raise ValueError(f"함수 이름은 변수 이름으로 쓸 수 없습니다 ({where}). 받은 값: {name!r}. 예: x, {name}_in")
    return name


def parse_assignments(items: Iterable[str]) -> dict[str, float]:
    """`["x1=2", "w1=-3"]` 같은 `이름=값` 목록을 dict로 바꿉니다 (명령줄의 --set).

    Args:
        items: `이름=값` 문자열의 목록.

    Returns:
        이름에서 float로 가는 dict.

    Raises:
        TypeError: items가 문자열 하나이거나 항목이 문자열이 아닐 때.
        ValueError: =가 없거나, 이름이 올바르지 않거나, 값이 유한한 숫자가 아니거나, 같은 이름이 두 번 나올 때.

    Example:
        >>> parse_assignments(["a=2", "b=-3"])
        {'a': 2.0, 'b': -3.0}
    """
    if isinstance(items, str):
        raise TypeError(f"이름=값 문자열의 목록이 필요합니다. 받은 값: {items!r}. 예: [\"x1=2\", \"w1=-3\"]")
    values: dict[str, float] = {}
    for item in items:
        if not isinstance(item, str):
            raise TypeError(f"--set 항목은 문자열이어야 합니다. 받은 값: {item!r}. 예: x1=2")
        if "=" not in item:
            raise ValueError(f"--set 항목은 이름=값 모양이어야 합니다. 받은 값: {item!r}. 예: x1=2")
        raw_name, raw_value = (part.strip() for part in item.split("=", 1))
        name = _check_name(raw_name, "--set")
        if name in values:
            raise ValueError(f"같은 변수에 값을 두 번 주었습니다. 받은 값: {item!r}. 이름마다 한 번만 쓰세요.")
        try:
            number = float(raw_value)
        except ValueError:
            raise ValueError(f"--set의 값은 숫자여야 합니다. 받은 값: {item!r}. 예: {name}=2.5") from None
        if number - number:
            raise ValueError(f"--set의 값은 유한한 숫자여야 합니다 (nan, inf 불가). 받은 값: {item!r}")
        values[name] = number
    return values


# ---------------------------------------------------------------- 구문 검사


def _reason(node: ast.AST) -> str | None:
    """허용되지 않는 노드이면 그 까닭을 돌려줍니다. 허용되면 None입니다."""
    if isinstance(node, ast.BinOp):
        return None if type(node.op) in _BINARY else f"쓸 수 없는 연산자입니다: {_BAD_OPERATORS.get(type(node.op), '?')}"
    if isinstance(node, ast.UnaryOp):
        return None if isinstance(node.op, (ast.USub, ast.UAdd)) else f"쓸 수 없는 연산자입니다: {_BAD_OPERATORS.get(type(node.op), '?')}"
    if isinstance(node, ast.Constant):
        if type(node.value) in (int, float):
            return None
        if isinstance(node.value, (str, bytes)):
            return "쓸 수 없는 값입니다: 문자열"
        if isinstance(node.value, complex):
            return "쓸 수 없는 값입니다: 복소수"
        return "쓸 수 없는 값입니다: True, False, None 같은 상수"
    if isinstance(node, ast.Name):
        if "__" in node.id:
            return f"밑줄 두 개(__)가 든 이름은 쓸 수 없습니다: {node.id}"
        return f"함수 이름은 호출해서 써야 합니다: {node.id}. 예: {node.id}(x)" if node.id in FUNCTIONS else None
    if isinstance(node, ast.Call):
        return _call_reason(node)
    return f"쓸 수 없는 요소입니다: {_BAD_NODES.get(type(node), type(node).__name__)}"


def _call_reason(node: ast.Call) -> str | None:
    if not isinstance(node.func, ast.Name) or node.func.id not in FUNCTIONS:
        function_name = node.func.id if isinstance(node.func, ast.Name) else "이름이 아닌 것"
        return f"알 수 없는 함수입니다: {function_name}. 쓸 수 있는 함수: {', '.join(FUNCTIONS)}"
    if node.keywords:
        return f"키워드 인자(이름=값)는 쓸 수 없습니다. {node.func.id}(x)처럼 인자 하나만 쓰세요"
    if len(node.args) != 1 or isinstance(node.args[0], ast.Starred):
        return f"{node.func.id}에는 인자가 정확히 하나 필요합니다. 받은 인자 수: {len(node.args)}"
    return None


def _children(node: ast.AST) -> tuple:
    if isinstance(node, ast.BinOp):
        return (node.left, node.right)
    if isinstance(node, ast.UnaryOp):
        return (node.operand,)
    return tuple(node.args) if isinstance(node, ast.Call) else ()


def _check_tree(text: str, tree: ast.AST) -> dict[str, ast.Name]:
    """트리 전체를 (재귀 없이) 검사하고, 변수 이름마다 처음 나온 노드를 돌려줍니다."""
    names: dict[str, ast.Name] = {}
    stack = [(tree, 1)]
    while stack:
        node, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise _error(text, f"식이 너무 깊게 중첩되었습니다 (최대 깊이 {MAX_DEPTH}). 식을 나누어 쓰세요.", node)
        reason = _reason(node)
        if reason is not None:
            raise _error(text, f"{reason}.", node, hint=ALLOWED)
        if isinstance(node, ast.Name):
            names.setdefault(node.id, node)
        stack.extend((child, depth + 1) for child in reversed(_children(node)))
    return names


_SYNTAX_REASONS = {
    "invalid decimal literal": "숫자 바로 뒤에 이름이 올 수 없습니다. 곱셈은 2*x처럼 *를 쓰세요",
    "'(' was never closed": "여는 괄호 '('가 닫히지 않았습니다",
    "unmatched ')'": "닫는 괄호 ')'와 짝이 되는 여는 괄호가 없습니다",
}


def _syntax_reason(error: SyntaxError, text: str) -> str:
    """파이썬의 영어 구문 오류 설명을 한국어로 바꿉니다."""
    if error.msg in _SYNTAX_REASONS:
        return _SYNTAX_REASONS[error.msg]
    if not error.offset:
        return "식이 도중에 끝났습니다. 연산자 뒤에 값이 있는지 확인하세요"
    return "이 위치의 글자를 식으로 읽을 수 없습니다. 연산자(+ - * / **)와 괄호를 확인하세요"


def _syntax_tree(text: str) -> ast.AST:
    """길이, 문자, 괄호 깊이를 먼저 보고 ast로 구문 트리를 만듭니다 (실행하지 않습니다)."""
    if len(text) > MAX_LENGTH:
        raise ValueError(f"식이 너무 깁니다 (최대 {MAX_LENGTH}글자). 받은 길이: {len(text)}글자. 식을 나누어 쓰세요.")
    depth = 0
    for column, char in enumerate(text):
        if not char.isprintable() and char != "\t":
            raise _error(text, f"식에 제어 문자가 있습니다: {char!r}. 식은 한 줄로 쓰세요.", column=column)
        depth += (char in "([{") - (char in ")]}")
        if depth > MAX_DEPTH:
            raise _error(text, f"괄호가 너무 깊게 중첩되었습니다 (최대 {MAX_DEPTH}단계).", column=column)
    try:
        return ast.parse(text, mode="eval").body
    except SyntaxError as error:
        # offset 0은 파이썬이 식의 끝에서 오류를 찾았다는 뜻입니다 (예: "a*b+").
        column = len(text) if not error.offset else min(error.offset - 1, len(text))
        raise _error(text, f"식의 문법이 올바르지 않습니다: {_syntax_reason(error, text)}.", column=column) from None
    except (ValueError, RecursionError, MemoryError):
        raise ValueError(f"식을 해석할 수 없습니다. 받은 값: {text[:80]!r}. {ALLOWED}") from None


# ---------------------------------------------------------------- 그래프 만들기


def parse(text: str, **values: float | Value) -> Value:
    """식 글을 읽어 Value 그래프를 만듭니다. 파이썬 코드는 실행하지 않습니다.

    변수마다 잎 노드 하나를 만들고 label을 변수 이름으로 붙입니다. 같은 이름이 여러 번 나오면
    같은 노드를 씁니다 (그래서 "a*a"에서 a의 기울기가 두 경로로 더해집니다). 숫자는 상수
    잎 노드가 됩니다. 값을 주었지만 식에 없는 이름은 RuntimeWarning으로 알립니다.

    Args:
        text: 식 (예: "tanh(w1*x1 + w2*x2 + b)"). 최대 MAX_LENGTH글자, 한 줄.
        **values: 변수의 값 (숫자나 Value). Value를 주면 그 노드를 그대로 씁니다.

    Returns:
        식 전체의 Value (그래프의 뿌리).

    Raises:
        TypeError: text가 문자열이 아니거나 값이 숫자가 아닐 때.
        ValueError: 허용되지 않는 문법, 너무 길거나 깊은 식, 값이 없는 변수. 문제 위치를 ^로 가리킵니다.
        ZeroDivisionError, OverflowError: 계산이 정의되지 않을 때 (예: 1/0, exp(1000)). ValueError도
            log(-1)처럼 정의역 밖일 때 납니다. 모두 문제 부분을 ^로 가리킵니다.

    Example:
        >>> o = parse("tanh(w*x + b)", w=-3.0, x=2.0, b=6.8813735870195432)
        >>> round(o.data, 4)
        0.7071
    """
    return parse_mapping(text, values)


def parse_mapping(text: str, values: dict, *, command_line: bool = False) -> Value:
    """`parse`와 같지만 변수 값을 dict로 받습니다. 명령줄 도구가 씁니다.

    Args:
        text: 식 (예: "a*b + c").
        values: 변수 이름에서 값(숫자나 Value)으로 가는 dict.
        command_line: True이면 오류 메시지의 예를 명령줄 표기(--set a=2)로 씁니다.

    Returns:
        식 전체의 Value (그래프의 뿌리).

    Raises:
        TypeError, ValueError, ZeroDivisionError, OverflowError: `parse`와 같습니다.

    Example:
        >>> parse_mapping("a*b", {"a": 2.0, "b": 3.0}).data
        6.0
    """
    example = ('python -m micrograd_ko explain "a*b + c" --set a=2 b=-3 c=10' if command_line
               else 'parse("a*b + c", a=2, b=-3, c=10)')
    if not isinstance(text, str):
        raise TypeError(f"식은 문자열이어야 합니다. 받은 값: {text!r}. 예: {example}")
    text = text.strip()
    if not text:
        raise ValueError(f"식이 비어 있습니다. 예: {example}")
    leaves = _leaves(values)
    tree = _syntax_tree(text)
    used = _check_tree(text, tree)
    missing = [name for name in used if name not in leaves]
    if missing:
        setting_example = f"--set {missing[0]}=2.0" if command_line else f"parse(..., {missing[0]}=2.0)"
        raise _error(text, f"값이 정해지지 않은 변수가 있습니다: {', '.join(missing)}. "
                     f"{setting_example}처럼 값을 주세요.", used[missing[0]])
    result = _build(text, tree, leaves)
    unused = [name for name in leaves if name not in used]
    if unused:
        warnings.warn(f"식에 없는 변수에 값을 주었습니다: {', '.join(unused)}. 이름에 오타가 없는지 확인하세요.",
                      RuntimeWarning, stacklevel=3)
    return result if isinstance(result, Value) else Value(result)


def _leaves(values: dict) -> dict[str, Value]:
    leaves = {}
    for raw_name, value in values.items():
        name = _check_name(raw_name, "parse의 값")
        if isinstance(value, Value):
            value.label = value.label or name
            leaves[name] = value
        else:
            leaves[name] = Value(value, label=name)
    return leaves


def _build(text: str, node: ast.AST, leaves: dict[str, Value]) -> Value | float:
    """검사를 마친 트리로 그래프를 만듭니다. 숫자끼리의 단항 -는 숫자로 남깁니다."""
    try:
        if isinstance(node, ast.Constant):
            return _number(text, node)
        if isinstance(node, ast.Name):
            return leaves[node.id]
        if isinstance(node, ast.UnaryOp):
            operand = _build(text, node.operand, leaves)
            return -operand if isinstance(node.op, ast.USub) else operand
        if isinstance(node, ast.Call):
            argument = _build(text, node.args[0], leaves)
            return getattr(argument if isinstance(argument, Value) else Value(argument), node.func.id)()
        left, right = _build(text, node.left, leaves), _build(text, node.right, leaves)
        if not isinstance(left, Value) and not isinstance(right, Value):
            left = Value(left)  # 숫자끼리의 계산도 엔진이 검사하게 상수 노드로 만듭니다.
        return _BINARY[type(node.op)](left, right)
    except (ZeroDivisionError, OverflowError, ValueError) as error:
        if "위치:" in str(error):  # 더 안쪽 노드에서 이미 위치를 붙였습니다.
            raise
        raise type(error)(str(_error(text, str(error), node))) from None


def _number(text: str, node: ast.Constant) -> float:
    try:
        number = float(node.value)
    except OverflowError:
        number = float("inf")
    if number - number:
        raise _error(text, f"숫자가 너무 큽니다 (float 범위 약 1.8e308). 받은 값: {node.value!r}.", node)
    return number
