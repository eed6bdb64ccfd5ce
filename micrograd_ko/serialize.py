"""모델의 매개변수(가중치와 편향)를 JSON 파일로 저장하고 다시 읽습니다.

pickle은 쓰지 않습니다. pickle 파일은 읽는 순간 임의의 코드를 실행할 수 있기 때문입니다.
파일 형식은 사람이 읽을 수 있는 JSON 하나입니다::

    {"format": "micrograd_ko", "version": 1, "architecture": "MLP(2 → 16 → 1)",
     "parameters": {"layers.0.neurons.0.w.0": 0.123, ...}}

float는 `repr`(가장 짧게 정확히 되돌아오는 십진수)로 쓰므로 읽으면 비트 하나까지 같은 값이 됩니다.
모델은 `named_parameters()`로 (이름, Value) 목록을 돌려주고, `repr(model)`이 구조를
한 줄로 설명하는 객체면 됩니다 (예: `nn.MLP`, Keras 스타일 `Sequential`).
"""

from __future__ import annotations

import json
import math
import numbers
import os
from pathlib import Path

from micrograd_ko import files

__all__ = ["save", "load", "FORMAT", "VERSION"]

FORMAT = "micrograd_ko"
VERSION = 1
_KEYS = ("format", "version", "architecture", "parameters")


def save(model, path) -> Path:
    """모델의 매개변수를 JSON 파일에 원자적으로 저장합니다.

    같은 폴더의 임시 파일에 모두 쓰고, flush와 fsync로 디스크에 내린 뒤 `os.replace`로
    한 번에 바꿔 끼웁니다. 그래서 쓰는 도중에 오류가 나거나 전원이 꺼져도 예전 파일은
    그대로 남고, 반쯤 쓴 파일이 생기지 않습니다. 오류가 나면 임시 파일도 지웁니다.

    Args:
        model: `named_parameters()`와 한 줄짜리 `repr`이 있는 모델입니다.
        path: 저장할 파일 경로 (str 또는 `pathlib.Path`). 폴더는 미리 있어야 합니다.

    Returns:
        저장한 파일의 `pathlib.Path`입니다.

    Raises:
        TypeError: model에 named_parameters()가 없거나 매개변수가 숫자가 아닐 때.
        ValueError: 매개변수 이름이 겹치거나 값이 nan이나 inf일 때.
        FileNotFoundError: 저장할 폴더가 없을 때.
        IsADirectoryError: path가 폴더일 때.

    Example:
        >>> save(model, "model.json")  # doctest: +SKIP
        PosixPath('model.json')
    """
    path = _as_path(path)
    document = {
        "format": FORMAT,
        "version": VERSION,
        "architecture": repr(model),
        "parameters": {name: _finite_data(p, name) for name, p in _named_parameters(model)},
    }
    # 글을 모두 만든 뒤에 파일을 엽니다. 그래서 직렬화 오류는 디스크를 건드리지 않습니다.
    text = json.dumps(document, ensure_ascii=False, indent=1, allow_nan=False) + "\n"
    files.write_atomic(path, text.encode("utf-8"))
    return path


def load(model, path) -> None:
    """JSON 파일의 매개변수를 모델에 넣습니다. 기울기(grad)는 바꾸지 않습니다.

    먼저 파일 전체를 검사합니다. 형식, 버전, 모델 구조(repr), 매개변수 이름, 값이 모두 맞을
    때만 매개변수에 값을 넣습니다. 그래서 오류가 나면 모델은 조금도 바뀌지 않습니다.

    Args:
        model: save 때와 같은 구조의 모델입니다.
        path: 읽을 파일 경로 (str 또는 `pathlib.Path`).

    Raises:
        FileNotFoundError: 파일이 없을 때.
        ValueError: 파일이 손상되었거나(JSON이 아니거나 잘림), 형식이나 버전이 다르거나, 모델
            구조가 다르거나, 매개변수 이름이 빠지거나 남거나, 값이 유한한 숫자가 아닐 때.
        TypeError: model에 named_parameters()가 없을 때.

    Example:
        >>> load(model, "model.json")  # doctest: +SKIP
    """
    path = _as_path(path)
    params = _named_parameters(model)
    document = _read_document(path)
    values = _check_document(document, model, [name for name, _ in params], path)

    # 검사를 모두 통과한 뒤에만 값을 넣습니다.
    for name, p in params:
        p.data = values[name]


# ---------------------------------------------------------------- 쓰기


# ---------------------------------------------------------------- 읽기와 검사


def _read_document(path: Path):
    if not path.is_file():
        raise FileNotFoundError(f"매개변수 파일이 없습니다. 경로: {str(path)!r}. save(model, 경로)로 먼저 저장했는지 확인하세요.")

    def reject_duplicates(pairs: list) -> dict:
        result = {}
        for key, value in pairs:
            if key in result:
                raise ValueError(f"JSON 객체에 같은 키가 두 번 있습니다. 키: {key!r}, 경로: {str(path)!r}. save로 다시 저장하세요.")
            result[key] = value
        return result

    # NOTE: json은 NaN, Infinity를 float로 읽습니다. 그런 값은 _check_parameters에서 이름과 함께 거부합니다.
    try:
        return json.loads(path.read_bytes().decode("utf-8"), object_pairs_hook=reject_duplicates)
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ValueError(
            f"매개변수 파일이 올바른 JSON이 아닙니다 (손상되었거나 잘렸을 수 있습니다). 경로: {str(path)!r}, "
            f"원인: {error}. save로 다시 저장하세요."
        ) from None


