"""micrograd_ko.serialize의 테스트: 정확한 왕복, 원자적 쓰기, 손상된 파일 거부."""

from __future__ import annotations

import json
import os
import struct
import tempfile
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from micrograd_ko import files, serialize
from micrograd_ko.engine import Value


class TinyModel:
    """테스트용 모델: 가중치 n개와 편향 하나. named_parameters()와 한 줄 repr만 있습니다."""

    def __init__(self, values):
        self.w = [Value(v) for v in values[:-1]]
        self.b = Value(values[-1])

    def named_parameters(self):
        return [(f"w.{i}", w) for i, w in enumerate(self.w)] + [("b", self.b)]

    def __repr__(self):
        return f"TinyModel({len(self.w)} → 1)"


def bits(x: float) -> bytes:
    return struct.pack("<d", x)


def snapshot(model) -> list[bytes]:
    return [bits(p.data) for _, p in model.named_parameters()]


def temp_files(folder: Path) -> list[str]:
    return [p.name for p in folder.iterdir() if p.name.endswith(".tmp")]


AWKWARD = [0.1, 1 / 3, -0.0, 5e-324, 1.7976931348623157e308, -2.2250738585072014e-308, 123456789.123456789]


# ---------------------------------------------------------------- 왕복


def test_round_trip_is_bit_exact(tmp_path):
    source = TinyModel(AWKWARD)
    target = TinyModel([0.0] * len(AWKWARD))
    path = tmp_path / "model.json"
    serialize.save(source, path)
    serialize.load(target, path)
    assert snapshot(target) == snapshot(source)


