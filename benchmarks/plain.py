"""기준선: 그래프 없이 파이썬 float로 같은 계산을 합니다 (순전파, 손으로 쓴 역전파, 갱신).

이 파일은 측정의 기준일 뿐 라이브러리가 아닙니다. 엔진이 그래프를 만들고 선언을 읽는
비용이 얼마인지 보려고, 같은 식의 미분을 여기서만 손으로 적었습니다. 같은 입력과 같은
초기 가중치를 쓰므로 손실 값이 micrograd_ko와 같아야 합니다 (테스트가 확인합니다).
"""

from __future__ import annotations

import math
import time
from operator import mul

from benchmarks import common
from benchmarks.common import Sample


# ---------------------------------------------------------------- float MLP


def _activate(name: str, z: float) -> float:
    if name == "relu":
        return z if z > 0 else 0.0
    if name == "sigmoid":
        return 1.0 / (1.0 + math.exp(-z)) if z >= 0 else math.exp(z) / (1.0 + math.exp(z))
    return z


def _local(name: str, z: float, a: float) -> float:
    if name == "relu":
        return 1.0 if z > 0 else 0.0
    if name == "sigmoid":
        return a * (1.0 - a)
    return 1.0


def forward(layers: list, acts: list[str], x: list[float]) -> tuple[list[float], list]:
    """순전파. 층마다 (입력, 가중합, 출력)을 기록해 역전파에 넘깁니다."""
    cache = []
    h = x
    for (W, b), act in zip(layers, acts):
        z = [sum(map(mul, row, h), bias) for row, bias in zip(W, b)]
        a = [_activate(act, zj) for zj in z]
        cache.append((h, z, a))
        h = a
    return h, cache


def backward(layers: list, acts: list[str], cache: list, dout: list[float], grads: list) -> None:
    """역전파. ∂L/∂출력 `dout`에서 시작해 층마다 가중치와 편향의 기울기를 `grads`에 더합니다."""
    d = dout
    for (W, _), act, (h, z, a), (gW, gb) in zip(reversed(layers), reversed(acts), reversed(cache), reversed(grads)):
        dz = [dj * _local(act, zj, aj) for dj, zj, aj in zip(d, z, a)]
        d = [0.0] * len(h)
        for j, dzj in enumerate(dz):
            if not dzj:
                continue
            gW[j] = [g + dzj * hi for g, hi in zip(gW[j], h)]
            gb[j] += dzj
            d = [di + dzj * wi for di, wi in zip(d, W[j])]


def zeros_like(layers: list) -> list:
    return [([[0.0] * len(row) for row in W], [0.0] * len(b)) for W, b in layers]


def _params(layers: list):
    # (행 목록, 인덱스) 쌍으로 모든 매개변수를 차례로 돌려줍니다.
    for W, b in layers:
        for row in W:
            for i in range(len(row)):
                yield row, i
        for i in range(len(b)):
            yield b, i


# ---------------------------------------------------------------- 작업


def w1(n: int, probe: bool = False) -> Sample:
    """W1: MLP 2-16-16-1 한 단계 (힌지 손실 + L2, 역전파, SGD)."""
    X, y = common.moons(n)
    layers = common.init_weights(common.W1_LAYERS, "uniform")
    acts = common.W1_ACTIVATIONS
    start = time.perf_counter()

    outs = [forward(layers, acts, x) for x in X]
    margins = [1.0 - t * out[0] for (out, _), t in zip(outs, y)]
    reg = sum(w * w for W, b in layers for row in W + [b] for w in row)
    loss = sum(m if m > 0 else 0.0 for m in margins) / n + common.W1_ALPHA * reg
    mid = time.perf_counter()

    grads = zeros_like(layers)
    for (_, cache), t, m in zip(outs, y, margins):
        if m > 0:
            backward(layers, acts, cache, [-t / n], grads)
    for (W, b), (gW, gb) in zip(layers, grads):
        for row, grow in zip(W + [b], gW + [gb]):
            for i, w in enumerate(row):
                grow[i] += 2.0 * common.W1_ALPHA * w
    after = time.perf_counter()

    for (row, i), (grow, _) in zip(_params(layers), _params(grads)):
        row[i] -= common.W1_LR * grow[i]
    end = time.perf_counter()
    return Sample(end - start, mid - start, after - mid, None, loss)


def _adam(layers: list, grads: list, state: list, t: int) -> None:
    b1, b2 = 0.9, 0.999
    for (row, i), (grow, _), (m, v) in zip(_params(layers), _params(grads), state):
        g = grow[i]
        m[0] = b1 * m[0] + (1.0 - b1) * g
        v[0] = b2 * v[0] + (1.0 - b2) * g * g
        m_hat, v_hat = m[0] / (1.0 - b1**t), v[0] / (1.0 - b2**t)
        row[i] -= common.W2_LR * m_hat / (math.sqrt(v_hat) + common.W2_EPS)


