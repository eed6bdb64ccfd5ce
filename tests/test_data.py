"""micrograd_ko.data와 micrograd_ko.datasets의 테스트입니다.

기댓값은 손으로 계산한 수, 패키지 CSV를 csv 모듈로 따로 읽은 값, 또는 numpy(있을 때)로 구합니다.
"""

from __future__ import annotations

import csv
import io
import math
import random
from importlib import resources

import pytest

from micrograd_ko.data import (
    StandardScaler,
    batches,
    load_breast_cancer,
    load_iris,
    make_blobs,
    make_moons,
    make_random,
    make_spiral,
    train_test_split,
)

# 표준화는 몇 번의 덧셈과 나눗셈뿐이므로 상대 오차 1e-12면 충분히 엄격합니다.
REL_TOL = 1e-12


def numbered_data(n: int) -> tuple[list, list]:
    """i번째 샘플이 [i, 2i], 레이블 i인 데이터입니다. 분할 뒤에도 짝이 맞는지 볼 수 있습니다."""
    return [[float(i), 2.0 * i] for i in range(n)], list(range(n))


# ---------------------------------------------------------------- train_test_split


@pytest.mark.parametrize(
    ("n", "test_size", "expected_test"),
    [(100, 0.2, 20), (10, 0.25, 3), (5, None, 2), (7, 0.5, 4), (10, 3, 3), (569, 0.2, 114), (150, 0.1, 15)],
)
def test_split_sizes_follow_sklearn_rule(n, test_size, expected_test):
    X, y = numbered_data(n)
    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=test_size, random_state=0)
    assert len(X_test) == expected_test
    assert len(y_test) == expected_test
    assert len(X_train) == n - expected_test
    assert len(y_train) == n - expected_test


def test_split_keeps_rows_and_labels_paired():
    X, y = numbered_data(50)
    X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=3)
    for row, label in zip(X_train + X_test, y_train + y_test):
        assert row == [float(label), 2.0 * label]
    assert sorted(y_train + y_test) == y


def test_split_same_seed_gives_same_split():
    X, y = numbered_data(100)
    first = train_test_split(X, y, test_size=0.2, random_state=42)
    second = train_test_split(X, y, test_size=0.2, random_state=42)
    assert first == second


def test_split_different_seed_differs():
    X, y = numbered_data(100)
    assert train_test_split(X, y, random_state=1)[3] != train_test_split(X, y, random_state=2)[3]


def test_split_without_shuffle_keeps_order():
    X, y = numbered_data(10)
    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.3, shuffle=False)
    assert y_train == [0, 1, 2, 3, 4, 5, 6]
    assert y_test == [7, 8, 9]


def test_global_random_state_untouched():
    random.seed(123)
    state = random.getstate()
    X, y = numbered_data(20)
    train_test_split(X, y, random_state=None)
    make_moons(20, noise=0.1)
    list(batches(X, y, 4, shuffle=True))
    assert random.getstate() == state


def test_split_accepts_numpy_and_returns_lists():
    np = pytest.importorskip("numpy")
    X = np.arange(20, dtype=float).reshape(10, 2)
    y = np.arange(10)
    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=0)
    assert type(X_train) is list
    assert type(X_train[0]) is list
    assert type(X_train[0][0]) is float
    assert type(y_test[0]) is int


def test_split_accepts_one_dimensional_x():
    X_train, X_test, _, _ = train_test_split([1, 2, 3, 4], [0, 1, 0, 1], test_size=1, random_state=0)
    assert len(X_test) == 1
    assert all(isinstance(x, float) for x in X_train)


