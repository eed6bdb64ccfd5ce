"""README.md와 README.ko.md의 첫 예제가 보여 준 출력 그대로 실행되는지 검사합니다."""

import contextlib
import io
import pathlib
import re

import pytest

ROOT = pathlib.Path(__file__).resolve().parent.parent
READMES = ["README.md", "README.ko.md"]


def code_blocks(text: str, language: str) -> list[str]:
    """언어 표시가 `language`인 코드 블록의 내용을 순서대로 돌려줍니다 ("" = 표시 없음)."""
    blocks, current, current_language = [], None, None
    for line in text.splitlines(keepends=True):
        if line.startswith("```"):
            if current is None:
                current, current_language = [], line[3:].strip()
            else:
                if current_language == language:
                    blocks.append("".join(current))
                current = None
        elif current is not None:
            current.append(line)
    return blocks


@pytest.mark.parametrize("name", READMES)
def test_readme_first_example_prints_shown_output(name):
    text = (ROOT / name).read_text(encoding="utf-8")
    example = code_blocks(text, "python")[0]
    shown = code_blocks(text, "")[0]
    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer):
        exec(compile(example, name, "exec"), {})
    assert buffer.getvalue() == shown


@pytest.mark.parametrize("name", READMES)
def test_readme_keras_example_runs(name):
    text = (ROOT / name).read_text(encoding="utf-8")
    example = next(block for block in code_blocks(text, "python") if "keras.Sequential" in block)
    namespace: dict = {}
    exec(compile(example, name, "exec"), namespace)
    assert 0.0 <= namespace["accuracy"] <= 1.0


def test_readmes_share_commands():
    korean, english = (code_blocks((ROOT / n).read_text(encoding="utf-8"), "bash") for n in ("README.ko.md", "README.md"))
    strip = lambda blocks: [re.sub(r"#.*", "", b).split() for b in blocks]  # noqa: E731
    assert strip(korean) == strip(english)


def test_ci_runs_readme_test_command():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    command = 'pip install -e ".[render,dev]" && python -m pytest'
    assert command in readme
    assert command in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_main_job_prints_readme_output_and_reaches_accuracy():
    from micrograd_ko import pipeline

    buffer = io.StringIO()
    result = pipeline.run(out=buffer)
    readme = (ROOT / "README.ko.md").read_text(encoding="utf-8")
    shown = code_blocks(readme, "")[1]
    # 걸린 시간만 컴퓨터마다 다르므로 지웁니다.
    strip_time = lambda text: re.sub(r" \([0-9.]+초\)", "", text)  # noqa: E731
    assert strip_time(buffer.getvalue()) == strip_time(shown)
    assert result.test_accuracy >= 0.93


def test_readmes_have_same_sections_and_code():
    """두 README는 같은 수의 절과 같은 코드 블록을 가집니다 (한쪽만 고치면 실패합니다)."""
    korean, english = ((ROOT / n).read_text(encoding="utf-8") for n in ("README.ko.md", "README.md"))
    headings = lambda text: [line.count("#") for line in text.splitlines() if line.startswith("#")]  # noqa: E731
    assert headings(korean) == headings(english)
    assert code_blocks(korean, "python") == code_blocks(english, "python")
    # 폴더 구조 블록은 설명이 번역되므로 줄마다 첫 낱말(파일 이름)만 비교합니다.
    first_words = lambda block: [line.split()[0] for line in block.splitlines() if line.strip()]  # noqa: E731
    assert [first_words(b) for b in code_blocks(korean, "")] == [first_words(b) for b in code_blocks(english, "")]
