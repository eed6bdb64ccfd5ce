"""data.py와 합성 데이터 함수가 함께 쓰는 입력 검사입니다.

모든 검사는 API 경계에서 한 번 하고, 틀린 입력에는 값과 고치는 방법을 담은 한국어 오류를 냅니다.
numpy는 import하지 않습니다. numpy 배열은 `tolist()`로 파이썬 리스트로 바꿔서 읽습니다.
"""

from __future__ import annotations

import decimal
import math
import numbers
import random


def check_random_state(seed, name: str = "random_state") -> random.Random:
    """난수 생성기를 만듭니다. 전역 난수 생성기(random 모듈 함수)는 쓰지 않습니다.

    Args:
        seed: None이면 운영체제의 엔트로피로 시드를 정한 새 생성기, 정수이면 그 시드의
            새 생성기, `random.Random` 객체이면 그 객체를 그대로 씁니다.
        name: 오류 메시지에 보일 인자 이름입니다.

    Returns:
        `random.Random` 객체입니다.

    Raises:
        TypeError: seed가 None, 정수, `random.Random`이 아닐 때.
    """
    if seed is None:
        return random.Random()
    if isinstance(seed, random.Random):
        return seed
    if isinstance(seed, numbers.Integral) and not _is_bool(seed):
        return random.Random(int(seed))
    raise TypeError(
        f"{name} 인자는 None, 정수, random.Random 객체 중 하나여야 합니다. 받은 값: {seed!r}. "
        "같은 결과를 다시 얻으려면 42처럼 정수를 넣으세요."
    )


def check_count(value, name: str, minimum: int = 1) -> int:
    """개수 인자(n_samples 등)가 `minimum` 이상의 정수인지 확인하고 int로 돌려줍니다."""
    if _is_bool(value) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} 인자는 정수여야 합니다. 받은 값: {value!r}. 예: {name}=100")
    if value < minimum:
        raise ValueError(f"{name} 인자는 {minimum} 이상이어야 합니다. 받은 값: {value!r}. {minimum} 이상의 정수를 넣으세요.")
    return int(value)


def check_nonnegative(value, name: str) -> float:
    """표준편차 같은 인자가 0 이상의 유한한 실수인지 확인하고 float로 돌려줍니다."""
    number = as_number(value, name)
    if number < 0:
        raise ValueError(f"{name} 인자는 0 이상이어야 합니다. 받은 값: {value!r}. 0 이상의 실수를 넣으세요.")
    return number


def as_number(value, where: str, keep_int: bool = False):
    """값 하나를 유한한 float로 바꿉니다. keep_int이면 정수는 int로 둡니다 (레이블용)."""
    if _is_bool(value):
        raise TypeError(f"bool은 숫자로 쓸 수 없습니다 ({where}). 받은 값: {value!r}. 1이나 0처럼 숫자로 쓰세요.")
    if keep_int and isinstance(value, numbers.Integral):
        return int(value)
    if not isinstance(value, (numbers.Real, decimal.Decimal)):
        hint = '문자열이면 float("2.5")처럼 먼저 숫자로 바꾸세요.' if isinstance(value, str) else "int나 float를 넣으세요."
        raise TypeError(f"숫자가 필요합니다 ({where}). 받은 값: {value!r} (자료형 {type(value).__name__}). {hint}")
    try:
        number = float(value)
    except OverflowError:
        raise OverflowError(f"float 범위(약 ±1.8e308)를 넘는 수입니다 ({where}). 받은 값: {value!r}. 크기를 줄이세요.") from None
    if not math.isfinite(number):
        raise ValueError(
            f"유한한 실수가 필요합니다 ({where}). 받은 값: {value!r}. "
            "빠진 값(nan)이나 무한대(inf)를 지우거나 다른 값으로 채우세요."
        )
    return number


