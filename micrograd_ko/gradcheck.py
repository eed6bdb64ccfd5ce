"""수치 미분(중심 차분)으로 `backward()`의 기울기를 검산합니다.

중심 차분은 f′(x) ≈ (f(x + h) − f(x − h)) / 2h입니다. 오차는 두 가지입니다.
- 절단 오차: 약 h² × |f‴(x)| / 6. h = 1e-6이면 단위 크기에서 약 1e-13입니다.
- 반올림 오차: 약 ε × |f(x)| / h (ε ≈ 2.2e-16). h = 1e-6이면 약 2e-10 × |f(x)|입니다.
그래서 기본 허용 오차 rtol = 1e-5, atol = 1e-6은 올바른 기울기를 통과시키고,
부호나 계수가 틀린 기울기는 잡아냅니다. |f(x)|가 1e4를 넘으면 atol을 키우세요.
"""

from __future__ import annotations

import math
import numbers
from typing import Callable, Iterable, Sequence

from micrograd_ko.engine import Value, _to_float, no_grad

__all__ = ["numerical_grad", "gradcheck", "DEFAULT_EPS", "DEFAULT_RTOL", "DEFAULT_ATOL"]

DEFAULT_EPS = 1e-6
DEFAULT_RTOL = 1e-5
DEFAULT_ATOL = 1e-6


def _evaluate(f: Callable[..., Value], inputs: Sequence[float]) -> float:
    return _call(f, [Value(x) for x in inputs]).data


def _call(f: Callable[..., Value], leaves: list[Value]) -> Value:
    out = f(*leaves)
    if not isinstance(out, Value):
        raise TypeError(
            f"f는 Value 하나를 돌려줘야 합니다. 받은 값: {out!r} (자료형 {type(out).__name__}). "
            "f의 마지막 줄이 Value를 돌려주는지 확인하세요."
        )
    return out


def _check_tolerance(x, name: str) -> float:
    if isinstance(x, bool) or not isinstance(x, numbers.Real):
        raise TypeError(f"{name} 인자는 실수여야 합니다. 받은 값: {x!r} (자료형 {type(x).__name__}). 예: {name}=1e-6")
    try:
        value = float(x)
    except OverflowError:  # 10**400 같은 큰 정수
        value = math.inf
    if not (math.isfinite(value) and value >= 0):
        raise ValueError(f"{name} 인자는 0 이상의 유한한 실수여야 합니다. 받은 값: {x!r}. 예: {name}=1e-6")
    return value


def _check_inputs(f, values, eps) -> tuple[list[float], float]:
    if not callable(f):
        raise TypeError(f"f는 함수여야 합니다. 받은 값: {f!r} (자료형 {type(f).__name__}). 예: lambda a, b: a * b")
    eps = _check_tolerance(eps, "eps")
    if eps == 0:
        raise ValueError(f"eps는 0보다 커야 합니다. 받은 값: {eps!r}. 보통 1e-6을 씁니다.")
    if isinstance(values, (str, Value, numbers.Number)) or not isinstance(values, Iterable):
        raise TypeError(f"values는 숫자의 목록이어야 합니다. 받은 값: {values!r}. 입력이 하나라면 [2.0]처럼 감싸세요.")
    inputs = [_to_float(v, f"values[{i}]") for i, v in enumerate(values)]
    if not inputs:
        raise ValueError("values가 비어 있습니다. 미분할 입력값을 하나 이상 넣으세요.")
    return inputs, eps


def numerical_grad(f: Callable[..., Value], values: Sequence[float], eps: float = DEFAULT_EPS) -> list[float]:
    """입력마다 ∂f/∂xᵢ를 중심 차분 (f(x + h) − f(x − h)) / 2h로 계산합니다.

    Args:
        f: Value 입력들을 받아 Value 하나를 돌려주는 함수 (예: `lambda a, b: a * b`).
        values: 미분할 지점의 입력값들 (숫자).
        eps: 차분 간격 h.

    Returns:
        입력 순서대로 수치 미분값의 목록.

    Raises:
        TypeError: f가 함수가 아니거나, values가 숫자의 목록이 아니거나, f가 Value를 돌려주지 않을 때.
        ValueError: values가 비었거나 eps가 0 이하일 때.
        OverflowError: 수치 미분값이 float 범위를 넘을 때.

    Example:
        >>> [round(g, 6) for g in numerical_grad(lambda a, b: a * b, [2.0, 3.0])]
        [3.0, 2.0]
    """
    inputs, eps = _check_inputs(f, values, eps)
    grads = []
    with no_grad():
        for i, x in enumerate(inputs):
            plus = inputs[:i] + [x + eps] + inputs[i + 1 :]
            minus = inputs[:i] + [x - eps] + inputs[i + 1 :]
            grad = (_evaluate(f, plus) - _evaluate(f, minus)) / (2 * eps)
            if not math.isfinite(grad):
                raise OverflowError(
                    f"수치 미분값이 float 범위를 넘습니다. 입력 번호: {i}, 입력값: {x!r}. "
                    "f의 값이 너무 크므로 입력이나 식의 크기를 줄이세요."
                )
            grads.append(grad)
    return grads


def gradcheck(
    f: Callable[..., Value],
    values: Sequence[float],
    rtol: float = DEFAULT_RTOL,
    atol: float = DEFAULT_ATOL,
    eps: float = DEFAULT_EPS,
) -> bool:
    """`backward()`가 구한 기울기를 중심 차분과 비교합니다.

    비교 규칙은 math.isclose(자동, 수치, rel_tol=rtol, abs_tol=atol)입니다.

    Args:
        f: Value 입력들을 받아 Value 하나를 돌려주는 함수.
        values: 검사할 지점의 입력값들.
        rtol: 상대 허용 오차 (0 이상).
        atol: 절대 허용 오차 (0 이상).
        eps: 차분 간격 h (0보다 큼).

    Returns:
        모든 입력이 허용 오차 안이면 True.

    Raises:
        TypeError, ValueError, OverflowError: `numerical_grad`와 같은 경우, 그리고 rtol이나 atol이
            0 이상의 유한한 실수가 아닐 때.
        AssertionError: 어떤 입력의 기울기가 허용 오차를 넘을 때. 한국어 보고서에
            입력 번호, 자동 미분값, 수치 미분값, 차이와 허용 오차가 있습니다.
    """
    inputs, eps = _check_inputs(f, values, eps)
    rtol, atol = _check_tolerance(rtol, "rtol"), _check_tolerance(atol, "atol")
    leaves = [Value(x, label=f"x{i}") for i, x in enumerate(inputs)]
    _call(f, leaves).backward()
    numeric = numerical_grad(f, inputs, eps)
    failures = []
    for i, (leaf, expected) in enumerate(zip(leaves, numeric)):
        if not math.isclose(leaf.grad, expected, rel_tol=rtol, abs_tol=atol):
            failures.append(
                f"  입력 {i} (x{i} = {inputs[i]!r}): 자동 미분 {leaf.grad!r}, 수치 미분 {expected!r}, "
                f"차이 {abs(leaf.grad - expected):.3e}, 허용 오차 {atol + rtol * abs(expected):.3e}"
            )
    if failures:
        raise AssertionError("기울기 검사에 실패했습니다 (backward() 대 중심 차분):\n" + "\n".join(failures))
    return True
