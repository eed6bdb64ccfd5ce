"""연습 3의 채점: binary_crossentropy(p, y)를 식의 값과, 기울기를 중심 차분과 비교합니다."""

from __future__ import annotations

import math
from types import ModuleType

from micrograd_ko.engine import Value
from micrograd_ko.exercises._runner import Check, Failure, call_learner, diagnose, expect_value, search
from micrograd_ko.gradcheck import DEFAULT_ATOL, DEFAULT_RTOL, numerical_grad

FIXED = ((0.8, 1.0), (0.8, 0.0), (0.3, 1.0))

# 흔한 실수와 그 힌트. 함수는 (p, y)를 float로 받습니다.
WRONG_FORMS = (
    (lambda p, y: y * math.log(p) + (1 - y) * math.log(1 - p),
     "맨 앞의 마이너스 부호가 빠졌습니다. log p ≤ 0이므로 −를 붙여야 손실이 0 이상이 됩니다."),
    (lambda p, y: -(y * math.log(1 - p) + (1 - y) * math.log(p)),
     "y와 1 − y가 바뀌었습니다. 정답이 1(y = 1)이면 손실은 −log p, 정답이 0이면 −log(1 − p)입니다."),
    (lambda p, y: -y * math.log(p),
     "(1 − y) × log(1 − p) 항이 빠졌습니다. 정답이 0(y = 0)일 때는 이 항이 손실을 만듭니다."),
    (lambda p, y: -(1 - y) * math.log(1 - p),
     "y × log p 항이 빠졌습니다. 정답이 1(y = 1)일 때는 이 항이 손실을 만듭니다."),
)
GENERAL_HINT = "이진 크로스엔트로피는 L = −(y × log p + (1 − y) × log(1 − p))입니다. log는 자연로그(밑 e)입니다."


def _formula(p: float, y: float) -> float:
    return -(y * math.log(p) + (1 - y) * math.log(1 - p))


def _loss(module: ModuleType, p: Value, y: float, inputs: str) -> Value:
    out = call_learner(module, module.binary_crossentropy, p, y, inputs=inputs)
    return expect_value(out, "binary_crossentropy의 반환값", inputs)


def _forward(module: ModuleType, p: float, y: float) -> tuple[Value, Value]:
    inputs = f"p = {p!r}, y = {y!r}"
    leaf = Value(p, label="p")
    loss = _loss(module, leaf, y, inputs)
    expected = _formula(p, y)
    if not math.isclose(loss.data, expected, rel_tol=1e-9, abs_tol=1e-12):
        raise Failure(inputs, expected=f"−({y:g} × log {p:.10g} + {1 - y:g} × log {1 - p:.10g}) = {expected!r}",
                      received=repr(loss.data), hint=diagnose(loss.data, WRONG_FORMS, GENERAL_HINT, p, y))
    return leaf, loss


def _gradient(module: ModuleType, p: float, y: float) -> None:
    inputs = f"p = {p!r}, y = {y!r}"
    leaf, loss = _forward(module, p, y)
    call_learner(module, loss.backward, inputs=inputs)
    expected = numerical_grad(lambda v: _loss(module, v, y, inputs), [p])[0]
    if not math.isclose(leaf.grad, expected, rel_tol=DEFAULT_RTOL, abs_tol=DEFAULT_ATOL):
        if leaf.grad == 0.0:
            hint = ("p.grad가 0입니다. p가 계산 그래프에 연결되지 않았습니다. math.log(p.data) 대신 "
                    "p.log()와 (1 - p).log()처럼 Value의 연산을 쓰세요.")
        else:
            hint = "손실 값은 맞지만 기울기가 다릅니다. 모든 계산을 Value의 연산으로 했는지 확인하세요."
        raise Failure(inputs, expected=f"∂L/∂p = {expected!r} (중심 차분, h = 1e-6)",
                      received=f"∂L/∂p = {leaf.grad!r} (backward() 뒤의 p.grad)", hint=hint)


def _check_forward(module: ModuleType) -> None:
    for p, y in FIXED:
        _forward(module, p, y)


def _check_gradients(module: ModuleType) -> None:
    for p, y in FIXED:
        _gradient(module, p, y)


def _check_random(module: ModuleType) -> None:
    from hypothesis import strategies as st

    from micrograd_ko.testing import floats

    cases = st.tuples(floats(0.01, 0.99), st.sampled_from([0.0, 1.0]))
    search(cases, lambda c: _gradient(module, *c))


CHECKS = (
    Check("정한 입력 (p, y) = (0.8, 1), (0.8, 0), (0.3, 1)에서 손실 값", _check_forward),
    Check("같은 입력에서 역전파: ∂L/∂p를 중심 차분과 비교", _check_gradients),
    Check("무작위 입력 30개 (hypothesis, 0.01 ≤ p ≤ 0.99, y는 0 또는 1): 손실과 기울기", _check_random),
)
