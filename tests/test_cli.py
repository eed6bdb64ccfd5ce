"""명령줄 도구(cli.main)의 출력 글과 종료 코드를 검사합니다."""

import io
import subprocess
import sys

import pytest

from micrograd_ko import cli

NEURON = ["tanh(x1*w1 + x2*w2 + b)", "--set", "x1=2", "x2=0", "w1=-3", "w2=1", "b=6.8813735870195432"]


def run(argv, stdin_text=""):
    out = io.StringIO()
    code = cli.main(argv, out=out, stdin=io.StringIO(stdin_text))
    return code, out.getvalue()


def test_help_is_korean(capsys):
    with pytest.raises(SystemExit) as info:
        cli.main(["--help"])
    assert info.value.code == 0
    text = capsys.readouterr().out
    assert "사용법: python -m micrograd_ko" in text
    assert "하위 명령" in text
    assert "show this help" not in text


def test_unknown_dataset_error_is_korean(capsys):
    with pytest.raises(SystemExit) as info:
        cli.main(["--dataset", "mnist"])
    assert info.value.code == 2
    error = capsys.readouterr().err
    assert "허용되지 않는 값입니다: 'mnist'" in error
    assert "breast_cancer" in error


def test_bad_epochs_value_error_is_korean(capsys):
    with pytest.raises(SystemExit):
        cli.main(["train", "--epochs", "열"])
    assert "정수가 아닙니다" in capsys.readouterr().err


def test_train_random_dataset_reports_accuracy():
    code, text = run(["--dataset", "random", "--epochs", "2", "--verbose", "0"])
    assert code == 0
    assert "테스트 정확도:" in text
    assert "0.5 근처가 정상" in text


def test_train_zero_epochs_is_rejected_by_parser(capsys):
    with pytest.raises(SystemExit) as info:
        cli.main(["--epochs", "0"])
    assert info.value.code == 2
    assert "--epochs: 0보다 큰 정수여야 합니다. 받은 값: '0'" in capsys.readouterr().err


def test_graph_format_mismatch_is_korean_error(tmp_path, capsys):
    code, _ = run(["graph", "a*b", "--set", "a=2", "b=3", "-o", str(tmp_path / "x.svg"), "--format", "png"])
    assert code == 1
    assert "--format과 파일 확장자가 다릅니다" in capsys.readouterr().err
    assert not (tmp_path / "x.svg").exists()


def test_unused_variable_warning_is_one_korean_line(capsys):
    code, _ = run(["explain", "a*b", "--set", "a=2", "b=3", "c=4"])
    assert code == 0
    error = capsys.readouterr().err
    assert error.startswith("경고: 식에 없는 변수")
    assert "cli.py" not in error


def test_explain_prints_lecture_neuron_grads():
    code, text = run(["explain", *NEURON])
    assert code == 0
    assert "∂L/∂w1 = 1.0000" in text
    assert "∂L/∂x1 = -1.5000" in text
    assert "∂L/∂b = 0.5000" in text


def test_scripted_step_session_moves_back_and_quits():
    code, text = run(["step", "a*b + c", "--set", "a=2", "b=-3", "c=10"], "n\nn\nb\nr\nq\n")
    assert code == 0
    assert "단계 1/5" in text
    assert "되돌린 단계: 2/5" in text
    assert "역전파가 끝났습니다" in text
    assert text.rstrip().endswith("종료합니다.")


def test_step_html_writes_file(tmp_path):
    target = tmp_path / "steps.html"
    code, text = run(["step", "a*b", "--set", "a=2", "b=3", "--html", str(target)])
    assert code == 0
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert "HTML 뷰어를 저장했습니다" in text


def test_graph_writes_svg(tmp_path):
    target = tmp_path / "neuron.svg"
    code, text = run(["graph", *NEURON, "-o", str(target)])
    assert code == 0
    assert "<svg" in target.read_text(encoding="utf-8")
    assert "그래프를 저장했습니다" in text


def test_invalid_expression_prints_korean_error_without_traceback(capsys):
    code, _ = run(["explain", "__import__('os').system('echo hacked')"])
    assert code == 1
    error = capsys.readouterr().err
    assert error.startswith("오류:")
    assert "Traceback" not in error


def test_unset_variable_is_named(capsys):
    code, _ = run(["explain", "a*b", "--set", "a=1"])
    assert code == 1
    assert "b" in capsys.readouterr().err