@pytest.mark.parametrize(
    ("X", "y", "kwargs", "error"),
    [
        ([[1.0], [2.0]], [0], {}, ValueError),  # 길이가 다름
        ([[1.0, 2.0], [3.0]], [0, 1], {}, ValueError),  # 행 길이가 다름
        ([], [], {}, ValueError),  # 비어 있음
        ([[1.0], [2.0]], [0, 1], {"test_size": 1.0}, ValueError),
        ([[1.0], [2.0]], [0, 1], {"test_size": 0.0}, ValueError),
        ([[1.0], [2.0]], [0, 1], {"test_size": -0.1}, ValueError),
        ([[1.0], [2.0]], [0, 1], {"test_size": float("nan")}, ValueError),
        ([[1.0], [2.0]], [0, 1], {"test_size": 2}, ValueError),
        ([[1.0], [2.0]], [0, 1], {"test_size": 0}, ValueError),
        ([[1.0], [2.0]], [0, 1], {"test_size": 0.99}, ValueError),  # 훈련 데이터가 남지 않음
        ([[1.0], [2.0]], [0, 1], {"test_size": True}, TypeError),
        ([[1.0], [2.0]], [0, 1], {"test_size": "0.2"}, TypeError),
        ([[1.0], [2.0]], [0, 1], {"random_state": "42"}, TypeError),
        ([[1.0], ["a"]], [0, 1], {}, TypeError),
        ([[1.0], [None]], [0, 1], {}, TypeError),
        ([[1.0], [float("nan")]], [0, 1], {}, ValueError),
        ([[1.0], [float("inf")]], [0, 1], {}, ValueError),
        ([[1.0], [2.0]], [0, float("nan")], {}, ValueError),
        ("ab", [0, 1], {}, TypeError),
        ([[1.0], 2.0], [0, 1], {}, ValueError),  # 행과 숫자가 섞임
    ],
)
def test_split_bad_input_raises(X, y, kwargs, error):
    with pytest.raises(error) as info:
        train_test_split(X, y, **kwargs)
    message = str(info.value)
    assert any("가" <= ch <= "힣" for ch in message)
    assert "받은" in message or "길이" in message or "샘플 수" in message


def test_split_error_names_the_bad_cell():
    with pytest.raises(ValueError, match=r"X\[1\]\[0\]"):
        train_test_split([[1.0], [float("nan")]], [0, 1])


# ---------------------------------------------------------------- StandardScaler


def test_scaler_matches_hand_computation():
    # 0번 열: 평균 3, 모분산 (4 + 1 + 0 + 9)/4 = 3.5. 1번 열은 상수입니다.
    X = [[1.0, 10.0], [2.0, 10.0], [3.0, 10.0], [6.0, 10.0]]
    scaler = StandardScaler().fit(X)
    assert scaler.mean_ == [3.0, 10.0]
    assert scaler.var_ == [3.5, 0.0]
    assert math.isclose(scaler.scale_[0], math.sqrt(3.5), rel_tol=REL_TOL)
    assert scaler.scale_[1] == 1.0
    Z = scaler.transform(X)
    for z, x in zip(Z, X):
        assert math.isclose(z[0], (x[0] - 3.0) / math.sqrt(3.5), rel_tol=REL_TOL)
        assert z[1] == 0.0


def test_scaler_transform_uses_training_statistics():
    scaler = StandardScaler().fit([[1.0], [3.0]])  # 평균 2, 표준편차 1
    assert scaler.transform([[5.0], [0.0]]) == [[3.0], [-2.0]]


def test_scaler_inverse_transform_restores_input():
    X, _ = load_iris(return_X_y=True)
    scaler = StandardScaler()
    restored = scaler.inverse_transform(scaler.fit_transform(X))
    for row, back in zip(X, restored):
        for a, b in zip(row, back):
            assert math.isclose(a, b, rel_tol=REL_TOL)


def test_scaler_output_has_zero_mean_unit_std():
    X, _ = load_breast_cancer(return_X_y=True)
    Z = StandardScaler().fit_transform(X)
    for column in zip(*Z):
        mean = math.fsum(column) / len(column)
        std = math.sqrt(math.fsum((z - mean) ** 2 for z in column) / len(column))
        assert abs(mean) < 1e-12
        assert math.isclose(std, 1.0, rel_tol=1e-12)


def test_scaler_matches_numpy_population_std():
    np = pytest.importorskip("numpy")
    X, _ = load_breast_cancer(return_X_y=True)
    scaler = StandardScaler().fit(X)
    array = np.array(X)
    for ours, theirs in zip(scaler.mean_, array.mean(axis=0)):
        assert math.isclose(ours, float(theirs), rel_tol=REL_TOL)
    for ours, theirs in zip(scaler.scale_, array.std(axis=0, ddof=0)):
        assert math.isclose(ours, float(theirs), rel_tol=REL_TOL)


def test_scaler_constant_column_gives_zero():
    scaler = StandardScaler().fit([[0.1], [0.1], [0.1]])
    assert scaler.scale_ == [1.0]
    assert scaler.transform([[0.1]]) == [[0.0]]


def test_scaler_transform_before_fit_raises():
    with pytest.raises(ValueError, match="fit"):
        StandardScaler().transform([[1.0]])


def test_scaler_wrong_feature_count_raises():
    scaler = StandardScaler().fit([[1.0, 2.0], [3.0, 4.0]])
    with pytest.raises(ValueError, match="특성 수"):
        scaler.transform([[1.0, 2.0, 3.0]])


