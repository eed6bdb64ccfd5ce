"""튜토리얼(docs/tutorial.ko.md)의 그림을 모두 코드로 만듭니다. 그림은 손으로 그리지 않습니다.

실행: python docs/make_images.py [저장할 폴더]   (기본 폴더: docs/images, 도움말: --help)

그림은 SVG로 저장합니다. SVG는 글꼴을 여는 쪽(브라우저)이 고르므로 한글 글꼴 없이 만들 수
있고 파일도 작습니다. 렌더러는 micrograd_ko.viz.render와 같습니다 (pygraphviz, 없으면 dot).
"""

from __future__ import annotations

import pathlib

from micrograd_ko import Value
from micrograd_ko.nn import MLP
from micrograd_ko.viz import FONTNAME, Digraph, draw_dot, render

IMAGES = pathlib.Path(__file__).resolve().parent / "images"


def training_cycle() -> Digraph:
    """학습의 네 단계(순전파 → 손실 계산 → 역전파 → 가중치 업데이트)가 도는 고리를 그립니다."""
    g = Digraph(graph_attr={"rankdir": "LR", "fontname": FONTNAME, "nodesep": "0.4"},
                node_attr={"fontname": FONTNAME, "fontsize": "12", "shape": "box", "style": "rounded,filled",
                           "fillcolor": "#eef2ff", "color": "#4f46e5"},
                edge_attr={"fontname": FONTNAME, "fontsize": "10", "color": "#4f46e5"})
    steps = [
        ("forward", "1. 순전파\n입력으로 예측 계산"),
        ("loss", "2. 손실 계산\n예측과 정답 비교"),
        ("backward", "3. 역전파\n기울기 ∂L/∂w"),
        ("update", "4. 가중치 업데이트\n새 w = w − 학습률 × 기울기"),
    ]
    for name, label in steps:
        g.node(name, label)
    for (a, _), (b, _) in zip(steps, steps[1:]):
        g.edge(a, b)
    g.edge("update", "forward", label="다음 반복", constraint="false", style="dashed")
    return g


def lecture_neuron() -> Value:
    """튜토리얼 4장의 뉴런 o = tanh(x1·w1 + x2·w2 + b)를 같은 이름으로 만들고 역전파합니다."""
    x1, x2 = Value(2.0, label="x1"), Value(0.0, label="x2")
    w1, w2 = Value(-3.0, label="w1"), Value(1.0, label="w2")
    b = Value(6.8813735870195432, label="b")
    x1w1 = x1 * w1
    x1w1.label = "x1w1"
    x2w2 = x2 * w2
    x2w2.label = "x2w2"
    n = x1w1 + x2w2 + b
    n.label = "n"
    o = n.tanh()
    o.label = "o"
    o.backward()
    return o


def small_mlp_output() -> Value:
    """튜토리얼 2장의 MLP(3 → 4 → 4 → 1)에 입력 하나를 넣은 순전파 그래프입니다."""
    model = MLP(3, [4, 4, 1], activation="tanh", seed=0)
    out = model([2.0, 3.0, -1.0])
    out.label = "예측"
    return out


def main(folder: pathlib.Path = IMAGES) -> list[pathlib.Path]:
    """그림을 모두 `folder`에 저장하고 저장한 경로의 목록을 돌려줍니다."""
    folder.mkdir(parents=True, exist_ok=True)
    return [
        render(training_cycle(), folder / "training_cycle.svg"),
        render(draw_dot(lecture_neuron(), show_local_grads=True), folder / "neuron_backward.svg"),
        render(draw_dot(small_mlp_output(), fold="neuron"), folder / "mlp_forward.svg"),
    ]


if __name__ == "__main__":
    # 도움말과 오류를 명령줄 도구(python -m micrograd_ko)처럼 한국어로 보여 줍니다.
    from micrograd_ko.cli import KoreanArgumentParser

    parser = KoreanArgumentParser(description="튜토리얼의 그림(SVG)을 코드로 다시 만듭니다.")
    parser.add_argument("folder", nargs="?", type=pathlib.Path, default=IMAGES,
                        help=f"그림을 저장할 폴더 (기본값: {IMAGES})")
    for path in main(parser.parse_args().folder):
        print(f"저장했습니다: {path} ({path.stat().st_size:,}바이트)")
