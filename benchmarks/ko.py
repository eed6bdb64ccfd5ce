"""micrograd_ko로 짠 작업들. 사용자 코드처럼 nn, losses, optim의 공개 API를 씁니다."""

from __future__ import annotations

import io
import time

from micrograd_ko import Value, losses, nn, optim, topological_order
from benchmarks import common
from benchmarks.common import Sample


def _load_weights(layers: list, weights: list) -> None:
    # 다른 엔진과 같은 초기 가중치를 씁니다.
    for layer, (W, b) in zip(layers, weights):
        for neuron, row, bias in zip(layer.neurons, W, b):
            for w, value in zip(neuron.w, row):
                w.data = value
            neuron.b.data = bias


def _mlp(sizes: list[int], acts: list[str], scheme: str) -> list:
    layers = [nn.Layer(nin, nout, activation=act, init="glorot_uniform" if scheme == "glorot" else "uniform")
              for nin, nout, act in zip(sizes, sizes[1:], acts)]
    _load_weights(layers, common.init_weights(sizes, scheme))
    return layers


def _predict(layers: list, x: list) -> Value:
    for layer in layers:
        x = layer(x)
    return x[0]


def _nodes(root: Value, probe: bool) -> int | None:
    return len(topological_order(root)) if probe else None


def w1(n: int, probe: bool = False) -> Sample:
    """W1: MLP 2-16-16-1 한 단계 (힌지 손실 + L2, 역전파, SGD)."""
    X, y = common.moons(n)
    layers = _mlp(common.W1_LAYERS, common.W1_ACTIVATIONS, "uniform")
    params = [p for layer in layers for p in layer.parameters()]
    opt = optim.SGD(params, lr=common.W1_LR)
    start = time.perf_counter()

    scores = [_predict(layers, x) for x in X]
    loss = losses.hinge(scores, y) + common.W1_ALPHA * Value.sum([p * p for p in params])
    mid = time.perf_counter()

    opt.zero_grad()
    loss.backward()
    after = time.perf_counter()

    opt.step()
    end = time.perf_counter()
    return Sample(end - start, mid - start, after - mid, _nodes(loss, probe), loss.data)


def w2(n: int, probe: bool = False) -> Sample:
    """W2: 강의의 Keras 예제, MLP 10-32-16-1 (relu, relu, sigmoid), 10 에폭, 배치 32, Adam."""
    X, y = common.lesson_data(n)
    layers = _mlp(common.W2_LAYERS, common.W2_ACTIVATIONS, "glorot")
    params = [p for layer in layers for p in layer.parameters()]
    opt = optim.Adam(params, lr=common.W2_LR, eps=common.W2_EPS)
    forward = backward = 0.0
    nodes = 0
    start = time.perf_counter()
    for order in common.batch_orders(len(X), common.W2_EPOCHS):
        for k in range(0, len(order), common.W2_BATCH):
            idx = order[k : k + common.W2_BATCH]
            t0 = time.perf_counter()
            loss = losses.binary_crossentropy([_predict(layers, X[i]) for i in idx], [y[i] for i in idx])
            t1 = time.perf_counter()
            opt.zero_grad()
            loss.backward()
            t2 = time.perf_counter()
            opt.step()
            forward, backward = forward + t1 - t0, backward + t2 - t1
            if probe:
                nodes = max(nodes, len(topological_order(loss)))
    return Sample(time.perf_counter() - start, forward, backward, nodes or None, loss.data)


def w3(n: int, probe: bool = False) -> Sample:
    """W3: y = 0.0001 + 1.0001·y를 n번 이은 사슬과 그 역전파."""
    c, k = common.W3_STEP
    x = Value(0.5)
    start = time.perf_counter()
    y = x
    for _ in range(n):
        y = c + k * y
    mid = time.perf_counter()
    y.backward()
    end = time.perf_counter()
    return Sample(end - start, mid - start, end - mid, 4 * n + 1 if probe else None, y.data)


def w4(n: int, probe: bool = False) -> Sample:
    """W4: Σ aᵢ·bᵢ (노드 하나의 n항 합)와 그 역전파. 잎 노드를 만드는 시간도 잽니다."""
    a_data, b_data = common.w4_inputs(n)
    start = time.perf_counter()
    a = [Value(v) for v in a_data]
    b = [Value(v) for v in b_data]
    s = Value.sum(x * y for x, y in zip(a, b))
    mid = time.perf_counter()
    s.backward()
    end = time.perf_counter()
    return Sample(end - start, mid - start, end - mid, 3 * n + 1 if probe else None, s.data)


def main_job(epochs: int, probe: bool = False) -> Sample:
    """기본 작업: `micrograd_ko.pipeline.run(dataset="breast_cancer", epochs=10, verbose=0)`."""
    from micrograd_ko import pipeline

    start = time.perf_counter()
    result = pipeline.run(dataset="breast_cancer", epochs=epochs, verbose=0, out=io.StringIO())
    return Sample(time.perf_counter() - start, None, None, None, result.test_loss)
