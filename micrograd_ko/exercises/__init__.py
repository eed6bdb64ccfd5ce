"""채점되는 연습 문제: 목록 보기(list), 뼈대 파일 만들기(start), 채점하기(check).

연습마다 뼈대 파일이 있습니다. `start(N)`이 그 파일을 지금 폴더에 복사하면 학습자는
'# TODO:' 부분을 채우고, `check(N)`이 그 파일을 불러와서 패키지의 수치 미분(gradcheck)과
hypothesis 전략으로 채점합니다. 결과는 `CheckReport`이고 `str(report)`는 한국어 설명입니다.

명령줄에서는 `python -m micrograd_ko exercise list`, `exercise start N`, `exercise check N`입니다.
"""

from __future__ import annotations

import importlib
import numbers
import unicodedata
from importlib import resources
from pathlib import Path

from micrograd_ko.exercises._report import CheckReport, CheckResult
from micrograd_ko.exercises._runner import Exercise, Failure, load_module, run_checks

__all__ = ["EXERCISES", "Exercise", "CheckReport", "CheckResult", "list_exercises", "start", "check"]

EXERCISES: dict[int, Exercise] = {
    exercise.number: exercise
    for exercise in (
        Exercise(1, "tanh의 국소 미분", "tanh_local_grad(out, x): ∂out/∂x = 1 − out²",
                 "ex1_tanh.py", ("tanh_local_grad",), "checks_tanh"),
        Exercise(2, "뉴런 하나", "class Neuron(nin): 순전파 tanh(Σ wᵢxᵢ + b)",
                 "ex2_neuron.py", ("Neuron",), "checks_neuron"),
        Exercise(3, "이진 크로스엔트로피", "binary_crossentropy(p, y): −(y·log p + (1−y)·log(1−p))",
                 "ex3_bce.py", ("binary_crossentropy",), "checks_bce"),
        Exercise(4, "Adam 한 단계", "adam_step(...): m, v, 편향 보정, 매개변수 갱신",
                 "ex4_adam.py", ("adam_step",), "checks_adam"),
        Exercise(5, "위상 정렬과 역전파", "topological_order(root), backward(root)",
                 "ex5_backward.py", ("topological_order", "backward"), "checks_backward"),
    )
}


def _exercise(number: int) -> Exercise:
    if isinstance(number, bool) or not isinstance(number, numbers.Integral):
        raise TypeError(f"연습 번호는 정수여야 합니다. 받은 값: {number!r} (자료형 {type(number).__name__}). 예: 1")
    if number not in EXERCISES:
        choices = ", ".join(str(n) for n in EXERCISES)
        raise ValueError(f"없는 연습 번호입니다. 받은 값: {number!r}. 가능한 번호: {choices}")
    return EXERCISES[int(number)]


def list_exercises() -> str:
    """연습 목록을 한국어 표(번호, 제목, 구현할 것, 파일)로 돌려줍니다.

    Returns:
        여러 줄 문자열. 마지막 줄은 시작하는 방법입니다.

    Example:
        >>> print(list_exercises())  # doctest: +SKIP
    """
    rows = [("번호", "제목", "구현할 것", "파일")]
    rows += [(str(e.number), e.title, e.task, e.filename) for e in EXERCISES.values()]
    widths = [max(_width(row[i]) for row in rows) for i in range(3)]
    lines = []
    for row in rows:
        cells = [cell + " " * (width - _width(cell)) for cell, width in zip(row, widths)]
        lines.append("  ".join([*cells, row[3]]))
    lines.insert(1, "-" * _width(lines[0]))
    lines.append("")
    lines.append("시작하기: python -m micrograd_ko exercise start 1   채점하기: python -m micrograd_ko exercise check 1")
    return "\n".join(lines)


