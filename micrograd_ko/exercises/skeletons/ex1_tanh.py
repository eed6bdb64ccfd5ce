"""연습 1: tanh의 국소 미분(local derivative)

순전파에서 out = tanh(x)를 계산했습니다. 역전파에서는 국소 미분 ∂out/∂x가 필요합니다.

    tanh(x) = (eˣ − e⁻ˣ) / (eˣ + e⁻ˣ)
    ∂out/∂x = 1 − tanh(x)² = 1 − out²

순전파의 결과 out을 다시 쓰면 exp를 다시 계산하지 않아도 됩니다.
연쇄 법칙에서는 이 값에 ∂L/∂out을 곱해서 ∂L/∂x를 얻습니다:
    ∂L/∂x = ∂L/∂out × ∂out/∂x

할 일: tanh_local_grad(out, x)가 ∂out/∂x를 float로 돌려주게 하세요.
채점: python -m micrograd_ko exercise check 1
직접 실행해 보기: python ex1_tanh.py
"""

import math


def tanh_local_grad(out: float, x: float) -> float:
    """out = tanh(x)일 때 국소 미분 ∂out/∂x를 돌려줍니다.

    Args:
        out: 순전파의 결과 tanh(x).
        x: 순전파의 입력.

    Returns:
        ∂out/∂x (float 하나).
    """
    # TODO: 위의 식으로 ∂out/∂x를 계산해서 돌려주세요. 다 쓰면 아래 raise 줄을 지우세요.
    raise NotImplementedError("아직 구현하지 않았습니다: tanh_local_grad")


if __name__ == "__main__":
    # 수치 미분(중심 차분)과 비교해 봅니다. 두 값이 소수점 아래 여섯 자리까지 같아야 합니다.
    x, h = 0.5, 1e-6
    numeric = (math.tanh(x + h) - math.tanh(x - h)) / (2 * h)
    print("내 답:", tanh_local_grad(math.tanh(x), x))
    print("중심 차분:", numeric)
