"""데이터 준비: 훈련/테스트 분할, 표준화, 배치 나누기, 합성 데이터와 내장 데이터 세트입니다.

입력은 리스트나 튜플이고, numpy가 설치되어 있으면 numpy 배열도 받습니다. 결과는 언제나
파이썬 리스트입니다. numpy는 필수가 아니므로 이 모듈은 numpy를 import하지 않습니다.

NOTE: 난수는 `random.Random(random_state)`에서만 뽑습니다. scikit-learn은 numpy 난수를 쓰므로
같은 random_state라도 섞는 순서가 scikit-learn과 다릅니다. 나뉘는 크기는 같고, 같은
random_state로 다시 부르면 언제나 같은 결과가 나옵니다.
"""

from __future__ import annotations

import math
import numbers
from typing import Iterator

from micrograd_ko.datasets import Dataset, load_breast_cancer, load_iris
from micrograd_ko.datasets._checks import as_rows, check_count, check_random_state
from micrograd_ko.datasets.synthetic import make_blobs, make_moons, make_random, make_spiral

__all__ = [
    "train_test_split", "StandardScaler", "batches",
    "make_moons", "make_blobs", "make_spiral", "make_random",
    "Dataset", "load_breast_cancer", "load_iris",
]


# ---------------------------------------------------------------- 훈련/테스트 분할


def train_test_split(X, y, test_size=0.25, random_state=None, shuffle: bool = True) -> tuple[list, list, list, list]:
    """샘플을 훈련 데이터와 테스트 데이터로 나눕니다.

    테스트 크기는 scikit-learn과 같습니다. test_size가 실수이면 ceil(test_size × n)개,
    정수이면 그 개수이고, 나머지가 훈련 데이터입니다. shuffle이 참이면 순서를 섞은 뒤
    나누고, 거짓이면 앞쪽이 훈련 데이터, 뒤쪽이 테스트 데이터입니다.

    NOTE: 섞는 순서는 numpy 난수를 쓰는 scikit-learn과 다릅니다. 같은 random_state라도
    다른 샘플이 테스트 데이터로 가지만, 이 함수에서는 언제나 같은 결과가 다시 나옵니다.

    Args:
        X: 특성. 행(샘플)의 목록이나 숫자의 목록, 또는 numpy 배열입니다.
        y: 레이블. X와 길이가 같은 목록입니다. 정수 레이블은 int로 남습니다.
        test_size: (0, 1) 사이의 비율이나 1 이상 n − 1 이하의 개수입니다. None이면 0.25입니다.
        random_state: 난수 시드 (None, 정수 또는 `random.Random`). shuffle이 거짓이면 쓰지 않습니다.
        shuffle: 나누기 전에 섞을지 정합니다.

    Returns:
        (X_train, X_test, y_train, y_test): 모두 새 파이썬 리스트입니다.

    Raises:
        TypeError: 숫자가 아닌 값이 있거나 인자의 자료형이 틀렸을 때.
        ValueError: X와 y의 길이가 다르거나, 비어 있거나, 행 길이가 다르거나, nan이나 inf가
            있거나, test_size가 범위를 벗어날 때.

    Example:
        >>> X, y = make_random(100, 10, random_state=0)
        >>> X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=42)
        >>> len(X_train), len(X_test)
        (80, 20)
    """
    X_rows, y_rows = _check_pair(X, y)
    n_test = _test_count(test_size, len(X_rows))
    rng = check_random_state(random_state)

    n_train = len(X_rows) - n_test
    if shuffle:
        order = list(range(len(X_rows)))
        rng.shuffle(order)
        test_idx, train_idx = order[:n_test], order[n_test:]
    else:
        train_idx, test_idx = range(n_train), range(n_train, len(X_rows))
    return ([X_rows[i] for i in train_idx], [X_rows[i] for i in test_idx],
            [y_rows[i] for i in train_idx], [y_rows[i] for i in test_idx])


def _check_pair(X, y) -> tuple[list, list]:
    X_rows = as_rows(X, "X")
    y_rows = as_rows(y, "y", keep_int=True)
    if len(X_rows) != len(y_rows):
        raise ValueError(
            f"X와 y의 샘플 수가 다릅니다. X의 길이: {len(X_rows)}, y의 길이: {len(y_rows)}. "
            "샘플마다 특성 행 하나와 레이블 하나가 있도록 맞추세요."
        )
    return X_rows, y_rows


