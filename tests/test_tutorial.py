"""docs/tutorial.ko.md의 코드가 모두 실행되고, 보여 준 출력이 실제 출력과 같은지 검사합니다.

규칙:
- ```python 블록을 위에서부터 차례로 한 이름공간에서 실행합니다 (노트북처럼 앞 블록의 변수를
  뒤 블록이 씁니다). 작업 폴더는 임시 폴더이므로 블록이 만든 파일은 저장소에 남지 않습니다.
- 블록마다 표준 출력을 따로 모아, 바로 뒤에 오는 ```text 블록과 글자 하나까지 비교합니다.
- 아무것도 출력하지 않는 블록 뒤에는 ```text 블록이 없어야 합니다.
- 출력이 실행할 때마다 달라지는 블록(예: 걸린 시간)은 ```python 바로 앞 줄에
  `<!-- output: skip -->`를 둡니다. 그 블록도 실행은 하지만 출력은 비교하지 않습니다.

출력 블록은 손으로 쓰지 않습니다. 튜토리얼을 고친 뒤 다음 명령으로 다시 만듭니다:
    python tests/test_tutorial.py --update
"""

from __future__ import annotations

import contextlib
import io
import os
import pathlib
import re
import sys
import warnings
from dataclasses import dataclass

ROOT = pathlib.Path(__file__).resolve().parent.parent
TUTORIAL = ROOT / "docs" / "tutorial.ko.md"
SKIP_MARK = "<!-- output: skip -->"
FENCE = re.compile(r"^```(\w*)\s*$")


@dataclass
class Block:
    """튜토리얼의 코드 블록 하나: 언어, 내용, 파일 안의 줄 범위(펜스 포함, 0부터)."""

    language: str
    code: str
    start: int
    end: int
    skip_output: bool


def parse_blocks(text: str) -> list[Block]:
    """마크다운에서 펜스 코드 블록을 순서대로 꺼냅니다."""
    lines = text.split("\n")
    blocks, i = [], 0
    while i < len(lines):
        match = FENCE.match(lines[i])
        if not match:
            i += 1
            continue
        start, language = i, match.group(1)
        i += 1
        while i < len(lines) and lines[i] != "```":
            i += 1
        previous = lines[start - 1].strip() if start > 0 else ""
        code = "\n".join(lines[start + 1 : i])
        blocks.append(Block(language, code + "\n" if code else "", start, i, previous == SKIP_MARK))
        i += 1
    return blocks


def output_block_after(blocks: list[Block], index: int, lines: list[str]) -> Block | None:
    """python 블록 바로 뒤(빈 줄만 사이에 둔) text 블록을 돌려줍니다. 없으면 None입니다."""
    if index + 1 >= len(blocks):
        return None
    following = blocks[index + 1]
    between = lines[blocks[index].end + 1 : following.start]
    if following.language == "text" and all(not line.strip() for line in between):
        return following
    return None


def run_blocks(blocks: list[Block], workdir: pathlib.Path) -> list[str]:
    """python 블록을 한 이름공간에서 차례로 실행하고 블록마다 표준 출력을 돌려줍니다."""
    namespace: dict = {"__name__": "__tutorial__"}
    outputs = []
    previous_cwd = os.getcwd()
    os.chdir(workdir)
    try:
        for number, block in enumerate(b for b in blocks if b.language == "python"):
            buffer = io.StringIO()
            with contextlib.redirect_stdout(buffer), warnings.catch_warnings():
                warnings.simplefilter("ignore")
                exec(compile(block.code, f"tutorial.ko.md 블록 {number + 1} (줄 {block.start + 2})", "exec"), namespace)
            outputs.append(buffer.getvalue())
    finally:
        os.chdir(previous_cwd)
    return outputs


# ---------------------------------------------------------------- 테스트


def test_tutorial_outputs_match_shown_text(tmp_path):
    text = TUTORIAL.read_text(encoding="utf-8")
    lines = text.split("\n")
    blocks = parse_blocks(text)
    outputs = iter(run_blocks(blocks, tmp_path))
    for index, block in enumerate(blocks):
        if block.language != "python":
            continue
        printed = next(outputs)
        expected = output_block_after(blocks, index, lines)
        where = f"tutorial.ko.md {block.start + 1}번째 줄의 블록"
        if not printed:
            assert expected is None, f"{where}은 아무것도 출력하지 않는데 출력 블록이 있습니다."
            continue
        assert expected is not None, f"{where}의 출력이 튜토리얼에 없습니다. --update로 다시 만드세요."
        if not block.skip_output:
            assert printed == expected.code, f"{where}의 출력이 다릅니다. --update로 다시 만드세요."


