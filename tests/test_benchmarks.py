"""벤치마크 모음이 아주 작은 크기에서 돌아가는지 확인합니다. 시간은 검사하지 않습니다."""

from __future__ import annotations

import gc
import io
import math
import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks import common, karpathy, ko, plain, run
from micrograd_ko import Value

ROOT = Path(__file__).resolve().parent.parent
TINY = {"w1": 4, "w2": 2, "w3": 50, "w4": 50}


@pytest.mark.parametrize("name", ["w1", "w2", "w3", "w4"])
def test_micrograd_ko_loss_matches_plain_float(name):
    """같은 입력과 가중치이면 micrograd_ko와 float 기준선의 손실이 같습니다 (학습 뒤의 W2 포함)."""
    ours = getattr(ko, name)(TINY[name])
    baseline = getattr(plain, name)(TINY[name])
    assert math.isclose(ours.loss, baseline.loss, rel_tol=1e-12, abs_tol=1e-12)


@pytest.mark.parametrize("name", ["w1", "w2", "w3", "w4"])
def test_micrograd_ko_probe_counts_nodes(name):
    sample = getattr(ko, name)(TINY[name], probe=True)
    assert sample.nodes > 0


@pytest.mark.parametrize("name", ["w1", "w2", "w3", "w4"])
def test_micrograd_workload_matches_plain_float(name):
    if not karpathy.AVAILABLE:
        pytest.skip("micrograd가 설치되지 않았습니다.")
    theirs = getattr(karpathy, name)(TINY[name])
    baseline = getattr(plain, name)(TINY[name])
    assert math.isclose(theirs.loss, baseline.loss, rel_tol=1e-9, abs_tol=1e-12)


def test_main_job_runs_one_epoch():
    assert ko.main_job(1).loss > 0
    assert plain.main_job(1).loss > 0


def test_cli_quick_prints_machine_and_table():
    out = io.StringIO()
    assert run.main(["--quick", "--only", "W1,W3,W4"], out=out) == 0
    text = out.getvalue()
    assert "CPU:" in text
    assert "| W1 | micrograd_ko |" in text
    assert "| W4 | float |" in text


def test_cli_unknown_workload_exits_with_message():
    with pytest.raises(SystemExit, match="알 수 없는 작업"):
        run.main(["--quick", "--only", "W9"], out=io.StringIO())


def test_run_script_works_as_file():
    done = subprocess.run([sys.executable, "benchmarks/run.py", "--quick", "--only", "W3"],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "| W3 | micrograd_ko |" in done.stdout


def test_graph_has_no_reference_cycles():
    """노드에 클로저가 없으므로 그래프는 참조 계수만으로 해제되고 gc가 치울 순환이 없습니다."""
    gc.collect()
    a, b = [Value(float(i)) for i in range(100)], [Value(1.0) for _ in range(100)]
    loss = Value.sum(x * y for x, y in zip(a, b)).relu()
    loss.backward()
    del a, b, loss
    assert gc.collect() == 0


def test_backward_restores_gc_state():
    x = Value(2.0)
    was_enabled = gc.isenabled()
    (x * x).backward()
    assert gc.isenabled() == was_enabled
    gc.disable()
    try:
        (x * x).backward()
        assert not gc.isenabled()
    finally:
        if was_enabled:
            gc.enable()


def test_sizes_have_full_and_quick_entries():
    for name in run.WORKLOADS:
        full, quick = common.SIZES[name]
        assert quick <= full
