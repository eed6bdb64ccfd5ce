"""nn.py 테스트: Neuron, Layer, MLP의 모양, 초기화, 결정성, 기울기, 입력 검사."""

from __future__ import annotations

import math
import random
import sys
import types

import pytest

import micrograd_ko
from micrograd_ko.engine import Value, topological_order
from micrograd_ko.gradcheck import gradcheck
from micrograd_ko.nn import MLP, Layer, Module, Neuron

# 중심 차분(h = 1e-6)의 오차는 단위 크기에서 약 1e-10이므로 이 허용 오차면 충분합니다.
RTOL, ATOL = 1e-5, 1e-6
# fused는 파이썬 sum으로, unfused는 math.fsum으로 더하므로 마지막 자리 몇 개만 다를 수 있습니다.
SAME_TOL = 1e-12


def _weights(model: Module) -> list[float]:
    return [p.data for p in model.parameters()]


# ---------------------------------------------------------------- 모양과 반환 자료형


def test_layer_single_output_returns_list():
    out = Layer(3, 1, rng=random.Random(0))([1.0, 2.0, 3.0])
    assert isinstance(out, list)
    assert len(out) == 1
    assert isinstance(out[0], Value)


def test_layer_returns_one_value_per_neuron():
    out = Layer(2, 5, activation="tanh", rng=random.Random(0))([0.5, -0.5])
    assert len(out) == 5


def test_mlp_single_output_returns_value():
    assert isinstance(MLP(2, [4, 1], seed=0)([1.0, 2.0]), Value)


def test_mlp_multiple_outputs_return_list():
    out = MLP(2, [4, 3], seed=0)([1.0, 2.0])
    assert isinstance(out, list)
    assert len(out) == 3


def test_mlp_hidden_layers_use_activation_and_last_is_linear():
    model = MLP(2, [3, 3, 1], activation="tanh", seed=0)
    assert [layer.neurons[0].activation for layer in model.layers] == ["tanh", "tanh", "linear"]


def test_mlp_repr_lists_sizes():
    assert repr(MLP(2, [16, 16, 1])) == "MLP(2 → 16 → 16 → 1)"


def test_mlp_repr_does_not_grow_with_width():
    assert len(repr(MLP(2, [500, 1], seed=0))) == len(repr(MLP(2, [100, 1], seed=0)))


def test_mlp_repr_names_non_default_activation():
    assert repr(MLP(3, [2], activation="tanh", seed=0)) == "MLP(3 → 2, activation='tanh')"


# ---------------------------------------------------------------- 매개변수 이름


def test_named_parameters_use_dotted_names():
    names = [name for name, _ in MLP(2, [16, 16, 1], seed=0).named_parameters()]
    assert "layers.0.neurons.3.w.1" in names
    assert "layers.1.neurons.3.w.2" in names
    assert names[-1] == "layers.2.neurons.0.b"


def test_named_parameters_are_unique_and_counted():
    named = MLP(2, [16, 16, 1], seed=0).named_parameters()
    assert len(named) == (2 * 16 + 16) + (16 * 16 + 16) + (16 + 1)
    assert len({name for name, _ in named}) == len(named)


def test_parameters_follow_named_order():
    model = MLP(3, [4, 2], seed=1)
    assert model.parameters() == [p for _, p in model.named_parameters()]


def test_neuron_parameters_have_short_labels():
    n = Neuron(3, rng=random.Random(0))
    assert [w.label for w in n.w] == ["w1", "w2", "w3"]
    assert n.b.label == "b"


def test_zero_grad_resets_every_parameter():
    model = MLP(2, [3, 1], seed=0)
    model([1.0, -1.0]).backward()
    model.zero_grad()
    assert all(p.grad == 0.0 for p in model.parameters())


