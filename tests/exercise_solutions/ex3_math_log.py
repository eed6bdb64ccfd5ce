"""연습 3의 흔한 실수: math.log(p.data)로 계산해서 계산 그래프가 끊깁니다."""

import math

from micrograd_ko.engine import Value


def binary_crossentropy(p, y):
    return Value(-(y * math.log(p.data) + (1 - y) * math.log(1 - p.data)))
