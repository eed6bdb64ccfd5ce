"""벤치마크 모음을 실행하고 결과를 마크다운 표로 출력합니다.

사용법:
    python -m benchmarks                 # 전체 크기, 3번 반복
    python -m benchmarks --quick         # 아주 작은 크기 (테스트가 씁니다)
    python -m benchmarks --repeat 5 --only W1,W2
    python benchmarks/run.py --quick
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Sequence, TextIO

if __package__ in (None, ""):  # python benchmarks/run.py로 실행할 때 저장소 루트를 찾게 합니다.
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import common, karpathy, ko, measure, plain  # noqa: E402

ENGINES = ("float", "micrograd_ko", "micrograd")

# 작업 이름: (설명, {엔진: 함수}). 함수는 크기를 받아 Sample을 돌려줍니다.
WORKLOADS = {
    "W1": ("MLP 2-16-16-1 한 단계: 반달 100개, 힌지 손실 + 1e-4 L2, 역전파, SGD",
           {"float": plain.w1, "micrograd_ko": ko.w1, "micrograd": karpathy.w1}),
    "W2": ("강의 예제: MLP 10-32-16-1, 이진 크로스엔트로피, 표본 80개, 배치 32, 10 에폭, Adam",
           {"float": plain.w2, "micrograd_ko": ko.w2, "micrograd": karpathy.w2}),
    "W3": ("사슬 y = 0.0001 + 1.0001·y, 연산 N번, 역전파",
           {"float": plain.w3, "micrograd_ko": ko.w3, "micrograd": karpathy.w3}),
    "W4": ("Σ aᵢ·bᵢ, 곱 10⁶개, 만들기 + 역전파",
           {"float": plain.w4, "micrograd_ko": ko.w4, "micrograd": karpathy.w4}),
    "main": ('기본 작업: pipeline.run(dataset="breast_cancer", epochs=10, verbose=0)',
             {"float": plain.main_job, "micrograd_ko": ko.main_job}),
}

# tracemalloc을 켜면 몇 배 느려지므로 이 조합은 메모리를 재지 않습니다 (micrograd W2는 수십 초).
SKIP_MEMORY = {("W2", "micrograd")}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description="micrograd_ko 벤치마크 모음")
    parser.add_argument("--quick", action="store_true", help="아주 작은 크기로 빨리 한 번 돌립니다 (테스트용).")
    parser.add_argument("--repeat", type=int, default=None, help="작업마다 반복 횟수 (기본값: 3, --quick이면 1).")
    parser.add_argument("--only", default="", help="돌릴 작업을 쉼표로 적습니다. 예: W1,W2 (기본값: 모두)")
    return parser


def _selected(only: str) -> list[str]:
    if not only:
        return list(WORKLOADS)
    names = [n.strip() for n in only.split(",") if n.strip()]
    unknown = [n for n in names if n not in WORKLOADS]
    if unknown:
        raise SystemExit(f"알 수 없는 작업입니다. 받은 값: {', '.join(unknown)}. 가능한 값: {', '.join(WORKLOADS)}")
    return names


def measure_workload(name: str, quick: bool, repeat: int) -> dict[str, measure.Result]:
    """작업 하나를 엔진마다 재서 {엔진: Result}를 돌려줍니다."""
    size = common.SIZES[name][1 if quick else 0]
    results = {}
    for engine, fn in WORKLOADS[name][1].items():
        if engine == "micrograd" and not karpathy.AVAILABLE:
            continue
        if engine == "micrograd" and name == "W3":
            results[engine] = _micrograd_chain(size, quick)
            continue
        result = measure.run_timed(fn, size, repeat)
        if result.error is None and (name, engine) not in SKIP_MEMORY:
            measure.probe_memory(fn, size, result)
        results[engine] = result
    if "float" in results and "micrograd_ko" in results:
        results["float"].nodes = results["micrograd_ko"].nodes  # 같은 계산의 노드 수로 나눕니다.
    return results


def _micrograd_chain(size: int, quick: bool) -> measure.Result:
    # micrograd는 재귀로 정렬하므로 사슬을 50씩 늘리며 처음 실패하는 길이를 찾습니다.
    passed, failed = measure.find_failure(karpathy.w3, range(50, min(size, 5000) + 1, 50))
    if failed is None:
        return measure.run_timed(karpathy.w3, size, 1)
    result = measure.run_timed(karpathy.w3, passed, 1) if passed else measure.Result()
    result.error = f"N = {failed}에서 RecursionError (N = {passed}은 통과)"
    return result


def _cell(x: float | None, fmt: str) -> str:
    return "—" if x is None else format(x, fmt)


def _memory(result: measure.Result) -> tuple[str, str]:
    if result.peak is None:
        return "—", "—"
    per_node = f"{result.peak / result.nodes:,.0f} B" if result.nodes else "—"
    return f"{result.peak / 2**20:,.1f} MiB", per_node


def table(all_results: dict[str, dict[str, measure.Result]]) -> list[str]:
    """결과를 마크다운 표의 줄 목록으로 만듭니다."""
    lines = ["| 작업 | 엔진 | 중앙값 (초) | 최소 | 최대 | float 대비 | micrograd_ko 대비 | 역전파/순전파 "
             "| 최대 메모리 | 노드 | 바이트/노드 |",
             "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for name, results in all_results.items():
        base, ours = results.get("float"), results.get("micrograd_ko")
        for engine, r in results.items():
            ok = r.error is None and r.median is not None
            vs_float = r.median / base.median if ok and base and base.median else None
            vs_ours = r.median / ours.median if ok and ours and ours.median else None
            peak, per_node = _memory(r)
            median = _cell(r.median, ".4g") if r.error is None else f"실패: {r.error}"
            lines.append(f"| {name} | {engine} | {median} | {_cell(r.min, '.4g')} | {_cell(r.max, '.4g')} "
                         f"| {_cell(vs_float, '.1f')}× | {_cell(vs_ours, '.2f')}× | {_cell(r.backward_ratio, '.2f')} "
                         f"| {peak} | {_cell(r.nodes, ',d')} | {per_node} |")
    return lines


def main(argv: Sequence[str] | None = None, out: TextIO | None = None) -> int:
    """벤치마크를 실행해 기계 정보와 표를 `out`(기본값: 표준 출력)에 씁니다."""
    out = out or sys.stdout
    args = build_parser().parse_args(argv)
    repeat = args.repeat or (1 if args.quick else 3)
    if repeat < 1:
        raise SystemExit(f"--repeat는 1 이상이어야 합니다. 받은 값: {repeat!r}.")
    names = _selected(args.only)

    print("## 기계", file=out)
    for key, value in {**measure.machine(), **measure.versions()}.items():
        print(f"- {key}: {value}", file=out)
    if not karpathy.AVAILABLE:
        print("- micrograd: 설치되지 않아 건너뜁니다 (pip install micrograd==0.1.0).", file=out)
    print(f"- 명령: python -m benchmarks {' '.join(argv if argv is not None else sys.argv[1:])}".rstrip(), file=out)
    print(file=out)

    all_results = {}
    for name in names:
        all_results[name] = measure_workload(name, args.quick, repeat)
        out.flush()
    print("## 결과", file=out)
    for name in names:
        print(f"- {name}: {WORKLOADS[name][0]} (크기 {common.SIZES[name][1 if args.quick else 0]:,})", file=out)
    print(file=out)
    print("\n".join(table(all_results)), file=out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
