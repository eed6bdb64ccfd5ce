"""Keras 스타일 API: 강의의 TensorFlow Keras 예제를 가져오기 한 줄만 바꿔 그대로 실행합니다.

`import tensorflow as tf` 대신 다음 한 줄을 쓰면 나머지 코드(`tf.keras.Sequential`,
`tf.keras.layers.Dense`, `compile`, `fit`, `evaluate`)는 그대로 돌아갑니다::

    from micrograd_ko.keras import tf

`from tensorflow import keras`를 쓰던 코드라면 `from micrograd_ko import keras`로 바꿉니다.
안에서는 모든 계산이 `Value`의 계산 그래프로 일어나므로, 학습 중 어느 가중치든 `.grad`를
열어 볼 수 있습니다.

구성: `Sequential`, `History`, `Input`, `layers`(Dense), `optimizers`(Adam, SGD),
`losses`(BinaryCrossentropy 등), `metrics`, `utils.set_random_seed`, 그리고 `tf` 이름공간.

Example:
    >>> from micrograd_ko.keras import tf
    >>> model = tf.keras.Sequential([tf.keras.layers.Dense(1, activation="sigmoid", input_shape=(2,))])
    >>> model
    Sequential(2 → 1)
"""

from __future__ import annotations

import sys
from types import SimpleNamespace

from micrograd_ko import keras_layers as layers
from micrograd_ko import keras_losses as losses
from micrograd_ko import keras_optimizers as optimizers
from micrograd_ko.engine import Value
from micrograd_ko.keras_layers import Dense, Input, set_random_seed
from micrograd_ko.keras_report import summary_table
from micrograd_ko.keras_training import History, TrainingMixin
from micrograd_ko.nn import Module

__all__ = ["Sequential", "History", "Input", "layers", "optimizers", "losses", "metrics", "utils", "models", "tf"]