def _check_document(document, model, names: list, path: Path) -> dict:
    """파일 내용을 모두 검사하고 {이름: float}를 돌려줍니다. 모델은 건드리지 않습니다."""
    where = f"경로: {str(path)!r}"
    if not isinstance(document, dict):
        raise ValueError(f"micrograd_ko 매개변수 파일이 아닙니다. 최상위 값이 JSON 객체가 아닙니다. 받은 자료형: {type(document).__name__}. {where}.")
    if document.get("format") != FORMAT:
        raise ValueError(f"micrograd_ko 매개변수 파일이 아닙니다. format: {document.get('format')!r}, 필요한 값: {FORMAT!r}. {where}.")
    missing_keys = [k for k in _KEYS if k not in document]
    extra_keys = sorted(set(document) - set(_KEYS))
    if missing_keys or extra_keys:
        raise ValueError(f"파일의 최상위 키가 맞지 않습니다. 빠진 키: {missing_keys}, 모르는 키: {extra_keys}. {where}.")
    version = document["version"]
    if isinstance(version, bool) or version != VERSION:
        raise ValueError(f"지원하지 않는 파일 버전입니다. 받은 값: {version!r}, 읽을 수 있는 버전: {VERSION}. {where}.")

    architecture = repr(model)
    if document["architecture"] != architecture:
        raise ValueError(
            f"모델 구조가 파일과 다릅니다. 파일: {document['architecture']!r}, 모델: {architecture!r}. "
            "저장할 때와 같은 구조로 모델을 만든 뒤 불러오세요."
        )
    return _check_parameters(document["parameters"], names, where)


def _check_parameters(stored, names: list, where: str) -> dict:
    if not isinstance(stored, dict):
        raise ValueError(f"parameters는 {{이름: 숫자}} 객체여야 합니다. 받은 자료형: {type(stored).__name__}. {where}.")
    missing = [n for n in names if n not in stored]
    extra = sorted(set(stored) - set(names))
    if missing or extra:
        raise ValueError(
            f"매개변수 이름이 모델과 다릅니다. 파일에 빠진 이름: {missing}, 모델에 없는 이름: {extra}. "
            f"저장할 때와 같은 모델인지 확인하세요. {where}."
        )

    values = {}
    for name in names:
        value = stored[name]
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise ValueError(f"매개변수 값이 숫자가 아닙니다. 이름: {name!r}, 받은 값: {value!r}. {where}.")
        try:
            number = float(value)
        except OverflowError:  # float 범위를 넘는 아주 큰 정수
            number = math.inf
        if not math.isfinite(number):
            raise ValueError(f"매개변수 값이 유한한 실수가 아닙니다. 이름: {name!r}, 받은 값: {value!r}. {where}.")
        values[name] = number
    return values


# ---------------------------------------------------------------- 모델과 경로


def _named_parameters(model) -> list:
    method = getattr(model, "named_parameters", None)
    if not callable(method):
        raise TypeError(
            f"model에 named_parameters() 메서드가 없습니다. 받은 값: {model!r} (자료형 {type(model).__name__}). "
            "nn.MLP나 Sequential처럼 (이름, Value) 목록을 돌려주는 모델을 넣으세요."
        )
    params = list(method())
    seen = set()
    for item in params:
        if not (isinstance(item, (tuple, list)) and len(item) == 2 and isinstance(item[0], str)):
            raise TypeError(f"named_parameters()의 원소는 (이름, Value) 튜플이어야 합니다. 받은 원소: {item!r}.")
        if not hasattr(item[1], "data"):
            raise TypeError(f"매개변수에 data 속성이 없습니다. 이름: {item[0]!r}, 받은 값: {item[1]!r}. Value 객체를 넣으세요.")
        if item[0] in seen:
            raise ValueError(f"매개변수 이름이 겹칩니다. 이름: {item[0]!r}. 이름이 겹치면 저장한 값을 되돌릴 수 없습니다.")
        seen.add(item[0])
    return params


def _finite_data(param, name: str) -> float:
    data = getattr(param, "data", None)
    if isinstance(data, bool) or not isinstance(data, numbers.Real):
        raise TypeError(f"매개변수의 data가 실수가 아닙니다. 이름: {name!r}, 받은 값: {data!r}. Value 객체를 넣으세요.")
    if not math.isfinite(data):
        raise ValueError(f"매개변수 값이 유한하지 않아 저장할 수 없습니다. 이름: {name!r}, 받은 값: {data!r}. 학습이 발산했는지 확인하세요.")
    return float(data)


def _as_path(path) -> Path:
    if not isinstance(path, (str, os.PathLike)):
        raise TypeError(f"path는 문자열이나 pathlib.Path여야 합니다. 받은 값: {path!r}. 예: \"model.json\"")
    return Path(path)
