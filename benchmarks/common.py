"""모든 엔진이 함께 쓰는 입력: 데이터, 초기 가중치, 배치 순서, 작업 크기.

세 엔진(파이썬 float, micrograd_ko, micrograd)은 같은 데이터와 같은 초기 가중치로
같은 계산을 합니다. 그래서 시간의 비가 곧 엔진의 비이고, 손실 값으로 서로 검산할 수 있습니다.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass
from typing import Iterator

from micrograd_ko.datasets.synthetic import make_moons, make_random

SEED = 1337

# 작업마다 (전체 크기, --quick 크기). W1과 W2는 표본 수, W3은 사슬 길이, W4는 곱의 개수입니다.
SIZES = {
    "W1": (100, 8),
    "W2": (80, 4),
    "W3": (1_000_000, 1000),
    "W4": (1_000_000, 1000),
    "main": (10, 1),
}

W1_LAYERS = [2, 16, 16, 1]
W1_ACTIVATIONS = ["relu", "relu", "linear"]
W1_LR = 0.1
W1_ALPHA = 1e-4  # L2 정규화 계수

W2_LAYERS = [10, 32, 16, 1]
W2_ACTIVATIONS = ["relu", "relu", "sigmoid"]
W2_EPOCHS = 10
W2_BATCH = 32
W2_LR = 0.001  # Keras Adam의 기본값
W2_EPS = 1e-7  # Keras Adam의 기본 epsilon
BCE_EPS = 1e-7  # Keras처럼 확률을 [1e-7, 1 − 1e-7]로 자릅니다.

W3_STEP = (0.0001, 1.0001)  # y = 0.0001 + 1.0001·y


@dataclass
class Sample:
    """한 번 실행한 결과: 순전파, 역전파, 전체 시간(초)과 그래프 노드 수."""

    total: float
    forward: float | None = None
    backward: float | None = None
    nodes: int | None = None
    loss: float | None = None


def moons(n: int) -> tuple[list[list[float]], list[float]]:
    """W1의 데이터: 두 반달 n개와 ±1 레이블 (힌지 손실용)."""
    X, y = make_moons(n_samples=n, noise=0.1, random_state=SEED)
    return [list(map(float, row)) for row in X], [2.0 * t - 1.0 for t in y]


def lesson_data(n: int) -> tuple[list[list[float]], list[float]]:
    """W2의 데이터: 강의의 무작위 예제 (특성 10개, 레이블 0/1) 중 앞의 n개."""
    X, y = make_random(n_samples=max(n, 2), n_features=10, random_state=SEED)
    return [list(map(float, row)) for row in X[:n]], [float(t) for t in y[:n]]


def init_weights(sizes: list[int], scheme: str, seed: int = SEED) -> list[tuple[list[list[float]], list[float]]]:
    """층마다 (가중치 행렬 W[뉴런][입력], 편향 b)를 만듭니다. 편향은 0입니다.

    scheme이 "uniform"이면 U(−1, 1) (micrograd), "glorot"이면 Keras의 glorot_uniform입니다.
    """
    rng = random.Random(seed)
    layers = []
    for nin, nout in zip(sizes, sizes[1:]):
        limit = 1.0 if scheme == "uniform" else math.sqrt(6.0 / (nin + nout))
        W = [[rng.uniform(-limit, limit) for _ in range(nin)] for _ in range(nout)]
        layers.append((W, [0.0] * nout))
    return layers


def batch_orders(n: int, epochs: int, seed: int = SEED) -> list[list[int]]:
    """에폭마다 섞은 표본 순서. 모든 엔진이 같은 순서로 배치를 만듭니다."""
    rng = random.Random(seed)
    orders = []
    for _ in range(epochs):
        order = list(range(n))
        rng.shuffle(order)
        orders.append(order)
    return orders


def w4_inputs(n: int) -> tuple[Iterator[float], Iterator[float]]:
    """W4의 입력 aᵢ, bᵢ를 하나씩 내는 반복자. 난수 없이 정해진 값이라 엔진마다 같습니다.

    목록이 아니라 반복자라서 엔진은 입력을 곧바로 자기 노드로 만들고, 따로 된 float 목록이
    메모리 측정에 끼지 않습니다.
    """
    return ((i % 7) * 0.25 - 0.5 for i in range(n)), ((i % 5) * 0.5 - 1.0 for i in range(n))
