"""연습 2의 흔한 실수: .data로 계산해서 계산 그래프가 끊깁니다."""

import random

from micrograd_ko.engine import Value


class Neuron:
    def __init__(self, nin):
        self.w = [Value(random.uniform(-1, 1)) for _ in range(nin)]
        self.b = Value(0.0)

    def __call__(self, x):
        total = self.b
        for wi, xi in zip(self.w, x):
            total = total + wi.data * (xi.data if isinstance(xi, Value) else xi)
        return total.tanh()

    def parameters(self):
        return self.w + [self.b]
