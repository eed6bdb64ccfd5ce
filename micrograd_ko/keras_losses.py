"""Keras 스타일 손실 함수와 평가 지표. `keras.losses`와 `keras.metrics`로 씁니다.

손실 객체는 Keras처럼 `loss(y_true, y_pred)` 순서로 부릅니다. 계산은 모두
`micrograd_ko.losses`가 하고, 배치 평균 손실을 Value 하나로 돌려줍니다.
평가 지표는 기울기가 필요 없으므로 float만으로 계산합니다.
"""

from __future__ import annotations

__all__ = [
    "BinaryCrossentropy", "CategoricalCrossentropy", "SparseCategoricalCrossentropy", "MeanSquaredError",
    "Hinge", "get", "resolve_metric", "metric_label",
]


class Loss:
    """Keras 스타일 손실 객체의 기반 클래스입니다. `name`이 `micrograd_ko.losses`의 함수 이름입니다."""

    name = ""
    sparse = False  # True이면 정답이 정수 클래스입니다.
    has_logits = True

    def __init__(self, from_logits: bool = False) -> None:
        if not isinstance(from_logits, bool):
            raise TypeError(f"from_logits의 값은 True나 False여야 합니다. 받은 값: {from_logits!r}.")
        self.from_logits = from_logits

    def __call__(self, y_true: list, y_pred: list):
        """배치의 평균 손실을 Value 하나로 계산합니다.

        Args:
            y_true: 샘플마다 정답 (float 목록, 또는 sparse이면 정수 클래스).
            y_pred: 샘플마다 출력 Value의 목록.

        Returns:
            Value: 배치 평균 손실.
        """
        from micrograd_ko import losses

        fn = getattr(losses, self.name)
        if self.has_logits:
            return fn(y_pred, y_true, from_logits=self.from_logits)
        return fn(y_pred, y_true)

    def __repr__(self) -> str:
        extra = "from_logits=True" if self.has_logits and self.from_logits else ""
        return f"{type(self).__name__}({extra})"


class BinaryCrossentropy(Loss):
    """이진 크로스엔트로피: −[y log p + (1 − y) log(1 − p)]의 평균. 출력층은 sigmoid 하나입니다."""

    name = "binary_crossentropy"


class CategoricalCrossentropy(Loss):
    """범주형 크로스엔트로피: −Σ yₖ log pₖ의 평균. 정답은 원-핫 벡터, 출력층은 softmax입니다."""

    name = "categorical_crossentropy"


class SparseCategoricalCrossentropy(Loss):
    """정답이 정수 클래스인 범주형 크로스엔트로피: −log p[정답]의 평균."""

    name = "sparse_categorical_crossentropy"
    sparse = True


class MeanSquaredError(Loss):
    """평균 제곱 오차: (예측 − 정답)²의 평균. 회귀에 씁니다."""

    name = "mse"
    has_logits = False

    def __init__(self) -> None:
        super().__init__(False)


class Hinge(Loss):
    """힌지 손실: max(0, 1 − y × 예측)의 평균. 정답은 −1 또는 1입니다 (0/1이면 −1/1로 바꿉니다)."""

    name = "hinge"
    has_logits = False

    def __init__(self) -> None:
        super().__init__(False)


_BY_NAME = {
    "binary_crossentropy": BinaryCrossentropy, "categorical_crossentropy": CategoricalCrossentropy,
    "sparse_categorical_crossentropy": SparseCategoricalCrossentropy, "mse": MeanSquaredError,
    "mean_squared_error": MeanSquaredError, "hinge": Hinge,
}


class _LossFunction(Loss):
    """`micrograd_ko.losses`의 함수(예측, 정답 순서)나 Keras 순서(정답, 예측)의 함수를 감쌉니다."""

    def __init__(self, fn, prediction_first: bool) -> None:
        super().__init__(False)
        self.fn, self.prediction_first = fn, prediction_first
        self.name = getattr(fn, "__name__", "loss")
        self.sparse = self.name == "sparse_categorical_crossentropy" and prediction_first

    def __call__(self, y_true: list, y_pred: list):
        if self.prediction_first:
            return self.fn(y_pred, y_true)
        return self.fn(y_true, y_pred)

    def __repr__(self) -> str:
        return self.name


