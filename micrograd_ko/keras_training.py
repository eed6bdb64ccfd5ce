"""Keras 스타일 학습: `fit`과 학습 기록 `History`.

배치 하나의 학습은 언제나 같은 네 단계입니다:
    1) 순전파: 배치의 샘플마다 출력을 계산합니다.
    2) 손실: 배치 평균 손실을 Value 하나로 만듭니다.
    3) 역전파: 기울기를 0으로 지우고 손실에서 backward()를 한 번 부릅니다.
    4) 갱신: 옵티마이저가 매개변수를 한 번 고칩니다.
검증 데이터는 에폭이 끝날 때마다 no_grad() 안에서 평가합니다.
"""

from __future__ import annotations

import math
import random

from micrograd_ko import keras_layers
from micrograd_ko.keras_data import check_count, check_split, check_verbose, split_validation
from micrograd_ko.keras_evaluation import EvaluationMixin
from micrograd_ko.keras_report import ProgressBar, epoch_line

__all__ = ["History", "TrainingMixin"]


class History:
    """`fit`이 돌려주는 학습 기록입니다.

    Attributes:
        history: 지표 이름 -> 에폭마다 값(float)의 목록. 예: {"loss": [...], "val_accuracy": [...]}
        epoch: 기록한 에폭 번호(0부터)의 목록.
        params: {"epochs": 에폭 수, "steps": 에폭마다 배치 수, "verbose": 출력 수준}.
        model: 학습한 모델.
    """

    def __init__(self, params: dict) -> None:
        self.history: dict[str, list[float]] = {}
        self.epoch: list[int] = []
        self.params = params
        self.model = None

    def append(self, epoch: int, logs: dict) -> None:
        """에폭 하나의 지표를 기록합니다."""
        self.epoch.append(epoch)
        for key, value in logs.items():
            self.history.setdefault(key, []).append(value)

    def __repr__(self) -> str:
        return f"History(에폭: {len(self.epoch)}, 키: {list(self.history)})"


def _unpack_validation(validation_data) -> tuple:
    if not isinstance(validation_data, (tuple, list)) or len(validation_data) != 2:
        raise TypeError(
            f"validation_data의 값은 (X_val, y_val) 튜플이어야 합니다. 받은 값의 자료형: {type(validation_data).__name__}. "
            "예: validation_data=(X_val, y_val)"
        )
    return validation_data[0], validation_data[1]


class TrainingMixin(EvaluationMixin):
    """`Sequential`에 fit을 더합니다 (compile, evaluate, predict는 `EvaluationMixin`에 있습니다)."""

    def _bound_optimizer(self):
        """Keras 스타일 옵티마이저를 모델의 매개변수에 묶습니다. 첫 fit에서 한 번만 묶습니다."""
        if self._updater is None:
            opt = self.optimizer
            self._updater = opt.bind(self.parameters()) if hasattr(opt, "bind") else opt
        return self._updater

    def _train_epoch(self, rows: list, targets: list, order: list, batch_size: int, bar) -> dict[str, float]:
        """에폭 하나를 학습합니다. 손실과 지표는 샘플 수로 가중한 배치 평균입니다 (Keras와 같습니다)."""
        updater, metric_fns = self._bound_optimizer(), self._metric_functions()
        sums = dict.fromkeys(self.metrics_names, 0.0)
        seen, steps = 0, math.ceil(len(order) / batch_size)
        for step, start in enumerate(range(0, len(order), batch_size), 1):
            batch = order[start:start + batch_size]
            y_batch = [targets[i] for i in batch]

            # 순전파와 손실
            preds = [self(rows[i]) for i in batch]
            loss = self._compute_loss(y_batch, preds)

            # 역전파와 갱신
            updater.zero_grad()
            loss.backward()
            updater.step()

            # 기록: 지표는 갱신 전의 출력으로 계산합니다 (Keras와 같습니다).
            seen += len(batch)
            sums["loss"] += loss.data * len(batch)
            for name, fn in metric_fns:
                sums[name] += sum(fn([p.data for p in pred], t) for pred, t in zip(preds, y_batch))
            if bar is not None and step < steps:
                bar.update(step, {key: total / seen for key, total in sums.items()})
        return {key: total / seen for key, total in sums.items()}

    def fit(self, x=None, y=None, batch_size: int | None = None, epochs: int = 1, verbose=1,
            validation_split: float = 0.0, validation_data=None, shuffle: bool = True, seed: int | None = None) -> History:
        """모델을 학습합니다: 에폭마다 데이터를 섞고 배치마다 순전파, 역전파, 갱신을 합니다.

        Args:
            x, y: 학습 데이터와 정답 (목록, 튜플 또는 numpy 배열).
            batch_size: 한 번에 처리할 샘플 수 (기본값 32).
            epochs: 전체 데이터를 반복할 횟수.
            verbose: 0이면 출력 없음, 1이면 진행 막대, 2이면 에폭마다 한 줄.
            validation_split: 섞기 전의 데이터에서 마지막 이 비율을 검증에 씁니다.
            validation_data: (X_val, y_val). 있으면 validation_split은 쓰지 않습니다.
            shuffle: 에폭마다 학습 데이터를 섞을지 정합니다.
            seed: 섞는 순서의 시드. None이면 `utils.set_random_seed`의 난수를 씁니다.

        Returns:
            History: `history.history["loss"]` 등 에폭마다의 기록.

        Raises:
            RuntimeError: compile()을 부르지 않았을 때.
            TypeError, ValueError: 데이터나 인자가 잘못되었을 때 (메시지가 값을 알려 줍니다).

        Example:
            >>> history = model.fit(X_train, y_train, epochs=10, batch_size=32, validation_split=0.2, verbose=0)
        """
        self._require_compiled("fit")
        epochs, verbose = check_count(epochs, "epochs"), check_verbose(verbose)
        batch_size = 32 if batch_size is None else check_count(batch_size, "batch_size")
        split = check_split(validation_split)
        if not isinstance(shuffle, bool):
            raise TypeError(f"shuffle의 값은 True나 False여야 합니다. 받은 값: {shuffle!r}.")
        rng = keras_layers.rng if seed is None else random.Random(check_count(seed, "seed", 0))

        # 데이터 준비: 검증 데이터는 섞기 전에 떼어 둡니다.
        rows, targets = self._prepare(x, y)
        val = None
        if validation_data is not None:
            val = self._prepare(*_unpack_validation(validation_data), "검증 데이터의 X", "검증 데이터의 y")
        elif split > 0.0:
            rows, targets, *val = split_validation(rows, targets, split)

        steps = math.ceil(len(rows) / batch_size)
        history = History({"epochs": epochs, "steps": steps, "verbose": verbose})
        for epoch in range(epochs):
            order = list(range(len(rows)))
            if shuffle:
                rng.shuffle(order)
            if verbose == 1:
                print(f"에폭 {epoch + 1}/{epochs}")
            bar = ProgressBar(steps) if verbose == 1 else None
            logs = self._train_epoch(rows, targets, order, batch_size, bar)
            if val is not None:
                logs.update({f"val_{key}": value for key, value in self._score(*val).items()})
            if bar is not None:
                bar.update(steps, logs)
            elif verbose == 2:
                print(epoch_line(epoch + 1, epochs, logs))
            history.append(epoch, logs)
        history.model, self.history = self, history
        return history
