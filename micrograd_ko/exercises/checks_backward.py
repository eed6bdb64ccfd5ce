"""연습 5의 채점: 학습자의 위상 정렬과 역전파를 엔진의 것과 비교합니다."""

from __future__ import annotations

import math
from types import ModuleType

from micrograd_ko.engine import Value
from micrograd_ko.engine import topological_order as engine_order
from micrograd_ko.exercises._runner import Check, Failure, call_learner, search

# 학습자와 엔진은 같은 국소 미분을 쓰고 더하는 순서만 다를 수 있으므로 반올림 오차만 허용합니다.
REL_TOL, ABS_TOL = 1e-9, 1e-12
CHAIN_LENGTH = 10_000
SAMPLE_TEXT = "g = tanh((a×b + c) × (a×b)), a = 0.5, b = -1.0, c = 0.8"

ORDER_HINT = ("부모를 모두 목록에 넣은 다음에 자신을 넣으세요 (후위 순회). 자신을 먼저 넣으면 자식이 부모보다 "
              "앞에 옵니다. 목록을 뒤집는 일(reversed)은 backward에서 합니다.")
ACCUMULATE_HINT = ("같은 노드를 두 번 쓰면 두 경로의 기울기를 더해야 합니다 (연쇄 법칙의 합). "
                   "parent.grad = … 대신 parent.grad += …로 쓰세요.")
GENERAL_HINT = ("기울기가 다릅니다. 1) reversed(order)로 자식부터 돌았는지, 2) parent.grad += node.grad × 국소 미분으로 "
                "더했는지(=가 아니라 +=) 확인하세요.")


def _sample_graph() -> tuple[Value, list[Value]]:
    """d = a×b를 두 번 쓰는 작은 그래프를 만듭니다. 잎 노드는 a, b, c입니다."""
    a, b, c = Value(0.5, label="a"), Value(-1.0, label="b"), Value(0.8, label="c")
    d = a * b
    d.label = "d"
    e = d + c
    e.label = "e"
    f = e * d
    f.label = "f"
    g = f.tanh()
    g.label = "g"
    return g, [a, b, c]


def _chain() -> tuple[Value, list[Value]]:
    """x에 부호 바꾸기를 CHAIN_LENGTH번 한 사슬입니다. 짝수 번이므로 ∂root/∂x = 1입니다."""
    x = Value(0.5, label="x")
    node = x
    for _ in range(CHAIN_LENGTH):
        node = -node
    return node, [x]


def _short(value) -> str:
    text = repr(value)
    return text if len(text) <= 200 else text[:200] + " …"


def _expression_text(expression) -> str:
    values = ", ".join(f"x{i} = {v!r}" for i, v in enumerate(expression.values))
    return f"{expression.text}, {values}"


# ---------------------------------------------------------------- 위상 정렬


def _check_order(module: ModuleType, root: Value, inputs: str) -> None:
    order = call_learner(module, module.topological_order, root, inputs=inputs)
    if not isinstance(order, (list, tuple)):
        raise Failure(inputs, expected="노드(Value)의 list", received=f"{_short(order)} (자료형 {type(order).__name__})",
                      hint="방문한 노드를 list에 모아서 돌려주세요.")
    positions: dict[Value, int] = {}
    for i, node in enumerate(order):
        if not isinstance(node, Value):
            raise Failure(inputs, expected="Value만 담은 list", received=f"{i}번째 원소: {node!r}",
                          hint="목록에는 노드(Value) 자신을 넣으세요. .data를 넣으면 안 됩니다.")
        if node in positions:
            raise Failure(inputs, expected="노드마다 한 번씩", received=f"두 번 들어 있는 노드: {node!r}",
                          hint="방문한 노드를 set에 기록하고, 이미 방문한 노드는 다시 넣지 마세요.")
        positions[node] = i
    _check_complete(engine_order(root), positions, inputs)
    for node in order:
        for parent in node._parents:
            if positions[parent] > positions[node]:
                raise Failure(inputs, expected="모든 부모가 자식보다 앞에 있는 목록",
                              received=f"자식: {node!r} ({positions[node]}번째), 부모: {parent!r} ({positions[parent]}번째)",
                              hint=ORDER_HINT)