def _test_count(test_size, n: int) -> int:
    """test_size를 테스트 샘플 수로 바꿉니다 (scikit-learn과 같은 규칙)."""
    if test_size is None:
        test_size = 0.25
    if isinstance(test_size, bool) or not isinstance(test_size, numbers.Real):
        raise TypeError(f"test_size 인자는 실수(비율)나 정수(개수)여야 합니다. 받은 값: {test_size!r}. 예: test_size=0.2")
    if isinstance(test_size, numbers.Integral):
        if not 1 <= test_size <= n - 1:
            raise ValueError(
                f"정수 test_size는 1 이상 n − 1 이하의 개수여야 합니다. 받은 값: {test_size!r}, 샘플 수: {n}. "
                "비율을 쓰려면 0.2처럼 실수로 넣으세요."
            )
        return int(test_size)
    if not 0.0 < test_size < 1.0:  # nan도 여기서 걸립니다.
        raise ValueError(f"실수 test_size는 0보다 크고 1보다 작은 비율이어야 합니다. 받은 값: {test_size!r}. 예: test_size=0.2")
    n_test = math.ceil(test_size * n)
    if n_test >= n:
        raise ValueError(
            f"훈련 데이터가 남지 않습니다. 샘플 수: {n}, test_size: {test_size!r}, 테스트 샘플 수: {n_test}. "
            "test_size를 줄이거나 샘플을 늘리세요."
        )
    return n_test


# ---------------------------------------------------------------- 표준화


class StandardScaler:
    """특성마다 평균을 빼고 표준편차로 나눠 평균 0, 표준편차 1로 맞춥니다: z = (x − 평균) / 표준편차.

    표준편차는 scikit-learn처럼 모표준편차(n으로 나눔)입니다. 값이 모두 같은 열은
    표준편차가 0이므로 0으로 나누지 않도록 scale을 1.0으로 둡니다. 그 열은 평균만 빠집니다.
    평균과 표준편차는 훈련 데이터로만 fit하고, 테스트 데이터에는 transform만 쓰세요.
    테스트 데이터로 fit하면 테스트 정보가 학습에 새어 들어갑니다.

    Attributes:
        mean_: 특성별 평균 (fit 전에는 None).
        var_: 특성별 모분산 (fit 전에는 None).
        scale_: 특성별 표준편차, 상수 열은 1.0 (fit 전에는 None).
        n_features_in_: fit에 쓴 특성 수 (fit 전에는 None).

    Example:
        >>> scaler = StandardScaler()
        >>> scaler.fit_transform([[1.0], [3.0]])
        [[-1.0], [1.0]]
        >>> scaler.transform([[5.0]])
        [[3.0]]
    """

    def __init__(self) -> None:
        self.mean_: list[float] | None = None
        self.var_: list[float] | None = None
        self.scale_: list[float] | None = None
        self.n_features_in_: int | None = None

    def __repr__(self) -> str:
        return "StandardScaler()"

    def fit(self, X) -> "StandardScaler":
        """X(훈련 데이터)의 특성별 평균과 표준편차를 구해 저장하고 self를 돌려줍니다.

        Raises:
            TypeError, ValueError: X가 2차원 숫자 표가 아닐 때 (비었거나 nan, inf 포함).
            OverflowError: 값이 너무 커서 분산이 float 범위를 넘을 때.
        """
        rows = as_rows(X, "X", ndim=2)
        n = len(rows)
        means, variances, scales = [], [], []
        for j, column in enumerate(zip(*rows)):
            if min(column) == max(column):  # 상수 열: 반올림 오차 없이 평균을 그 값으로 둡니다.
                mean, var = column[0], 0.0
            else:
                try:
                    mean = math.fsum(column) / n
                    var = math.fsum((x - mean) ** 2 for x in column) / n
                except OverflowError:  # fsum과 **는 inf 대신 OverflowError를 냅니다.
                    var = math.inf
            if not math.isfinite(var):
                raise OverflowError(f"X의 {j}번 열의 분산이 float 범위를 넘습니다. 열의 최댓값: {max(column)!r}. 값의 크기를 줄이세요.")
            means.append(mean)
            variances.append(var)
            scales.append(math.sqrt(var) if var > 0 else 1.0)
        self.mean_, self.var_, self.scale_, self.n_features_in_ = means, variances, scales, len(means)
        return self

    def transform(self, X) -> list[list[float]]:
        """fit에서 구한 평균과 표준편차로 X를 표준화한 새 리스트를 돌려줍니다.

        Raises:
            ValueError: fit 전에 불렀거나 특성 수가 fit 때와 다를 때.
            TypeError: X에 숫자가 아닌 값이 있을 때.
        """
        rows = self._check_input(X, "transform")
        return _finite_table([[(x - m) / s for x, m, s in zip(row, self.mean_, self.scale_)] for row in rows], "transform")

    def fit_transform(self, X) -> list[list[float]]:
        """fit(X) 뒤에 transform(X)를 한 결과를 돌려줍니다. 훈련 데이터에만 쓰세요."""
        return self.fit(X).transform(X)

    def inverse_transform(self, X) -> list[list[float]]:
        """표준화를 되돌려 원래 단위의 값을 돌려줍니다: x = z × 표준편차 + 평균.

        Raises:
            ValueError: fit 전에 불렀거나 특성 수가 fit 때와 다를 때.
            TypeError: X에 숫자가 아닌 값이 있을 때.
        """
        rows = self._check_input(X, "inverse_transform")
        return _finite_table([[z * s + m for z, m, s in zip(row, self.mean_, self.scale_)] for row in rows],
                             "inverse_transform")

    def _check_input(self, X, method: str) -> list[list[float]]:
        if self.mean_ is None:
            raise ValueError(f"StandardScaler를 아직 fit하지 않았습니다. {method} 전에 scaler.fit(X_train)을 먼저 부르세요.")
        rows = as_rows(X, "X", ndim=2)
        if len(rows[0]) != self.n_features_in_:
            raise ValueError(
                f"특성 수가 fit 때와 다릅니다. fit 때 특성 수: {self.n_features_in_}, 받은 특성 수: {len(rows[0])}. "
                "훈련 데이터와 같은 열을 넣으세요."
            )
        return rows