class Sequential(TrainingMixin, Module):
    """층을 차례로 쌓은 모델입니다 (Keras의 `Sequential`).

    `fit`은 `keras_training`에, `compile`, `evaluate`, `predict`는 `keras_evaluation`에 있습니다.

    Args:
        layers: `Dense` 층의 목록. 맨 앞에 `Input(shape=(n,))`을 둘 수 있습니다.
        name: 모델 이름 (summary에 보입니다).

    Raises:
        TypeError: 층이 아닌 것을 넣었을 때.
        ValueError: 층 이름이 겹치거나 층 사이의 크기가 맞지 않을 때.

    Example:
        >>> model = Sequential([layers.Dense(32, activation="relu", input_shape=(10,)), layers.Dense(1)])
        >>> model
        Sequential(10 → 32 → 1)
        >>> model.count_params()
        385
    """

    def __init__(self, layers: list | None = None, name: str | None = None) -> None:
        if layers is not None and not isinstance(layers, (list, tuple)):
            raise TypeError(f"layers의 값은 층의 목록이어야 합니다. 받은 값: {layers!r}. 예: Sequential([Dense(1)])")
        self.layers: list[Dense] = []
        self.name = "sequential" if name is None else str(name)
        self.input_dim: int | None = None
        self._reset_training()
        for layer in layers or []:
            self.add(layer)

    def add(self, layer) -> None:
        """층을 맨 뒤에 더합니다. 입력 크기를 알면 바로 가중치를 만듭니다.

        Raises:
            TypeError: `Dense`나 `Input`이 아닐 때.
            ValueError: 이름이 겹치거나 `Input`이 맨 앞이 아닐 때.
        """
        if isinstance(layer, Input):
            if self.layers:
                raise ValueError(f"Input은 맨 앞에만 둘 수 있습니다. 받은 값: {layer!r}. 첫 층보다 앞에 두세요.")
            self.input_dim = layer.shape[0]
            return
        if not isinstance(layer, Dense):
            raise TypeError(
                f"Sequential에는 Dense 층만 넣을 수 있습니다. 받은 값: {layer!r} (자료형 {type(layer).__name__}). "
                "예: layers.Dense(16, activation='relu')"
            )
        self._name_layer(layer)
        if not self.layers and self.input_dim is None:
            self.input_dim = layer.input_dim
        self.layers.append(layer)
        self._updater = None  # 새 층의 매개변수도 옵티마이저에 묶도록 다음 fit에서 다시 묶습니다.
        if self.input_dim is not None:
            self.build(self.input_dim)

    def _name_layer(self, layer: Dense) -> None:
        names = {other.name for other in self.layers}
        if layer.name is None:
            base, i = "dense", 0
            layer.name = base
            while layer.name in names:
                i += 1
                layer.name = f"{base}_{i}"
        elif layer.name in names:
            raise ValueError(f"층 이름이 겹칩니다. 받은 값: {layer.name!r}. 층마다 다른 name을 쓰세요.")

    def build(self, input_dim: int) -> None:
        """입력 특성 수를 받아 아직 만들지 않은 층의 가중치를 만듭니다."""
        self.input_dim = nin = input_dim
        for layer in self.layers:
            if not layer.built:
                layer.build(nin)
            elif layer.input_dim != nin:
                raise ValueError(
                    f"층 {layer.name!r}의 입력 크기가 앞 층의 출력 크기와 다릅니다. 층의 입력: {layer.input_dim}개, "
                    f"앞 층의 출력: {nin}개. 그 층의 input_shape를 지우거나 맞추세요."
                )
            nin = layer.units

    @property
    def built(self) -> bool:
        """모든 층의 가중치를 만들었는지 나타냅니다."""
        return bool(self.layers) and all(layer.built for layer in self.layers)

    def __call__(self, x: list) -> list[Value]:
        """샘플 하나의 순전파: 특성 목록을 받아 출력층의 Value 목록을 돌려줍니다 (그래프를 기록합니다).

        입력 크기를 아직 모르면 Keras처럼 이 샘플의 특성 수로 가중치를 만듭니다.
        """
        xs = [v if isinstance(v, Value) else Value(v) for v in x]
        if self.input_dim is None and self.layers:
            self.build(len(xs))
        for layer in self.layers:
            xs = layer(xs)
        return xs

    def named_parameters(self) -> list[tuple[str, Value]]:
        """매개변수를 ("dense.neurons.0.w.3", Value) 꼴의 쌍으로 층 순서대로 돌려줍니다."""
        return [(f"{layer.name}.{name}", p) for layer in self.layers for name, p in layer.named_parameters()]

    def save(self, path) -> None:
        """매개변수를 JSON 파일로 저장합니다 (`micrograd_ko.serialize.save`). `save_weights`도 같습니다.

        Raises:
            ValueError: 아직 가중치를 만들지 않았을 때.
        """
        self._require_built("save")
        super().save(path)

    def load(self, path) -> None:
        """JSON 파일에서 매개변수를 불러옵니다. 층 구성이 같은 모델이어야 합니다. `load_weights`도 같습니다.

        Raises:
            ValueError: 아직 가중치를 만들지 않았거나 파일의 구조가 다를 때.
        """
        self._require_built("load")
        super().load(path)

    save_weights = save
    load_weights = load

    def _require_built(self, method: str) -> None:
        if not self.built:
            raise ValueError(
                f"모델의 가중치를 아직 만들지 않았습니다. 호출한 메서드: {method}(). "
                "첫 층에 input_shape=(특성 수,)를 쓰거나 fit()이나 predict()를 먼저 부르세요."
            )

    def count_params(self) -> int:
        """매개변수의 개수를 돌려줍니다 (편향이 없는 층은 가중치만 셉니다)."""
        return sum(layer.count_params() for layer in self.layers)

    def summary_text(self) -> str:
        """`summary()`가 출력하는 표를 글자로 돌려줍니다.

        Raises:
            ValueError: 아직 입력 크기를 몰라서 가중치를 만들지 않았을 때.
        """
        self._require_built("summary")
        rows = [(f"{layer.name} (Dense)", f"(None, {layer.units})", f"{layer.count_params():,}") for layer in self.layers]
        total = self.count_params()
        return summary_table(self.name, rows, total, total)

    def summary(self, print_fn=None) -> None:
        """층마다 출력 모양과 매개변수 수를 표로 출력합니다 (Keras의 model.summary()).

        Args:
            print_fn: 줄마다 부를 함수. None이면 print입니다. 글자가 필요하면 `summary_text()`를 쓰세요.

        Example:
            >>> model.summary()  # doctest: +SKIP
            모델: "sequential"
        """
        write = print if print_fn is None else print_fn
        for line in self.summary_text().split("\n"):
            write(line)

    def __repr__(self) -> str:
        sizes = ["?" if self.input_dim is None else str(self.input_dim)] + [str(layer.units) for layer in self.layers]
        return f"Sequential({' → '.join(sizes)})"


# ---------------------------------------------------------------- 이름공간

metrics = SimpleNamespace(
    binary_accuracy=losses.binary_accuracy, categorical_accuracy=losses.categorical_accuracy,
    sparse_categorical_accuracy=losses.sparse_categorical_accuracy,
    mean_squared_error=losses.mean_squared_error, mean_absolute_error=losses.mean_absolute_error,
)
utils = SimpleNamespace(set_random_seed=set_random_seed)
models = SimpleNamespace(Sequential=Sequential)

# `from micrograd_ko.keras import tf`로 `import tensorflow as tf`를 대신합니다.
# tf.keras는 이 모듈 자체이고, tf.random.set_seed는 utils.set_random_seed와 같습니다.
tf = SimpleNamespace(keras=sys.modules[__name__], random=SimpleNamespace(set_seed=set_random_seed))
