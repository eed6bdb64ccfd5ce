"""Keras 스타일 API의 입력 검사: X와 y를 float 목록으로 바꾸고 fit의 인자를 확인합니다.

numpy 배열도 받지만 numpy를 가져오지는 않습니다. `.tolist()`가 있는 객체는 먼저
파이썬 목록으로 바꿉니다. 모든 오류는 받은 값과 고치는 방법을 한국어로 알려 줍니다.
"""

from __future__ import annotations

import math
import numbers

__all__ = ["to_rows", "to_targets", "check_count", "check_verbose", "check_split", "split_validation"]


def _plain(data, data_name: str):
    """numpy 배열처럼 `.tolist()`가 있으면 목록으로 바꾸고, 목록이나 튜플인지 확인합니다."""
    if hasattr(data, "tolist") and not isinstance(data, (list, tuple)):
        data = data.tolist()
    if not isinstance(data, (list, tuple)):
        raise TypeError(
            f"{data_name}의 자료형은 목록, 튜플 또는 numpy 배열이어야 합니다. 받은 값: {data!r} "
            f"(자료형 {type(data).__name__}). 예: [[0.1, 0.2], [0.3, 0.4]]"
        )
    if len(data) == 0:
        raise ValueError(f"{data_name}에 샘플이 없습니다. 받은 값: {data!r}. 샘플을 하나 이상 넣으세요.")
    return data


def _number(v, location: str) -> float:
    """숫자 하나를 유한한 float로 바꿉니다. bool은 0.0과 1.0으로 받습니다."""
    if type(v) is float and v - v == 0:
        return v
    if isinstance(v, numbers.Real) or type(v).__name__ == "bool_":
        value = float(v)
        if not math.isfinite(value):
            raise ValueError(f"유한하지 않은 값이 있습니다 ({location}). 받은 값: {v!r}. nan과 inf를 빼거나 바꾸세요.")
        return value
    raise TypeError(
        f"숫자가 아닌 값이 있습니다 ({location}). 받은 값: {v!r} (자료형 {type(v).__name__}). "
        "문자열이면 float()로 바꾸고, 3차원 이상의 배열이면 샘플마다 1차원으로 펼치세요."
    )


def to_rows(X, data_name: str = "X") -> list[list[float]]:
    """입력 X를 샘플마다 float 목록 하나인 2차원 목록으로 바꿉니다.

    1차원 입력([1.0, 2.0, 3.0])은 Keras처럼 특성이 하나인 샘플들([[1.0], [2.0], [3.0]])로 봅니다.

    Args:
        X: 2차원 목록, 튜플 또는 numpy 배열.
        data_name: 오류 메시지에 쓸 이름 (예: "X", "검증 데이터의 X").

    Returns:
        list[list[float]]: 행마다 길이가 같은 float 목록.

    Raises:
        TypeError: 숫자가 아닌 원소가 있을 때.
        ValueError: 비어 있거나, 행 길이가 서로 다르거나, nan이나 inf가 있을 때.

    Example:
        >>> to_rows([[1, 2], [3, 4]])
        [[1.0, 2.0], [3.0, 4.0]]
    """
    X = _plain(X, data_name)
    if isinstance(X[0], numbers.Real) or type(X[0]).__name__ == "bool_":
        return [[_number(v, f"{data_name}[{i}]")] for i, v in enumerate(X)]
    rows = []
    width = None
    for i, row in enumerate(X):
        if hasattr(row, "tolist") and not isinstance(row, (list, tuple)):
            row = row.tolist()
        if not isinstance(row, (list, tuple)):
            raise TypeError(f"{data_name}의 {i}번 행이 목록이 아닙니다. 받은 값: {row!r}. 모든 행을 같은 길이의 목록으로 쓰세요.")
        if width is None:
            width = len(row)
        elif len(row) != width:
            raise ValueError(
                f"{data_name}의 행 길이가 서로 다릅니다. 0번 행: {width}개, {i}번 행: {len(row)}개. "
                "모든 샘플의 특성 수를 맞추세요."
            )
        rows.append([_number(v, f"{data_name}[{i}][{j}]") for j, v in enumerate(row)])
    if width == 0:
        raise ValueError(f"{data_name}의 행에 특성이 없습니다. 받은 값: {X[0]!r}. 샘플마다 특성을 하나 이상 넣으세요.")
    return rows


