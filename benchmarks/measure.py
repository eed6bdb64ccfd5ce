"""측정 도구: 반복 실행과 통계, tracemalloc으로 잰 최대 메모리, 기계 정보."""

from __future__ import annotations

import gc
import os
import platform
import statistics
import sys
import tracemalloc
from dataclasses import dataclass, field
from typing import Callable

from benchmarks.common import Sample

# 재귀 한도를 넘거나 메모리가 모자라면 그 엔진은 그 크기에서 실패한 것으로 적습니다.
FAILURES = (RecursionError, MemoryError)


@dataclass
class Result:
    """(작업, 엔진) 하나의 측정 결과. 시간은 초, 메모리는 바이트입니다."""

    samples: list[Sample] = field(default_factory=list)
    peak: int | None = None
    nodes: int | None = None
    error: str | None = None

    def _stat(self, name: str, fn: Callable) -> float | None:
        values = [getattr(s, name) for s in self.samples if getattr(s, name) is not None]
        return fn(values) if values else None

    @property
    def median(self) -> float | None:
        return self._stat("total", statistics.median)

    @property
    def min(self) -> float | None:
        return self._stat("total", min)

    @property
    def max(self) -> float | None:
        return self._stat("total", max)

    @property
    def backward_ratio(self) -> float | None:
        """역전파 시간 / 순전파 시간 (중앙값끼리)."""
        forward = self._stat("forward", statistics.median)
        backward = self._stat("backward", statistics.median)
        return backward / forward if forward and backward is not None else None

    @property
    def loss(self) -> float | None:
        return self.samples[-1].loss if self.samples else None


def run_timed(fn: Callable[..., Sample], size: int, repeat: int) -> Result:
    """`fn(size)`를 repeat번 실행합니다. 실행마다 먼저 gc.collect()로 앞 실행의 쓰레기를 치웁니다.

    gc는 켜 둔 채로 잽니다. 사용자가 보통 그렇게 쓰기 때문입니다.
    """
    result = Result()
    for _ in range(repeat):
        gc.collect()
        try:
            result.samples.append(fn(size))
        except FAILURES as exc:
            result.error = f"{type(exc).__name__} (크기 {size})"
            break
    return result


def probe_memory(fn: Callable[..., Sample], size: int, result: Result) -> None:
    """tracemalloc을 켜고 한 번 더 실행해 최대 메모리(역전파 포함)와 노드 수를 `result`에 적습니다.

    tracemalloc은 실행을 몇 배 느리게 하므로 시간 측정과 따로 합니다.
    """
    gc.collect()
    tracemalloc.start()
    try:
        sample = fn(size, probe=True)
        result.peak = tracemalloc.get_traced_memory()[1]
        result.nodes = sample.nodes
    except FAILURES as exc:
        result.error = result.error or f"{type(exc).__name__} (크기 {size})"
    finally:
        tracemalloc.stop()


def find_failure(fn: Callable[..., Sample], sizes: range) -> tuple[int | None, int | None]:
    """크기를 늘려 가며 처음 실패하는 크기를 찾습니다. (통과한 마지막 크기, 실패한 크기)를 돌려줍니다."""
    passed = None
    for size in sizes:
        gc.collect()
        try:
            fn(size)
        except FAILURES:
            return passed, size
        passed = size
    return passed, None


def machine() -> dict[str, str]:
    """CPU 모델, 코어 수, 파이썬 버전, 플랫폼."""
    cpu = platform.processor() or "알 수 없음"
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            cpu = next((line.split(":", 1)[1].strip() for line in f if line.startswith("model name")), cpu)
    except OSError:
        pass
    return {
        "CPU": cpu,
        "코어": str(os.cpu_count()),
        "파이썬": f"{platform.python_implementation()} {sys.version.split()[0]}",
        "플랫폼": platform.platform(),
    }


def versions() -> dict[str, str]:
    """비교에 쓴 패키지의 버전. 설치되지 않았으면 빠집니다."""
    from importlib import metadata

    found = {}
    for name in ("micrograd_ko", "micrograd", "micrograd-rust"):
        try:
            found[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            pass
    return found
