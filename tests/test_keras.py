"""Keras 스타일 API 테스트: 강의 예제가 가져오기만 바꿔 돌아가고, 숫자가 Keras의 규칙을 따르는지 봅니다."""

from __future__ import annotations

import math
import re

import pytest

from micrograd_ko import keras, losses, optim
from micrograd_ko.data import make_blobs, make_random, train_test_split
from micrograd_ko.keras import tf
from micrograd_ko.keras_losses import binary_accuracy

# 같은 float 연산을 같은 순서로 하면 결과가 비트까지 같으므로, 같은 계산끼리는 == 로 비교합니다.
# 순서가 다른 합(배치별 합과 전체 합)은 반올림 오차만큼 다를 수 있어 이 허용 오차를 씁니다.
REL_TOL = 1e-12


def _lesson_model():
    return tf.keras.Sequential([
        tf.keras.layers.Dense(32, activation='relu', input_shape=(10,)),
        tf.keras.layers.Dense(16, activation='relu'),
        tf.keras.layers.Dense(1, activation='sigmoid'),
    ])


def _small_model(seed: int = 0, units: int = 1, activation: str = "sigmoid", n_features: int = 3):
    keras.utils.set_random_seed(seed)
    model = keras.Sequential([
        keras.layers.Dense(4, activation="tanh", input_shape=(n_features,)),
        keras.layers.Dense(units, activation=activation),
    ])
    return model


def _toy_data(n: int = 20):
    X, y = make_random(n, 3, random_state=7)
    return X, y


# ---------------------------------------------------------------- 강의 예제


def test_lesson_example_runs_with_numpy_unchanged():
    np = pytest.importorskip("numpy")
    tf.random.set_seed(0)

    # 0. 데이터 준비 (sklearn 대신 micrograd_ko.data.train_test_split)
    X = np.random.rand(100, 10)
    y = np.random.randint(0, 2, 100)
    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=42)

    # 1. ~ 4. 강의의 코드 그대로
    model = _lesson_model()
    model.compile(optimizer='adam', loss='binary_crossentropy', metrics=['accuracy'])
    history = model.fit(X_train, y_train, epochs=10, batch_size=32, validation_split=0.2, verbose=0)
    loss, accuracy = model.evaluate(X_test, y_test)

    assert len(history.history["loss"]) == 10
    assert 0.0 <= accuracy <= 1.0
    assert loss > 0.0


def test_lesson_example_runs_with_plain_lists():
    X, y = make_random(100, 10, random_state=0)
    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=42)
    model = _lesson_model()
    model.compile(optimizer='adam', loss='binary_crossentropy', metrics=['accuracy'])
    history = model.fit(X_train, y_train, epochs=10, batch_size=32, validation_split=0.2, verbose=0)
    result = model.evaluate(X_test, y_test, verbose=0)
    assert len(result) == 2
    assert history.params["steps"] == 2  # 학습 64개를 32개씩


def test_lesson_model_repr_and_parameter_count():
    model = _lesson_model()
    assert repr(model) == "Sequential(10 → 32 → 16 → 1)"
    # (10 + 1) × 32 + (32 + 1) × 16 + (16 + 1) × 1
    assert model.count_params() == 897
    assert len(model.parameters()) == 897


def test_tf_namespace_points_at_keras_module():
    assert tf.keras is keras
    assert tf.keras.layers.Dense is keras.layers.Dense
    assert tf.keras.optimizers.Adam is keras.optimizers.Adam


# ---------------------------------------------------------------- History


def test_history_has_requested_keys_and_lengths():
    X, y = _toy_data()
    model = _small_model()
    model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])
    history = model.fit(X, y, epochs=3, batch_size=8, validation_split=0.25, verbose=0)
    assert list(history.history) == ["loss", "accuracy", "val_loss", "val_accuracy"]
    assert all(len(values) == 3 for values in history.history.values())
    assert history.epoch == [0, 1, 2]
    assert all(type(v) is float for values in history.history.values() for v in values)
    assert model.history is history


def test_history_without_metrics_or_validation_has_only_loss():
    X, y = _toy_data()
    model = _small_model()
    model.compile(optimizer="sgd", loss="binary_crossentropy")
    history = model.fit(X, y, epochs=2, verbose=0)
    assert list(history.history) == ["loss"]


