"""연습 3의 흔한 실수: y와 1 − y가 바뀌었습니다."""


def binary_crossentropy(p, y):
    return -((1 - y) * p.log() + y * (1 - p).log())
