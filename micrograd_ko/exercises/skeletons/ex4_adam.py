"""연습 4: Adam 옵티마이저의 한 단계

Adam은 매개변수마다 두 값을 기억합니다.
  m: 기울기의 이동 평균 (어느 방향으로 가 왔는지, 관성)
  v: 기울기 제곱의 이동 평균 (기울기가 얼마나 컸는지)
m과 v는 0에서 시작합니다. t번째 단계(t = 1, 2, 3, ...)에서 기울기가 g이면:

    1) m ← β1 × m + (1 − β1) × g
    2) v ← β2 × v + (1 − β2) × g²
    3) m̂ = m / (1 − β1ᵗ),  v̂ = v / (1 − β2ᵗ)      (편향 보정)
    4) param ← param − 학습률 × m̂ / (√v̂ + ε)

3)의 편향 보정은 m과 v가 0에서 시작해서 처음 몇 단계에 너무 작은 것을 바로잡습니다.
그래서 첫 단계에서는 m̂ = g, v̂ = g²이고, 걸음의 크기가 거의 학습률과 같습니다.
ε(eps)는 분모가 0이 되지 않게 더하는 작은 수입니다. 제곱근 밖에서 더합니다.

할 일: adam_step이 위의 1)~4)를 한 번 하고 (새 param, 새 m, 새 v)를 돌려주게 하세요.
모든 값은 float입니다. 제곱근은 math.sqrt입니다.
채점: python -m micrograd_ko exercise check 4 (micrograd_ko.optim.Adam과 세 단계를 비교합니다)
직접 실행해 보기: python ex4_adam.py
"""

import math


def adam_step(param: float, grad: float, m: float, v: float, t: int,
              lr: float = 0.001, beta1: float = 0.9, beta2: float = 0.999, eps: float = 1e-7) -> tuple:
    """Adam의 t번째 단계를 계산해서 (새 param, 새 m, 새 v)를 돌려줍니다.

    Args:
        param: 지금의 매개변수 값.
        grad: 이 단계의 기울기 g = ∂L/∂param.
        m, v: 지난 단계까지의 이동 평균 (처음에는 0.0).
        t: 단계 번호 (1부터 셉니다).
        lr: 학습률. beta1, beta2: 이동 평균의 감쇠율. eps: 분모에 더하는 작은 수.

    Returns:
        (새 param, 새 m, 새 v).
    """
    # TODO: 1)~4)를 차례로 계산하세요. 다 쓰면 아래 raise 줄을 지우세요.
    raise NotImplementedError("아직 구현하지 않았습니다: adam_step")


if __name__ == "__main__":
    param, m, v = 1.0, 0.0, 0.0
    for t, g in enumerate([0.5, -0.25, 0.125], start=1):
        param, m, v = adam_step(param, g, m, v, t, lr=0.1)
        print(f"단계 {t}: param = {param:.6f}, m = {m:.6f}, v = {v:.6f}")
    # 첫 단계에서 param은 약 1.0 − 0.1 = 0.9가 되어야 합니다.