def test_validation_split_takes_last_fraction_before_shuffle():
    X, y = _toy_data(10)
    split = _small_model(seed=3)
    split.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])
    # floor(10 × 0.75) = 7: 앞의 7개가 학습, 뒤의 3개가 검증입니다.
    by_split = split.fit(X, y, epochs=2, batch_size=4, validation_split=0.25, verbose=0, seed=5)

    explicit = _small_model(seed=3)
    explicit.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])
    by_data = explicit.fit(X[:7], y[:7], epochs=2, batch_size=4, validation_data=(X[7:], y[7:]), verbose=0, seed=5)

    assert by_split.history == by_data.history


def test_same_seed_gives_same_numbers_twice():
    X, y = _toy_data()
    runs = []
    for _ in range(2):
        model = _small_model(seed=11)
        model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])
        history = model.fit(X, y, epochs=3, batch_size=8, validation_split=0.2, verbose=0)
        runs.append((history.history, model.predict(X)))
    assert runs[0] == runs[1]


def test_epoch_loss_is_sample_weighted_batch_mean():
    X, y = _toy_data(4)
    model = _small_model()
    # 학습률이 아주 작으면 두 배치 사이에 가중치가 사실상 같으므로, 샘플 수로 가중한 배치 평균은
    # 전체 샘플의 평균 손실(evaluate)과 같아집니다. 가중하지 않은 (L₁ + L₂)/2와는 다릅니다.
    model.compile(optimizer=keras.optimizers.SGD(learning_rate=1e-300), loss="binary_crossentropy")
    before = model.evaluate(X, y, verbose=0)
    first = losses.binary_crossentropy([[p] for p in model.predict(X[:3])], y[:3]).data
    last = losses.binary_crossentropy([[p] for p in model.predict(X[3:])], y[3:]).data
    history = model.fit(X, y, epochs=1, batch_size=3, shuffle=False, verbose=0)
    assert math.isclose(history.history["loss"][0], before, rel_tol=REL_TOL)
    assert math.isclose(history.history["loss"][0], (3 * first + last) / 4, rel_tol=REL_TOL)
    assert not math.isclose(history.history["loss"][0], (first + last) / 2, rel_tol=1e-6)


# ---------------------------------------------------------------- 학습 단계와 평가


def test_fit_step_matches_manual_sgd_update():
    X, y = _toy_data(6)
    model = _small_model()
    start = [p.data for p in model.parameters()]

    # 손으로 한 단계: 전체 배치의 평균 손실 → 역전파 → w − 학습률 × 기울기
    preds = [model(row) for row in X]
    manual_loss = losses.binary_crossentropy(preds, [[t] for t in y])
    manual_loss.backward()
    expected = [w - 0.5 * p.grad for w, p in zip(start, model.parameters())]
    model.zero_grad()

    model.compile(optimizer=keras.optimizers.SGD(learning_rate=0.5), loss="binary_crossentropy")
    history = model.fit(X, y, epochs=1, batch_size=6, shuffle=False, verbose=0)
    assert [p.data for p in model.parameters()] == expected
    assert history.history["loss"][0] == manual_loss.data


def test_evaluate_matches_manual_loss_and_accuracy():
    X, y = _toy_data()
    model = _small_model(seed=2)
    model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])
    model.fit(X, y, epochs=2, batch_size=5, verbose=0)

    loss, accuracy = model.evaluate(X, y, verbose=0)
    probs = model.predict(X)
    manual_loss = losses.binary_crossentropy([[p] for p in probs], y).data
    manual_accuracy = sum((p > 0.5) == (t == 1) for p, t in zip(probs, y)) / len(y)
    assert loss == manual_loss
    assert accuracy == manual_accuracy


def test_evaluate_returns_float_without_metrics():
    X, y = _toy_data()
    model = _small_model()
    model.compile(optimizer="adam", loss="mse")
    assert isinstance(model.evaluate(X, y, verbose=0), float)


def test_evaluate_changes_no_weights_or_grads():
    X, y = _toy_data()
    model = _small_model()
    model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])
    before = [(p.data, p.grad) for p in model.parameters()]
    model.evaluate(X, y, verbose=0)
    assert [(p.data, p.grad) for p in model.parameters()] == before


def test_binary_accuracy_threshold_is_strictly_above_half():
    assert binary_accuracy([0.5], [1.0]) == 0.0
    assert binary_accuracy([0.5], [0.0]) == 1.0
    assert binary_accuracy([0.5000001], [1.0]) == 1.0