def test_save_and_load_call_serialize(monkeypatch, tmp_path):
    calls = []
    fake = types.ModuleType("micrograd_ko.serialize")
    fake.save = lambda module, path: calls.append(("save", module, path))
    fake.load = lambda module, path: calls.append(("load", module, path))
    monkeypatch.setitem(sys.modules, "micrograd_ko.serialize", fake)
    monkeypatch.setattr(micrograd_ko, "serialize", fake, raising=False)
    model = MLP(2, [1], seed=0)
    model.save(tmp_path / "m.json")
    model.load(tmp_path / "m.json")
    assert calls == [("save", model, tmp_path / "m.json"), ("load", model, tmp_path / "m.json")]


# ---------------------------------------------------------------- 초기화와 결정성


def test_mlp_same_seed_gives_same_weights():
    assert _weights(MLP(3, [8, 8, 2], seed=7)) == _weights(MLP(3, [8, 8, 2], seed=7))


def test_mlp_different_seed_gives_different_weights():
    assert _weights(MLP(3, [8, 2], seed=1)) != _weights(MLP(3, [8, 2], seed=2))


def test_neuron_does_not_touch_global_random():
    random.seed(123)
    before = random.getstate()
    Neuron(5, rng=random.Random(0))
    MLP(2, [4, 1], seed=0)
    assert random.getstate() == before


def test_uniform_init_in_unit_interval_with_zero_bias():
    layer = Layer(20, 10, rng=random.Random(0))
    weights = [w.data for n in layer.neurons for w in n.w]
    assert all(-1.0 <= w <= 1.0 for w in weights)
    assert max(abs(w) for w in weights) > 0.9
    assert all(n.b.data == 0.0 for n in layer.neurons)


def test_glorot_uniform_within_limit():
    limit = math.sqrt(6.0 / (50 + 50))  # 약 0.245; U(−1, 1)이면 200개 중 거의 확실히 넘습니다.
    layer = Layer(50, 50, rng=random.Random(0), init="glorot_uniform")
    weights = [w.data for n in layer.neurons for w in n.w]
    assert all(abs(w) <= limit for w in weights)
    assert max(abs(w) for w in weights) > 0.9 * limit


def test_rng_none_gives_fresh_random():
    assert len(Neuron(4).w) == 4


# ---------------------------------------------------------------- 그래프: fused와 unfused


def test_fused_neuron_is_one_weighted_sum_node():
    out = Neuron(3, rng=random.Random(0))([1.0, 2.0, 3.0])
    assert out._op.name == "linear"
    assert len(out._parents) == 7


def test_unfused_neuron_has_one_mul_per_input():
    out = Neuron(3, rng=random.Random(0), fused=False)([1.0, 2.0, 3.0])
    assert out._op.name == "sum"
    assert [p._op.name for p in out._parents[:3]] == ["mul", "mul", "mul"]
    assert out._parents[3].label == "b"


def test_activation_applied_after_sum():
    out = Neuron(2, activation="relu", rng=random.Random(0))([1.0, 1.0])
    assert out._op.name == "relu"
    assert out._parents[0]._op.name == "linear"


def test_fused_and_unfused_give_same_values_and_grads():
    fused, unfused = MLP(3, [5, 4, 2], activation="tanh", seed=3), MLP(3, [5, 4, 2], activation="tanh", seed=3, fused=False)
    x = [0.3, -1.2, 2.0]
    out_f, out_u = fused(x), unfused(x)
    (out_f[0] * out_f[1]).backward()
    (out_u[0] * out_u[1]).backward()
    for a, b in zip(out_f, out_u):
        assert math.isclose(a.data, b.data, rel_tol=SAME_TOL, abs_tol=SAME_TOL)
    for (name, p), q in zip(fused.named_parameters(), unfused.parameters()):
        assert math.isclose(p.grad, q.grad, rel_tol=SAME_TOL, abs_tol=SAME_TOL), name


def test_layer_shares_input_nodes_between_neurons():
    outs = Layer(2, 3, rng=random.Random(0))([1.0, 2.0])
    inputs = [set(map(id, o._parents[2:4])) for o in outs]
    assert inputs[0] == inputs[1] == inputs[2]


# ---------------------------------------------------------------- 기울기


