"""optim.py 테스트: SGD 모멘텀과 Adam의 첫 세 단계를 손으로 푼 값과 비교하고, 입력 검사를 확인합니다."""

from __future__ import annotations

import decimal
import math
from decimal import Decimal

import pytest

from micrograd_ko import optim
from micrograd_ko.engine import Value, is_grad_enabled
from micrograd_ko.losses import mse
from micrograd_ko.nn import MLP
from micrograd_ko.optim import SGD, Adam

# 손으로 푼 값은 40자리 Decimal로 계산해서 적었습니다. float 계산과는 반올림 오차만큼만 다릅니다.
HAND_TOL = 1e-12


def close(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=HAND_TOL, abs_tol=HAND_TOL)


def _run(opt, param: Value, grads: list[float]) -> list[float]:
    """기울기를 직접 넣고 step()을 차례로 불러, 단계마다 매개변수 값을 돌려줍니다."""
    history = []
    for g in grads:
        opt.zero_grad()
        param.grad = g
        opt.step()
        history.append(param.data)
    return history


# ---------------------------------------------------------------- SGD


def test_sgd_plain_step_by_hand():
    p = Value(1.0)
    assert _run(SGD([p], lr=0.1), p, [0.5]) == [1.0 - 0.1 * 0.5]


def test_sgd_momentum_three_steps_by_hand():
    # v1 = −0.1,  p1 = 0.9
    # v2 = 0.9 × (−0.1) − 0.1 = −0.19,  p2 = 0.71
    # v3 = 0.9 × (−0.19) − 0.1 = −0.271, p3 = 0.439
    p = Value(1.0)
    history = _run(SGD([p], lr=0.1, momentum=0.9), p, [1.0, 1.0, 1.0])
    assert close(history[0], 0.9)
    assert close(history[1], 0.71)
    assert close(history[2], 0.439)


def test_sgd_velocity_in_state():
    p = Value(1.0)
    opt = SGD([p], lr=0.1, momentum=0.9)
    _run(opt, p, [1.0, 1.0])
    assert close(opt.state[p]["velocity"], -0.19)
    assert opt.t == 2


# ---------------------------------------------------------------- Adam

# 매개변수 1.0, 기울기 0.5, −0.2, 0.1, lr = 0.01, β1 = 0.9, β2 = 0.999, ε = 1e-7.
# 1단계: m = 0.05, v = 0.00025, m̂ = 0.5, v̂ = 0.25, p = 1 − 0.01 × 0.5 / (0.5 + 1e-7)
# 2단계: m = 0.025, v = 0.00028975, m̂ = 0.025 / 0.19, v̂ = 0.00028975 / 0.001999
# 3단계: m = 0.0325, v = 0.00029946025, m̂ = 0.0325 / 0.271, v̂ = 0.00029946025 / 0.002997001
ADAM_GRADS = [0.5, -0.2, 0.1]


def _adam_by_decimal(grads: list[float], lr: str = "0.01") -> list[float]:
    """위 식 1) ~ 4)를 40자리 Decimal로 따로 계산합니다 (optim.py의 코드를 쓰지 않습니다)."""
    with decimal.localcontext() as ctx:
        ctx.prec = 40
        b1, b2, eps = Decimal("0.9"), Decimal("0.999"), Decimal("1e-7")
        p, m, v, out = Decimal(1), Decimal(0), Decimal(0), []
        for t, g in enumerate(grads, start=1):
            g = Decimal(str(g))
            m = b1 * m + (1 - b1) * g
            v = b2 * v + (1 - b2) * g * g
            m_hat, v_hat = m / (1 - b1**t), v / (1 - b2**t)
            p -= Decimal(lr) * m_hat / (v_hat.sqrt() + eps)
            out.append(float(p))
    return out


ADAM_PARAMS = _adam_by_decimal(ADAM_GRADS)


def test_adam_decimal_reference_first_step_by_hand():
    # 1단계는 손으로도 풉니다: 1 − 0.005 / 0.5000001 = 1 − 0.00999999800000039999992...
    assert close(ADAM_PARAMS[0], 0.99000000199999960000008)


def test_adam_first_three_steps_by_hand():
    p = Value(1.0)
    history = _run(Adam([p], lr=0.01), p, ADAM_GRADS)
    for got, expected in zip(history, ADAM_PARAMS):
        assert close(got, expected)