def test_evaluate_accuracy_at_exactly_half_counts_as_zero():
    model = keras.Sequential([keras.layers.Dense(1, activation="sigmoid", input_shape=(1,))])
    model.parameters()[0].data = 0.0  # 가중치 0, 편향 0 → 출력은 언제나 σ(0) = 0.5
    model.compile(optimizer="sgd", loss="binary_crossentropy", metrics=["accuracy"])
    _, accuracy = model.evaluate([[1.0], [2.0], [3.0], [4.0]], [1, 1, 0, 0], verbose=0)
    assert accuracy == 0.5


def test_predict_without_compile_returns_floats_or_lists():
    binary_model = _small_model(units=1)
    softmax_model = _small_model(units=3, activation="softmax")
    X, _ = _toy_data(5)
    assert all(type(p) is float for p in binary_model.predict(X))
    out = softmax_model.predict(X)
    assert all(len(row) == 3 for row in out)
    assert all(math.isclose(sum(row), 1.0, rel_tol=1e-12) for row in out)


def test_first_layer_without_input_shape_builds_at_fit():
    model = keras.Sequential([keras.layers.Dense(4, activation="relu"), keras.layers.Dense(1, activation="sigmoid")])
    assert repr(model) == "Sequential(? → 4 → 1)"
    model.compile(optimizer="adam", loss="binary_crossentropy")
    X, y = _toy_data()
    model.fit(X, y, epochs=1, verbose=0)
    assert repr(model) == "Sequential(3 → 4 → 1)"
    assert model.count_params() == 4 * 4 + 5


def test_input_object_sets_input_shape():
    model = keras.Sequential([keras.Input(shape=(3,)), keras.layers.Dense(2)])
    assert repr(model) == "Sequential(3 → 2)"


def test_dense_starts_with_zero_bias_and_glorot_limit():
    keras.utils.set_random_seed(0)
    model = keras.Sequential([keras.layers.Dense(30, input_shape=(20,))])
    limit = math.sqrt(6.0 / (20 + 30))
    weights = [p.data for name, p in model.named_parameters() if ".w." in name]
    biases = [p.data for name, p in model.named_parameters() if name.endswith(".b")]
    assert len(weights) == 600
    assert all(abs(w) <= limit for w in weights)
    assert biases == [0.0] * 30


def test_dense_without_bias_has_no_bias_parameters():
    model = keras.Sequential([keras.layers.Dense(3, input_shape=(2,), use_bias=False)])
    assert model.count_params() == 6
    assert len(model.parameters()) == 6


# ---------------------------------------------------------------- 옵티마이저와 손실 객체


def test_optimizer_object_binds_parameters_at_fit():
    X, y = _toy_data()
    model = _small_model()
    model.compile(optimizer=keras.optimizers.Adam(learning_rate=0.01, beta_1=0.8), loss="binary_crossentropy")
    model.fit(X, y, epochs=1, verbose=0)
    assert isinstance(model._updater, optim.Adam)
    assert model._updater.params == model.parameters()


def test_loss_object_and_function_match_string():
    X, y = _toy_data()
    values = []
    for loss in ("binary_crossentropy", keras.losses.BinaryCrossentropy(), losses.binary_crossentropy):
        model = _small_model()
        model.compile(optimizer="sgd", loss=loss)
        values.append(model.evaluate(X, y, verbose=0))
    assert values[0] == values[1]
    assert values[0] == values[2]


# ---------------------------------------------------------------- 출력


def test_verbose_two_prints_fixed_format_line_per_epoch(capsys):
    X, y = _toy_data()
    model = _small_model()
    model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])
    model.fit(X, y, epochs=2, batch_size=8, validation_split=0.2, verbose=2)
    lines = capsys.readouterr().out.splitlines()
    number = r"\d+\.\d{4}"
    pattern = rf"에폭 (\d)/2 - 손실: {number} - 정확도: {number} - 검증 손실: {number} - 검증 정확도: {number}"
    assert len(lines) == 2
    assert re.fullmatch(pattern.replace("(\\d)", "1"), lines[0])
    assert re.fullmatch(pattern.replace("(\\d)", "2"), lines[1])


def test_verbose_one_prints_epoch_and_progress_bar(capsys):
    X, y = _toy_data()
    model = _small_model()
    model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])
    model.fit(X, y, epochs=1, batch_size=8, verbose=1)
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "에폭 1/1"
    assert re.fullmatch(r"3/3 \[={30}\] - 손실: \d\.\d{4} - 정확도: \d\.\d{4}", lines[1])


def test_verbose_zero_and_predict_print_nothing(capsys):
    X, y = _toy_data()
    model = _small_model()
    model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])
    model.fit(X, y, epochs=2, verbose=0)
    model.evaluate(X, y, verbose=0)
    model.predict(X)
    assert capsys.readouterr().out == ""