@pytest.mark.parametrize("activation", ["tanh", "sigmoid", "linear"])
def test_neuron_input_grads_match_central_difference(activation):
    n = Neuron(3, activation=activation, rng=random.Random(4))
    assert gradcheck(lambda a, b, c: n([a, b, c]), [0.5, -0.3, 0.8], rtol=RTOL, atol=ATOL)


def test_mlp_weight_grads_match_central_difference():
    model = MLP(2, [3, 1], activation="tanh", seed=5)
    x, h = [0.7, -0.4], 1e-6
    model(x).backward()
    for name, p in model.named_parameters():
        original = p.data
        p.data = original + h
        plus = model(x).data
        p.data = original - h
        minus = model(x).data
        p.data = original
        assert math.isclose(p.grad, (plus - minus) / (2 * h), rel_tol=RTOL, abs_tol=ATOL), name


# ---------------------------------------------------------------- 잘못된 입력


def test_neuron_wrong_input_length_raises_valueerror():
    with pytest.raises(ValueError, match="입력: 2개, nin: 3개"):
        Neuron(3, rng=random.Random(0))([1.0, 2.0])


def test_neuron_scalar_input_raises_typeerror():
    with pytest.raises(TypeError, match="목록으로 감싸세요"):
        Neuron(1, rng=random.Random(0))(2.0)


def test_neuron_string_element_raises_typeerror():
    with pytest.raises(TypeError, match="입력 x\\[1\\]"):
        Neuron(2, rng=random.Random(0))([1.0, "2"])


@pytest.mark.parametrize("nin", [2.5, True, "3", None])
def test_neuron_non_integer_nin_raises_typeerror(nin):
    with pytest.raises(TypeError, match="양의 정수"):
        Neuron(nin)


@pytest.mark.parametrize("nin", [0, -1])
def test_neuron_nonpositive_nin_raises_valueerror(nin):
    with pytest.raises(ValueError, match="1 이상"):
        Neuron(nin)


def test_unknown_activation_lists_choices():
    with pytest.raises(ValueError, match="알 수 없는 활성화 함수.*'relu', 'tanh', 'sigmoid', 'linear'"):
        Neuron(2, activation="softmax")


def test_unknown_init_raises_valueerror():
    with pytest.raises(ValueError, match="초기화 방법.*'glorot_uniform'"):
        Layer(2, 2, init="he_normal")


def test_rng_not_random_raises_typeerror():
    with pytest.raises(TypeError, match="random.Random"):
        Layer(2, 2, rng=42)


def test_layer_nonpositive_nout_raises_valueerror():
    with pytest.raises(ValueError, match="nout"):
        Layer(2, 0)


def test_mlp_empty_nouts_raises_valueerror():
    with pytest.raises(ValueError, match="비어 있습니다"):
        MLP(2, [])


def test_mlp_scalar_nouts_raises_typeerror():
    with pytest.raises(TypeError, match="목록"):
        MLP(2, 3)


def test_mlp_bad_layer_size_names_index():
    with pytest.raises(ValueError, match="nouts\\[1\\]"):
        MLP(2, [4, 0, 1])


def test_mlp_non_integer_seed_raises_typeerror():
    with pytest.raises(TypeError, match="seed"):
        MLP(2, [1], seed="abc")


def test_zero_dim_numpy_input_raises_korean_typeerror():
    np = pytest.importorskip("numpy")
    with pytest.raises(TypeError, match="입력은 길이 2인 목록"):
        MLP(2, [1], seed=0)(np.array(1.0))
    with pytest.raises(TypeError, match="nouts는 층마다"):
        MLP(2, np.array(1))


def test_wrong_input_length_message_has_no_particle_after_number():
    with pytest.raises(ValueError, match="입력의 길이를 nin과 같게 맞추세요"):
        Neuron(3, rng=random.Random(0))([1.0, 2.0])


def test_fused_flag_must_be_bool():
    with pytest.raises(TypeError, match="fused는 True나 False"):
        Neuron(2, fused="no")
