"""exercises 테스트: 목록, 뼈대 복사, 채점기가 모범 답안을 통과시키고 흔한 실수를 한국어로 잡아내는지.

모범 답안과 흔한 실수는 tests/exercise_solutions/에 있습니다. 기대한 값은 손 계산(해석적 미분)으로
따로 구해서, 보고서의 '기대한 값'과 '받은 값'에 그 숫자가 있는지 상대 오차 1e-6으로 확인합니다
(보고서의 기대한 값은 중심 차분이라 해석적 값과 약 1e-10만큼 다를 수 있습니다).
"""

from __future__ import annotations

import math
import re
from importlib import resources
from pathlib import Path

import pytest

from micrograd_ko import exercises
from micrograd_ko.exercises import CheckReport, CheckResult

SOLUTIONS = Path(__file__).parent / "exercise_solutions"
NUMBER_TOL = 1e-6
SKELETONS = {1: "ex1_tanh.py", 2: "ex2_neuron.py", 3: "ex3_bce.py", 4: "ex4_adam.py", 5: "ex5_backward.py"}


def _check(number: int, solution: str) -> CheckReport:
    return exercises.check(number, SOLUTIONS / f"{solution}.py")


def _failed(report: CheckReport) -> CheckResult:
    failures = [r for r in report.results if r.status == "실패"]
    assert len(failures) == 1, str(report)
    return failures[0]


def _numbers(text: str) -> list[float]:
    return [float(n) for n in re.findall(r"-?\d+\.?\d*(?:e-?\d+)?", text)]


def _shows(text: str, value: float) -> bool:
    """text 안에 value와 상대 오차 1e-6 안인 숫자가 있으면 True입니다."""
    return any(math.isclose(n, value, rel_tol=NUMBER_TOL, abs_tol=1e-12) for n in _numbers(text))


# ---------------------------------------------------------------- 목록과 뼈대


def test_list_exercises_shows_every_number_and_file():
    text = exercises.list_exercises()
    for number, filename in SKELETONS.items():
        assert re.search(rf"^{number}\s", text, re.MULTILINE)
        assert filename in text


def test_list_exercises_shows_start_command():
    assert "python -m micrograd_ko exercise start 1" in exercises.list_exercises()


@pytest.mark.parametrize("number", sorted(SKELETONS))
def test_start_copies_skeleton_into_folder(number, tmp_path):
    path = exercises.start(number, tmp_path)
    skeleton = resources.files("micrograd_ko.exercises.skeletons").joinpath(SKELETONS[number])
    assert path == tmp_path / SKELETONS[number]
    assert path.read_text(encoding="utf-8") == skeleton.read_text(encoding="utf-8")


@pytest.mark.parametrize("number", sorted(SKELETONS))
def test_skeleton_has_todo_and_not_implemented(number, tmp_path):
    text = exercises.start(number, tmp_path).read_text(encoding="utf-8")
    assert "# TODO:" in text
    assert "raise NotImplementedError(" in text
    assert f"exercise check {number}" in text


@pytest.mark.parametrize("number", sorted(SKELETONS))
def test_unfilled_skeleton_fails_with_todo_hint(number, tmp_path):
    report = exercises.check(number, exercises.start(number, tmp_path))
    result = _failed(report)
    assert report.passed is False
    assert "NotImplementedError" in result.received
    assert "# TODO:" in result.hint


def test_start_existing_file_raises_fileexistserror(tmp_path):
    exercises.start(1, tmp_path)
    with pytest.raises(FileExistsError) as info:
        exercises.start(1, tmp_path)
    assert "ex1_tanh.py" in str(info.value)
    assert "overwrite=True" in str(info.value)


def test_start_overwrite_replaces_learner_file(tmp_path):
    path = exercises.start(1, tmp_path)
    path.write_text("# 내 답\n", encoding="utf-8")
    exercises.start(1, tmp_path, overwrite=True)
    assert "# TODO:" in path.read_text(encoding="utf-8")