@given(st.lists(st.floats(allow_nan=False, allow_infinity=False), min_size=1, max_size=8))
def test_round_trip_any_finite_floats(values):
    """유한한 float라면 무엇이든 저장 뒤 읽으면 비트까지 같습니다."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "model.json"
        serialize.save(TinyModel(values), path)
        target = TinyModel([1.0] * len(values))
        serialize.load(target, path)
        assert snapshot(target) == [bits(float(v)) for v in values]


def test_saved_file_has_documented_layout(tmp_path):
    path = serialize.save(TinyModel([0.5, -1.5]), tmp_path / "model.json")
    document = json.loads(path.read_text(encoding="utf-8"))
    assert document == {
        "format": "micrograd_ko",
        "version": 1,
        "architecture": "TinyModel(1 → 1)",
        "parameters": {"w.0": 0.5, "b": -1.5},
    }


def test_save_accepts_string_path(tmp_path):
    result = serialize.save(TinyModel([1.0, 2.0]), str(tmp_path / "m.json"))
    assert result == tmp_path / "m.json"


def test_load_leaves_grad_unchanged(tmp_path):
    path = serialize.save(TinyModel([1.0, 2.0]), tmp_path / "m.json")
    target = TinyModel([0.0, 0.0])
    target.b.grad = 3.0
    serialize.load(target, path)
    assert target.b.grad == 3.0


def test_save_overwrites_existing_file(tmp_path):
    path = tmp_path / "m.json"
    serialize.save(TinyModel([1.0, 2.0]), path)
    serialize.save(TinyModel([3.0, 4.0]), path)
    assert json.loads(path.read_text())["parameters"] == {"w.0": 3.0, "b": 4.0}
    assert temp_files(tmp_path) == []


@pytest.mark.skipif(os.name != "posix", reason="권한 비트는 POSIX에서만 의미가 있습니다.")
def test_save_keeps_existing_file_mode(tmp_path):
    path = tmp_path / "m.json"
    path.write_text("{}")
    os.chmod(path, 0o640)
    serialize.save(TinyModel([1.0, 2.0]), path)
    assert path.stat().st_mode & 0o777 == 0o640


@pytest.mark.skipif(os.name != "posix", reason="권한 비트는 POSIX에서만 의미가 있습니다.")
def test_save_new_file_follows_umask(tmp_path):
    umask = os.umask(0o022)
    try:
        path = serialize.save(TinyModel([1.0, 2.0]), tmp_path / "m.json")
    finally:
        os.umask(umask)
    assert path.stat().st_mode & 0o777 == 0o644


# ---------------------------------------------------------------- 원자적 쓰기


def failing(*args, **kwargs):
    raise OSError("디스크 오류 흉내")


class HalfWriter:
    """앞부분 20바이트만 쓰고 실패하는 파일: 쓰는 도중 고장 난 디스크를 흉내 냅니다."""

    def __init__(self, fd, mode):
        self.file = REAL_FDOPEN(fd, mode)

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.file.close()

    def write(self, data):
        self.file.write(data[:20])
        self.file.flush()
        raise OSError(5, "쓰는 도중 실패 흉내")


REAL_FDOPEN = os.fdopen


@pytest.mark.parametrize(
    ("target", "name", "replacement"),
    [(files.os, "replace", failing), (files.os, "fsync", failing)],
)
def test_failed_save_keeps_old_file(tmp_path, monkeypatch, target, name, replacement):
    path = tmp_path / "m.json"
    serialize.save(TinyModel([1.0, 2.0]), path)
    before = path.read_bytes()
    monkeypatch.setattr(target, name, replacement)
    with pytest.raises(OSError):
        serialize.save(TinyModel([3.0, 4.0]), path)
    assert path.read_bytes() == before
    assert temp_files(tmp_path) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["m.json"]


def test_half_written_save_keeps_old_file(tmp_path, monkeypatch):
    path = tmp_path / "m.json"
    serialize.save(TinyModel([1.0, 2.0]), path)
    before = path.read_bytes()
    monkeypatch.setattr(files.os, "fdopen", HalfWriter)
    with pytest.raises(OSError, match="파일을 저장하지 못했습니다"):
        serialize.save(TinyModel([3.0, 4.0]), path)
    monkeypatch.undo()
    assert path.read_bytes() == before
    assert temp_files(tmp_path) == []


def test_unwritable_path_raises_korean_oserror():
    with pytest.raises(OSError, match="파일을 저장하지 못했습니다"):
        serialize.save(TinyModel([1.0, 2.0]), "/proc/model.json")


def test_interrupted_save_leaves_no_temp(tmp_path, monkeypatch):
    def interrupt(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(files.os, "fsync", interrupt)
    with pytest.raises(KeyboardInterrupt):
        serialize.save(TinyModel([1.0, 2.0]), tmp_path / "m.json")
    assert list(tmp_path.iterdir()) == []


# ---------------------------------------------------------------- save 입력 오류


def test_save_nonfinite_parameter_raises(tmp_path):
    model = TinyModel([1.0, 2.0])
    model.b.data = float("nan")  # 발산한 학습을 흉내 냅니다 (Value는 nan을 받지 않으므로 직접 넣습니다).
    with pytest.raises(ValueError, match="'b'"):
        serialize.save(model, tmp_path / "m.json")
    assert list(tmp_path.iterdir()) == []


def test_save_missing_folder_raises_file_not_found(tmp_path):
    with pytest.raises(FileNotFoundError, match="폴더"):
        serialize.save(TinyModel([1.0, 2.0]), tmp_path / "없는 폴더" / "m.json")


def test_save_to_directory_raises(tmp_path):
    with pytest.raises(IsADirectoryError):
        serialize.save(TinyModel([1.0, 2.0]), tmp_path)


def test_save_without_named_parameters_raises(tmp_path):
    with pytest.raises(TypeError, match="named_parameters"):
        serialize.save([Value(1.0)], tmp_path / "m.json")


def test_save_duplicate_parameter_names_raises(tmp_path):
    model = TinyModel([1.0, 2.0])
    model.named_parameters = lambda: [("w", model.w[0]), ("w", model.b)]
    with pytest.raises(ValueError, match="겹칩니다"):
        serialize.save(model, tmp_path / "m.json")


def test_save_bad_path_type_raises(tmp_path):
    with pytest.raises(TypeError, match="path"):
        serialize.save(TinyModel([1.0, 2.0]), 42)


# ---------------------------------------------------------------- load 오류


def test_load_missing_file_raises(tmp_path):
    with pytest.raises(FileNotFoundError, match="파일이 없습니다"):
        serialize.load(TinyModel([1.0, 2.0]), tmp_path / "없음.json")


GOOD = {"format": "micrograd_ko", "version": 1, "architecture": "TinyModel(2 → 1)",
        "parameters": {"w.0": 1.0, "w.1": 2.0, "b": 3.0}}


def with_changes(**changes) -> str:
    document = json.loads(json.dumps(GOOD))
    for key, value in changes.items():
        if value is _DELETE:
            del document[key]
        else:
            document[key] = value
    return json.dumps(document)


def with_parameter(name: str, literal: str) -> str:
    """parameters의 값 하나를 JSON 조각 그대로 바꿉니다 (NaN 같은 비표준 리터럴도 넣을 수 있게)."""
    text = json.dumps(GOOD)
    return text.replace(f'"{name}": {GOOD["parameters"][name]}', f'"{name}": {literal}')


_DELETE = object()
GOOD_TEXT = json.dumps(GOOD)

CORRUPT_CASES = {
    "truncated": (GOOD_TEXT[: len(GOOD_TEXT) // 2], "JSON"),
    "empty": ("", "JSON"),
    "not_json": ("w = 1.0", "JSON"),
    "bad_utf8": (b"\xff\xfe\x00", "JSON"),
    "top_level_list": ("[1.0, 2.0, 3.0]", "micrograd_ko"),
    "wrong_format": (with_changes(format="pytorch"), "pytorch"),
    "missing_version": (with_changes(version=_DELETE), "version"),
    "extra_key": (with_changes(optimizer="adam"), "optimizer"),
    "future_version": (with_changes(version=2), "버전"),
    "bool_version": (with_changes(version=True), "버전"),
    "wrong_architecture": (with_changes(architecture="TinyModel(3 → 1)"), "TinyModel\\(3 → 1\\)"),
    "parameters_not_object": (with_changes(parameters=[1.0, 2.0, 3.0]), "parameters"),
    "missing_name": (with_changes(parameters={"w.0": 1.0, "b": 3.0}), "w.1"),
    "extra_name": (with_changes(parameters={**GOOD["parameters"], "w.2": 0.0}), "w.2"),
    "string_value": (with_parameter("b", '"3.0"'), "'b'"),
    "null_value": (with_parameter("b", "null"), "'b'"),
    "bool_value": (with_parameter("b", "true"), "'b'"),
    "list_value": (with_parameter("b", "[3.0]"), "'b'"),
    "nan_value": (with_parameter("b", "NaN"), "'b'"),
    "infinity_value": (with_parameter("b", "-Infinity"), "'b'"),
    "overflowing_float": (with_parameter("b", "1e999"), "'b'"),
    "overflowing_int": (with_parameter("b", "1" + "0" * 400), "'b'"),
    "duplicate_key": (GOOD_TEXT.replace('"b": 3.0', '"b": 3.0, "b": 4.0'), "같은 키"),
}


@pytest.mark.parametrize("case", sorted(CORRUPT_CASES))
def test_load_corrupt_file_keeps_model(tmp_path, case):
    content, expected_text = CORRUPT_CASES[case]
    path = tmp_path / "m.json"
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    model = TinyModel([-1.0, -2.0, -3.0])
    before = snapshot(model)
    with pytest.raises(ValueError, match=expected_text):
        serialize.load(model, path)
    assert snapshot(model) == before


def test_load_uncorrupted_base_file(tmp_path):
    path = tmp_path / "m.json"
    path.write_text(GOOD_TEXT, encoding="utf-8")
    model = TinyModel([0.0, 0.0, 0.0])
    serialize.load(model, path)
    assert [p.data for _, p in model.named_parameters()] == [1.0, 2.0, 3.0]


def test_load_error_message_names_path(tmp_path):
    path = tmp_path / "m.json"
    path.write_text(with_parameter("b", "NaN"), encoding="utf-8")
    with pytest.raises(ValueError) as info:
        serialize.load(TinyModel([0.0, 0.0, 0.0]), path)
    assert str(path) in str(info.value)


# ---------------------------------------------------------------- 실제 모델


def test_mlp_round_trip_and_mismatch(tmp_path):
    nn = pytest.importorskip("micrograd_ko.nn")
    source = nn.MLP(2, [4, 1], seed=0)
    path = serialize.save(source, tmp_path / "mlp.json")
    target = nn.MLP(2, [4, 1], seed=1)
    serialize.load(target, path)
    assert snapshot(target) == snapshot(source)

    other = nn.MLP(2, [5, 1], seed=0)
    before = snapshot(other)
    with pytest.raises(ValueError, match="구조"):
        serialize.load(other, path)
    assert snapshot(other) == before


def test_sequential_round_trip(tmp_path):
    keras = pytest.importorskip("micrograd_ko.keras")
    layers = keras.layers

    def build():
        return keras.Sequential([layers.Dense(3, activation="relu", input_shape=(2,)), layers.Dense(1)])

    keras.set_random_seed(0)
    source = build()
    path = serialize.save(source, tmp_path / "seq.json")
    keras.set_random_seed(1)
    target = build()
    serialize.load(target, path)
    assert snapshot(target) == snapshot(source)
