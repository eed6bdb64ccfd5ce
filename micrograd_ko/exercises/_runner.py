"""채점 도구: 학습자 파일 불러오기, 학습자 함수 부르기, hypothesis로 실패 예 찾기.

학습자의 코드에서 난 오류는 traceback 대신 한국어 설명과 줄 번호로 바꿉니다.
"""

from __future__ import annotations

import importlib.util
import math
import numbers
import sys
import tempfile
import traceback
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any, Callable, Iterator

from micrograd_ko.engine import Value
from micrograd_ko.exercises._report import CheckResult

__all__ = ["Failure", "Check", "Exercise", "call_learner", "search", "run_checks", "load_module", "fmt",
           "expect_number", "expect_value", "describe_error"]

# hypothesis로 찾는 무작위 예의 개수. 검사 하나가 몇 초 안에 끝나도록 작게 둡니다.
MAX_EXAMPLES = 30

RECURSION_HINT = (
    "재귀 호출이 파이썬의 재귀 한도(기본 1000단계)를 넘었습니다. "
    "재귀 대신 명시적 스택(list)과 while 문으로 바꾸세요."
)


class Failure(Exception):
    """검사 하나의 실패: 입력, 기대한 값, 받은 값, 힌트."""

    def __init__(self, inputs: str = "", expected: str = "", received: str = "", hint: str = "") -> None:
        super().__init__(hint)
        self.inputs, self.expected, self.received, self.hint = inputs, expected, received, hint


@dataclass(frozen=True)
class Check:
    """검사 하나: 이름과, 학습자 모듈을 받아 실패하면 `Failure`를 내는 함수."""

    name: str
    run: Callable[[ModuleType], None]


@dataclass(frozen=True)
class Exercise:
    """연습 하나의 정보. `checker`는 검사 목록 `CHECKS`가 있는 모듈의 이름입니다."""

    number: int
    title: str
    task: str
    filename: str
    names: tuple[str, ...]
    checker: str


def fmt(x: Any) -> str:
    """숫자는 repr(float)로 모든 자리를 보이고, 그 밖의 값은 repr로 보입니다."""
    if isinstance(x, float):
        return repr(x)
    if isinstance(x, (tuple, list)):
        inner = ", ".join(fmt(v) for v in x)
        return f"({inner})" if isinstance(x, tuple) else f"[{inner}]"
    return repr(x)


# ---------------------------------------------------------------- 학습자 코드의 오류


def _location(error: BaseException, path: Path | None) -> str:
    """오류가 학습자 파일의 몇 번째 줄에서 났는지 "파일 N번째 줄: 코드" 꼴로 돌려줍니다."""
    if isinstance(error, SyntaxError) and error.lineno:
        code = (error.text or "").strip()
        return f"{Path(error.filename or '').name} {error.lineno}번째 줄" + (f": {code}" if code else "")
    frames = traceback.extract_tb(error.__traceback__)
    if path is not None:
        frames = [f for f in frames if Path(f.filename) == path]
    if not frames:
        return ""
    frame = frames[-1]
    return f"{Path(frame.filename).name} {frame.lineno}번째 줄: {(frame.line or '').strip()}"


def describe_error(error: BaseException, path: Path | None) -> str:
    """학습자 코드의 오류를 "오류 종류: 메시지 (위치: …)" 꼴의 한 줄로 바꿉니다."""
    message = error.msg if isinstance(error, SyntaxError) else str(error)
    text = f"{type(error).__name__}: {message}"
    where = _location(error, path)
    return f"{text} (위치: {where})" if where else text


def call_learner(module: ModuleType, fn: Callable, *args: Any, inputs: str) -> Any:
    """학습자 모듈 `module`의 함수나 객체 `fn`을 부릅니다. 오류는 한국어 설명을 담은 `Failure`로 바꿉니다."""
    # NOTE: 학습자 코드에는 시간 제한이 없습니다. 무한 루프이면 채점이 끝나지 않으므로 Ctrl+C로 멈춰야 합니다.
    name = getattr(fn, "__qualname__", None) or type(fn).__qualname__
    path = Path(module.__file__)
    try:
        return fn(*args)
    except NotImplementedError as error:
        raise Failure(inputs, received=describe_error(error, path),
                      hint="아직 구현하지 않은 부분이 있습니다. 파일의 '# TODO:' 부분을 채우고 raise NotImplementedError 줄을 지우세요.") from None
    except RecursionError as error:
        raise Failure(inputs, received=describe_error(error, path), hint=RECURSION_HINT) from None
    except (Exception, SystemExit) as error:
        raise Failure(inputs, received=describe_error(error, path),
                      hint=f"실행하다가 오류가 났습니다: {name}. 받은 값에 적힌 위치의 줄을 확인하세요.") from None


# ---------------------------------------------------------------- hypothesis


def search(strategy, evaluate: Callable[[Any], None]) -> None:
    """`strategy`의 예 가운데 `evaluate`가 `Failure`를 내는 가장 단순한 예를 찾습니다.

    찾으면 그 예의 `Failure`를 다시 내고, 못 찾으면 그냥 돌아갑니다. 실행마다 같은 예를
    보이도록 derandomize=True를 쓰고, 학습자 폴더에 .hypothesis 폴더를 만들지 않습니다.
    """
    from hypothesis import HealthCheck, Verbosity, find, settings
    from hypothesis.errors import NoSuchExample, Unsatisfiable

    def fails(example) -> bool:
        try:
            evaluate(example)
        except Failure:
            return True
        return False

    config = settings(max_examples=MAX_EXAMPLES, database=None, deadline=None, derandomize=True,
                      verbosity=Verbosity.quiet, suppress_health_check=list(HealthCheck))
    try:
        with _temporary_hypothesis_home():
            example = find(strategy, fails, settings=config)
    except (NoSuchExample, Unsatisfiable):
        return
    evaluate(example)


