"""연습 1의 모범 답안."""


def tanh_local_grad(out, x):
    return 1.0 - out**2
