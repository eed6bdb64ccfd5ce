"""뉴런 하나를 손으로 만들어 AND 게이트를 배웁니다.

가중치 두 개와 편향 하나를 `Value`로 만들고, 순전파 → 손실 → 역전파 → 업데이트를 직접
씁니다. 층, 손실 함수, 옵티마이저 모듈은 쓰지 않습니다. 네 단계가 모두 몇 줄에 보입니다.

실행: python demos/single_neuron.py
"""

from micrograd_ko import Value

# AND 게이트: 두 입력이 모두 1일 때만 정답이 1입니다.
data = [([0.0, 0.0], 0.0), ([0.0, 1.0], 0.0), ([1.0, 0.0], 0.0), ([1.0, 1.0], 1.0)]

# 매개변수: 가중치 w1, w2와 편향 b. 시작 값은 아무렇게나 정해도 됩니다.
w = [Value(0.1, label="w1"), Value(-0.2, label="w2")]
b = Value(0.0, label="b")
learning_rate = 1.0


def neuron(x: list[float]) -> Value:
    """순전파: σ(x1·w1 + x2·w2 + b). 시그모이드 출력은 '정답이 1일 확률'로 읽습니다."""
    return (x[0] * w[0] + x[1] * w[1] + b).sigmoid()


for step in range(1, 201):
    # 1) 순전파와 2) 손실: 이진 크로스엔트로피 −[y·log p + (1 − y)·log(1 − p)]의 평균
    terms = []
    for x, y in data:
        p = neuron(x)
        terms.append(-(p.log() if y == 1.0 else (1.0 - p).log()))
    loss = Value.sum(terms) / len(data)

    # 3) 역전파: 지난 기울기를 지우고 ∂손실/∂매개변수를 구합니다.
    for param in w + [b]:
        param.grad = 0.0
    loss.backward()

    # 4) 업데이트: 경사 하강법, 매개변수 ← 매개변수 − 학습률 × 기울기
    for param in w + [b]:
        param.data -= learning_rate * param.grad

    if step in (1, 10, 50, 100, 200):
        print(f"반복 {step:3d}: 손실 {loss.data:.4f}")

print()
print(f"배운 매개변수: w1 = {w[0].data:.4f}, w2 = {w[1].data:.4f}, b = {b.data:.4f}")
for x, y in data:
    p = neuron(x).data
    print(f"입력 {x}: 확률 {p:.4f}, 예측 {int(p > 0.5)}, 정답 {int(y)}")
print("두 가중치가 양수이고 편향이 음수라서, 두 입력이 모두 1일 때만 가중합이 0을 넘습니다.")
