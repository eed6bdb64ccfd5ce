"""평균 제곱 오차(MSE)로 회귀 문제를 풉니다: 작은 MLP가 곡선 y = x²를 배웁니다.

회귀에서는 출력층에 활성화 함수를 두지 않고(실수 그대로), 손실로 평균 제곱 오차
L = (1/N) × Σ (ŷ − y)²를 씁니다. 옵티마이저는 Adam입니다.

실행: python demos/mse_regression.py
"""

from micrograd_ko import losses, optim
from micrograd_ko.nn import MLP

# 데이터: [−1, 1] 구간의 점 21개와 정답 y = x²
xs = [i / 10 - 1.0 for i in range(21)]
ys = [x * x for x in xs]

# 모델: 입력 1 → tanh 은닉층 8 → 출력 1 (출력층은 선형)
model = MLP(1, [8, 1], activation="tanh", seed=0)
opt = optim.Adam(model.parameters(), lr=0.05)
print(f"모델: {model}, 매개변수 {model.num_parameters()}개")

for step in range(1, 301):
    # 순전파 → 손실 → 역전파 → 업데이트 (모든 점을 한 배치로 씁니다)
    preds = [model([x]) for x in xs]
    loss = losses.mse(preds, ys)
    opt.zero_grad()
    loss.backward()
    opt.step()
    if step in (1, 50, 100, 200, 300):
        print(f"단계 {step:3d}: 평균 제곱 오차 {loss.data:.5f}")

print()
print("   x     정답 x²   예측")
for x in [-1.0, -0.5, 0.0, 0.5, 1.0]:
    print(f"{x:5.2f}   {x * x:7.4f}   {model([x]).data:7.4f}")
print("MSE는 큰 오차를 제곱해서 무겁게 벌하므로, 예측이 곡선 전체에 고르게 가까워집니다.")
