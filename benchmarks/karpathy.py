"""비교 대상: PyPI의 micrograd 0.1.0 (Andrej Karpathy)으로 같은 작업을 합니다.

micrograd에는 exp, log, sigmoid, clip이 없어서 W2에 필요한 sigmoid, log, clip을 micrograd와
같은 방식(노드마다 `_backward` 클로저)으로 여기에 덧붙입니다. W4의 합은 micrograd의
재귀 위상 정렬이 깊이 1000에서 멈추므로 파이썬 sum() 대신 두 개씩 묶어 더하는 나무로 만듭니다.
"""

from __future__ import annotations

import math
import time

from benchmarks import common
from benchmarks.common import Sample

try:
    from micrograd.engine import Value
    from micrograd.nn import MLP
except ImportError:  # micrograd가 없으면 이 엔진은 건너뜁니다.
    Value = MLP = None

AVAILABLE = Value is not None


def _unary(x, data: float, local: float, op: str):
    out = Value(data, (x,), op)

    def _backward():
        x.grad += local * out.grad

    out._backward = _backward
    return out


def _sigmoid(x):
    z = x.data
    s = 1.0 / (1.0 + math.exp(-z)) if z >= 0 else math.exp(z) / (1.0 + math.exp(z))
    return _unary(x, s, s * (1.0 - s), "sigmoid")


def _log(x):
    return _unary(x, math.log(x.data), 1.0 / x.data, "log")


def _clip(x, low: float, high: float):
    return _unary(x, min(max(x.data, low), high), 1.0 if low < x.data < high else 0.0, "clip")


def _model(sizes: list[int], scheme: str):
    model = MLP(sizes[0], sizes[1:])
    for layer, (W, b) in zip(model.layers, common.init_weights(sizes, scheme)):
        for neuron, row, bias in zip(layer.neurons, W, b):
            for w, value in zip(neuron.w, row):
                w.data = value
            neuron.b.data = bias
    return model


def _count(root) -> int:
    seen, stack = set(), [root]
    while stack:
        node = stack.pop()
        if node not in seen:
            seen.add(node)
            stack.extend(node._prev)
    return len(seen)


def w1(n: int, probe: bool = False) -> Sample:
    """W1: micrograd 저장소의 두 달 데모와 같은 한 단계 (max-margin 손실 + L2, SGD)."""
    X, y = common.moons(n)
    model = _model(common.W1_LAYERS, "uniform")
    params = model.parameters()
    start = time.perf_counter()

    scores = [model(x) for x in X]
    data_loss = sum((1 + -t * s).relu() for t, s in zip(y, scores)) * (1.0 / n)
    loss = data_loss + common.W1_ALPHA * sum(p * p for p in params)
    mid = time.perf_counter()

    model.zero_grad()
    loss.backward()
    after = time.perf_counter()

    for p in params:
        p.data -= common.W1_LR * p.grad
    end = time.perf_counter()
    return Sample(end - start, mid - start, after - mid, _count(loss) if probe else None, loss.data)


def _bce(p, t: float):
    clipped = _clip(p, common.BCE_EPS, 1.0 - common.BCE_EPS)
    return -_log(clipped) if t == 1.0 else -_log(1 - clipped)


def w2(n: int, probe: bool = False) -> Sample:
    """W2: 강의의 Keras 예제 (sigmoid 출력, 이진 크로스엔트로피, Adam)."""
    X, y = common.lesson_data(n)
    model = _model(common.W2_LAYERS, "glorot")
    params = model.parameters()
    m, v = [0.0] * len(params), [0.0] * len(params)
    forward = backward = 0.0
    step = 0
    start = time.perf_counter()
    for order in common.batch_orders(len(X), common.W2_EPOCHS):
        for k in range(0, len(order), common.W2_BATCH):
            idx = order[k : k + common.W2_BATCH]
            t0 = time.perf_counter()
            loss = sum(_bce(_sigmoid(model(X[i])), y[i]) for i in idx) * (1.0 / len(idx))
            t1 = time.perf_counter()
            model.zero_grad()
            loss.backward()
            t2 = time.perf_counter()
            step += 1
            _adam(params, m, v, step)
            forward, backward = forward + t1 - t0, backward + t2 - t1
    return Sample(time.perf_counter() - start, forward, backward, None, loss.data)


def _adam(params: list, m: list, v: list, t: int) -> None:
    b1, b2 = 0.9, 0.999
    for i, p in enumerate(params):
        g = p.grad
        m[i] = b1 * m[i] + (1.0 - b1) * g
        v[i] = b2 * v[i] + (1.0 - b2) * g * g
        m_hat, v_hat = m[i] / (1.0 - b1**t), v[i] / (1.0 - b2**t)
        p.data -= common.W2_LR * m_hat / (math.sqrt(v_hat) + common.W2_EPS)


def w3(n: int, probe: bool = False) -> Sample:
    """W3: 사슬 y = 0.0001 + 1.0001·y. micrograd의 재귀 위상 정렬은 n ≈ 500에서 RecursionError를 냅니다."""
    c, k = common.W3_STEP
    x = Value(0.5)
    start = time.perf_counter()
    y = x
    for _ in range(n):
        y = c + k * y
    mid = time.perf_counter()
    y.backward()
    end = time.perf_counter()
    return Sample(end - start, mid - start, end - mid, _count(y) if probe else None, y.data)


def w4(n: int, probe: bool = False) -> Sample:
    """W4: Σ aᵢ·bᵢ. 합은 깊이 log₂ n인 덧셈 나무로 만듭니다 (노드 2n − 1개)."""
    a_data, b_data = common.w4_inputs(n)
    start = time.perf_counter()
    a = [Value(v) for v in a_data]
    b = [Value(v) for v in b_data]
    level = [x * y for x, y in zip(a, b)]
    while len(level) > 1:
        pairs = [level[i] + level[i + 1] for i in range(0, len(level) - 1, 2)]
        level = pairs + level[len(pairs) * 2 :]
    s = level[0]
    mid = time.perf_counter()
    s.backward()
    end = time.perf_counter()
    return Sample(end - start, mid - start, end - mid, 4 * n - 1 if probe else None, s.data)