def get(identifier) -> Loss:
    """이름, 손실 객체 또는 함수를 손실 객체로 바꿉니다.

    `micrograd_ko.losses`의 함수는 (예측, 정답) 순서로, 그 밖의 함수는 Keras처럼
    (정답, 예측) 순서로 부릅니다. 어느 쪽이든 배치 평균을 Value 하나로 돌려줘야 합니다.

    Raises:
        ValueError: 모르는 이름일 때.
        TypeError: 이름도 손실 객체도 함수도 아닐 때.

    Example:
        >>> get("binary_crossentropy")
        BinaryCrossentropy()
    """
    if isinstance(identifier, str):
        cls = _BY_NAME.get(identifier.lower())
        if cls is None:
            names = ", ".join(repr(n) for n in _BY_NAME)
            raise ValueError(f"알 수 없는 손실 함수 이름입니다. 받은 값: {identifier!r}. 다음 중 하나를 쓰세요: {names}")
        return cls()
    if isinstance(identifier, Loss):
        return identifier
    if callable(identifier):
        ours = getattr(identifier, "__module__", "") == "micrograd_ko.losses"
        return _LossFunction(identifier, prediction_first=ours)
    raise TypeError(
        f"loss에는 이름, 손실 객체 또는 함수를 넣으세요. 받은 값: {identifier!r} "
        f"(자료형 {type(identifier).__name__}). 예: loss='binary_crossentropy'"
    )


# ---------------------------------------------------------------- 평가 지표
# 지표 함수는 (예측 float 목록, 정답) 한 쌍에 대한 점수를 돌려줍니다. fit이 샘플 수로 평균합니다.


def _argmax(values: list) -> int:
    # 값이 같으면 앞의 번호를 고릅니다 (numpy.argmax와 같습니다).
    return max(range(len(values)), key=values.__getitem__)


def binary_accuracy(pred: list, target: list) -> float:
    """Keras처럼 예측 > 0.5를 1로 보고, 정답과 같은 출력의 비율을 돌려줍니다."""
    # NOTE: from_logits=True로 학습해도 Keras처럼 문턱값은 0.5입니다. 로짓이면 0이 맞는 문턱값입니다.
    hits = sum(1.0 for p, t in zip(pred, target) if float(p > 0.5) == t)
    return hits / len(pred)


def categorical_accuracy(pred: list, target: list) -> float:
    """가장 큰 출력의 번호가 원-핫 정답의 번호와 같으면 1, 아니면 0입니다."""
    return float(_argmax(pred) == _argmax(target))


def sparse_categorical_accuracy(pred: list, target: int) -> float:
    """가장 큰 출력의 번호가 정수 클래스 정답과 같으면 1, 아니면 0입니다."""
    return float(_argmax(pred) == target)


def mean_squared_error(pred: list, target: list) -> float:
    """(예측 − 정답)²을 출력마다 평균합니다."""
    return sum((p - t) ** 2 for p, t in zip(pred, target)) / len(pred)


def mean_absolute_error(pred: list, target: list) -> float:
    """|예측 − 정답|을 출력마다 평균합니다."""
    return sum(abs(p - t) for p, t in zip(pred, target)) / len(pred)


_METRICS = {
    "binary_accuracy": (binary_accuracy, "이진 정확도"),
    "categorical_accuracy": (categorical_accuracy, "범주형 정확도"),
    "sparse_categorical_accuracy": (sparse_categorical_accuracy, "희소 범주형 정확도"),
    "mse": (mean_squared_error, "평균 제곱 오차"), "mean_squared_error": (mean_squared_error, "평균 제곱 오차"),
    "mae": (mean_absolute_error, "평균 절대 오차"), "mean_absolute_error": (mean_absolute_error, "평균 절대 오차"),
}
METRIC_NAMES = ("accuracy", "acc", *_METRICS)


def check_metric(name, sparse: bool) -> str:
    """compile이 받은 지표 이름을 확인합니다. 정수 클래스 정답에는 정확도 지표만 씁니다."""
    if not isinstance(name, str) or name not in METRIC_NAMES:
        names = ", ".join(repr(n) for n in METRIC_NAMES)
        raise ValueError(f"알 수 없는 평가 지표입니다. 받은 값: {name!r}. 다음 중 하나를 쓰세요: {names}")
    if sparse and name not in ("accuracy", "acc", "sparse_categorical_accuracy"):
        raise ValueError(
            f"정답이 정수 클래스(sparse)일 때 쓸 수 없는 지표입니다. 받은 값: {name!r}. "
            "metrics=['accuracy']를 쓰세요."
        )
    return name


def resolve_metric(name: str, units: int, sparse: bool):
    """지표 이름을 함수로 바꿉니다. "accuracy"는 Keras처럼 출력 모양에 따라 고릅니다.

    출력 뉴런이 하나면 이진 정확도, 정답이 정수 클래스면 희소 범주형 정확도, 그 밖에는
    범주형 정확도입니다.
    """
    if name in ("accuracy", "acc"):
        if units == 1 and not sparse:
            return binary_accuracy
        return sparse_categorical_accuracy if sparse else categorical_accuracy
    return _METRICS[name][0]


def metric_label(key: str) -> str:
    """History 키("loss", "val_accuracy" 등)를 출력에 쓸 한국어 이름으로 바꿉니다."""
    prefix = "검증 " if key.startswith("val_") else ""
    name = key[4:] if prefix else key
    if name == "loss":
        return prefix + "손실"
    if name in ("accuracy", "acc"):
        return prefix + "정확도"
    return prefix + _METRICS.get(name, (None, name))[1]
