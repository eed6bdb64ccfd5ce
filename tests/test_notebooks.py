"""demos/notebooks/의 노트북을 검사합니다: 튜토리얼과 같은 내용인지, 출력을 비웠는지, 실행되는지.

실행 테스트는 노트북마다 새 커널을 띄워 처음부터 끝까지 돌립니다 (nbclient). nbclient,
nbformat, ipykernel이 없으면 이유를 밝히고 건너뜁니다. 설치: pip install nbclient nbformat ipykernel
"""

from __future__ import annotations

import importlib.util
import json
import pathlib
import sys

import pytest

ROOT = pathlib.Path(__file__).resolve().parent.parent
NOTEBOOK_DIR = ROOT / "demos" / "notebooks"
NOTEBOOKS = sorted(NOTEBOOK_DIR.glob("*.ipynb"))
CELL_TIMEOUT = 120  # 초. 멈춘 커널을 잡아내기 위한 넉넉한 상한입니다.

sys.path.insert(0, str(ROOT / "docs"))
import make_notebooks  # noqa: E402


def _load(path: pathlib.Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def test_notebooks_exist_for_every_chapter():
    assert [p.name for p in NOTEBOOKS] == [f"{i:02d}_{slug}.ipynb" for i, slug in enumerate(make_notebooks.SLUGS, 1)]


def test_notebooks_match_tutorial():
    built = make_notebooks.build(make_notebooks.TUTORIAL.read_text(encoding="utf-8"))
    for path in NOTEBOOKS:
        assert path.read_text(encoding="utf-8") == built[path.name], (
            f"{path.name}이 튜토리얼과 다릅니다. python docs/make_notebooks.py로 다시 만드세요."
        )


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_outputs_are_stripped(path):
    for cell in _load(path)["cells"]:
        if cell["cell_type"] == "code":
            assert cell["outputs"] == [], cell["source"]
            assert cell["execution_count"] is None, cell["source"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_markdown_is_korean(path):
    markdown = "".join("".join(c["source"]) for c in _load(path)["cells"] if c["cell_type"] == "markdown")
    assert any("\uac00" <= ch <= "\ud7a3" for ch in markdown)


def _executed(path: pathlib.Path, workdir: pathlib.Path) -> dict:
    """노트북을 새 커널에서 실행한 결과를 돌려줍니다. 셀에서 오류가 나면 CellExecutionError입니다."""
    nbclient = pytest.importorskip("nbclient", reason="nbclient가 없습니다: pip install nbclient nbformat ipykernel")
    nbformat = pytest.importorskip("nbformat", reason="nbformat이 없습니다: pip install nbformat")
    if importlib.util.find_spec("ipykernel") is None:
        pytest.skip("ipykernel이 없어서 노트북 커널을 띄울 수 없습니다: pip install ipykernel")
    notebook = nbformat.read(path, as_version=4)
    client = nbclient.NotebookClient(notebook, timeout=CELL_TIMEOUT, kernel_name="python3",
                                     resources={"metadata": {"path": str(workdir)}})
    client.execute()
    return notebook


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_runs_from_clean_kernel(path, tmp_path):
    notebook = _executed(path, tmp_path)
    code_cells = [c for c in notebook.cells if c.cell_type == "code"]
    assert all(c.execution_count is not None for c in code_cells)
    errors = [o for c in code_cells for o in c.outputs if o.output_type == "error"]
    assert errors == []

    # draw_dot 셀은 그래프를 셀 안에 SVG로 보여 줘야 합니다 (Digraph의 노트북 표시).
    for cell in (c for c in code_cells if "draw_dot(" in c.source):
        kinds = [key for output in cell.outputs for key in output.get("data", {})]
        assert "image/svg+xml" in kinds, cell.source

