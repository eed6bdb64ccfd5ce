"""연습 3: 이진 크로스엔트로피(binary cross-entropy)

이진 분류에서 모델은 "정답이 1일 확률" p (0 < p < 1)를 내놓습니다. 정답 y는 0 또는 1입니다.
이진 크로스엔트로피 손실은 예측 확률이 정답에서 멀수록 커집니다:

    L = −(y × log p + (1 − y) × log(1 − p))

y = 1이면 L = −log p입니다. p가 1에 가까울수록 손실이 0에 가까워집니다.
y = 0이면 L = −log(1 − p)입니다. p가 0에 가까울수록 손실이 0에 가까워집니다.
log는 자연로그(밑 e)입니다.

p는 Value입니다. Value의 연산(p.log(), 1 - p, *, +, -)으로 계산하면 L.backward()가
∂L/∂p를 구합니다. math.log(p.data)를 쓰면 계산 그래프가 끊겨서 기울기가 0이 됩니다.

할 일: binary_crossentropy(p, y)가 손실 L을 Value로 돌려주게 하세요.
채점: python -m micrograd_ko exercise check 3
직접 실행해 보기: python ex3_bce.py
"""

from micrograd_ko.engine import Value


def binary_crossentropy(p: Value, y: float) -> Value:
    """샘플 하나의 이진 크로스엔트로피 손실을 Value로 돌려줍니다.

    Args:
        p: 정답이 1일 확률을 담은 Value (0 < p.data < 1).
        y: 정답, 0.0 또는 1.0.

    Returns:
        손실 L을 담은 Value.
    """
    # TODO: 위의 식으로 L을 계산해서 돌려주세요. 다 쓰면 아래 raise 줄을 지우세요.
    raise NotImplementedError("아직 구현하지 않았습니다: binary_crossentropy")


if __name__ == "__main__":
    p = Value(0.8)
    loss = binary_crossentropy(p, 1.0)
    loss.backward()
    print("손실:", loss.data, "(기대한 값: 약 0.2231)")
    print("∂L/∂p:", p.grad, "(기대한 값: −1/p = −1.25)")