def test_module_entry_point_runs():
    result = subprocess.run([sys.executable, "-m", "micrograd_ko", "explain", "a*a", "--set", "a=3"],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0
    assert "6.0000" in result.stdout


def test_exercise_start_and_check_report_korean(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, text = run(["exercise", "start", "1"])
    assert code == 0
    assert (tmp_path / "ex1_tanh.py").exists()
    code, text = run(["exercise", "check", "1"])
    assert code == 1
    assert "[실패]" in text
    assert "힌트" in text


def test_exercise_list_shows_all_exercises():
    code, text = run(["exercise", "list"])
    assert code == 0
    assert "tanh의 국소 미분" in text
    assert "ex5_backward.py" in text


def test_exercise_without_number_is_korean_error(capsys):
    code, _ = run(["exercise", "check"])
    assert code == 1
    assert "문제 번호가 필요합니다" in capsys.readouterr().err


def test_graph_names_nodes_like_explain(tmp_path):
    target = tmp_path / "x.svg"
    code, _ = run(["graph", "a*b + c", "--set", "a=2", "b=3", "c=1", "-o", str(target)])
    svg = target.read_text(encoding="utf-8")
    assert code == 0
    assert "곱셈3" in svg
    assert ">L<" in svg


def test_png_render_prints_no_fontconfig_warning(tmp_path):
    result = subprocess.run([sys.executable, "-m", "micrograd_ko", "graph", "a*b", "--set", "a=2", "b=3",
                             "-o", str(tmp_path / "x.png")], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0
    assert "Fontconfig" not in result.stderr


# ---------------------------------------------------------------- 명령줄 표기와 파일 오류


def test_missing_variable_hint_uses_set_option(capsys):
    code, _ = run(["explain", "a*b", "--set", "a=1"])
    error = capsys.readouterr().err
    assert code == 1
    assert "--set b=2.0처럼 값을 주세요" in error
    assert "parse(" not in error


def test_empty_expression_hint_uses_command_line(capsys):
    code, _ = run(["explain", " "])
    error = capsys.readouterr().err
    assert code == 1
    assert "식이 비어 있습니다" in error
    assert "parse(" not in error


def test_graph_unknown_suffix_hint_uses_cli_options(tmp_path, capsys):
    code, _ = run(["graph", "a", "--set", "a=1", "-o", str(tmp_path / "x.txt")])
    error = capsys.readouterr().err
    assert code == 1
    assert "--format svg" in error
    assert 'format="svg"' not in error


def test_graph_output_directory_is_korean_error(tmp_path, capsys):
    code, _ = run(["graph", "a", "--set", "a=1", "-o", str(tmp_path), "--format", "svg"])
    error = capsys.readouterr().err
    assert code == 1
    assert "저장할 경로가 폴더입니다" in error
    assert "Traceback" not in error


def test_graph_unwritable_folder_is_korean_error(tmp_path, monkeypatch, capsys):
    import errno
    import tempfile

    from micrograd_ko import Value, viz

    try:
        viz.to_svg(Value(1.0))
    except viz.RenderError:
        pytest.skip("렌더러가 없습니다")

    def refuse(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    code, _ = run(["graph", "a", "--set", "a=1", "-o", str(tmp_path / "g.svg")])
    error = capsys.readouterr().err
    assert code == 1
    assert "파일을 저장하지 못했습니다" in error
    assert "쓸 권한이 없습니다" in error
    assert "Errno" not in error


def test_step_html_empty_path_is_rejected(capsys):
    code, out = run(["step", "a", "--set", "a=1", "--html", ""])
    assert code == 1
    assert "저장할 경로가 폴더입니다" in capsys.readouterr().err
    assert "역전파" not in out


def test_train_infinite_lr_is_rejected_by_parser(capsys):
    with pytest.raises(SystemExit) as info:
        cli.main(["--lr", "inf"])
    assert info.value.code == 2
    assert "--lr: 0보다 큰 유한한 실수여야 합니다. 받은 값: 'inf'" in capsys.readouterr().err


def test_train_negative_seed_is_rejected_by_parser(capsys):
    with pytest.raises(SystemExit) as info:
        cli.main(["--seed", "-1"])
    assert info.value.code == 2
    assert "--seed: 0 이상의 정수여야 합니다. 받은 값: '-1'" in capsys.readouterr().err