def test_adam_moments_after_second_step():
    p = Value(1.0)
    opt = Adam([p], lr=0.01)
    _run(opt, p, ADAM_GRADS[:2])
    moments = opt.moments(p)
    assert moments["t"] == 2
    assert close(moments["m"], 0.025)
    assert close(moments["v"], 0.00028975)
    assert close(moments["m_hat"], 0.025 / 0.19)
    assert close(moments["v_hat"], 0.00028975 / 0.001999)


def test_adam_state_holds_m_and_v():
    p = Value(1.0)
    opt = Adam([p])
    assert opt.state[p] == {"m": 0.0, "v": 0.0}
    assert opt.moments(p)["m_hat"] == 0.0


def test_adam_moments_unknown_param_raises_valueerror():
    opt = Adam([Value(1.0)])
    with pytest.raises(ValueError, match="매개변수가 아닙니다"):
        opt.moments(Value(2.0))


# ---------------------------------------------------------------- 공통 동작


def test_step_records_no_graph():
    p = Value(1.0)
    opt = Adam([p])
    p.grad = 1.0
    opt.step()
    assert p._op is None
    assert p._parents == ()
    assert is_grad_enabled()


def test_zero_grad_clears_grads():
    ps = [Value(1.0), Value(2.0)]
    opt = SGD(ps)
    for p in ps:
        p.grad = 3.0
    opt.zero_grad()
    assert [p.grad for p in ps] == [0.0, 0.0]


def test_params_generator_accepted():
    model = MLP(2, [3, 1], seed=0)
    opt = SGD(p for p in model.parameters())
    assert opt.params == model.parameters()


def test_duplicate_params_updated_once():
    p = Value(1.0)
    opt = SGD([p, p], lr=0.1)
    p.grad = 1.0
    opt.step()
    assert p.data == 0.9


def test_overflowing_step_raises_and_restores():
    p = Value(1e308)
    opt = SGD([p], lr=10.0)
    p.grad = -1e308
    with pytest.raises(OverflowError, match="학습률을 줄이"):
        opt.step()
    assert p.data == 1e308


def test_training_reduces_mse():
    model = MLP(2, [8, 1], activation="tanh", seed=0)
    xs, ys = [[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]], [0.0, 1.0, 1.0, 0.0]
    opt = Adam(model.parameters(), lr=0.05)
    losses = []
    for _ in range(60):
        loss = mse([model(x) for x in xs], ys)
        opt.zero_grad()
        loss.backward()
        opt.step()
        losses.append(loss.data)
    assert losses[-1] < 0.5 * losses[0]


def test_get_finds_optimizer_by_name():
    assert optim.get("adam") is Adam
    assert optim.get("SGD") is SGD


def test_get_unknown_name_raises_valueerror():
    with pytest.raises(ValueError, match="알 수 없는 옵티마이저"):
        optim.get("rmsprop")


# ---------------------------------------------------------------- 잘못된 입력


@pytest.mark.parametrize("lr", [0.0, -0.1, float("nan"), float("inf")])
def test_bad_lr_raises_valueerror(lr):
    with pytest.raises(ValueError, match="lr의 값"):
        SGD([Value(1.0)], lr=lr)


@pytest.mark.parametrize("lr", ["0.1", None, True])
def test_non_number_lr_raises_typeerror(lr):
    with pytest.raises(TypeError, match="실수여야"):
        Adam([Value(1.0)], lr=lr)


@pytest.mark.parametrize("kwargs, name", [
    ({"beta1": 1.0}, "beta1"), ({"beta1": -0.1}, "beta1"), ({"beta2": 1.5}, "beta2"), ({"eps": 0.0}, "eps"),
])
def test_bad_adam_hyperparameter_raises_valueerror(kwargs, name):
    with pytest.raises(ValueError, match=f"{name}의 값"):
        Adam([Value(1.0)], **kwargs)


def test_momentum_one_raises_valueerror():
    with pytest.raises(ValueError, match="0 이상 1 미만"):
        SGD([Value(1.0)], momentum=1.0)


def test_empty_params_raise_valueerror():
    with pytest.raises(ValueError, match="비어 있습니다"):
        Adam([])


def test_number_in_params_raises_typeerror():
    with pytest.raises(TypeError, match="params\\[1\\]의 값: 3.0"):
        SGD([Value(1.0), 3.0])


