"""붓꽃 세 품종을 소프트맥스와 범주형 크로스엔트로피로 분류합니다.

출력층에 뉴런 3개를 두고 소프트맥스로 세 확률을 만든 뒤, 원-핫 정답과 범주형
크로스엔트로피 L = −Σₖ yₖ × log pₖ로 학습합니다. 옵티마이저는 Adam, 배치 크기는 16입니다.

실행: python demos/iris_softmax.py
"""

from micrograd_ko import losses, optim
from micrograd_ko.data import StandardScaler, batches, load_iris, train_test_split
from micrograd_ko.nn import MLP

iris = load_iris()
X_train, X_test, y_train, y_test = train_test_split(iris.data, iris.target, test_size=0.2, random_state=0)
scaler = StandardScaler().fit(X_train)  # 기준은 훈련 데이터에서만 구합니다.
X_train, X_test = scaler.transform(X_train), scaler.transform(X_test)


def one_hot(label: int) -> list[float]:
    """클래스 번호를 원-핫 벡터로 바꿉니다. 예: 2 → [0, 0, 1]"""
    return [1.0 if k == label else 0.0 for k in range(3)]


# 모델: 특성 4 → relu 은닉층 8 → 로짓 3. 소프트맥스는 손실을 계산할 때 적용합니다.
model = MLP(4, [8, 3], activation="relu", seed=0)
opt = optim.Adam(model.parameters(), lr=0.02)
print(f"데이터: 붓꽃 {len(iris.data)}개, 특성 {len(iris.feature_names)}개, 품종: {', '.join(iris.target_names_ko)}")
print(f"모델: {model}, 훈련 {len(X_train)}개, 테스트 {len(X_test)}개")


def accuracy(X, y) -> float:
    correct = 0
    for x, t in zip(X, y):
        scores = [v.data for v in model(x)]
        correct += scores.index(max(scores)) == t
    return correct / len(X)


for epoch in range(1, 21):
    for X_batch, y_batch in batches(X_train, y_train, batch_size=16, shuffle=True, rng=epoch):
        probs = [losses.softmax(model(x)) for x in X_batch]
        loss = losses.categorical_crossentropy(probs, [one_hot(t) for t in y_batch])
        opt.zero_grad()
        loss.backward()
        opt.step()
    if epoch % 5 == 0:
        print(f"에폭 {epoch:2d}: 마지막 배치 손실 {loss.data:.4f}, 훈련 정확도 {accuracy(X_train, y_train):.4f}")

print(f"\n테스트 정확도: {accuracy(X_test, y_test):.4f}")
probs = [p.data for p in losses.softmax(model(X_test[0]))]
names = ", ".join(f"{name} {p:.4f}" for name, p in zip(iris.target_names_ko, probs))
print(f"첫 테스트 샘플의 확률: {names} (정답: {iris.target_names_ko[y_test[0]]})")
