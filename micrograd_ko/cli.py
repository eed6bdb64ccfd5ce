"""명령줄 도구: 기본 작업(학습), graph, explain, step, exercise.

`python -m micrograd_ko`만 입력하면 내장 유방암 데이터로 강의의 Keras 예제를 학습합니다.
이 모듈만 인자를 해석하고 터미널을 읽습니다.
"""

from __future__ import annotations

import argparse
import os
import pathlib
import sys
import warnings
from typing import Sequence, TextIO

from micrograd_ko import pipeline

__all__ = ["main", "build_parser"]

COMMANDS = ("train", "graph", "explain", "step", "exercise")


class KoreanArgumentParser(argparse.ArgumentParser):
    """도움말과 오류를 한국어로 보여 주는 ArgumentParser입니다."""

    _TRANSLATIONS = (
        ("the following arguments are required: ", "다음 인자가 필요합니다: "),
        ("unrecognized arguments: ", "알 수 없는 인자입니다: "),
        ("invalid choice: ", "허용되지 않는 값입니다: "),
        ("(choose from ", "(가능한 값: "),
        ("invalid int value: ", "정수가 아닙니다: "),
        ("invalid float value: ", "실수가 아닙니다: "),
        ("expected one argument", "값 하나가 필요합니다"),
        ("expected at least one argument", "값이 하나 이상 필요합니다"),
        ("argument ", "인자 "),
    )

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("add_help", False)
        kwargs.setdefault("formatter_class", _KoreanHelpFormatter)
        super().__init__(*args, **kwargs)
        self._positionals.title = "위치 인자"
        self._optionals.title = "옵션"
        self.add_argument("-h", "--help", action="help", help="이 도움말을 보여 주고 끝냅니다.")

    def error(self, message: str) -> None:
        for english, korean in self._TRANSLATIONS:
            message = message.replace(english, korean)
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: 오류: {message}\n'{self.prog} --help'로 사용법을 보세요.\n")


class _KoreanHelpFormatter(argparse.RawDescriptionHelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):
        # 하위 명령의 prog는 빈 prefix로 만들어지므로 그때는 그대로 둡니다.
        super().add_usage(usage, actions, groups, prefix="사용법: " if prefix is None else prefix)


def _add_expression_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("expression", metavar="식", help='계산할 식. 예: "tanh(w1*x1 + w2*x2 + b)"')
    parser.add_argument("--set", nargs="+", default=[], metavar="이름=값",
                        help="변수 값. 예: --set x1=2 x2=0 w1=-3")


