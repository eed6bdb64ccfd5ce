"""연습 2의 채점: Neuron의 순전파를 손 계산과, 기울기를 중심 차분과 비교합니다."""

from __future__ import annotations

import math
from types import ModuleType

from micrograd_ko.engine import Value
from micrograd_ko.exercises._runner import Check, Failure, call_learner, diagnose, expect_value, fmt, search
from micrograd_ko.gradcheck import DEFAULT_ATOL, DEFAULT_RTOL, numerical_grad

FIXED = ((2.0, -3.0, 0.5), 0.8, (0.3, 0.1, -0.4))  # (w, b, x): 가중합은 0.9입니다.

# 순전파의 흔한 실수. 함수는 (Σ wᵢxᵢ, b)를 받습니다.
WRONG_FORMS = (
    (lambda s, b: math.tanh(s), "편향 b를 더하지 않았습니다. out = tanh(Σ wᵢxᵢ + b)입니다."),
    (lambda s, b: s + b, "활성화 함수를 적용하지 않았습니다. 가중합에 .tanh()를 적용하세요."),
    (lambda s, b: math.tanh(s) + b, "편향을 tanh 밖에서 더했습니다. 편향은 tanh 안의 가중합에 더합니다."),
    (lambda s, b: 1.0 / (1.0 + math.exp(-(s + b))), "시그모이드를 썼습니다. 이 연습의 활성화 함수는 tanh입니다."),
)
GENERAL_HINT = "out = tanh(w₁x₁ + … + wₙxₙ + b)입니다. 모든 가중치와 입력을 곱했는지 확인하세요."


def _describe(w, b, x) -> str:
    return f"w = {fmt(list(w))}, b = {b!r}, x = {fmt(list(x))}"


def _signed(v: float) -> str:
    return f"({v!r})" if v < 0 else repr(v)


def _make_neuron(module: ModuleType, nin: int, inputs: str):
    """학습자의 Neuron(nin)을 만들고 w와 b의 모양을 확인합니다."""
    neuron = call_learner(module, module.Neuron, nin, inputs=inputs)
    w, b = getattr(neuron, "w", None), getattr(neuron, "b", None)
    if not isinstance(w, (list, tuple)) or len(w) != nin or not all(isinstance(p, Value) for p in w):
        raise Failure(f"Neuron({nin})", expected=f"Value {nin}개의 목록", received=repr(w),
                      hint="self.w에 Value를 입력 개수(nin)만큼 담은 목록을 넣으세요. 예: [Value(random.uniform(-1, 1)) for _ in range(nin)]")
    if not isinstance(b, Value):
        raise Failure(f"Neuron({nin})", expected="Value 하나", received=repr(b),
                      hint="self.b에 Value 하나를 넣으세요. 예: Value(0.0)")
    return neuron


def _forward(module: ModuleType, w, b, x):
    """가중치를 (w, b)로 정하고 순전파한 뒤 손 계산과 비교합니다. (뉴런, 입력 Value들, 출력)을 돌려줍니다."""
    inputs = _describe(w, b, x)
    neuron = _make_neuron(module, len(w), inputs)
    for p, value in zip([*neuron.w, neuron.b], [*w, b]):
        p.data, p.grad = value, 0.0
    xs = [Value(v, label=f"x{i + 1}") for i, v in enumerate(x)]
    out = expect_value(call_learner(module, neuron, xs, inputs=inputs), "Neuron의 출력", inputs)

    weighted = sum(wi * xi for wi, xi in zip(w, x))
    expected = math.tanh(weighted + b)
    if not math.isclose(out.data, expected, rel_tol=1e-9, abs_tol=1e-12):
        terms = " + ".join(f"{_signed(wi)}×{_signed(xi)}" for wi, xi in zip(w, x))
        raise Failure(inputs, expected=f"tanh({terms} + {_signed(b)}) = tanh({weighted + b!r}) = {expected!r}",
                      received=repr(out.data),
                      hint=diagnose(out.data, WRONG_FORMS, GENERAL_HINT, weighted, b))
    return neuron, xs, out


def _gradients(module: ModuleType, w, b, x) -> None:
    """out.backward()의 기울기를 학습자 Neuron의 중심 차분과 비교합니다."""
    inputs = _describe(w, b, x)
    neuron, xs, out = _forward(module, w, b, x)
    call_learner(module, out.backward, inputs=inputs)
    params = [*neuron.w, neuron.b]
    names = [f"w{i + 1}" for i in range(len(w))] + ["b"] + [f"x{i + 1}" for i in range(len(x))]
    received = [p.grad for p in params] + [v.grad for v in xs]

    def f(*leaves: Value) -> Value:
        # 학습자 뉴런의 매개변수 값을 바꿔 가며 순전파합니다 (numerical_grad는 no_grad 안에서 부릅니다).
        for p, leaf in zip(params, leaves):
            p.data = leaf.data
        return call_learner(module, neuron, list(leaves[len(params):]), inputs=inputs)

    expected = numerical_grad(f, [*w, b, *x])
    for p, value in zip(params, [*w, b]):
        p.data = value
    for name, auto, numeric in zip(names, received, expected):
        if not math.isclose(auto, numeric, rel_tol=DEFAULT_RTOL, abs_tol=DEFAULT_ATOL):
            raise Failure(inputs, expected=f"∂out/∂{name} = {numeric!r} (중심 차분, h = 1e-6)",
                          received=f"∂out/∂{name} = {auto!r} (backward() 뒤의 {name}.grad)",
                          hint=_gradient_hint(name, auto))


def _gradient_hint(name: str, auto: float) -> str:
    if auto == 0.0:
        return (f"기울기가 0입니다: {name}. 이 값이 계산 그래프에 연결되지 않았습니다. "
                ".data를 꺼내서 계산하거나 math.tanh를 쓰면 그래프가 끊깁니다. Value끼리 계산하세요.")
    return "순전파는 맞지만 기울기가 다릅니다. 가중치, 편향, 입력을 모두 Value 그대로 계산에 썼는지 확인하세요."


def _check_shape(module: ModuleType) -> None:
    _make_neuron(module, 3, "Neuron(3)")


def _check_forward(module: ModuleType) -> None:
    _forward(module, *FIXED)


def _check_gradients(module: ModuleType) -> None:
    _gradients(module, *FIXED)


def _check_random(module: ModuleType) -> None:
    from hypothesis import strategies as st

    from micrograd_ko.testing import floats

    def case(n: int):
        vector = st.lists(floats(-2.0, 2.0), min_size=n, max_size=n)
        return st.tuples(vector, floats(-2.0, 2.0), vector)

    search(st.integers(1, 4).flatmap(case), lambda c: _gradients(module, *c))


CHECKS = (
    Check("Neuron(3) 만들기: w는 Value 3개의 목록, b는 Value 하나", _check_shape),
    Check("정한 가중치로 순전파: w = [2.0, -3.0, 0.5], b = 0.8, x = [0.3, 0.1, -0.4]", _check_forward),
    Check("같은 가중치로 역전파: 기울기를 중심 차분과 비교", _check_gradients),
    Check("무작위 가중치와 입력 30개 (hypothesis, 1 ≤ nin ≤ 4): 순전파와 기울기", _check_random),
)