def test_tutorial_has_python_blocks_in_every_chapter():
    text = TUTORIAL.read_text(encoding="utf-8")
    chapters = re.split(r"^## \d+\. ", text, flags=re.MULTILINE)[1:]
    assert len(chapters) == 6
    for chapter in chapters:
        assert "```python" in chapter, chapter.splitlines()[0]


def test_tutorial_images_exist():
    text = TUTORIAL.read_text(encoding="utf-8")
    images = re.findall(r"!\[[^\]]*\]\(([^)]+)\)", text)
    assert images, "튜토리얼에 그림이 없습니다."
    for image in images:
        assert (TUTORIAL.parent / image).is_file(), image


def test_skip_mark_is_only_used_before_python():
    text = TUTORIAL.read_text(encoding="utf-8")
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if line.strip() == SKIP_MARK:
            assert lines[i + 1].startswith("```python"), f"{i + 1}번째 줄의 표시 뒤에 python 블록이 없습니다."


def test_breast_cancer_numbers_match_cli():
    """6장의 유방암 학습 출력은 `python -m micrograd_ko`(pipeline.run)의 출력과 같아야 합니다.

    튜토리얼이 "명령줄과 숫자가 같다"고 적으므로, 시드를 정하는 방법이 어긋나면 여기서 잡힙니다.
    """
    from micrograd_ko import pipeline

    text = TUTORIAL.read_text(encoding="utf-8")
    tutorial_epochs = [line for line in text.split("\n") if line.startswith("에폭 ") and "검증 손실" in line]
    assert len(tutorial_epochs) == 10, "튜토리얼에서 유방암 학습의 에폭 줄 10개를 찾지 못했습니다."
    buffer = io.StringIO()
    result = pipeline.run(dataset="breast_cancer", epochs=10, seed=42, verbose=2, out=buffer)
    cli_epochs = [line for line in buffer.getvalue().split("\n") if line.startswith("에폭 ")]
    assert cli_epochs == tutorial_epochs
    assert f"테스트 손실: {result.test_loss:.4f} - 테스트 정확도: {result.test_accuracy:.4f}" in text


def test_glossary_api_names_exist():
    """용어집이 `모듈.이름` 꼴로 적은 API는 모두 실제로 있어야 합니다."""
    import importlib

    text = (ROOT / "docs" / "glossary.ko.md").read_text(encoding="utf-8")
    modules = ("losses", "optim", "nn", "data", "viz", "explain", "gradcheck", "engine", "keras", "pipeline")
    names = re.findall(rf"`((?:{'|'.join(modules)})\.\w+(?:\.\w+)?)", text)
    assert len(names) > 20
    for name in names:
        module_name, *attributes = name.split(".")
        target = importlib.import_module(f"micrograd_ko.{module_name}")
        for attribute in attributes:
            assert hasattr(target, attribute), name
            target = getattr(target, attribute)


# ---------------------------------------------------------------- 출력 다시 만들기


def update(path: pathlib.Path = TUTORIAL) -> None:
    """코드를 실행해서 python 블록 뒤의 text 블록을 실제 출력으로 바꾸거나 넣거나 지웁니다.

    `<!-- output: skip -->` 블록의 출력은 이미 있으면 바꾸지 않습니다.
    """
    import tempfile

    text = path.read_text(encoding="utf-8")
    lines = text.split("\n")
    blocks = parse_blocks(text)
    with tempfile.TemporaryDirectory() as workdir:
        outputs = run_blocks(blocks, pathlib.Path(workdir))
    edits = []  # (시작 줄, 끝 줄 다음, 새 줄들): 뒤에서부터 적용합니다.
    python_blocks = [(i, b) for i, b in enumerate(blocks) if b.language == "python"]
    for (index, block), printed in zip(python_blocks, outputs):
        expected = output_block_after(blocks, index, lines)
        new = ["", "```text", *printed.rstrip("\n").split("\n"), "```"] if printed else []
        if expected is not None and block.skip_output:
            continue  # 실행마다 다른 출력은 처음 만든 것을 그대로 둡니다 (불필요한 diff를 막습니다).
        if expected is not None:
            edits.append((block.end + 1, expected.end + 1, new))
        elif new:
            edits.append((block.end + 1, block.end + 1, new))
    for start, stop, new in reversed(edits):
        lines[start:stop] = new
    path.write_text("\n".join(lines), encoding="utf-8")


if __name__ == "__main__":
    if sys.argv[1:] != ["--update"]:
        sys.exit("사용법: python tests/test_tutorial.py --update")
    sys.path.insert(0, str(ROOT))
    update()
    print(f"출력 블록을 다시 만들었습니다: {TUTORIAL}")