def _finite_table(rows: list[list[float]], method: str) -> list[list[float]]:
    for i, row in enumerate(rows):
        for j, value in enumerate(row):
            if not math.isfinite(value):
                raise OverflowError(
                    f"{method} 결과가 float 범위를 넘습니다. 위치: X[{i}][{j}], 결과: {value!r}. "
                    "fit에 쓴 데이터와 크기가 비슷한 값을 넣으세요."
                )
    return rows


# ---------------------------------------------------------------- 배치


def batches(X, y, batch_size: int, shuffle: bool = False, rng=None) -> Iterator[tuple[list, list]]:
    """(X, y)를 batch_size개씩 자른 (X_batch, y_batch)를 차례로 내놓습니다.

    마지막 배치는 batch_size보다 작을 수 있습니다. 입력 검사는 부르는 즉시 합니다.
    에폭마다 다른 순서로 섞으려면 같은 `random.Random` 객체를 rng로 계속 넘기세요.
    정수 시드를 넘기면 부를 때마다 같은 순서가 나옵니다.

    Args:
        X: 특성 (목록이나 numpy 배열).
        y: 레이블 (X와 길이가 같은 목록).
        batch_size: 배치 하나의 샘플 수입니다 (1 이상).
        shuffle: 참이면 자르기 전에 순서를 섞습니다.
        rng: 섞을 때 쓸 난수 시드 (None, 정수 또는 `random.Random`).

    Returns:
        (X_batch, y_batch) 튜플을 내놓는 반복자입니다.

    Raises:
        TypeError, ValueError: train_test_split과 같은 입력 오류, batch_size가 1 이상의 정수가 아닐 때.

    Example:
        >>> [len(xb) for xb, yb in batches([[0.0]] * 5, [0] * 5, batch_size=2)]
        [2, 2, 1]
    """
    X_rows, y_rows = _check_pair(X, y)
    batch_size = check_count(batch_size, "batch_size")
    order = list(range(len(X_rows)))
    if shuffle:
        check_random_state(rng, "rng").shuffle(order)
    return _iter_batches(X_rows, y_rows, order, batch_size)


def _iter_batches(X_rows: list, y_rows: list, order: list, batch_size: int) -> Iterator[tuple[list, list]]:
    for start in range(0, len(order), batch_size):
        chunk = order[start:start + batch_size]
        yield [X_rows[i] for i in chunk], [y_rows[i] for i in chunk]
