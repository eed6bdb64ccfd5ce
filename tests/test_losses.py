"""losses.py 테스트: 손으로 푼 값, 중심 차분 기울기, 큰 로짓에서의 안정성, 입력 검사, PyTorch 비교."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from micrograd_ko import losses
from micrograd_ko.engine import Value
from micrograd_ko.gradcheck import gradcheck
from micrograd_ko.losses import (
    binary_crossentropy,
    categorical_crossentropy,
    hinge,
    log_softmax,
    mse,
    softmax,
    sparse_categorical_crossentropy,
)

# 중심 차분(h = 1e-6, float64)의 오차는 단위 크기에서 약 1e-10이므로 이 허용 오차면 충분합니다.
RTOL, ATOL = 1e-5, 1e-6
# 손으로 푼 식과 비교할 때: 같은 수학을 다른 순서로 계산하므로 반올림 오차만큼만 허용합니다.
EXACT_TOL = 1e-12


def close(a: float, b: float, tol: float = EXACT_TOL) -> bool:
    return math.isclose(a, b, rel_tol=tol, abs_tol=tol)


# ---------------------------------------------------------------- 평균 제곱 오차


def test_mse_single_sample_by_hand():
    assert mse(Value(3.0), 1.0).data == 4.0


def test_mse_batch_is_mean_of_squares():
    assert mse([Value(2.0), Value(0.0)], [1.0, 0.0]).data == 0.5


def test_mse_multi_output_batch_by_hand():
    assert mse([[1.0, 2.0], [3.0, 4.0]], [[0.0, 0.0], [0.0, 0.0]]).data == (1 + 4 + 9 + 16) / 4


def test_mse_column_targets_match_flat_targets():
    preds = [Value(0.5), Value(-1.5)]
    assert mse(preds, [[1.0], [0.0]]).data == mse(preds, [1.0, 0.0]).data


def test_mse_grad_matches_central_difference():
    assert gradcheck(lambda a, b, c: mse([a, b, c], [1.0, -2.0, 0.5]), [0.3, 0.7, -1.1], rtol=RTOL, atol=ATOL)


def test_mse_grad_is_two_error_over_n():
    a, b = Value(3.0), Value(-1.0)
    mse([a, b], [1.0, 1.0]).backward()
    assert a.grad == 2 * (3.0 - 1.0) / 2
    assert b.grad == 2 * (-1.0 - 1.0) / 2


# ---------------------------------------------------------------- 이진 크로스엔트로피


def test_bce_probability_by_hand():
    assert close(binary_crossentropy(Value(0.8), 1).data, -math.log(0.8))
    assert close(binary_crossentropy(Value(0.8), 0).data, -math.log(0.2))


def test_bce_probability_batch_mean():
    expected = (-math.log(0.9) - math.log(1 - 0.3)) / 2
    assert close(binary_crossentropy([0.9, 0.3], [1, 0]).data, expected)


def test_bce_probability_clipped_at_zero_and_one():
    expected = -math.log(1e-7)  # 약 16.118
    assert close(binary_crossentropy(Value(1.0), 0).data, expected, 1e-9)
    assert close(binary_crossentropy(Value(0.0), 1).data, expected, 1e-9)


def test_bce_logits_by_hand():
    assert close(binary_crossentropy(Value(0.0), 1, from_logits=True).data, math.log(2))
    assert close(binary_crossentropy(Value(2.0), 1, from_logits=True).data, math.log(1 + math.exp(-2)))
    assert close(binary_crossentropy(Value(-3.0), 1, from_logits=True).data, 3 + math.log(1 + math.exp(-3)))


@pytest.mark.parametrize("z, y, expected, grad", [
    (1000.0, 0, 1000.0, 1.0), (-1000.0, 1, 1000.0, -1.0), (1000.0, 1, 0.0, 0.0), (-1000.0, 0, 0.0, 0.0),
])
def test_bce_logits_finite_at_1000(z, y, expected, grad):
    logit = Value(z)
    loss = binary_crossentropy(logit, y, from_logits=True)
    loss.backward()
    assert loss.data == expected
    assert logit.grad == grad


def test_bce_logits_match_sigmoid_probability():
    z = [Value(-2.0), Value(0.5), Value(3.0)]
    with_logits = binary_crossentropy(z, [0, 1, 1], from_logits=True).data
    with_probabilities = binary_crossentropy([v.sigmoid() for v in z], [0, 1, 1]).data
    assert close(with_logits, with_probabilities, 1e-9)


@pytest.mark.parametrize("from_logits, point", [(True, [-1.5, 0.2, 2.5]), (False, [0.2, 0.6, 0.9])])
def test_bce_grad_matches_central_difference(from_logits, point):
    f = lambda a, b, c: binary_crossentropy([a, b, c], [0, 1, 1], from_logits=from_logits)  # noqa: E731
    assert gradcheck(f, point, rtol=RTOL, atol=ATOL)


@given(st.floats(min_value=-50, max_value=50, allow_nan=False, allow_infinity=False), st.sampled_from([0, 1]))
def test_bce_logit_grad_is_sigmoid_minus_target(z, y):
    """로짓 z에 대한 이진 크로스엔트로피의 기울기는 σ(z) − y입니다 (허용 오차 1e-12)."""
    logit = Value(z)
    binary_crossentropy(logit, y, from_logits=True).backward()
    assert math.isclose(logit.grad, 1 / (1 + math.exp(-z)) - y, rel_tol=1e-9, abs_tol=1e-12)


def test_bce_target_not_binary_raises_valueerror():
    with pytest.raises(ValueError, match="0 또는 1.*받은 값: 0.5"):
        binary_crossentropy([0.2, 0.4], [1, 0.5])


def test_bce_probability_outside_unit_warns():
    with pytest.warns(RuntimeWarning, match="from_logits=True"):
        binary_crossentropy(Value(3.0), 1)


def test_bce_from_logits_not_bool_raises_typeerror():
    with pytest.raises(TypeError, match="True나 False"):
        binary_crossentropy(Value(0.5), 1, from_logits="yes")


# ---------------------------------------------------------------- 힌지


def test_hinge_by_hand():
    assert hinge([Value(0.5), Value(2.0)], [1, 1]).data == 0.25
    assert hinge(Value(-0.5), -1).data == 0.5


def test_hinge_zero_one_targets_become_minus_one():
    assert hinge([0.5, -2.0], [1, 0]).data == hinge([0.5, -2.0], [1, -1]).data


def test_hinge_grad_matches_central_difference():
    assert gradcheck(lambda a, b: hinge([a, b], [1, -1]), [0.3, 0.4], rtol=RTOL, atol=ATOL)


@pytest.mark.parametrize("targets", [[1, 2], [-1, 0]])
def test_hinge_bad_targets_raise_valueerror(targets):
    with pytest.raises(ValueError, match="−1과 \\+1"):
        hinge([0.1, 0.2], targets)


# ---------------------------------------------------------------- 소프트맥스


def test_softmax_by_hand():
    total = math.exp(1) + math.exp(2) + math.exp(3)
    probs = softmax([1.0, 2.0, 3.0])
    for p, z in zip(probs, [1, 2, 3]):
        assert close(p.data, math.exp(z) / total)


def test_softmax_finite_at_1000():
    probs = softmax([Value(1000.0), Value(0.0)])
    assert probs[0].data == 1.0
    assert 0.0 <= probs[1].data < 1e-300


def test_log_softmax_finite_at_1000():
    logs = log_softmax([1000.0, 0.0])
    assert logs[0].data == 0.0
    assert logs[1].data == -1000.0


def test_log_softmax_matches_log_of_softmax():
    z = [0.3, -1.2, 2.2]
    for lp, p in zip(log_softmax(z), softmax(z)):
        assert close(lp.data, math.log(p.data))


@given(st.lists(st.floats(min_value=-1000, max_value=1000, allow_nan=False, allow_infinity=False), min_size=1, max_size=6))
def test_softmax_sums_to_one(z):
    """소프트맥스의 합은 로짓이 ±1000이어도 1입니다 (허용 오차 1e-12)."""
    assert math.isclose(sum(p.data for p in softmax(z)), 1.0, rel_tol=1e-12)


def test_softmax_grad_matches_central_difference():
    f = lambda a, b, c: softmax([a, b, c])[1] * 2.0 + softmax([a, b, c])[2]  # noqa: E731
    assert gradcheck(f, [0.2, -0.5, 1.3], rtol=RTOL, atol=ATOL)


def test_log_softmax_grad_matches_central_difference():
    assert gradcheck(lambda a, b, c: log_softmax([a, b, c])[0], [0.2, -0.5, 1.3], rtol=RTOL, atol=ATOL)


def test_softmax_empty_raises_valueerror():
    with pytest.raises(ValueError, match="비어 있습니다"):
        softmax([])


# ---------------------------------------------------------------- 범주형 크로스엔트로피


def test_categorical_logits_by_hand():
    z = [1.0, 2.0, 3.0]
    log_sum_exp = math.log(math.exp(1) + math.exp(2) + math.exp(3))
    assert close(categorical_crossentropy(z, [0, 0, 1], from_logits=True).data, log_sum_exp - 3.0)


def test_categorical_probability_batch_by_hand():
    loss = categorical_crossentropy([[0.2, 0.7, 0.1], [0.5, 0.25, 0.25]], [[0, 1, 0], [1, 0, 0]])
    assert close(loss.data, (-math.log(0.7) - math.log(0.5)) / 2)


def test_categorical_logit_grad_is_probability_minus_target():
    z = [Value(0.5), Value(-1.0), Value(2.0)]
    categorical_crossentropy([z, [0.0, 0.0, 0.0]], [[0, 1, 0], [1, 0, 0]], from_logits=True).backward()
    probs = [p.data for p in softmax([0.5, -1.0, 2.0])]
    for v, p, y in zip(z, probs, [0, 1, 0]):
        assert close(v.grad, (p - y) / 2)


@pytest.mark.parametrize("from_logits, point", [(True, [0.3, -0.8, 1.1]), (False, [0.2, 0.5, 0.3])])
def test_categorical_grad_matches_central_difference(from_logits, point):
    f = lambda a, b, c: categorical_crossentropy([a, b, c], [0, 1, 0], from_logits=from_logits)  # noqa: E731
    assert gradcheck(f, point, rtol=RTOL, atol=ATOL)


def test_categorical_finite_at_1000():
    loss = categorical_crossentropy([1000.0, 0.0], [0, 1], from_logits=True)
    assert loss.data == 1000.0


def test_categorical_integer_targets_suggest_sparse():
    with pytest.raises(ValueError, match="sparse_categorical_crossentropy"):
        categorical_crossentropy([0.2, 0.3, 0.5], [0, 2, 1])


def test_sparse_matches_one_hot_categorical():
    z = [[0.3, -0.8, 1.1], [2.0, 0.1, -0.4]]
    sparse = sparse_categorical_crossentropy(z, [2, 0], from_logits=True).data
    dense = categorical_crossentropy(z, [[0, 0, 1], [1, 0, 0]], from_logits=True).data
    assert close(sparse, dense)


def test_sparse_probability_single_sample_by_hand():
    assert close(sparse_categorical_crossentropy([0.1, 0.6, 0.3], 1).data, -math.log(0.6))


def test_sparse_grad_matches_central_difference():
    f = lambda a, b, c: sparse_categorical_crossentropy([a, b, c], 0, from_logits=True)  # noqa: E731
    assert gradcheck(f, [0.3, -0.8, 1.1], rtol=RTOL, atol=ATOL)


@pytest.mark.parametrize("label", [3, -1, 1.5])
def test_sparse_bad_class_id_raises_valueerror(label):
    with pytest.raises(ValueError, match="클래스 번호.*클래스 수: 3개"):
        sparse_categorical_crossentropy([0.2, 0.3, 0.5], label)


def test_sparse_batch_size_mismatch_raises_valueerror():
    with pytest.raises(ValueError, match="y_pred: 2개, y_true: 3개"):
        sparse_categorical_crossentropy([[0.5, 0.5], [0.5, 0.5]], [0, 1, 1])


# ---------------------------------------------------------------- 모양 검사와 이름


def test_length_mismatch_names_both_sizes():
    with pytest.raises(ValueError, match="y_pred: 3개, y_true: 2개"):
        mse([1.0, 2.0, 3.0], [1.0, 2.0])


def test_output_width_mismatch_names_both_sizes():
    with pytest.raises(ValueError, match="출력 개수.*y_pred: 2개, y_true: 3개"):
        categorical_crossentropy([0.5, 0.5], [0, 0, 1])


def test_empty_batch_raises_valueerror():
    with pytest.raises(ValueError, match="빈 배치"):
        mse([], [])


def test_ragged_rows_raise_valueerror():
    with pytest.raises(ValueError, match="길이가 같아야"):
        mse([[1.0, 2.0], [3.0]], [[1.0, 2.0], [3.0, 4.0]])


def test_string_target_raises_typeerror():
    with pytest.raises(TypeError, match="y_true\\[0\\]의 값: '1'"):
        mse([1.0], ["1"])


def test_none_target_raises_typeerror():
    with pytest.raises(TypeError, match="y_true\\[0\\]\\[0\\]의 값: None. 숫자를 넣으세요"):
        mse([1.0], [[None]])


def test_bool_target_raises_typeerror():
    with pytest.raises(TypeError, match="bool"):
        mse([1.0], [True])


def test_string_prediction_raises_typeerror():
    with pytest.raises(TypeError, match="숫자, Value"):
        mse("1.0", 1.0)


@pytest.mark.parametrize("name, fn", [
    ("mse", mse), ("mean_squared_error", mse), ("binary_crossentropy", binary_crossentropy),
    ("categorical_crossentropy", categorical_crossentropy),
    ("sparse_categorical_crossentropy", sparse_categorical_crossentropy), ("hinge", hinge),
])
def test_get_finds_keras_names(name, fn):
    assert losses.get(name) is fn


def test_get_unknown_name_lists_choices():
    with pytest.raises(ValueError, match="알 수 없는 손실 함수.*'binary_crossentropy'"):
        losses.get("cross_entropy")


def test_get_returns_callable_unchanged():
    assert losses.get(mse) is mse


# ---------------------------------------------------------------- PyTorch와 비교


def test_losses_match_pytorch():
    torch = pytest.importorskip("torch")
    F = torch.nn.functional
    z = [0.3, -0.8, 1.1]
    zt = torch.tensor([z], dtype=torch.float64, requires_grad=True)
    F.cross_entropy(zt, torch.tensor([2])).backward()
    zs = [Value(v) for v in z]
    categorical_crossentropy(zs, [0, 0, 1], from_logits=True).backward()
    for v, g in zip(zs, zt.grad[0].tolist()):
        assert math.isclose(v.grad, g, rel_tol=1e-9, abs_tol=1e-12)
    logits = torch.tensor([-2.0, 0.5, 3.0], dtype=torch.float64)
    targets = torch.tensor([0.0, 1.0, 1.0], dtype=torch.float64)
    expected = F.binary_cross_entropy_with_logits(logits, targets).item()
    assert math.isclose(binary_crossentropy([-2.0, 0.5, 3.0], [0, 1, 1], from_logits=True).data, expected, rel_tol=1e-9)
    assert math.isclose(mse([0.5, 2.0], [1.0, 0.0]).data, F.mse_loss(torch.tensor([0.5, 2.0]), torch.tensor([1.0, 0.0])).item(), rel_tol=1e-6)


@pytest.mark.parametrize("name", ["mse", "binary_crossentropy", "hinge"])
def test_zero_dim_numpy_pred_raises_korean_typeerror(name):
    np = pytest.importorskip("numpy")
    fn = getattr(losses, name)
    with pytest.raises(TypeError, match="y_pred는 숫자, Value 또는 그 목록"):
        fn(np.array(1.0), [1.0])
    with pytest.raises(TypeError, match="y_true는 숫자, Value 또는 그 목록"):
        fn([1.0], np.array(1.0))


def test_zero_dim_numpy_logits_raise_korean_typeerror():
    np = pytest.importorskip("numpy")
    with pytest.raises(TypeError, match="logits는 숫자나 Value의 목록"):
        softmax(np.array(1.0))
