"""튜토리얼(docs/tutorial.ko.md)의 장마다 Jupyter 노트북 하나를 만듭니다.

실행: python docs/make_notebooks.py [저장할 폴더]   (기본 폴더: demos/notebooks, 도움말: --help)

노트북은 튜토리얼에서 만들므로 두 곳의 글과 코드가 어긋나지 않습니다. 바꾸는 규칙:
- `## N. 제목`이 장의 시작입니다. 첫 장 앞의 안내 글은 노트북에 넣지 않습니다.
- 글은 마크다운 셀, ```python 블록은 코드 셀이 됩니다. 바로 뒤의 ```text 출력 블록은 빼는데,
  노트북에서는 셀을 실행하면 출력이 생기기 때문입니다.
- `<!-- notebook:`으로 시작해 `-->`로 끝나는 주석 안의 줄은 노트북에만 있는 코드 셀입니다.
  그 바로 앞의 그림 줄은 빼는데, 그 셀이 `micrograd_ko.viz.draw_dot`으로 같은 그래프를 셀 안에
  그리기 때문입니다.
- 그림 경로 `images/...`는 노트북 폴더에서 본 `../../docs/images/...`로 바꿉니다.
출력은 비운 채로 저장합니다. 셀 id는 순번이라서 같은 튜토리얼은 언제나 같은 파일이 됩니다.
"""

from __future__ import annotations

import json
import pathlib
import re

ROOT = pathlib.Path(__file__).resolve().parent.parent
TUTORIAL = ROOT / "docs" / "tutorial.ko.md"
NOTEBOOKS = ROOT / "demos" / "notebooks"
SLUGS = ["training_cycle", "forward_pass", "loss_functions", "backpropagation", "optimizers", "keras"]
CHAPTER = re.compile(r"^## (\d+)\. (.+)$")
NOTEBOOK_ONLY = "<!-- notebook:"
IMAGE = re.compile(r"^!\[[^\]]*\]\(images/[^)]+\)$")


def split_chapters(text: str) -> list[tuple[int, str, list[str]]]:
    """튜토리얼을 (장 번호, 제목, 본문 줄들)의 목록으로 나눕니다."""
    chapters: list[tuple[int, str, list[str]]] = []
    for line in text.split("\n"):
        match = CHAPTER.match(line)
        if match:
            chapters.append((int(match.group(1)), match.group(2), []))
        elif chapters:
            chapters[-1][2].append(line)
    return chapters


def chapter_cells(lines: list[str]) -> list[tuple[str, str]]:
    """장의 본문 줄을 ("markdown" 또는 "code", 내용) 셀의 목록으로 바꿉니다."""
    cells: list[tuple[str, str]] = []
    markdown: list[str] = []

    def flush() -> None:
        body = "\n".join(markdown).strip("\n")
        if body:
            cells.append(("markdown", body.replace("](images/", "](../../docs/images/")))
        markdown.clear()

    i = 0
    while i < len(lines):
        line = lines[i]
        only = line.strip() == NOTEBOOK_ONLY
        if line.startswith("```python") or line.startswith("```text") or only:
            end = lines.index("-->" if only else "```", i + 1)
            if only:
                while markdown and (not markdown[-1].strip() or IMAGE.match(markdown[-1])):
                    markdown.pop()
            flush()
            if only:
                cells.append(("code", "\n".join(lines[i + 1 : end])))
            elif line.startswith("```python"):
                cells.append(("code", "\n".join(lines[i + 1 : end])))
            i = end + 1
        elif line.strip() != "<!-- output: skip -->":
            markdown.append(line)
            i += 1
        else:
            i += 1
    flush()
    return cells


def notebook(number: int, title: str, cells: list[tuple[str, str]]) -> dict:
    """셀 목록으로 출력이 빈 nbformat 4 노트북 사전을 만듭니다."""
    intro = (f"# micrograd_ko 튜토리얼 {number}장: {title}\n\n"
             f"이 노트북은 `docs/tutorial.ko.md`의 {number}장입니다. 위에서부터 셀을 차례로 실행하세요 "
             "(Shift+Enter). 첫 코드 셀이 필요한 것을 모두 가져오므로 다른 장을 먼저 실행할 필요는 없습니다.")
    result = []
    for index, (kind, source) in enumerate([("markdown", intro)] + cells):
        cell = {"cell_type": kind, "id": f"cell-{index:02d}", "metadata": {}, "source": source.splitlines(keepends=True)}
        if kind == "code":
            cell.update(execution_count=None, outputs=[])
        result.append(cell)
    return {
        "cells": result,
        "metadata": {
            "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
            "language_info": {"name": "python"},
        },
        "nbformat": 4,
        "nbformat_minor": 5,
    }


def build(text: str) -> dict[str, str]:
    """튜토리얼 글에서 {파일 이름: 노트북 JSON 글자}를 만듭니다."""
    files = {}
    for number, title, lines in split_chapters(text):
        name = f"{number:02d}_{SLUGS[number - 1]}.ipynb"
        files[name] = json.dumps(notebook(number, title, chapter_cells(lines)), ensure_ascii=False, indent=1) + "\n"
    return files


def main(folder: pathlib.Path = NOTEBOOKS) -> list[pathlib.Path]:
    """노트북을 모두 `folder`에 저장하고 저장한 경로의 목록을 돌려줍니다."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, content in build(TUTORIAL.read_text(encoding="utf-8")).items():
        path = folder / name
        path.write_text(content, encoding="utf-8")
        paths.append(path)
    return paths


if __name__ == "__main__":
    # 도움말과 오류를 명령줄 도구(python -m micrograd_ko)처럼 한국어로 보여 줍니다.
    from micrograd_ko.cli import KoreanArgumentParser

    parser = KoreanArgumentParser(description="튜토리얼(docs/tutorial.ko.md)의 장마다 출력이 빈 노트북을 만듭니다.")
    parser.add_argument("folder", nargs="?", type=pathlib.Path, default=NOTEBOOKS,
                        help=f"노트북을 저장할 폴더 (기본값: {NOTEBOOKS})")
    for saved in main(parser.parse_args().folder):
        print(f"저장했습니다: {saved}")
