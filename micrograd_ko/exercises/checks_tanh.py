"""연습 1의 채점: tanh_local_grad(out, x)를 math.tanh의 중심 차분과 비교합니다."""

from __future__ import annotations

import math
from types import ModuleType

from micrograd_ko.exercises._runner import Check, Failure, call_learner, diagnose, expect_number, search
from micrograd_ko.gradcheck import DEFAULT_ATOL, DEFAULT_RTOL, numerical_grad

FIXED_INPUTS = (0.5, -1.5, 3.0)

# 흔한 실수와 그 힌트. 받은 값이 이 식의 값과 같으면 그 힌트를 보입니다.
WRONG_FORMS = (
    (lambda out, x: 1.0 - x * x, "out 대신 x를 제곱했습니다. tanh의 국소 미분은 1 − x²가 아니라 1 − out²입니다 (out = tanh(x))."),
    (lambda out, x: 1.0 + out * out, "부호가 틀렸습니다. 1 + out²가 아니라 1 − out²입니다."),
    (lambda out, x: out * out - 1.0, "부호가 뒤집혔습니다. out² − 1이 아니라 1 − out²입니다."),
    (lambda out, x: 1.0 - out, "out을 제곱하지 않았습니다. 1 − out이 아니라 1 − out²입니다."),
    (lambda out, x: 1.0 - math.tanh(out) ** 2, "tanh를 두 번 적용했습니다. out은 이미 tanh(x)이므로 1 − out²입니다."),
)
GENERAL_HINT = "tanh의 국소 미분은 1 − tanh(x)²입니다. out = tanh(x)이므로 1 − out²로 쓸 수 있습니다."


def _central_difference(x: float) -> float:
    return numerical_grad(lambda v: v.tanh(), [x])[0]


def _evaluate(module: ModuleType, x: float) -> None:
    out = math.tanh(x)
    inputs = f"x = {x!r}, out = tanh(x) = {out!r}"
    answer = call_learner(module, module.tanh_local_grad, out, x, inputs=inputs)
    received = expect_number(answer, "tanh_local_grad의 반환값", inputs)
    expected = _central_difference(x)
    if not math.isclose(received, expected, rel_tol=DEFAULT_RTOL, abs_tol=DEFAULT_ATOL):
        raise Failure(inputs, expected=f"{expected!r} (math.tanh의 중심 차분, h = 1e-6)", received=repr(received),
                      hint=diagnose(received, WRONG_FORMS, GENERAL_HINT, out, x))


def _check_fixed(module: ModuleType) -> None:
    for x in FIXED_INPUTS:
        _evaluate(module, x)


def _check_random(module: ModuleType) -> None:
    from micrograd_ko.testing import floats

    search(floats(-10.0, 10.0), lambda x: _evaluate(module, x))


CHECKS = (
    Check("고정 입력 x = 0.5, −1.5, 3.0에서 중심 차분과 비교", _check_fixed),
    Check("무작위 입력 30개 (hypothesis, −10 ≤ x ≤ 10)에서 중심 차분과 비교", _check_random),
)
