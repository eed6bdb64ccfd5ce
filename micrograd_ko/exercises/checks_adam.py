"""연습 4의 채점: adam_step을 세 단계 실행해서 micrograd_ko.optim.Adam과 비교합니다."""

from __future__ import annotations

import math
from types import ModuleType

from micrograd_ko.engine import Value
from micrograd_ko.exercises._runner import Check, Failure, call_learner, diagnose, expect_number, fmt, search
from micrograd_ko.optim import Adam

# 학습자의 식과 optim.Adam은 같은 산술이고 연산 순서만 다를 수 있으므로 반올림 오차(약 1e-16)만 허용합니다.
REL_TOL, ABS_TOL = 1e-9, 1e-12

# (처음 매개변수, 단계마다의 기울기, lr, beta1, beta2, eps). 두 번째는 아주 작은 기울기라서
# √v̂가 ε에 가까워지므로 ε의 위치가 틀리면 드러납니다.
NORMAL = (1.0, (0.5, -0.25, 0.125), 0.1, 0.9, 0.999, 1e-7)
TINY = (-2.0, (0.001, 0.002, -0.0005), 0.01, 0.9, 0.999, 1e-7)


def _corrected(m: float, v: float, t: int, beta1: float, beta2: float) -> tuple[float, float]:
    return m / (1 - beta1**t), v / (1 - beta2**t)


# 매개변수 갱신의 흔한 실수. 함수는 (갱신 전 param, 새 m, 새 v, t, lr, beta1, beta2, eps)를 받습니다.
WRONG_UPDATES = (
    (lambda p, m, v, t, lr, b1, b2, eps: p - lr * m / (math.sqrt(v) + eps),
     "편향 보정이 빠졌습니다. m과 v는 0에서 시작해서 처음에는 너무 작으므로 "
     "m̂ = m / (1 − β1ᵗ), v̂ = v / (1 − β2ᵗ)로 보정한 값으로 갱신하세요."),
    (lambda p, m, v, t, lr, b1, b2, eps: p - lr * _corrected(m, v, t, b1, b2)[0]
     / math.sqrt(_corrected(m, v, t, b1, b2)[1] + eps),
     "ε를 제곱근 안에 넣었습니다. 분모는 √(v̂ + ε)가 아니라 √v̂ + ε입니다."),
    (lambda p, m, v, t, lr, b1, b2, eps: p + lr * _corrected(m, v, t, b1, b2)[0]
     / (math.sqrt(_corrected(m, v, t, b1, b2)[1]) + eps),
     "갱신 방향이 반대입니다. 기울기의 반대 방향으로 가도록 빼야 합니다: param − 학습률 × m̂ / (√v̂ + ε)."),
    (lambda p, m, v, t, lr, b1, b2, eps: p - _corrected(m, v, t, b1, b2)[0]
     / (math.sqrt(_corrected(m, v, t, b1, b2)[1]) + eps),
     "학습률을 곱하지 않았습니다: param − 학습률 × m̂ / (√v̂ + ε)."),
)
UPDATE_HINT = "m과 v는 맞습니다. 4) param ← param − 학습률 × m̂ / (√v̂ + ε)를 확인하세요 (m̂, v̂는 편향 보정한 값)."
M_HINT = "m이 다릅니다. 1) m ← β1 × m + (1 − β1) × g입니다."
V_HINT = "v가 다릅니다. 2) v ← β2 × v + (1 − β2) × g²입니다."
V_UNSQUARED_HINT = "기울기를 제곱하지 않았습니다. v는 기울기 제곱의 이동 평균입니다: v ← β2 × v + (1 − β2) × g²."


def _reference(param: float, grads, lr: float, beta1: float, beta2: float, eps: float) -> list[tuple]:
    """optim.Adam으로 Value 하나를 갱신하며 단계마다 (param, m, v)를 기록합니다."""
    p = Value(param)
    opt = Adam([p], lr=lr, beta1=beta1, beta2=beta2, eps=eps)
    states = []
    for g in grads:
        p.grad = g
        opt.step()
        states.append((p.data, opt.state[p]["m"], opt.state[p]["v"]))
    return states


def _unpack(answer, inputs: str) -> tuple[float, float, float]:
    if not isinstance(answer, (tuple, list)) or len(answer) != 3:
        raise Failure(inputs, expected="(param, m, v) 세 값의 튜플", received=repr(answer),
                      hint="return new_param, new_m, new_v처럼 세 값을 돌려주세요.")
    return tuple(expect_number(x, "adam_step의 반환값 (param, m, v)", inputs) for x in answer)


def _hint(which: str, received, before, g, t, lr, beta1, beta2, eps) -> str:
    param, m, v = before
    if which == "m":
        return M_HINT
    if which == "v":
        unsquared = beta2 * v + (1 - beta2) * g
        return V_UNSQUARED_HINT if math.isclose(received[2], unsquared, rel_tol=REL_TOL, abs_tol=ABS_TOL) else V_HINT
    return diagnose(received[0], WRONG_UPDATES, UPDATE_HINT, param, received[1], received[2], t, lr, beta1, beta2, eps)


def _run(module: ModuleType, param: float, grads, lr: float, beta1: float, beta2: float, eps: float) -> None:
    expected_states = _reference(param, grads, lr, beta1, beta2, eps)
    state = (param, 0.0, 0.0)
    for t, (g, expected) in enumerate(zip(grads, expected_states), start=1):
        p, m, v = state
        inputs = (f"t = {t}, param = {p!r}, grad = {g!r}, m = {m!r}, v = {v!r}, "
                  f"lr = {lr!r}, beta1 = {beta1!r}, beta2 = {beta2!r}, eps = {eps!r}")
        answer = call_learner(module, module.adam_step, p, g, m, v, t, lr, beta1, beta2, eps, inputs=inputs)
        received = _unpack(answer, inputs)
        for which, index in (("m", 1), ("v", 2), ("param", 0)):
            if not math.isclose(received[index], expected[index], rel_tol=REL_TOL, abs_tol=ABS_TOL):
                raise Failure(inputs, expected=f"(param, m, v) = {fmt(expected)} (optim.Adam)",
                              received=f"(param, m, v) = {fmt(received)}",
                              hint=_hint(which, received, state, g, t, lr, beta1, beta2, eps))
        state = received


def _check_random(module: ModuleType) -> None:
    from hypothesis import strategies as st

    from micrograd_ko.testing import floats

    cases = st.tuples(floats(-5.0, 5.0), st.lists(floats(-5.0, 5.0), min_size=3, max_size=3), floats(1e-4, 0.5),
                      floats(0.5, 0.99), floats(0.9, 0.9999), st.sampled_from([1e-7, 1e-8]))
    search(cases, lambda c: _run(module, *c))


CHECKS = (
    Check("보통 크기의 기울기로 3단계: optim.Adam과 비교 (lr = 0.1, g = 0.5, -0.25, 0.125)",
          lambda module: _run(module, *NORMAL)),
    Check("아주 작은 기울기로 3단계: optim.Adam과 비교 (lr = 0.01, g = 0.001, 0.002, -0.0005)",
          lambda module: _run(module, *TINY)),
    Check("무작위 입력 30개 (hypothesis): 3단계를 optim.Adam과 비교", _check_random),
)