def test_model_as_params_suggests_parameters():
    with pytest.raises(TypeError, match="model.parameters\\(\\)"):
        Adam(MLP(2, [1], seed=0))


def test_non_leaf_param_raises_valueerror():
    a = Value(1.0)
    with pytest.raises(ValueError, match="잎 노드"):
        SGD([a * 2])


# ---------------------------------------------------------------- PyTorch와 비교


def test_adam_and_sgd_match_pytorch():
    torch = pytest.importorskip("torch")
    for ours, theirs in [
        (lambda p: Adam([p], lr=0.01, eps=1e-7), lambda t: torch.optim.Adam([t], lr=0.01, eps=1e-7)),
        (lambda p: SGD([p], lr=0.1, momentum=0.9), lambda t: torch.optim.SGD([t], lr=0.1, momentum=0.9, dampening=0)),
    ]:
        p = Value(1.0)
        t = torch.tensor([1.0], dtype=torch.float64, requires_grad=True)
        opt_ours, opt_theirs = ours(p), theirs(t)
        for g in ADAM_GRADS:
            p.grad, t.grad = g, torch.tensor([g], dtype=torch.float64)
            opt_ours.step()
            opt_theirs.step()
            assert math.isclose(p.data, t.item(), rel_tol=1e-9)


# ---------------------------------------------------------------- 실패한 step은 아무것도 바꾸지 않습니다


def test_sgd_overflow_keeps_velocity_and_t():
    # v = 0.5 × 0 − 1e10 × 1e300 = −inf이므로 갱신할 수 없습니다. 속도도 그대로 0이어야 합니다.
    p = Value(1.0)
    opt = SGD([p], lr=1e10, momentum=0.5)
    p.grad = 1e300
    with pytest.raises(OverflowError, match="float 범위"):
        opt.step()
    assert opt.state[p]["velocity"] == 0.0
    assert opt.t == 0
    assert p.data == 1.0


def test_adam_squared_grad_overflow_raises():
    # g = 1e200이면 g² = 1e400이 float 범위를 넘어 v = inf가 됩니다. 그러면 m̂ / √v̂ = 0이라서
    # 매개변수가 조용히 멈추므로 오류를 내야 합니다.
    p = Value(1.0)
    opt = Adam([p], lr=0.1)
    p.grad = 1e200
    with pytest.raises(OverflowError, match="float 범위"):
        opt.step()
    assert opt.state[p] == {"m": 0.0, "v": 0.0}
    assert p.data == 1.0


def test_failed_step_leaves_earlier_params_unchanged():
    a, b = Value(1.0), Value(1.0)
    opt = SGD([a, b], lr=1e10)
    a.grad, b.grad = 1.0, 1e300
    with pytest.raises(OverflowError):
        opt.step()
    assert a.data == 1.0
    assert b.data == 1.0


@pytest.mark.parametrize("grad", [None, "0.5", float("nan"), float("inf"), True])
def test_bad_grad_raises_korean_valueerror(grad):
    p = Value(1.0)
    opt = Adam([p])
    p.grad = grad
    with pytest.raises(ValueError, match="params\\[0\\]의 기울기가 유한한 실수가 아닙니다"):
        opt.step()
    assert opt.t == 0


@pytest.mark.parametrize("lr", [None, "0.1", -1.0, float("nan")])
def test_setting_bad_lr_after_init_raises(lr):
    opt = SGD([Value(1.0)], lr=0.1)
    with pytest.raises((TypeError, ValueError), match="lr의 값은"):
        opt.lr = lr
    assert opt.lr == 0.1


def test_setting_lr_after_init_changes_step():
    p = Value(1.0)
    opt = SGD([p], lr=0.1)
    opt.lr = 0.5
    p.grad = 1.0
    opt.step()
    assert p.data == 0.5


def test_huge_int_lr_raises_valueerror():
    with pytest.raises(ValueError, match="유한한 실수"):
        SGD([Value(1.0)], lr=10**400)


@pytest.mark.parametrize("bad", [[], None, "w"])
def test_adam_moments_non_value_raises_valueerror(bad):
    opt = Adam([Value(1.0)])
    with pytest.raises(ValueError, match="매개변수가 아닙니다"):
        opt.moments(bad)