def test_start_missing_folder_raises_filenotfounderror(tmp_path):
    with pytest.raises(FileNotFoundError) as info:
        exercises.start(1, tmp_path / "없는폴더")
    assert "없는폴더" in str(info.value)


def test_start_unknown_number_raises_valueerror(tmp_path):
    with pytest.raises(ValueError) as info:
        exercises.start(99, tmp_path)
    assert "받은 값: 99" in str(info.value)


def test_start_non_integer_number_raises_typeerror(tmp_path):
    with pytest.raises(TypeError):
        exercises.start("1", tmp_path)


# ---------------------------------------------------------------- 파일 불러오기


def test_check_missing_file_names_start_command(tmp_path):
    with pytest.raises(FileNotFoundError) as info:
        exercises.check(2, tmp_path / "ex2_neuron.py")
    assert "ex2_neuron.py" in str(info.value)
    assert "exercise start 2" in str(info.value)


def test_check_without_path_reads_current_folder(tmp_path, monkeypatch):
    (tmp_path / "ex1_tanh.py").write_text((SOLUTIONS / "ex1_correct.py").read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert exercises.check(1).passed is True


def test_check_folder_path_uses_skeleton_name(tmp_path):
    (tmp_path / "ex1_tanh.py").write_text((SOLUTIONS / "ex1_correct.py").read_text(encoding="utf-8"), encoding="utf-8")
    assert exercises.check(1, tmp_path).passed is True


def test_check_syntax_error_reports_line_number(tmp_path):
    path = tmp_path / "ex1_tanh.py"
    path.write_text("import math\n\ndef tanh_local_grad(out, x)\n    return 1 - out**2\n", encoding="utf-8")
    report = exercises.check(1, path)
    assert report.passed is False
    assert "문법 오류" in report.error
    assert "3번째 줄" in report.error
    assert "Traceback" not in str(report)


def test_check_error_at_import_reports_line_number(tmp_path):
    path = tmp_path / "ex1_tanh.py"
    path.write_text("x = 1\ny = undefined_name\n", encoding="utf-8")
    report = exercises.check(1, path)
    assert "NameError" in report.error
    assert "2번째 줄" in report.error


def test_check_error_inside_function_reports_line(tmp_path):
    path = tmp_path / "ex1_tanh.py"
    path.write_text("def tanh_local_grad(out, x):\n    return 1 - ot**2\n", encoding="utf-8")
    result = _failed(exercises.check(1, path))
    assert "NameError" in result.received
    assert "2번째 줄" in result.received
    assert "return 1 - ot**2" in result.received


def test_check_renamed_function_names_missing_name(tmp_path):
    path = tmp_path / "ex1_tanh.py"
    path.write_text("def tanh_grad(out, x):\n    return 1 - out**2\n", encoding="utf-8")
    report = exercises.check(1, path)
    assert "tanh_local_grad" in report.error
    assert report.passed is False


def test_check_leaves_no_files_in_learner_folder(tmp_path, monkeypatch):
    exercises.start(5, tmp_path)
    (tmp_path / "ex5_backward.py").write_text((SOLUTIONS / "ex5_correct.py").read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    exercises.check(5)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ex5_backward.py"]


def test_check_prints_nothing(capsys):
    _check(5, "ex5_correct")
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == ""


def test_random_inputs_catch_large_x_mistake(tmp_path):
    """고정 입력에서는 맞고 |x| > 5에서만 틀린 답도 hypothesis 검사가 잡아냅니다."""
    path = tmp_path / "ex1_tanh.py"
    path.write_text("def tanh_local_grad(out, x):\n    return 1 - out**2 if abs(x) <= 5 else 0.5\n", encoding="utf-8")
    report = exercises.check(1, path)
    result = _failed(report)
    assert report.results[0].passed is True
    assert "hypothesis" in result.name
    assert abs(_numbers(result.inputs)[0]) > 5


# ---------------------------------------------------------------- 모범 답안


@pytest.mark.parametrize("number", sorted(SKELETONS))
def test_reference_solution_passes_every_check(number):
    report = _check(number, f"ex{number}_correct")
    assert report.passed is True, str(report)
    assert "모두 통과" in str(report)


# ---------------------------------------------------------------- 연습 1: tanh의 국소 미분

TANH_GRAD_AT_HALF = 1 - math.tanh(0.5) ** 2  # 손 계산: d tanh(x)/dx = 1 − tanh(x)²


def test_tanh_check_rejects_squared_x():
    report = _check(1, "ex1_uses_x")
    result = _failed(report)
    assert report.passed is False
    assert "x = 0.5" in result.inputs
    assert _shows(result.expected, TANH_GRAD_AT_HALF)
    assert _shows(result.received, 1 - 0.5**2)
    assert "1 − out²" in result.hint
    assert "x를 제곱" in result.hint


def test_tanh_check_rejects_flipped_sign():
    result = _failed(_check(1, "ex1_sign_flipped"))
    assert _shows(result.expected, TANH_GRAD_AT_HALF)
    assert _shows(result.received, -TANH_GRAD_AT_HALF)
    assert "부호" in result.hint


def test_tanh_report_text_shows_hint():
    text = str(_check(1, "ex1_uses_x"))
    assert "기대한 값:" in text
    assert "받은 값: 0.75" in text
    assert "힌트: out 대신 x를 제곱" in text
    assert "exercise check 1" in text


# ---------------------------------------------------------------- 연습 2: 뉴런

# 채점기의 고정 입력: w = (2.0, −3.0, 0.5), b = 0.8, x = (0.3, 0.1, −0.4). 손 계산으로 Σ wᵢxᵢ = 0.1입니다.
NEURON_SUM, NEURON_BIAS = 0.1, 0.8


def test_neuron_check_rejects_missing_bias():
    report = _check(2, "ex2_missing_bias")
    result = _failed(report)
    assert report.passed is False
    assert result.name.startswith("정한 가중치로 순전파")
    assert _shows(result.expected, math.tanh(NEURON_SUM + NEURON_BIAS))
    assert _shows(result.received, math.tanh(NEURON_SUM))
    assert "편향 b를 더하지 않았습니다" in result.hint


def test_neuron_check_rejects_sigmoid():
    result = _failed(_check(2, "ex2_sigmoid"))
    assert _shows(result.expected, math.tanh(NEURON_SUM + NEURON_BIAS))
    assert _shows(result.received, 1 / (1 + math.exp(-(NEURON_SUM + NEURON_BIAS))))
    assert "시그모이드" in result.hint
    assert "tanh" in result.hint


def test_neuron_check_rejects_broken_graph():
    report = _check(2, "ex2_breaks_graph")
    result = _failed(report)
    # 손 계산: ∂out/∂w1 = (1 − tanh(0.9)²) × x1, x1 = 0.3
    assert report.results[1].passed is True
    assert _shows(result.expected, (1 - math.tanh(0.9) ** 2) * 0.3)
    assert "∂out/∂w1 = 0.0" in result.received
    assert ".data" in result.hint


# ---------------------------------------------------------------- 연습 3: 이진 크로스엔트로피


def test_bce_check_rejects_flipped_sign():
    result = _failed(_check(3, "ex3_sign_flipped"))
    assert "p = 0.8, y = 1.0" in result.inputs
    assert _shows(result.expected, -math.log(0.8))
    assert _shows(result.received, math.log(0.8))
    assert "마이너스 부호" in result.hint


def test_bce_check_rejects_swapped_labels():
    result = _failed(_check(3, "ex3_swapped_labels"))
    assert _shows(result.expected, -math.log(0.8))
    assert _shows(result.received, -math.log(0.2))
    assert "y와 1 − y가 바뀌었습니다" in result.hint


def test_bce_check_rejects_math_log():
    result = _failed(_check(3, "ex3_math_log"))
    # 손 계산: y = 1이면 L = −log p, ∂L/∂p = −1/p = −1.25
    assert _shows(result.expected, -1.25)
    assert "∂L/∂p = 0.0" in result.received
    assert "p.log()" in result.hint


# ---------------------------------------------------------------- 연습 4: Adam 한 단계

# 채점기의 첫 고정 입력: param = 1.0, g = 0.5, lr = 0.1, β1 = 0.9, β2 = 0.999, ε = 1e-7.
# 손 계산: m = 0.05, v = 0.00025. 편향 보정하면 m̂ = g, v̂ = g²이므로 param = 1 − 0.1 × 0.5 / (0.5 + 1e-7).
ADAM_M, ADAM_V = 0.05, 0.00025
ADAM_PARAM = 1.0 - 0.1 * 0.5 / (0.5 + 1e-7)


def test_adam_check_rejects_missing_bias_correction():
    result = _failed(_check(4, "ex4_no_bias_correction"))
    assert "t = 1" in result.inputs
    assert _shows(result.expected, ADAM_PARAM)
    assert _shows(result.received, 1.0 - 0.1 * ADAM_M / (math.sqrt(ADAM_V) + 1e-7))
    assert "편향 보정이 빠졌습니다" in result.hint


def test_adam_check_rejects_unsquared_grad():
    result = _failed(_check(4, "ex4_unsquared_grad"))
    assert _shows(result.expected, ADAM_V)
    assert _shows(result.received, 0.001 * 0.5)
    assert "제곱하지 않았습니다" in result.hint


def test_adam_check_rejects_eps_inside_sqrt():
    result = _failed(_check(4, "ex4_eps_inside_sqrt"))
    assert "√v̂ + ε" in result.hint
    assert "제곱근 안에" in result.hint
    assert _numbers(result.expected)[0] != _numbers(result.received)[0]


# ---------------------------------------------------------------- 연습 5: 위상 정렬과 역전파


def test_backward_check_rejects_grad_assignment():
    result = _failed(_check(5, "ex5_assigns_grad"))
    # 손 계산: d(a×a)/da = 2a = 6, =로 덮어쓰면 a = 3만 남습니다.
    assert "a × a" in result.inputs
    assert _shows(result.expected, 6.0)
    assert _shows(result.received, 3.0)
    assert "+=" in result.hint


def test_backward_check_rejects_missing_reverse():
    result = _failed(_check(5, "ex5_missing_reverse"))
    # 손 계산: g = tanh((ab + c) × ab), ∂g/∂a = (1 − g²) × (2ab + c) × b, a = 0.5, b = −1, c = 0.8
    g = math.tanh((0.5 * -1.0 + 0.8) * (0.5 * -1.0))
    assert _shows(result.expected, (1 - g**2) * (2 * 0.5 * -1.0 + 0.8) * -1.0)
    assert "∂root/∂a = 0.0" in result.received
    assert "reversed" in result.hint


def test_recursive_sort_fails_long_chain():
    report = _check(5, "ex5_recursive")
    result = _failed(report)
    assert all(r.passed for r in report.results[:-1])
    assert "10,001" in result.name
    assert "RecursionError" in result.received
    assert "명시적 스택" in result.hint


def test_preorder_sort_check_names_parent():
    result = _failed(_check(5, "ex5_preorder"))
    assert "label='g'" in result.received
    assert "부모:" in result.received
    assert "후위 순회" in result.hint


def test_check_non_python_file_raises_valueerror(tmp_path):
    target = tmp_path / "answer.txt"
    target.write_text("x = 1\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"파이썬 파일\(\.py\)이어야 합니다"):
        exercises.check(1, target)