def test_scaler_one_dimensional_input_raises():
    with pytest.raises(ValueError, match="2차원"):
        StandardScaler().fit([1.0, 2.0, 3.0])


# ---------------------------------------------------------------- batches


def test_batches_sizes_and_order_without_shuffle():
    X, y = numbered_data(5)
    result = list(batches(X, y, batch_size=2))
    assert [yb for _, yb in result] == [[0, 1], [2, 3], [4]]
    assert result[2][0] == [[4.0, 8.0]]


def test_batches_shuffle_covers_all_samples():
    X, y = numbered_data(23)
    seen = [label for _, yb in batches(X, y, 5, shuffle=True, rng=0) for label in yb]
    assert sorted(seen) == y
    assert seen != y


def test_batches_integer_seed_repeats_order():
    X, y = numbered_data(30)
    assert list(batches(X, y, 7, shuffle=True, rng=5)) == list(batches(X, y, 7, shuffle=True, rng=5))


def test_batches_shared_rng_reshuffles():
    X, y = numbered_data(30)
    rng = random.Random(0)
    first = [yb for _, yb in batches(X, y, 30, shuffle=True, rng=rng)]
    second = [yb for _, yb in batches(X, y, 30, shuffle=True, rng=rng)]
    assert first != second


@pytest.mark.parametrize(("batch_size", "error"), [(0, ValueError), (-1, ValueError), (1.5, TypeError), (True, TypeError)])
def test_batches_bad_batch_size_raises(batch_size, error):
    with pytest.raises(error, match="batch_size"):
        batches([[1.0]], [0], batch_size)


def test_batches_mismatched_lengths_raise():
    with pytest.raises(ValueError, match="샘플 수"):
        batches([[1.0], [2.0]], [0], 1)


# ---------------------------------------------------------------- 합성 데이터


def test_moons_shapes_and_label_counts():
    X, y = make_moons(101, random_state=0)
    assert len(X) == 101
    assert all(len(row) == 2 for row in X)
    assert y.count(0) == 50
    assert y.count(1) == 51


def test_moons_noiseless_lie_on_circles():
    X, y = make_moons(40, noise=0.0, random_state=0)
    for (a, b), label in zip(X, y):
        if label == 0:
            assert math.isclose(a * a + b * b, 1.0, rel_tol=1e-12)
            assert b >= 0.0
        else:
            assert math.isclose((a - 1.0) ** 2 + (b - 0.5) ** 2, 1.0, rel_tol=1e-12)
            assert b <= 0.5


def test_moons_same_seed_is_reproducible():
    assert make_moons(30, noise=0.2, random_state=7) == make_moons(30, noise=0.2, random_state=7)


def test_moons_negative_noise_raises():
    with pytest.raises(ValueError, match="noise"):
        make_moons(10, noise=-0.1)


def test_blobs_splits_samples_across_centers():
    X, y = make_blobs(100, centers=3, n_features=4, random_state=0)
    assert [y.count(k) for k in range(3)] == [34, 33, 33]
    assert all(len(row) == 4 for row in X)


def test_blobs_zero_std_hits_centers():
    centers = [[0.0, 1.0], [5.0, -5.0]]
    X, y = make_blobs(6, centers=centers, cluster_std=0.0, random_state=0)
    for row, label in zip(X, y):
        assert row == centers[label]


def test_blobs_cluster_std_length_mismatch_raises():
    with pytest.raises(ValueError, match="cluster_std"):
        make_blobs(10, centers=3, cluster_std=[1.0, 2.0])


def test_spiral_shapes_labels_and_radius():
    X, y = make_spiral(90, n_classes=3, noise=0.3, random_state=0)
    assert len(X) == 90
    assert [y.count(k) for k in range(3)] == [30, 30, 30]
    assert all(math.hypot(a, b) <= 1.0 + 1e-12 for a, b in X)


def test_random_matches_lesson_shapes_and_ranges():
    X, y = make_random(100, 10, random_state=42)
    assert len(X) == 100
    assert all(len(row) == 10 for row in X)
    assert all(0.0 <= x < 1.0 for row in X for x in row)
    assert set(y) == {0, 1}


def test_random_features_average_half():
    X, y = make_random(2000, 10, random_state=0)
    mean = math.fsum(x for row in X for x in row) / 20000
    assert abs(mean - 0.5) < 0.02  # 균등 분포 평균의 표준 오차는 약 0.002입니다.
    assert abs(sum(y) / 2000 - 0.5) < 0.05


