"""연습 3의 흔한 실수: 맨 앞의 마이너스 부호가 빠졌습니다."""


def binary_crossentropy(p, y):
    return y * p.log() + (1 - y) * (1 - p).log()