@contextmanager
def _temporary_hypothesis_home() -> Iterator[None]:
    """hypothesis의 캐시 폴더를 잠시 임시 폴더로 바꿉니다.

    database=None이어도 hypothesis(6.13x 이후)는 소스 코드의 상수를 지금 폴더의
    .hypothesis/constants에 캐시합니다. 학습자의 폴더에 그 폴더가 생기지 않게 합니다.
    """
    from hypothesis.configuration import set_hypothesis_home_dir, storage_directory

    previous = storage_directory(intent_to_write=False).home_directory
    with tempfile.TemporaryDirectory(prefix="micrograd_ko_hypothesis_") as home:
        set_hypothesis_home_dir(home)
        try:
            yield
        finally:
            set_hypothesis_home_dir(previous)


def run_checks(checks, module: ModuleType) -> list[CheckResult]:
    """검사를 차례로 실행합니다. 첫 실패 뒤의 검사는 건너뜁니다 (앞의 실패가 원인이기 쉽습니다)."""
    results: list[CheckResult] = []
    for check in checks:
        if results and not results[-1].passed:
            results.append(CheckResult(check.name, "건너뜀", hint="앞의 검사가 실패해서 실행하지 않았습니다. 앞의 실패를 먼저 고치세요."))
            continue
        try:
            check.run(module)
        except Failure as failure:
            results.append(CheckResult(check.name, "실패", failure.inputs, failure.expected,
                                       failure.received, failure.hint))
        else:
            results.append(CheckResult(check.name, "통과"))
    return results


# ---------------------------------------------------------------- 파일 불러오기


def load_module(path: Path, names: tuple[str, ...]) -> ModuleType:
    """학습자 파일을 importlib로 불러옵니다 (학습자 자신의 코드이므로 실행합니다).

    Raises:
        Failure: 문법 오류나 실행 중 오류가 났거나 필요한 이름이 없을 때.
    """
    module_name = f"_micrograd_ko_exercise_{path.stem}"
    spec = importlib.util.spec_from_file_location(module_name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[module_name] = module  # dataclass 같은 도구가 모듈을 찾을 수 있게 잠시 등록합니다.
    previous, sys.dont_write_bytecode = sys.dont_write_bytecode, True  # 학습자 폴더에 __pycache__를 만들지 않습니다.
    try:
        spec.loader.exec_module(module)
    except (Exception, SystemExit) as error:
        kind = "파일에 문법 오류가 있습니다" if isinstance(error, SyntaxError) else "파일을 실행하다가 오류가 났습니다"
        raise Failure(hint=f"{kind}. 오류: {describe_error(error, path)}") from None
    finally:
        sys.modules.pop(module_name, None)
        sys.dont_write_bytecode = previous
    missing = [name for name in names if not hasattr(module, name)]
    if missing:
        raise Failure(hint=f"파일에 다음 이름이 없습니다: {', '.join(missing)}. 뼈대 파일의 함수와 클래스 이름을 바꾸지 마세요.")
    return module


# ---------------------------------------------------------------- 반환값 검사


def expect_number(value: Any, what: str, inputs: str) -> float:
    """학습자가 돌려준 값이 유한한 실수인지 확인하고 float로 바꿉니다."""
    if isinstance(value, Value):
        raise Failure(inputs, expected="float 하나", received=repr(value),
                      hint=f"숫자(float)를 돌려줘야 하는데 Value를 돌려줬습니다 ({what}). .data를 돌려주세요.")
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise Failure(inputs, expected="float 하나", received=f"{value!r} (자료형 {type(value).__name__})",
                      hint=f"숫자 하나를 돌려주세요 ({what}). return 문이 빠지면 None이 됩니다.")
    if not math.isfinite(value):
        raise Failure(inputs, expected="유한한 실수", received=repr(value),
                      hint=f"돌려준 값이 nan이나 inf입니다 ({what}). 0으로 나누거나 음수의 제곱근을 구하지 않았는지 확인하세요.")
    return float(value)


def expect_value(value: Any, what: str, inputs: str) -> Value:
    """학습자가 돌려준 값이 Value인지 확인합니다. Value라야 backward()로 기울기를 구할 수 있습니다."""
    if not isinstance(value, Value):
        raise Failure(inputs, expected="Value 하나", received=f"{value!r} (자료형 {type(value).__name__})",
                      hint=f"Value를 돌려줘야 역전파를 할 수 있습니다 ({what}). math 함수 대신 Value의 연산(+, *, .tanh(), .log())으로 계산하세요.")
    return value


def diagnose(received: float, wrong_forms, default: str, *args: Any) -> str:
    """받은 값이 흔한 실수의 값과 같으면 그 실수의 힌트를, 아니면 `default`를 돌려줍니다.

    `wrong_forms`는 (흔한 실수를 계산하는 함수, 힌트) 쌍의 목록입니다. 함수는 `args`를 받습니다.
    """
    for wrong, hint in wrong_forms:
        try:
            value = wrong(*args)
        except (ArithmeticError, ValueError):
            continue
        if math.isclose(value, received, rel_tol=1e-9, abs_tol=1e-12):
            return hint
    return default
