"""Keras 스타일 모델의 설정과 평가: `compile`, `evaluate`, `predict`.

평가(evaluate, 검증)와 예측(predict)은 no_grad() 안에서 그래프 없이 계산하므로 가중치와
기울기를 바꾸지 않습니다. 학습(`fit`)은 `keras_training`에 있습니다.
"""

from __future__ import annotations

import math

from micrograd_ko import keras_losses, keras_optimizers
from micrograd_ko.engine import Value, no_grad
from micrograd_ko.keras_data import check_count, check_verbose, to_rows, to_targets
from micrograd_ko.keras_report import ProgressBar, format_logs

__all__ = ["EvaluationMixin", "COMPILE_EXAMPLE"]

COMPILE_EXAMPLE = "예: model.compile(optimizer='adam', loss='binary_crossentropy', metrics=['accuracy'])"


def _check_metrics(metrics, sparse: bool) -> list[str]:
    if metrics is None:
        return []
    if isinstance(metrics, str) or not isinstance(metrics, (list, tuple)):
        raise TypeError(f"metrics의 값은 지표 이름의 목록이어야 합니다. 받은 값: {metrics!r}. 예: metrics=['accuracy']")
    return [keras_losses.check_metric(name, sparse) for name in metrics]


class EvaluationMixin:
    """`Sequential`에 compile, evaluate, predict를 더합니다.

    모델은 `layers`, `input_dim`, `build()`, `__call__`을 가져야 합니다.
    """

    def _reset_training(self) -> None:
        self.optimizer = None
        self.loss = None
        self.metrics_names: list[str] = []
        self.history = None  # fit이 돌려준 마지막 History
        self._loss_fn = None
        self._updater = None

    def compile(self, optimizer="adam", loss=None, metrics=None) -> None:
        """학습 방법을 정합니다: 옵티마이저, 손실 함수, 평가 지표.

        Args:
            optimizer: "adam", "sgd" 또는 `optimizers.Adam(learning_rate=...)` 같은 객체.
            loss: "binary_crossentropy", "categorical_crossentropy", "sparse_categorical_crossentropy",
                "mse", "hinge", 손실 객체, 또는 배치 평균 Value를 돌려주는 함수.
            metrics: 지표 이름의 목록. 예: ["accuracy"].

        Raises:
            ValueError: loss가 없거나, 옵티마이저, 손실, 지표의 이름을 모를 때.
            TypeError: 인자의 자료형이 틀렸을 때.

        Example:
            >>> model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])
        """
        if loss is None:
            raise ValueError(f"compile()에 loss를 넣으세요. 받은 값: {loss!r}. {COMPILE_EXAMPLE}")
        self.optimizer = keras_optimizers.get(optimizer)
        self._loss_fn = keras_losses.get(loss)
        self.loss = loss
        self.metrics_names = ["loss", *_check_metrics(metrics, self._loss_fn.sparse)]
        self._updater = None

    def _require_compiled(self, method: str) -> None:
        if self._loss_fn is None:
            raise RuntimeError(f"compile()로 손실 함수와 옵티마이저를 먼저 정하세요. 호출한 메서드: {method}(). {COMPILE_EXAMPLE}")

    # ---------------------------------------------------------------- 데이터 준비

    def _rows_for_model(self, x, data_name: str) -> list[list[float]]:
        """X를 float 행으로 바꾸고, 입력 크기를 모르면 여기서 모델을 만듭니다 (Keras처럼)."""
        if not self.layers:
            raise ValueError("모델에 층이 없습니다. model.add(layers.Dense(...))로 층을 하나 이상 넣으세요.")
        rows = to_rows(x, data_name)
        n_features = len(rows[0])
        if self.input_dim is None:
            self.build(n_features)
        if n_features != self.input_dim:
            raise ValueError(
                f"{data_name}의 특성 수가 모델의 입력 크기와 다릅니다. {data_name}: {n_features}개, "
                f"모델: {self.input_dim}개 (input_shape=({self.input_dim},)). 데이터나 input_shape를 맞추세요."
            )
        return rows

    def _prepare(self, x, y, x_name: str = "X", y_name: str = "y") -> tuple[list, list]:
        rows = self._rows_for_model(x, x_name)
        if y is None:
            raise TypeError(f"정답 {y_name}가 없습니다. 받은 값: {y!r}. 예: model.fit(X_train, y_train)")
        targets = to_targets(y, self.layers[-1].units, self._loss_fn.sparse, y_name)
        if self._loss_fn.name == "binary_crossentropy":
            _check_binary_targets(targets, y_name)
        if len(rows) != len(targets):
            raise ValueError(
                f"{x_name}와 {y_name}의 샘플 수가 다릅니다. {x_name}: {len(rows)}개, {y_name}: {len(targets)}개. "
                "두 목록의 길이를 맞추세요."
            )
        return rows, targets

    # ---------------------------------------------------------------- 손실과 지표

    def _compute_loss(self, y_true: list, y_pred: list) -> Value:
        loss = self._loss_fn(y_true, y_pred)
        if not isinstance(loss, Value):
            raise TypeError(
                f"손실 함수는 배치 평균을 Value 하나로 돌려줘야 합니다. 받은 값: {loss!r} (자료형 {type(loss).__name__})."
            )
        return loss

    def _metric_functions(self) -> list:
        units, sparse = self.layers[-1].units, self._loss_fn.sparse
        return [(name, keras_losses.resolve_metric(name, units, sparse)) for name in self.metrics_names[1:]]

    def _score(self, rows: list, targets: list) -> dict[str, float]:
        """그래프 없이 전체 데이터의 손실과 지표를 계산합니다 (평가와 검증)."""
        with no_grad():
            preds = [self(row) for row in rows]
            logs = {"loss": self._compute_loss(targets, preds).data}
        outputs = [[p.data for p in pred] for pred in preds]
        for name, fn in self._metric_functions():
            logs[name] = sum(fn(out, t) for out, t in zip(outputs, targets)) / len(rows)
        return logs

    def evaluate(self, x=None, y=None, batch_size: int | None = None, verbose=1, return_dict: bool = False):
        """테스트 데이터의 손실과 지표를 계산합니다 (그래프 없이, 가중치는 바뀌지 않습니다).

        Keras처럼 verbose=1(기본값)이면 결과를 진행 막대 한 줄로 출력합니다.

        Args:
            x, y: 테스트 데이터와 정답.
            batch_size: 출력에 보일 배치 수를 정합니다 (기본값 32). 값은 배치와 상관없이 같습니다.
            verbose: 0이면 출력 없음, 1이면 진행 막대, 2이면 한 줄.
            return_dict: True이면 {"loss": ..., "accuracy": ...} 사전을 돌려줍니다.

        Returns:
            지표가 없으면 손실 float 하나, 있으면 [손실, 지표...] 목록.

        Raises:
            RuntimeError: compile()을 부르지 않았을 때.
            TypeError, ValueError: 데이터가 잘못되었을 때.

        Example:
            >>> loss, accuracy = model.evaluate(X_test, y_test)
        """
        self._require_compiled("evaluate")
        verbose = check_verbose(verbose)
        batch_size = 32 if batch_size is None else check_count(batch_size, "batch_size")
        rows, targets = self._prepare(x, y)
        logs = self._score(rows, targets)

        steps = math.ceil(len(rows) / batch_size)
        if verbose == 1:
            ProgressBar(steps).update(steps, logs)
        elif verbose == 2:
            print(f"{steps}/{steps} - {format_logs(logs)}")
        if return_dict:
            return logs
        values = list(logs.values())
        return values[0] if len(values) == 1 else values

    def predict(self, x, batch_size: int | None = None, verbose=0) -> list:
        """입력마다 모델의 출력을 계산합니다. compile() 없이도 됩니다.

        Keras의 predict는 기본으로 진행 막대를 출력하지만, 여기서는 verbose=0이 기본입니다.

        Args:
            x: 입력 데이터.
            batch_size: 진행 막대의 배치 수를 정합니다 (기본값 32).
            verbose: 0이면 출력 없음, 1이면 진행 막대.

        Returns:
            list: 출력 뉴런이 하나면 float 목록, 여럿이면 float 목록의 목록.

        Example:
            >>> model.predict([[0.0, 1.0]])  # doctest: +SKIP
            [0.73]
        """
        verbose = check_verbose(verbose)
        batch_size = 32 if batch_size is None else check_count(batch_size, "batch_size")
        rows = self._rows_for_model(x, "X")
        with no_grad():
            outputs = [[p.data for p in self(row)] for row in rows]
        if verbose:
            steps = math.ceil(len(rows) / batch_size)
            ProgressBar(steps).update(steps, {})
        return [out[0] for out in outputs] if self.layers[-1].units == 1 else outputs


def _check_binary_targets(targets: list, y_name: str) -> None:
    """이진 크로스엔트로피의 정답이 모두 0이나 1인지 학습 전에 확인합니다 (번호는 원래 y의 번호)."""
    for i, row in enumerate(targets):
        for value in row:
            if value not in (0.0, 1.0):
                raise ValueError(
                    f"{y_name}의 {i}번 정답이 0이나 1이 아닙니다. 받은 값: {value!r}. "
                    "binary_crossentropy의 정답은 0 또는 1이어야 합니다. 클래스가 셋 이상이면 "
                    "loss='sparse_categorical_crossentropy'와 클래스 수만큼의 출력 뉴런을 쓰세요."
                )