def _width(text: str) -> int:
    """터미널에서 보이는 너비를 셉니다. 한글은 두 칸을 차지합니다."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def start(number: int, folder: str | Path = ".", overwrite: bool = False) -> Path:
    """연습 `number`의 뼈대 파일을 `folder`에 복사하고 그 경로를 돌려줍니다.

    Args:
        number: 연습 번호 (`list_exercises()`의 첫 열).
        folder: 파일을 만들 폴더 (기본값: 지금 폴더). 이미 있는 폴더여야 합니다.
        overwrite: True면 같은 이름의 파일을 덮어씁니다. 기본값은 False입니다.

    Returns:
        만든 파일의 경로 (예: ./ex1_tanh.py).

    Raises:
        TypeError, ValueError: 연습 번호가 정수가 아니거나 없는 번호일 때.
        FileNotFoundError: 폴더가 없을 때.
        FileExistsError: 파일이 이미 있고 overwrite=False일 때 (풀던 답을 지우지 않으려고).

    Example:
        >>> path = start(1, tmp_folder)  # doctest: +SKIP
    """
    exercise = _exercise(number)
    folder = Path(folder)
    if not folder.is_dir():
        raise FileNotFoundError(f"폴더가 없습니다. 받은 값: {str(folder)!r}. 있는 폴더를 넣거나 먼저 폴더를 만드세요.")
    target = folder / exercise.filename
    if target.exists() and not overwrite:
        raise FileExistsError(
            f"파일이 이미 있습니다: {target}. 풀던 답을 지우지 않으려고 멈췄습니다. "
            f"다른 폴더에서 시작하거나, 처음부터 다시 하려면 파일을 지우거나 overwrite=True(명령줄에서는 --overwrite)를 쓰세요."
        )
    skeleton = resources.files("micrograd_ko.exercises.skeletons").joinpath(exercise.filename)
    target.write_text(skeleton.read_text(encoding="utf-8"), encoding="utf-8")
    return target


def check(number: int, path: str | Path | None = None) -> CheckReport:
    """학습자의 파일을 불러와서 연습 `number`를 채점합니다.

    파일의 문법 오류, 실행 중 오류와 함수 안의 오류는 예외로 내지 않고 보고서에
    줄 번호와 함께 적습니다.

    Args:
        number: 연습 번호.
        path: 채점할 파일이나 그 파일이 있는 폴더. None이면 지금 폴더의 뼈대 파일 이름(예: ex1_tanh.py)입니다.

    Returns:
        `CheckReport`. `.passed`는 모든 검사를 통과했는지, `str(report)`는 한국어 설명입니다.

    Raises:
        TypeError, ValueError: 연습 번호가 정수가 아니거나 없는 번호일 때.
        FileNotFoundError: 파일이 없을 때.
        ValueError: 파일 이름이 .py로 끝나지 않을 때.

    Example:
        >>> report = check(1)  # doctest: +SKIP
        >>> report.passed  # doctest: +SKIP
        True
    """
    exercise = _exercise(number)
    target = Path.cwd() / exercise.filename if path is None else Path(path)
    if target.is_dir():
        target = target / exercise.filename
    if not target.is_file():
        raise FileNotFoundError(
            f"채점할 파일이 없습니다: {target}. "
            f"먼저 'python -m micrograd_ko exercise start {exercise.number}'로 뼈대 파일을 만드세요."
        )
    if target.suffix != ".py":
        raise ValueError(f"채점할 파일은 파이썬 파일(.py)이어야 합니다. 받은 경로: {str(target)!r}. "
                         f"뼈대 파일 {exercise.filename}에 답을 쓰고 그 파일을 채점하세요.")
    target = target.resolve()
    report = CheckReport(exercise.number, exercise.title, target)
    try:
        checker = importlib.import_module(f"micrograd_ko.exercises.{exercise.checker}")
    except ImportError as error:
        report.error = (f"채점에 필요한 패키지가 없습니다. 오류: {error}. "
                        "pip install \"micrograd_ko[dev]\"로 hypothesis를 설치하세요.")
        return report
    try:
        module = load_module(target, exercise.names)
    except Failure as failure:
        report.error = failure.hint
        return report
    report.results = run_checks(checker.CHECKS, module)
    return report