@pytest.mark.parametrize("maker", [make_moons, make_blobs, make_spiral, make_random])
def test_makers_reject_zero_samples(maker):
    with pytest.raises(ValueError, match="n_samples"):
        maker(0)


# ---------------------------------------------------------------- 내장 데이터 세트


def read_package_csv(filename: str) -> list[list[str]]:
    text = resources.files("micrograd_ko.datasets").joinpath(filename).read_text(encoding="utf-8")
    return list(csv.reader(io.StringIO(text)))


def test_breast_cancer_shape_and_class_counts():
    ds = load_breast_cancer()
    assert len(ds.data) == 569
    assert all(len(row) == 30 for row in ds.data)
    assert ds.target.count(0) == 212
    assert ds.target.count(1) == 357
    assert ds.target_names == ["malignant", "benign"]
    assert ds.target_names_ko == ["악성", "양성"]
    assert len(ds.feature_names) == 30


def test_iris_shape_and_class_counts():
    ds = load_iris()
    assert len(ds.data) == 150
    assert all(len(row) == 4 for row in ds.data)
    assert [ds.target.count(k) for k in range(3)] == [50, 50, 50]
    assert ds.target_names == ["setosa", "versicolor", "virginica"]


@pytest.mark.parametrize(("loader", "filename"), [(load_breast_cancer, "breast_cancer.csv"), (load_iris, "iris.csv")])
def test_loader_rows_match_csv(loader, filename):
    rows = read_package_csv(filename)
    ds = loader()
    assert ds.feature_names == rows[0][:-1]
    for data_row, target, csv_row in [(ds.data[0], ds.target[0], rows[1]), (ds.data[-1], ds.target[-1], rows[-1])]:
        assert data_row == [float(cell) for cell in csv_row[:-1]]
        assert target == int(csv_row[-1])


def test_loaders_first_rows_have_known_values():
    assert load_iris().data[0] == [5.1, 3.5, 1.4, 0.2]
    first = load_breast_cancer().data[0]
    assert first[:4] == [17.99, 10.38, 122.8, 1001.0]
    assert load_breast_cancer().target[0] == 0


def test_loader_return_x_y_gives_tuple():
    X, y = load_iris(return_X_y=True)
    assert len(X) == 150
    assert y[0] == 0


def test_loader_returns_fresh_lists():
    first = load_iris()
    first.data[0][0] = -1.0
    assert load_iris().data[0][0] == 5.1


def test_dataset_repr_is_short():
    assert repr(load_iris()) == (
        "Dataset(name='iris', n_samples=150, n_features=4, target_names=['setosa', 'versicolor', 'virginica'])"
    )


def test_package_ships_readme_with_licence():
    text = resources.files("micrograd_ko.datasets").joinpath("README.md").read_text(encoding="utf-8")
    assert "CC BY 4.0" in text
    assert "BSD-3-Clause" in text


# ---------------------------------------------------------------- float 범위를 넘는 값


def test_scaler_fit_overflow_raises_korean_overflowerror():
    # (1e300 − 5e299)² = 2.5e599는 float 범위를 넘습니다.
    with pytest.raises(OverflowError, match="분산이 float 범위"):
        StandardScaler().fit([[0.0], [1e300]])


def test_scaler_transform_overflow_raises_instead_of_inf():
    # 평균 5e-101, 표준편차 5e-101이므로 (1e300 − 5e-101) / 5e-101 ≈ 2e400입니다.
    scaler = StandardScaler().fit([[0.0], [1e-100]])
    with pytest.raises(OverflowError, match="transform 결과가 float 범위"):
        scaler.transform([[1e300]])


@pytest.mark.parametrize("make, kwargs", [
    (make_moons, {"noise": 1e308}),
    (make_spiral, {"noise": 1e308}),
    (make_blobs, {"cluster_std": 1e308}),
])
def test_huge_noise_raises_instead_of_inf(make, kwargs):
    # 표준편차가 1e308이면 거의 모든 가우스 표본의 크기가 1.8e308을 넘어 inf가 됩니다.
    with pytest.raises(OverflowError, match="잡음이 float 범위"):
        make(50, random_state=0, **kwargs)


def test_loader_flag_must_be_bool():
    from micrograd_ko.datasets import load_iris

    with pytest.raises(TypeError, match="return_X_y는 True나 False"):
        load_iris(return_X_y="yes")