def _bce_batch(layers: list, acts: list, rows: list, targets: list, train: bool):
    """배치 하나의 평균 이진 크로스엔트로피. train이면 기울기도 돌려줍니다."""
    eps, count = common.BCE_EPS, len(rows)
    grads = zeros_like(layers) if train else None
    total = 0.0
    for x, t in zip(rows, targets):
        (p,), cache = forward(layers, acts, x)
        pc = min(max(p, eps), 1.0 - eps)
        total += -math.log(pc) if t == 1.0 else -math.log(1.0 - pc)
        if train and eps < p < 1.0 - eps:
            dp = -1.0 / (pc * count) if t == 1.0 else 1.0 / ((1.0 - pc) * count)
            backward(layers, acts, cache, [dp], grads)
    return total / count, grads


def fit_bce(layers: list, acts: list, X: list, y: list, epochs: int, timer: dict, validation=None) -> float:
    """W2와 기본 작업의 학습 루프: 배치 32, Adam, 이진 크로스엔트로피. 마지막 손실을 돌려줍니다.

    validation이 (X, y)이면 에폭마다 그 손실도 계산합니다 (Keras의 validation_split처럼).
    """
    state = [([0.0], [0.0]) for _ in _params(layers)]
    step, loss = 0, 0.0
    for order in common.batch_orders(len(X), epochs):
        if validation is not None and step:
            _bce_batch(layers, acts, validation[0], validation[1], train=False)
        for k in range(0, len(order), common.W2_BATCH):
            idx = order[k : k + common.W2_BATCH]
            t0 = time.perf_counter()
            loss, grads = _bce_batch(layers, acts, [X[i] for i in idx], [y[i] for i in idx], train=True)
            step += 1
            t1 = time.perf_counter()
            _adam(layers, grads, state, step)
            timer["forward"] += t1 - t0  # NOTE: float 기준선은 순전파와 역전파를 한 번에 잽니다.
    if validation is not None:
        _bce_batch(layers, acts, validation[0], validation[1], train=False)
    return loss


def w2(n: int, probe: bool = False) -> Sample:
    """W2: 강의의 Keras 예제, MLP 10-32-16-1, 10 에폭, 배치 32, Adam."""
    X, y = common.lesson_data(n)
    layers = common.init_weights(common.W2_LAYERS, "glorot")
    timer = {"forward": 0.0}
    start = time.perf_counter()
    loss = fit_bce(layers, common.W2_ACTIVATIONS, X, y, common.W2_EPOCHS, timer)
    return Sample(time.perf_counter() - start, None, None, None, loss)


def w3(n: int, probe: bool = False) -> Sample:
    """W3: y = 0.0001 + 1.0001·y를 n번. 역전파는 국소 미분 1.0001을 n번 곱합니다."""
    c, k = common.W3_STEP
    start = time.perf_counter()
    y = 0.5
    for _ in range(n):
        y = c + k * y
    mid = time.perf_counter()
    grad = 1.0
    for _ in range(n):
        grad *= k
    end = time.perf_counter()
    return Sample(end - start, mid - start, end - mid, None, y)


def w4(n: int, probe: bool = False) -> Sample:
    """W4: Σ aᵢ·bᵢ와 그 기울기 ∂/∂aᵢ = bᵢ, ∂/∂bᵢ = aᵢ."""
    start = time.perf_counter()
    a, b = map(list, common.w4_inputs(n))
    s = sum(map(mul, a, b))
    mid = time.perf_counter()
    grad_a, grad_b = list(b), list(a)
    end = time.perf_counter()
    del grad_a, grad_b
    return Sample(end - start, mid - start, end - mid, None, s)


def main_job(epochs: int, probe: bool = False) -> Sample:
    """기본 작업과 같은 계산: 유방암 데이터, 30-32-16-1, 검증 20 %, 배치 32, Adam, 테스트 평가."""
    from micrograd_ko import data, datasets

    start = time.perf_counter()
    X, y = datasets.load_breast_cancer(return_X_y=True)
    X_train, X_test, y_train, y_test = data.train_test_split(X, y, test_size=0.2, random_state=42)
    scaler = data.StandardScaler().fit(X_train)
    X_train, X_test = scaler.transform(X_train), scaler.transform(X_test)
    cut = int(len(X_train) * 0.8)
    acts = ["relu", "relu", "sigmoid"]
    layers = common.init_weights([len(X_train[0]), 32, 16, 1], "glorot")
    y_train, y_test = [float(t) for t in y_train], [float(t) for t in y_test]
    fit_bce(layers, acts, X_train[:cut], y_train[:cut], epochs, {"forward": 0.0},
            validation=(X_train[cut:], y_train[cut:]))
    loss, _ = _bce_batch(layers, acts, X_test, y_test, train=False)
    return Sample(time.perf_counter() - start, None, None, None, loss)
