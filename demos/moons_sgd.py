"""반달 두 개가 맞물린 데이터를 MLP와 SGD(모멘텀)로 나눕니다.

직선 하나로는 두 반달을 나눌 수 없습니다. 은닉층이 있는 MLP는 곡선 경계를 배웁니다.
손실은 로짓을 받는 이진 크로스엔트로피(from_logits=True)이고, 옵티마이저는 모멘텀 SGD입니다.
마지막에 모델이 평면을 어떻게 나누었는지 글자 그림으로 보여 줍니다.

실행: python demos/moons_sgd.py
"""

from micrograd_ko import losses, optim
from micrograd_ko.data import make_moons
from micrograd_ko.nn import MLP

X, y = make_moons(n_samples=60, noise=0.1, random_state=0)

# 모델: 2 → 12 → 12 → 1. 출력은 로짓(시그모이드 전의 점수)이고, 0보다 크면 레이블 1로 봅니다.
model = MLP(2, [12, 12, 1], activation="relu", seed=1)
opt = optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
print(f"모델: {model}, 매개변수 {model.num_parameters()}개, 샘플 {len(X)}개")


def accuracy() -> float:
    return sum((model(x).data > 0) == (t == 1) for x, t in zip(X, y)) / len(X)


for step in range(1, 61):
    logits = [model(x) for x in X]
    loss = losses.binary_crossentropy(logits, y, from_logits=True)
    opt.zero_grad()
    loss.backward()
    opt.step()
    if step % 15 == 0 or step == 1:
        print(f"단계 {step:2d}: 손실 {loss.data:.4f}, 정확도 {accuracy():.4f}")

# 평면의 격자점마다 예측한 레이블을 찍습니다. 0은 '.', 1은 '#', 데이터 점은 o(0)와 x(1)입니다.
print()
print("결정 경계 (. = 레이블 0, # = 레이블 1, o/x = 데이터):")
columns, rows = 48, 14
points = {(round((a + 1.5) / 4.0 * (columns - 1)), round((1.5 - b) / 3.0 * (rows - 1))): t for (a, b), t in zip(X, y)}
for r in range(rows):
    line = ""
    for c in range(columns):
        if (c, r) in points:
            line += "x" if points[(c, r)] == 1 else "o"
        else:
            a, b = -1.5 + 4.0 * c / (columns - 1), 1.5 - 3.0 * r / (rows - 1)
            line += "#" if model([a, b]).data > 0 else "."
    print(line)
