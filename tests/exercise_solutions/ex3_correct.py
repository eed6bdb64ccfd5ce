"""연습 3의 모범 답안."""


def binary_crossentropy(p, y):
    return -(y * p.log() + (1 - y) * (1 - p).log())