def _class_index(v, units: int, data_name: str, i: int) -> int:
    """희소 범주형 정답 하나(정수 클래스)를 확인합니다. [k]처럼 감싼 값도 받습니다."""
    if isinstance(v, (list, tuple)) and len(v) == 1:
        v = v[0]
    value = _number(v, f"{data_name}[{i}]")
    if value != int(value) or not 0 <= value < units:
        raise ValueError(
            f"{data_name}의 {i}번 정답은 0 이상 {units} 미만의 정수 클래스여야 합니다. 받은 값: {v!r}. "
            "sparse_categorical_crossentropy에는 클래스 번호를, 원-핫 벡터에는 categorical_crossentropy를 쓰세요."
        )
    return int(value)


def to_targets(y, units: int, sparse: bool, data_name: str = "y") -> list:
    """정답 y를 샘플마다 float 목록(출력 뉴런 수만큼) 또는 정수 클래스로 바꿉니다.

    Args:
        y: 0/1의 1차원 목록, [0/1]의 목록, 원-핫 목록, 또는 정수 클래스 목록.
        units: 모델 출력층의 뉴런 수.
        sparse: True이면 정수 클래스를 받습니다 (sparse_categorical_crossentropy).
        data_name: 오류 메시지에 쓸 이름.

    Returns:
        list: sparse이면 int 목록, 아니면 길이 `units`인 float 목록의 목록.

    Raises:
        TypeError: 숫자가 아닌 원소가 있을 때.
        ValueError: 정답의 길이가 출력 뉴런 수와 다를 때.

    Example:
        >>> to_targets([0, 1], units=1, sparse=False)
        [[0.0], [1.0]]
    """
    y = _plain(y, data_name)
    if sparse:
        return [_class_index(v, units, data_name, i) for i, v in enumerate(y)]
    targets = []
    for i, v in enumerate(y):
        if hasattr(v, "tolist") and not isinstance(v, (list, tuple)):
            v = v.tolist()
        row = v if isinstance(v, (list, tuple)) else [v]
        if len(row) != units:
            raise ValueError(
                f"{data_name}의 {i}번 정답의 길이가 출력층의 뉴런 수와 다릅니다. 정답: {len(row)}개, 출력: {units}개. "
                "정수 클래스라면 loss='sparse_categorical_crossentropy'를 쓰고, 아니면 정답을 원-핫 벡터로 바꾸세요."
            )
        targets.append([_number(t, f"{data_name}[{i}]") for t in row])
    return targets


def check_count(value, name: str, minimum: int = 1) -> int:
    """epochs나 batch_size처럼 `minimum` 이상의 정수여야 하는 인자를 확인합니다."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name}의 값은 정수여야 합니다. 받은 값: {value!r}. 예: {name}=10")
    if value < minimum:
        raise ValueError(f"{name}의 값은 {minimum} 이상이어야 합니다. 받은 값: {value!r}. {minimum} 이상의 정수를 넣으세요.")
    return int(value)


def check_verbose(verbose) -> int:
    """verbose를 0(출력 없음), 1(진행 막대), 2(에폭마다 한 줄) 중 하나로 바꿉니다. "auto"는 1입니다."""
    if verbose == "auto":
        return 1
    if isinstance(verbose, bool) or verbose not in (0, 1, 2):
        raise ValueError(f"verbose의 값은 0, 1, 2, \"auto\" 중 하나여야 합니다. 받은 값: {verbose!r}.")
    return int(verbose)


def check_split(validation_split) -> float:
    """validation_split이 0 이상 1 미만의 실수인지 확인합니다."""
    if isinstance(validation_split, bool) or not isinstance(validation_split, numbers.Real):
        raise TypeError(f"validation_split의 값은 실수여야 합니다. 받은 값: {validation_split!r}. 예: validation_split=0.2")
    if not 0.0 <= validation_split < 1.0:
        raise ValueError(
            f"validation_split의 값은 0 이상 1 미만이어야 합니다. 받은 값: {validation_split!r}. "
            "검증에 쓸 비율을 0.2처럼 넣으세요."
        )
    return float(validation_split)


def split_validation(rows: list, targets: list, validation_split: float) -> tuple:
    """Keras처럼 섞기 전의 데이터에서 마지막 `validation_split` 비율을 검증 데이터로 뗍니다.

    나누는 위치는 floor(n × (1 − validation_split))입니다. 학습 데이터나 검증 데이터가
    비게 되면 ValueError입니다.

    Returns:
        tuple: (학습 X, 학습 y, 검증 X, 검증 y).
    """
    n = len(rows)
    split_at = int(math.floor(n * (1.0 - validation_split)))
    if split_at == 0 or split_at == n:
        raise ValueError(
            f"validation_split={validation_split!r}로는 샘플 {n}개를 나눌 수 없습니다. 학습: {split_at}개, "
            f"검증: {n - split_at}개. 샘플을 늘리거나 비율을 바꾸세요."
        )
    return rows[:split_at], targets[:split_at], rows[split_at:], targets[split_at:]