def test_summary_prints_table_and_text_matches(capsys):
    model = _lesson_model()
    model.summary()
    printed = capsys.readouterr().out
    assert printed == model.summary_text() + "\n"
    assert "전체 매개변수: 897" in printed
    assert "dense_1 (Dense)" in printed


# ---------------------------------------------------------------- 저장


def test_save_and_load_restore_predictions(tmp_path):
    X, y = _toy_data()
    model = _small_model(seed=1)
    model.compile(optimizer="adam", loss="binary_crossentropy")
    model.fit(X, y, epochs=2, verbose=0)
    model.save(tmp_path / "model.json")
    other = _small_model(seed=2)
    other.load(tmp_path / "model.json")
    assert other.predict(X) == model.predict(X)


# ---------------------------------------------------------------- 작은 문제를 실제로 배우는지


def test_xor_learns_to_full_accuracy():
    keras.utils.set_random_seed(0)
    X, y = [[0, 0], [0, 1], [1, 0], [1, 1]], [0, 1, 1, 0]
    model = keras.Sequential([keras.layers.Dense(8, activation="tanh", input_shape=(2,)),
                              keras.layers.Dense(1, activation="sigmoid")])
    model.compile(optimizer=keras.optimizers.Adam(learning_rate=0.05), loss="binary_crossentropy", metrics=["accuracy"])
    model.fit(X, y, epochs=300, batch_size=4, verbose=0)
    loss, accuracy = model.evaluate(X, y, verbose=0)
    assert accuracy == 1.0
    assert loss < 0.1


def test_blobs_learn_with_softmax_and_sparse_labels():
    keras.utils.set_random_seed(0)
    X, y = make_blobs(60, centers=3, random_state=0)
    model = keras.Sequential([keras.layers.Dense(8, activation="relu", input_shape=(2,)),
                              keras.layers.Dense(3, activation="softmax")])
    model.compile(optimizer=keras.optimizers.Adam(learning_rate=0.05), loss="sparse_categorical_crossentropy",
                  metrics=["accuracy"])
    history = model.fit(X, y, epochs=30, batch_size=16, verbose=0)
    assert history.history["accuracy"][-1] >= 0.9


def test_one_hot_labels_use_categorical_accuracy():
    X = [[1.0, 0.0], [0.0, 1.0]]
    model = keras.Sequential([keras.layers.Dense(2, activation="softmax", input_shape=(2,))])
    model.compile(optimizer="adam", loss="categorical_crossentropy", metrics=["accuracy"])
    probs = model.predict(X)
    labels = [[1.0, 0.0] if p[0] > p[1] else [0.0, 1.0] for p in probs]
    _, accuracy = model.evaluate(X, labels, verbose=0)
    assert accuracy == 1.0


# ---------------------------------------------------------------- 잘못된 입력


def _compiled():
    model = _small_model()
    model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])
    return model


X3 = [[0.1, 0.2, 0.3]] * 4
Y3 = [0, 1, 0, 1]

