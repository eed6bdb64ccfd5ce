"""강의 6절의 TensorFlow Keras 예제를 micrograd_ko로 그대로 실행합니다.

바뀐 곳은 가져오기(import) 줄뿐입니다:
    import tensorflow as tf                               -> from micrograd_ko.keras import tf
    from sklearn.model_selection import train_test_split  -> from micrograd_ko.data import train_test_split
numpy가 없으면 같은 분포의 데이터를 micrograd_ko.data.make_random으로 만듭니다.

실행: python demos/keras_lesson.py
"""

from micrograd_ko.keras import tf
from micrograd_ko.data import make_random, train_test_split

try:
    import numpy as np
except ImportError:  # numpy는 선택 사항입니다.
    np = None

# 실행할 때마다 같은 결과가 나오도록 시드를 고정합니다 (numpy의 난수도 함께 고정됩니다).
tf.random.set_seed(42)

# 0. 데이터 준비: 특성 10개인 샘플 100개와 0/1 정답. 무작위라서 배울 규칙이 없는 데이터입니다.
if np is not None:
    X = np.random.rand(100, 10)
    y = np.random.randint(0, 2, 100)
else:
    X, y = make_random(100, 10, random_state=42)
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=42)

# 1. 모델 구조 정의: 10 → 32 → 16 → 1
model = tf.keras.Sequential([
    tf.keras.layers.Dense(32, activation='relu', input_shape=(10,)),
    tf.keras.layers.Dense(16, activation='relu'),
    tf.keras.layers.Dense(1, activation='sigmoid')  # 이진 분류이므로 출력층 활성화 함수는 sigmoid
])
model.summary()

# 2. 모델 컴파일: 옵티마이저와 손실 함수, 평가 지표 설정
model.compile(
    optimizer='adam',  # Adam 옵티마이저 사용
    loss='binary_crossentropy',  # 이진 분류 손실 함수
    metrics=['accuracy']  # 학습 과정을 모니터링할 지표
)

# 3. 모델 학습: fit() 함수가 순전파, 역전파, 가중치 업데이트를 자동으로 수행
history = model.fit(
    X_train,
    y_train,
    epochs=10,  # 전체 데이터를 10번 반복 학습
    batch_size=32,  # 한 번에 32개씩 데이터를 처리
    validation_split=0.2,  # 훈련 데이터 중 20%를 검증용으로 사용
    verbose=0  # 학습 과정 출력 생략
)

# 4. 모델 평가
loss, accuracy = model.evaluate(X_test, y_test)
print(f"테스트 데이터 정확도: {accuracy:.4f}")

# 여기부터는 micrograd_ko에서만 볼 수 있는 것: 학습 기록과 가중치 하나의 기울기.
print()
print("에폭마다의 손실 (학습 / 검증):")
for epoch, (train_loss, val_loss) in enumerate(zip(history.history["loss"], history.history["val_loss"]), 1):
    print(f"  에폭 {epoch:2d}: {train_loss:.4f} / {val_loss:.4f}")

name, weight = model.named_parameters()[0]
print(f"\n첫 층 첫 뉴런의 첫 가중치 ({name}): 값 {weight.data:.4f}, 마지막 배치의 기울기 {weight.grad:.4f}")
print("데이터가 무작위라서 테스트 정확도는 0.5 주변에서 우연히 오르내립니다.")
print("학습 손실은 내려가는데 검증 손실이 오르면, 모델이 학습 데이터의 잡음을 외우는 중입니다 (과적합).")
