"""수치 미분(중심 차분)으로 `backward()`의 기울기를 검산합니다.

중심 차분은 f′(x) ≈ (f(x + h) − f(x − h)) / 2h입니다. 오차는 두 가지입니다.
- 절단 오차: 약 h² × |f‴(x)| / 6. h = 1e-6이면 단위 크기에서 약 1e-13입니다.
- 반올림 오차: 약 ε × |f(x)| / h (ε ≈ 2.2e-16). h = 1e-6이면 약 2e-10 × |f(x)|입니다.
그래서 기본 허용 오차 rtol = 1e-5, atol = 1e-6은 올바른 기울기를 통과시키고,
부호나 계수가 틀린 기울기는 잡아냅니다. |f(x)|가 1e4를 넘으면 atol을 키우세요.
"""

from __future__ import annotations

import math
from typing import Callable, Sequence

from micrograd_ko.engine import Value, no_grad

__all__ = ["numerical_grad", "gradcheck", "DEFAULT_EPS", "DEFAULT_RTOL", "DEFAULT_ATOL"]

DEFAULT_EPS = 1e-6
DEFAULT_RTOL = 1e-5
DEFAULT_ATOL = 1e-6


def _evaluate(f: Callable[..., Value], inputs: Sequence[float]) -> float:
    out = f(*[Value(x) for x in inputs])
    if not isinstance(out, Value):
        raise TypeError(
            f"f는 Value 하나를 돌려줘야 합니다. 받은 값: {out!r} (자료형 {type(out).__name__}). "
            "f의 마지막 줄이 Value를 돌려주는지 확인하세요."
        )
    return out.data


def _check_inputs(values: Sequence[float], eps: float) -> list[float]:
    if not eps > 0:
        raise ValueError(f"eps는 0보다 커야 합니다. 받은 값: {eps!r}. 보통 1e-6을 씁니다.")
    inputs = [float(Value(v).data) for v in values]
    if not inputs:
        raise ValueError("values가 비어 있습니다. 미분할 입력값을 하나 이상 넣으세요.")
    return inputs


def numerical_grad(f: Callable[..., Value], values: Sequence[float], eps: float = DEFAULT_EPS) -> list[float]:
    """입력마다 ∂f/∂xᵢ를 중심 차분 (f(x + h) − f(x − h)) / 2h로 계산합니다.

    Args:
        f: Value 입력들을 받아 Value 하나를 돌려주는 함수 (예: `lambda a, b: a * b`).
        values: 미분할 지점의 입력값들 (숫자).
        eps: 차분 간격 h.

    Returns:
        입력 순서대로 수치 미분값의 목록.

    Example:
        >>> numerical_grad(lambda a, b: a * b, [2.0, 3.0])  # doctest: +SKIP
        [3.000000000, 2.000000000]
    """
    inputs = _check_inputs(values, eps)
    grads = []
    with no_grad():
        for i, x in enumerate(inputs):
            plus = inputs[:i] + [x + eps] + inputs[i + 1 :]
            minus = inputs[:i] + [x - eps] + inputs[i + 1 :]
            grads.append((_evaluate(f, plus) - _evaluate(f, minus)) / (2 * eps))
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
        rtol: 상대 허용 오차. atol: 절대 허용 오차. eps: 차분 간격 h.

    Returns:
        모든 입력이 허용 오차 안이면 True.

    Raises:
        AssertionError: 어떤 입력의 기울기가 허용 오차를 넘을 때. 한국어 보고서에
            입력 번호, 자동 미분값, 수치 미분값, 차이와 허용 오차가 있습니다.
    """
    inputs = _check_inputs(values, eps)
    leaves = [Value(x, label=f"x{i}") for i, x in enumerate(inputs)]
    out = f(*leaves)
    if not isinstance(out, Value):
        raise TypeError(f"f는 Value 하나를 돌려줘야 합니다. 받은 값: {out!r} (자료형 {type(out).__name__}).")
    out.backward()
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
