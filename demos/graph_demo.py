"""계산 그래프 그림 데모: 강의의 뉴런과 접은 MLP를 SVG 파일로 저장합니다.

실행: python demos/graph_demo.py [저장할 폴더]   (기본 폴더: graphs)
만든 .svg 파일은 웹 브라우저로 열면 됩니다. SVG는 한글 글꼴 설치 없이도 한글이 보입니다.
"""

from __future__ import annotations

import pathlib
import sys

from micrograd_ko import Value
from micrograd_ko.nn import MLP
from micrograd_ko.viz import RenderError, draw_dot, render


def lecture_neuron() -> tuple[Value, Value]:
    """강의의 뉴런 o = tanh(x1·w1 + x2·w2 + b)를 만들고 역전파까지 합니다. (o, x1)을 돌려줍니다."""
    x1, x2 = Value(2.0, label="입력 x1"), Value(0.0, label="입력 x2")
    w1, w2 = Value(-3.0, label="w1"), Value(1.0, label="w2")
    b = Value(6.8813735870195432, label="b")
    n = x1 * w1 + x2 * w2 + b
    n.label = "가중합 n"
    o = n.tanh()
    o.label = "출력 o"
    o.backward()
    return o, x1


def mlp_loss() -> Value:
    """2-16-16-1 MLP에 표본 하나를 넣고 제곱 오차 손실 (예측 − 정답)²을 역전파합니다."""
    model = MLP(2, [16, 16, 1], activation="relu", seed=0)
    loss = (model([0.5, -1.0]) - 1.0) ** 2
    loss.label = "손실 함수"
    loss.backward()
    return loss


def main() -> int:
    folder = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "graphs")
    folder.mkdir(parents=True, exist_ok=True)
    neuron, x1 = lecture_neuron()
    loss = mlp_loss()

    # 1) 뉴런 하나: 간선마다 국소 미분(∂출력/∂입력)을 적습니다.
    jobs = [(draw_dot(neuron, show_local_grads=True), "neuron.svg", "강의의 뉴런 (간선에 국소 미분)")]

    # 2) 같은 뉴런을 위에서 아래로 그리고, 기울기의 절댓값이 가장 큰 입력 x1을 강조합니다.
    jobs.append((draw_dot(neuron, rankdir="TB", highlight=[x1]), "neuron_tb.svg", "위 → 아래 방향, x1 강조"))

    # 3) MLP: 접지 않으면 노드가 수백 개라서 뉴런이나 층 단위로 접어서 그립니다.
    jobs.append((draw_dot(loss, fold="neuron"), "mlp_neurons.svg", "2-16-16-1 MLP, 뉴런마다 상자 하나"))
    jobs.append((draw_dot(loss, fold="layer"), "mlp_layers.svg", "2-16-16-1 MLP, 층마다 상자 하나"))

    try:
        for graph, name, title in jobs:
            path = render(graph, folder / name)
            print(f"저장했습니다: {path} ({title})")
    except RenderError as error:
        # 렌더러가 없어도 DOT 원본은 저장할 수 있습니다.
        print(error)
        for graph, name, _ in jobs:
            dot_path = folder / name.replace(".svg", ".dot")
            graph.save(dot_path)
            print(f"DOT 원본을 저장했습니다: {dot_path}")
        return 1
    try:
        draw_dot(loss)
    except ValueError as error:
        print(f"접지 않은 MLP는 그리지 않습니다: {error}")
    print(f"브라우저로 {folder}/neuron.svg를 열어 보세요.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