def _positive(kind: type):
    """0보다 큰 kind(int나 float) 값만 받는 argparse 자료형을 만듭니다."""
    name = "정수" if kind is int else "실수"

    def convert(text: str):
        try:
            value = kind(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{name}가 아닙니다: {text!r}") from None
        if not 0 < value < float("inf"):
            finite = "유한한 " if kind is float else ""
            raise argparse.ArgumentTypeError(f"0보다 큰 {finite}{name}여야 합니다. 받은 값: {text!r}")
        return value

    return convert


def _non_negative_int(text: str) -> int:
    """0 이상의 정수만 받는 argparse 자료형입니다 (시드)."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"정수가 아닙니다: {text!r}") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"0 이상의 정수여야 합니다. 받은 값: {text!r}")
    return value


def _add_train_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--dataset", choices=sorted(pipeline.DATASETS), default="breast_cancer",
                        help="데이터 세트 (기본값: breast_cancer). random은 강의의 무작위 데이터입니다.")
    parser.add_argument("--epochs", type=_positive(int), default=10, metavar="N",
                        help="에폭 수: 전체 데이터를 몇 번 볼지 (기본값: 10).")
    parser.add_argument("--batch-size", type=_positive(int), default=32, metavar="N", help="배치 크기 (기본값: 32).")
    parser.add_argument("--seed", type=_non_negative_int, default=42, metavar="N",
                        help="데이터 분할과 가중치 초기화의 시드 (기본값: 42).")
    parser.add_argument("--optimizer", choices=["adam", "sgd"], default="adam", help="옵티마이저 (기본값: adam).")
    parser.add_argument("--lr", type=_positive(float), default=None, metavar="학습률",
                        help="학습률 (기본값: breast_cancer와 random은 0.001, iris와 moons는 0.01. sgd는 그 10배).")
    parser.add_argument("--verbose", type=int, choices=[0, 1, 2], default=2,
                        help="학습 중 출력: 0 없음, 1 진행 막대, 2 에폭마다 한 줄 (기본값: 2).")


def build_parser() -> KoreanArgumentParser:
    """모든 하위 명령을 가진 인자 해석기를 만듭니다."""
    parser = KoreanArgumentParser(
        prog="python -m micrograd_ko",
        description="micrograd_ko: 한국어로 배우는 역전파.\n"
        "하위 명령 없이 실행하면 내장 유방암 데이터로 신경망을 학습합니다 (train과 같습니다).",
        epilog="학습 옵션(--dataset, --epochs, --seed, --optimizer, --lr)은 "
        "'python -m micrograd_ko train --help'로 봅니다.\n"
        "예: python -m micrograd_ko --dataset iris --epochs 30",
    )
    sub = parser.add_subparsers(dest="command", title="하위 명령", metavar="{train,graph,explain,step,exercise}",
                                parser_class=KoreanArgumentParser)

    train = sub.add_parser("train", help="데이터로 신경망을 학습합니다 (기본 작업).")
    _add_train_arguments(train)

    graph = sub.add_parser("graph", help="식의 계산 그래프를 그림 파일로 저장합니다.")
    _add_expression_arguments(graph)
    graph.add_argument("-o", "--output", default="graph.svg", metavar="파일", help="저장할 파일 (기본값: graph.svg).")
    graph.add_argument("--format", choices=["svg", "png", "pdf"], help="그림 형식 (기본값: 파일 확장자).")
    graph.add_argument("--no-backward", action="store_true", help="역전파를 하지 않고 순전파 값만 그립니다.")
    graph.add_argument("--fold", choices=["neuron", "layer"], help="뉴런이나 층을 상자 하나로 접습니다.")
    graph.add_argument("--local-grads", action="store_true", help="간선마다 국소 미분 ∂out/∂in을 적습니다.")
    graph.add_argument("--rankdir", choices=["LR", "TB"], default="LR", help="그리는 방향 (기본값: LR).")

    explain = sub.add_parser("explain", help="역전파를 한 단계씩 한국어로 설명합니다.")
    _add_expression_arguments(explain)

    step = sub.add_parser("step", help="Enter를 누를 때마다 역전파를 한 단계씩 진행합니다.")
    _add_expression_arguments(step)
    step.add_argument("--html", metavar="파일", help="단계별 HTML 뷰어를 이 파일로 저장하고 끝냅니다.")

    exercise = sub.add_parser("exercise", help="채점되는 연습 문제: list, start N, check N.")
    exercise.add_argument("action", choices=["list", "start", "check"], metavar="{list,start,check}",
                          help="list: 문제 목록, start: 뼈대 파일 복사, check: 내 풀이 채점.")
    exercise.add_argument("number", nargs="?", type=int, metavar="번호", help="문제 번호 (start와 check에 필요합니다).")
    exercise.add_argument("--path", metavar="경로", help="check할 파일이나 폴더 (기본값: 현재 폴더의 뼈대 파일 이름).")
    exercise.add_argument("--overwrite", action="store_true", help="start가 이미 있는 파일을 덮어씁니다.")
    return parser


def _build_expression(args: argparse.Namespace):
    from micrograd_ko import expr

    values = expr.parse_assignments(args.set)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        root = expr.parse_mapping(args.expression, values, command_line=True)
    for warning in caught:
        print(f"경고: {warning.message}", file=sys.stderr)
    return root


def _name_like_explain(root) -> None:
    """이름 없는 노드에 explain과 step이 쓰는 이름(예: 곱셈3, 출력은 L)을 붙입니다.

    그래서 그림의 상자와 설명 글의 이름이 서로 맞습니다.
    """
    from micrograd_ko import explain

    for node, name in explain.node_names(root).items():
        if not node.label:
            node.label = name


def _run_graph(args: argparse.Namespace, out: TextIO) -> int:
    from micrograd_ko import viz

    suffix = pathlib.Path(args.output).suffix.lower().lstrip(".")
    if not args.format and suffix not in viz.FORMATS:
        raise ValueError(f"파일 확장자로 그림 형식을 정할 수 없습니다. 받은 경로: {args.output!r}. "
                         "-o graph.svg처럼 .svg, .png, .pdf 중 하나로 끝내거나 --format svg처럼 형식을 정하세요.")
    if args.format and suffix and suffix != args.format:
        raise ValueError(f"--format과 파일 확장자가 다릅니다. --format: {args.format}, 파일: {args.output}. "
                         f"둘을 맞추세요 (예: -o graph.{args.format}).")
    root = _build_expression(args)
    if not args.no_backward:
        root.backward()
    _name_like_explain(root)
    digraph = viz.draw_dot(root, rankdir=args.rankdir, show_local_grads=args.local_grads, fold=args.fold)
    path = viz.render(digraph, args.output, format=args.format)
    print(f"그래프를 저장했습니다: {path}", file=out)
    return 0


def _run_explain(args: argparse.Namespace, out: TextIO) -> int:
    from micrograd_ko import explain

    print(explain.explain(_build_expression(args)), file=out)
    return 0


def _run_step(args: argparse.Namespace, out: TextIO, stdin: TextIO) -> int:
    from micrograd_ko import explain

    root = _build_expression(args)
    if args.html is not None:
        from micrograd_ko import viz

        path = viz.backward_html(root, args.html)
        print(f"HTML 뷰어를 저장했습니다: {path}. 브라우저로 여세요.", file=out)
        return 0
    stepper = explain.Stepper(root)
    print(stepper.intro(), file=out)
    for line in _command_lines(stdin, out):
        print(stepper.command(line), file=out)
        if stepper.quit_requested:
            break
    return 0


def _command_lines(stdin: TextIO, out: TextIO):
    """터미널이면 프롬프트를 보여 주며 한 줄씩 읽고, 파이프면 줄을 그대로 읽습니다."""
    if not stdin.isatty():
        yield from stdin
        return
    while True:
        print("\n명령 (Enter: 다음, h: 도움말, q: 종료)> ", end="", file=out, flush=True)
        line = stdin.readline()
        if not line:
            return
        yield line


def _run_exercise(args: argparse.Namespace, out: TextIO) -> int:
    from micrograd_ko import exercises

    if args.action == "list":
        print(exercises.list_exercises(), file=out)
        return 0
    if args.number is None:
        raise ValueError(f"문제 번호가 필요합니다. 예: python -m micrograd_ko exercise {args.action} 1")
    if args.action == "start":
        path = exercises.start(args.number, ".", overwrite=args.overwrite)
        print(f"뼈대 파일을 만들었습니다: {path}", file=out)
        print(f"TODO 부분을 채운 뒤 채점하세요: python -m micrograd_ko exercise check {args.number}", file=out)
        return 0
    report = exercises.check(args.number, args.path)
    print(report, file=out)
    return 0 if report.passed else 1


def main(argv: Sequence[str] | None = None, out: TextIO | None = None, stdin: TextIO | None = None) -> int:
    """명령줄 인자를 해석해서 해당 작업을 실행하고 종료 코드를 돌려줍니다."""
    argv = list(sys.argv[1:] if argv is None else argv)
    out = out or sys.stdout
    stdin = stdin or sys.stdin
    if not argv or (argv[0] not in COMMANDS and argv[0] not in ("-h", "--help")):
        argv = ["train", *argv]
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if args.command == "graph":
            return _run_graph(args, out)
        if args.command == "explain":
            return _run_explain(args, out)
        if args.command == "step":
            return _run_step(args, out, stdin)
        if args.command == "exercise":
            return _run_exercise(args, out)
        return pipeline.run(
            dataset=args.dataset, epochs=args.epochs, batch_size=args.batch_size, seed=args.seed,
            optimizer=args.optimizer, lr=args.lr, verbose=args.verbose, out=out,
        ).exit_code
    except BrokenPipeError:
        # `... | head`처럼 읽는 쪽이 먼저 끝나면 조용히 멈춥니다. OSError보다 먼저 잡아야 합니다.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except (ValueError, TypeError, ZeroDivisionError, OverflowError, OSError, RuntimeError) as error:
        # 라이브러리가 낸 한국어 오류는 traceback 없이 보여 줍니다. OSError에는 파일 오류가 모두 들어 있습니다.
        print(f"오류: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("\n중단했습니다.", file=sys.stderr)
        return 130
