"""demos/의 스크립트를 모두 실행해서 오류 없이 끝나고 한국어로 출력하는지 검사합니다.

스크립트마다 새 파이썬 프로세스를 임시 폴더에서 띄우므로, 스크립트가 만든 파일(예: 그림)은
저장소에 남지 않습니다.
"""

from __future__ import annotations

import pathlib
import re
import subprocess
import sys

import pytest

ROOT = pathlib.Path(__file__).resolve().parent.parent
DEMOS = sorted((ROOT / "demos").glob("*.py"))
HANGUL = re.compile("[\uac00-\ud7a3]")
TIMEOUT = 120  # 초. 멈춘 스크립트를 잡아내기 위한 넉넉한 상한입니다.


def test_demo_folder_has_scripts():
    names = {path.name for path in DEMOS}
    for expected in ("single_neuron.py", "moons_sgd.py", "iris_softmax.py", "mse_regression.py"):
        assert expected in names


@pytest.mark.parametrize("script", DEMOS, ids=lambda p: p.stem)
def test_demo_runs_and_prints_korean(script, tmp_path):
    result = subprocess.run([sys.executable, str(script)], cwd=tmp_path, capture_output=True,
                            text=True, encoding="utf-8", timeout=TIMEOUT)
    assert result.returncode == 0, result.stderr
    assert any(HANGUL.search(line) for line in result.stdout.splitlines()), result.stdout