BAD_CALLS = [
    ("X와 y 길이", lambda: _compiled().fit(X3, [0, 1], verbose=0), ValueError, "샘플 수가 다릅니다"),
    ("들쭉날쭉한 행", lambda: _compiled().fit([[0.1, 0.2, 0.3], [0.1, 0.2]], [0, 1], verbose=0), ValueError, "행 길이"),
    ("특성 수", lambda: _compiled().fit([[0.1, 0.2]] * 4, Y3, verbose=0), ValueError, "특성 수"),
    ("문자열 특성", lambda: _compiled().fit([["a", 0.2, 0.3]] * 4, Y3, verbose=0), TypeError, "'a'"),
    ("nan 특성", lambda: _compiled().fit([[float("nan"), 0.2, 0.3]] * 4, Y3, verbose=0), ValueError, "nan"),
    ("compile 전 fit", lambda: _small_model().fit(X3, Y3, verbose=0), RuntimeError, "compile()"),
    ("compile 전 evaluate", lambda: _small_model().evaluate(X3, Y3), RuntimeError, "evaluate()"),
    ("옵티마이저 이름", lambda: _small_model().compile(optimizer="adma", loss="mse"), ValueError, "'adma'"),
    ("손실 이름", lambda: _small_model().compile(optimizer="adam", loss="bce"), ValueError, "'bce'"),
    ("loss 없음", lambda: _small_model().compile(optimizer="adam"), ValueError, "loss"),
    ("지표 이름", lambda: _small_model().compile(loss="mse", metrics=["acuracy"]), ValueError, "'acuracy'"),
    ("지표 문자열", lambda: _small_model().compile(loss="mse", metrics="accuracy"), TypeError, "metrics=['accuracy']"),
    ("epochs 0", lambda: _compiled().fit(X3, Y3, epochs=0), ValueError, "epochs"),
    ("epochs 실수", lambda: _compiled().fit(X3, Y3, epochs=2.5), TypeError, "2.5"),
    ("batch_size 0", lambda: _compiled().fit(X3, Y3, batch_size=0), ValueError, "batch_size"),
    ("validation_split 1", lambda: _compiled().fit(X3, Y3, validation_split=1.0), ValueError, "1.0"),
    ("validation_split 문자열", lambda: _compiled().fit(X3, Y3, validation_split="0.2"), TypeError, "'0.2'"),
    ("학습 데이터 없음", lambda: _compiled().fit(X3[:1], Y3[:1], validation_split=0.5), ValueError, "학습: 0개"),
    ("검증 데이터 없음", lambda: _compiled().fit(X3, Y3, validation_split=1e-17), ValueError, "검증: 0개"),
    ("verbose 3", lambda: _compiled().fit(X3, Y3, verbose=3), ValueError, "3"),
    ("정답 길이", lambda: _compiled().fit(X3, [[0, 1]] * 4, verbose=0), ValueError, "출력층의 뉴런 수"),
    ("클래스 범위", lambda: _sparse3().fit(X3, [0, 1, 2, 3], verbose=0), ValueError, "3"),
    ("활성화 이름", lambda: keras.layers.Dense(3, activation="relu6"), ValueError, "'relu6'"),
    ("input_shape 정수", lambda: keras.layers.Dense(3, input_shape=10), TypeError, "(10,)"),
    ("units 0", lambda: keras.layers.Dense(0), ValueError, "units"),
    ("summary 전", lambda: keras.Sequential([keras.layers.Dense(2)]).summary(), ValueError, "input_shape"),
    ("층이 아님", lambda: keras.Sequential(["dense"]), TypeError, "'dense'"),
    ("learning_rate 음수", lambda: keras.optimizers.Adam(learning_rate=-0.1), ValueError, "-0.1"),
    ("X 자료형", lambda: _compiled().fit(3.0, Y3), TypeError, "3.0"),
]


def _sparse3():
    model = _small_model(units=3, activation="softmax")
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    return model


@pytest.mark.parametrize("case, call, error, fragment", BAD_CALLS, ids=[c[0] for c in BAD_CALLS])
def test_bad_input_raises_korean_error(case, call, error, fragment):
    with pytest.raises(error) as info:
        call()
    message = str(info.value)
    assert fragment in message
    assert re.search(r"[가-힣]", message)


def test_fit_rejects_nonbinary_label_with_its_index():
    model = keras.Sequential([keras.layers.Dense(1, activation="sigmoid", input_shape=(2,))])
    model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])
    labels = [0, 1] * 25
    labels[40] = 2
    with pytest.raises(ValueError) as info:
        model.fit([[0.1, 0.2]] * 50, labels, epochs=1, verbose=0)
    assert "y의 40번 정답이 0이나 1이 아닙니다" in str(info.value)
    assert "받은 값: 2.0" in str(info.value)


# ---------------------------------------------------------------- 잘못된 입력


def test_dense_called_before_build_builds_from_input():
    keras.utils.set_random_seed(0)
    layer = keras.layers.Dense(2)
    outputs = layer([1.0, 2.0, 3.0])
    assert len(outputs) == 2
    assert layer.input_dim == 3


def test_sequential_called_before_build_builds_from_input():
    keras.utils.set_random_seed(0)
    model = keras.Sequential([keras.layers.Dense(2), keras.layers.Dense(1)])
    outputs = model([1.0, 2.0])
    assert len(outputs) == 1
    assert model.count_params() == 2 * 3 + 1 * 3


def test_dense_unhashable_activation_raises_valueerror():
    with pytest.raises(ValueError, match="알 수 없는 활성화 함수입니다. 받은 값: \\[\\]"):
        keras.layers.Dense(2, activation=[])


@pytest.mark.parametrize("optimizer", [keras.optimizers.Adam, keras.optimizers.SGD])
def test_optimizer_infinite_learning_rate_raises_valueerror(optimizer):
    with pytest.raises(ValueError, match="유한한 실수여야 합니다. 받은 값: inf"):
        optimizer(learning_rate=float("inf"))
