"""연습 4의 흔한 실수: 편향 보정이 없습니다."""

import math


def adam_step(param, grad, m, v, t, lr=0.001, beta1=0.9, beta2=0.999, eps=1e-7):
    m = beta1 * m + (1 - beta1) * grad
    v = beta2 * v + (1 - beta2) * grad**2
    m_hat = m
    v_hat = v
    param = param - lr * m_hat / (math.sqrt(v_hat) + eps)
    return param, m, v