def _check_complete(nodes: list[Value], positions: dict[Value, int], inputs: str) -> None:
    missing = [node for node in nodes if node not in positions]
    if missing:
        raise Failure(inputs, expected=f"노드 {len(nodes)}개", received=f"노드 {len(positions)}개, 빠진 노드의 예: {missing[0]!r}",
                      hint="root에서 시작해서 node._parents를 따라가며 모든 노드를 방문하세요.")
    if len(positions) != len(nodes):
        raise Failure(inputs, expected=f"노드 {len(nodes)}개", received=f"노드 {len(positions)}개",
                      hint="목록에는 root의 그래프에 있는 노드만 넣으세요. 새 Value를 만들면 안 됩니다.")


# ---------------------------------------------------------------- 역전파


def _check_backward(module: ModuleType, build, inputs: str, hint: str = GENERAL_HINT) -> None:
    """`build()`로 같은 그래프를 두 번 만들어 학습자의 backward와 엔진의 backward를 비교합니다."""
    root, leaves = build()
    call_learner(module, module.backward, root, inputs=inputs)
    expected_root, expected_leaves = build()
    expected_root.backward()
    for i, (leaf, reference) in enumerate(zip(leaves, expected_leaves)):
        if not math.isclose(leaf.grad, reference.grad, rel_tol=REL_TOL, abs_tol=ABS_TOL):
            name = leaf.label or f"x{i}"
            raise Failure(inputs, expected=f"∂root/∂{name} = {reference.grad!r} (Value.backward())",
                          received=f"∂root/∂{name} = {leaf.grad!r}", hint=_backward_hint(root, leaves, hint))


def _backward_hint(root: Value, leaves: list[Value], hint: str) -> str:
    if root.grad != 1.0:
        return f"시작점의 기울기가 1이 아닙니다. 받은 root.grad: {root.grad!r}. 맨 처음에 root.grad = 1.0으로 두세요 (∂L/∂L = 1)."
    if all(leaf.grad == 0.0 for leaf in leaves):
        return ("잎 노드의 기울기가 모두 0입니다. 위상 정렬의 역순(reversed(order))으로 돌았는지, "
                "잎이 아닌 모든 노드에서 부모에게 기울기를 보냈는지 확인하세요. 역순이라야 자식의 기울기가 먼저 채워집니다.")
    return hint


def _square() -> tuple[Value, list[Value]]:
    a = Value(3.0, label="a")
    return a * a, [a]


# ---------------------------------------------------------------- 검사 목록


def _check_sample_order(module: ModuleType) -> None:
    _check_order(module, _sample_graph()[0], SAMPLE_TEXT)


def _check_random_order(module: ModuleType) -> None:
    from micrograd_ko.testing import expressions

    def evaluate(e) -> None:
        leaves = [Value(v, label=f"x{i}") for i, v in enumerate(e.values)]
        _check_order(module, e.build(*leaves), _expression_text(e))

    search(expressions(), evaluate)


def _check_random_backward(module: ModuleType) -> None:
    from micrograd_ko.testing import expressions

    def evaluate(e) -> None:
        def build():
            leaves = [Value(v, label=f"x{i}") for i, v in enumerate(e.values)]
            return e.build(*leaves), leaves

        _check_backward(module, build, _expression_text(e))

    search(expressions(), evaluate)


def _check_chain(module: ModuleType) -> None:
    inputs = f"x = 0.5에 부호 바꾸기(−)를 {CHAIN_LENGTH:,}번 한 사슬 (노드 {CHAIN_LENGTH + 1:,}개)"
    _check_order(module, _chain()[0], inputs)
    _check_backward(module, _chain, inputs)


CHECKS = (
    Check(f"위상 정렬: 작은 그래프 {SAMPLE_TEXT}", _check_sample_order),
    Check("위상 정렬: 무작위 식 30개 (hypothesis, testing.expressions())", _check_random_order),
    Check("역전파: 같은 노드를 두 번 쓰는 식 a × a (a = 3.0)",
          lambda module: _check_backward(module, _square, "a × a, a = 3.0", ACCUMULATE_HINT)),
    Check("역전파: 작은 그래프에서 Value.backward()와 비교",
          lambda module: _check_backward(module, _sample_graph, SAMPLE_TEXT)),
    Check("역전파: 무작위 식 30개 (hypothesis)에서 Value.backward()와 비교", _check_random_backward),
    Check(f"노드 {CHAIN_LENGTH + 1:,}개인 사슬: 위상 정렬과 역전파 (재귀 한도를 넘지 않는지)", _check_chain),
)