def as_rows(data, name: str, keep_int: bool = False, ndim: int | None = None) -> list:
    """표 모양 입력을 검사하고 새 리스트로 돌려줍니다.

    Args:
        data: 리스트, 튜플 또는 numpy 배열입니다. 원소는 모두 숫자(1차원)이거나 모두 같은
            길이의 숫자 목록(2차원)이어야 합니다.
        name: 오류 메시지에 보일 인자 이름입니다 (예: "X").
        keep_int: 참이면 정수를 int로 둡니다. 거짓이면 모든 수를 float로 바꿉니다.
        ndim: 1이나 2이면 그 차원만 받습니다. None이면 둘 다 받습니다.

    Returns:
        1차원이면 숫자의 리스트, 2차원이면 행마다 새 리스트를 담은 리스트입니다.

    Raises:
        TypeError: 목록이 아니거나 숫자가 아닌 값이 있을 때.
        ValueError: 비어 있거나, 행 길이가 다르거나, nan이나 inf가 있을 때.
    """
    rows = _as_list(data, name)
    if not rows:
        raise ValueError(f"{name} 인자가 비어 있습니다. 받은 값: {data!r}. 샘플을 한 개 이상 넣으세요.")
    first_is_row = _is_sequence(rows[0])
    if ndim == 2 and not first_is_row:
        raise ValueError(
            f"{name} 인자는 행의 목록(2차원)이어야 합니다. 첫 원소: {rows[0]!r}. "
            f"특성이 하나라면 [[x] for x in {name}]처럼 행마다 리스트로 감싸세요."
        )
    if ndim == 1 and first_is_row:
        raise ValueError(f"{name} 인자는 숫자의 목록(1차원)이어야 합니다. 첫 원소: {rows[0]!r}. 숫자만 담은 리스트를 넣으세요.")
    if not first_is_row:
        return [_scalar_cell(x, f"{name}[{i}]", keep_int) for i, x in enumerate(rows)]
    return _table(rows, name, keep_int)


def _table(rows: list, name: str, keep_int: bool) -> list:
    width = len(_as_list(rows[0], f"{name}[0]"))
    if width == 0:
        raise ValueError(f"{name}[0] 행이 비어 있습니다. 받은 값: {rows[0]!r}. 행마다 특성을 한 개 이상 넣으세요.")
    table = []
    for i, row in enumerate(rows):
        if not _is_sequence(row):
            raise ValueError(
                f"{name}의 원소가 행(목록)과 숫자로 섞여 있습니다. {name}[{i}]: {row!r}. 모든 원소를 같은 길이의 목록으로 맞추세요."
            )
        cells = _as_list(row, f"{name}[{i}]")
        if len(cells) != width:
            raise ValueError(
                f"{name}의 행 길이가 서로 다릅니다. {name}[0]의 길이: {width}, {name}[{i}]의 길이: {len(cells)}. "
                "모든 행의 특성 개수를 같게 맞추세요."
            )
        table.append([_scalar_cell(x, f"{name}[{i}][{j}]", keep_int) for j, x in enumerate(cells)])
    return table


def _scalar_cell(value, where: str, keep_int: bool):
    if _is_sequence(value):
        raise ValueError(f"{where}에 목록이 있습니다. 받은 값: {value!r}. 모든 원소를 숫자로 맞추거나 모든 원소를 같은 길이의 목록으로 맞추세요.")
    return as_number(value, where, keep_int)


def _as_list(data, name: str) -> list:
    if isinstance(data, (list, tuple)):
        return list(data)
    if hasattr(data, "tolist") and hasattr(data, "shape"):  # numpy 배열 (numpy를 import하지 않고 읽습니다)
        converted = data.tolist()
        if isinstance(converted, list):
            return converted
    raise TypeError(
        f"{name} 인자는 리스트, 튜플 또는 numpy 배열이어야 합니다. 받은 값: {data!r} (자료형 {type(data).__name__}). "
        f"list({name})처럼 리스트로 바꿔서 넣으세요."
    )


def _is_sequence(value) -> bool:
    return isinstance(value, (list, tuple)) or (hasattr(value, "tolist") and getattr(value, "ndim", 0) >= 1)


def _is_bool(value) -> bool:
    return isinstance(value, bool) or type(value).__name__ == "bool_"
