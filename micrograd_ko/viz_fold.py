"""그래프 접기: 가중합 노드에서 뉴런을 찾고, 같은 입력을 받는 뉴런을 층으로 묶습니다.

그래프 구조만 봅니다. 가중합("linear") 노드 하나 + 다른 곳에서 쓰지 않는 가중치, 편향 잎 +
그 가중합만 받는 활성화 함수(relu, tanh, sigmoid) 노드 하나가 뉴런 하나입니다.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from micrograd_ko.engine import Value
from micrograd_ko.viz_graph import ROLE_COLORS, table_row, escape_label, format_number, table

ACTIVATION_OPS = ("relu", "tanh", "sigmoid")


@dataclass
class Neuron:
    """가중합 노드 하나와 그 매개변수, 뒤따르는 활성화 함수 노드(있으면)의 묶음입니다."""

    linear: Value
    output: Value
    inputs: tuple
    absorbed: list = field(default_factory=list)

    @property
    def activation(self) -> str:
        return self.output._op.symbol if self.output is not self.linear else "없음"


def consumers_of(order: list[Value]) -> dict[Value, list[Value]]:
    """노드마다 그것을 부모로 쓰는 노드의 목록입니다 (a*a처럼 두 번 쓰면 두 번 들어갑니다)."""
    result: dict[Value, list[Value]] = {node: [] for node in order}
    for node in order:
        for parent in node._parents:
            result[parent].append(node)
    return result


def find_neurons(order: list[Value], consumers: dict) -> list[Neuron]:
    """그래프 구조에서 뉴런을 찾습니다: 가중합("linear") 노드 + 잎 매개변수 + 활성화 하나."""
    neurons = []
    for node in order:
        if node._op is None or node._op.name != "linear":
            continue
        n = (len(node._parents) - 1) // 2
        weights_and_bias = (*node._parents[:n], node._parents[-1])
        absorbed = [p for p in weights_and_bias if p._op is None and len(consumers[p]) == 1]
        output = node
        users = consumers[node]
        if len(users) == 1 and users[0]._op.name in ACTIVATION_OPS:
            output = users[0]
            absorbed.append(node)
        neurons.append(Neuron(node, output, node._parents[n : 2 * n], absorbed))
    return neurons


def group_layers(neurons: list[Neuron], index: dict) -> list[list[Neuron]]:
    """같은 입력 목록을 받는 뉴런끼리 한 층으로 묶습니다. 층은 위상 정렬 순서를 따릅니다."""
    groups: dict[tuple, list[Neuron]] = {}
    for neuron in neurons:
        key = tuple(index[x] for x in neuron.inputs)
        groups.setdefault(key, []).append(neuron)
    return sorted(groups.values(), key=lambda layer: index[layer[0].output])


def neuron_label(neuron: Neuron, title: str, color: str) -> str:
    """접힌 뉴런 상자의 레이블: 이름, 입력 수와 활성화 함수, 출력의 data와 grad."""
    name = escape_label(neuron.output.label) if neuron.output.label else title
    detail = f"Σ wᵢxᵢ + b, 활성화 {escape_label(neuron.activation)}, 입력 {len(neuron.inputs)}개"
    out = neuron.output
    return table([table_row(name, detail, f"data {format_number(out.data)}", f"grad {format_number(out.grad)}")], color)


def layer_label(number: int, layer: list[Neuron], index: dict, color: str) -> str:
    """접힌 층 상자의 레이블: 머리 한 줄과 뉴런마다 출력의 data, grad 한 줄."""
    activation = escape_label(layer[0].activation)
    head = f"층 {number}: 뉴런 {len(layer)}개, 입력 {len(layer[0].inputs)}개, 활성화 {activation}"
    rows = [f'<TR><TD COLSPAN="3"><B>{head}</B></TD></TR>']
    for k, neuron in enumerate(layer, start=1):
        out = neuron.output
        rows.append(table_row(f"뉴런 {k}", f"data {format_number(out.data)}", f"grad {format_number(out.grad)}",
                           port=f"n{index[out]}"))
    return table(rows, color)


def fold_plan(order, index, fold):
    """접을 상자들과, 상자에 숨는 노드 → 상자 이름, 출력 노드 → 간선이 나갈 곳을 정합니다."""
    boxes, owner, tails = [], {}, {}
    if fold is None:
        return boxes, owner, tails
    layers = group_layers(find_neurons(order, consumers_of(order)), index)
    for number, layer in enumerate(layers, start=1):
        if fold == "neuron":
            for k, neuron in enumerate(layer, start=1):
                name = f"v{index[neuron.output]}"
                boxes.append((name, neuron_label(neuron, f"층 {number} 뉴런 {k}", ROLE_COLORS["neuron"]), [neuron]))
                tails[neuron.output] = name
        else:
            name = f"layer{number}"
            boxes.append((name, layer_label(number, layer, index, ROLE_COLORS["neuron"]), layer))
            tails.update((neuron.output, f"{name}:n{index[neuron.output]}") for neuron in layer)
    for name, _, group in boxes:
        for neuron in group:
            owner.update((node, name) for node in (*neuron.absorbed, neuron.output))
    return boxes, owner, tails
