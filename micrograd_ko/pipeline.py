"""기본 작업: 강의의 Keras 예제를 실제 데이터로 처음부터 끝까지 실행합니다.

순서는 강의와 같습니다. 0) 데이터 준비 (분할, 표준화) 1) 모델 구조 정의
2) 컴파일 (옵티마이저, 손실 함수, 지표) 3) 학습 (fit: 순전파 → 손실 → 역전파 → 가중치
업데이트의 반복) 4) 평가. 진행 상황은 `out`으로 씁니다 (CLI가 부르는 경로).
"""

from __future__ import annotations

import contextlib
import sys
import time
from dataclasses import dataclass
from typing import TextIO

from micrograd_ko import data, datasets, keras

__all__ = ["run", "DATASETS", "RunResult"]

# 데이터 세트마다: 설명, 출력층 (유닛 수, 활성화), 손실 함수, 기본 학습률
DATASETS = {
    "breast_cancer": ("위스콘신 유방암 진단 데이터 (569개, 특성 30개, 악성 0 / 양성 1)", (1, "sigmoid"),
                      "binary_crossentropy", 0.001),
    "iris": ("붓꽃 데이터 (150개, 특성 4개, 품종 3개)", (3, "softmax"), "sparse_categorical_crossentropy", 0.01),
    "moons": ("두 개의 반달 모양 합성 데이터 (200개, 특성 2개, 잡음 0.1)", (1, "sigmoid"),
              "binary_crossentropy", 0.01),
    "random": ("강의의 무작위 데이터 (100개, 특성 10개, 레이블 0/1 무작위)", (1, "sigmoid"),
               "binary_crossentropy", 0.001),
}


@dataclass
class RunResult:
    """기본 작업의 결과: 테스트 손실과 정확도, 학습 기록, 걸린 시간(초)."""

    test_loss: float
    test_accuracy: float
    history: dict
    seconds: float
    exit_code: int = 0


def _load(name: str, seed: int) -> tuple[list, list]:
    if name == "breast_cancer":
        return datasets.load_breast_cancer(return_X_y=True)
    if name == "iris":
        return datasets.load_iris(return_X_y=True)
    if name == "moons":
        return data.make_moons(n_samples=200, noise=0.1, random_state=seed)
    return data.make_random(n_samples=100, n_features=10, random_state=seed)


def _check_choice(name: str, value, choices) -> None:
    if value not in choices:
        raise ValueError(f"{name}의 값이 올바르지 않습니다. 받은 값: {value!r}. 가능한 값: {', '.join(sorted(choices))}.")


def run(dataset: str = "breast_cancer", epochs: int = 10, batch_size: int = 32, seed: int = 42,
        optimizer: str = "adam", lr: float | None = None, verbose: int = 2, out: TextIO | None = None) -> RunResult:
    """데이터를 불러와 강의의 신경망(32 relu → 16 relu → 출력층)을 학습하고 평가합니다.

    Args:
        dataset: "breast_cancer", "iris", "moons", "random" 중 하나.
        epochs: 에폭 수. batch_size: 배치 크기. seed: 분할, 초기화, 섞기의 시드.
        optimizer: "adam" 또는 "sgd". lr: 학습률 (None이면 데이터 세트의 기본값, SGD는 그 10배).
        verbose: fit의 출력 수준 (0, 1, 2). out: 진행 상황을 쓸 스트림 (기본값: 표준 출력).

    Returns:
        테스트 손실과 정확도, 학습 기록이 담긴 RunResult.
    """
    out = out or sys.stdout
    _check_choice("dataset", dataset, DATASETS)
    _check_choice("optimizer", optimizer, {"adam", "sgd"})
    description, (units, activation), loss, default_lr = DATASETS[dataset]
    if lr is None:
        # 모멘텀 없는 SGD는 Adam보다 한 걸음이 작으므로 기본 학습률을 10배로 잡습니다.
        lr = default_lr * 10 if optimizer == "sgd" else default_lr
    say = lambda text="": print(text, file=out)  # noqa: E731
    start = time.perf_counter()

    # 0) 데이터 준비: 시드를 고정해 나누고, 훈련 데이터로만 표준화 기준을 맞춥니다.
    X, y = _load(dataset, seed)
    X_train, X_test, y_train, y_test = data.train_test_split(X, y, test_size=0.2, random_state=seed)
    scaler = data.StandardScaler().fit(X_train)
    X_train, X_test = scaler.transform(X_train), scaler.transform(X_test)
    say(f"데이터: {description}")
    say(f"훈련 {len(X_train)}개, 테스트 {len(X_test)}개로 나누고 훈련 데이터 기준으로 표준화했습니다 (시드 {seed}).")

    # 1) 모델 구조 정의와 2) 컴파일
    keras.utils.set_random_seed(seed)
    model = keras.Sequential([
        keras.layers.Dense(32, activation="relu", input_shape=(len(X_train[0]),)),
        keras.layers.Dense(16, activation="relu"),
        keras.layers.Dense(units, activation=activation),
    ])
    opt = keras.optimizers.Adam(learning_rate=lr) if optimizer == "adam" else keras.optimizers.SGD(learning_rate=lr)
    model.compile(optimizer=opt, loss=loss, metrics=["accuracy"])
    say(f"모델: {model!r}, 옵티마이저: {optimizer} (학습률 {lr}), 손실 함수: {loss}")
    say()

    # 3) 학습: fit 안에서 배치마다 순전파 → 손실 → 역전파 → 가중치 업데이트를 반복합니다.
    with contextlib.redirect_stdout(out):
        history = model.fit(X_train, y_train, epochs=epochs, batch_size=batch_size,
                            validation_split=0.2, verbose=verbose, seed=seed)

    # 4) 평가
    test_loss, test_accuracy = model.evaluate(X_test, y_test, verbose=0)
    seconds = time.perf_counter() - start
    say()
    say(f"테스트 손실: {test_loss:.4f} - 테스트 정확도: {test_accuracy:.4f} ({seconds:.1f}초)")
    if dataset == "random":
        say("레이블이 무작위이므로 정확도는 0.5 근처가 정상입니다. 배울 규칙이 데이터에 없습니다.")
    say()
    say("다음 단계:")
    say('  계산 그래프 그리기:  python -m micrograd_ko graph "tanh(x1*w1 + x2*w2 + b)" '
        "--set x1=2 x2=0 w1=-3 w2=1 b=6.8813735870195432 -o neuron.svg")
    say('  역전파 한 단계씩:    python -m micrograd_ko step "tanh(x1*w1 + x2*w2 + b)" '
        "--set x1=2 x2=0 w1=-3 w2=1 b=6.8813735870195432")
    return RunResult(test_loss, test_accuracy, history.history, seconds)
