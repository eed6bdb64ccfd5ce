"""역전파를 한 단계씩 한국어로 설명합니다: 연쇄 법칙을 숫자로 보여 줍니다.

`backward_steps(root)`는 `Value.backward()`가 하는 일을 노드 하나씩 나누어 실행합니다.
국소 미분은 모두 engine.py의 연산 선언(`node._op.local_grads(node)`)에서 읽으므로,
마지막 단계가 끝나면 모든 기울기가 `backward()`의 결과와 비트 단위로 같습니다.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator

from micrograd_ko.engine import Op, Value, topological_order

__all__ = ["Share", "Step", "Stepper", "backward_steps", "explain", "node_names", "topological_order"]

_SYMBOL = re.compile(r"(?<![A-Za-z])(?:lo|hi|[abxc])(?![A-Za-z])")

WHY_TOPOLOGICAL = (
    "왜 위상 정렬의 역순인가: 노드의 기울기 ∂L/∂노드는 그 노드를 입력으로 쓰는 모든 노드가 "
    "몫을 보낸 뒤에야 완성됩니다. 위상 정렬은 부모가 언제나 자식보다 앞에 오게 노드를 세웁니다. "
    "그래서 역순으로 가면 어떤 노드에 닿았을 때 그 노드를 쓰는 노드는 이미 모두 처리되었고, "
    "노드마다 한 번씩만 연쇄 법칙을 적용하면 됩니다. 기울기에 = 대신 +=를 쓰는 까닭은 한 노드가 "
    "여러 곳에서 쓰이면 경로마다 기여가 생기고, 다변수 연쇄 법칙에 따라 그 기여를 모두 더해야 "
    "하기 때문입니다. =로 덮어쓰면 앞선 경로의 기여가 사라집니다."
)


def node_names(root: Value) -> dict[Value, str]:
    """그래프의 노드마다 설명과 그림에 쓸 이름을 붙여 돌려줍니다.

    label이 있으면 label을 씁니다. 없으면 연산의 한국어 이름에 위상 정렬 번호를 붙입니다
    (예: 곱셈4). 번호는 1부터 셉니다. label이 없는 잎 노드는 값3처럼, label이 없는 뿌리는 L로 부릅니다.
    같은 이름이 두 번 나오면 뒤의 노드에 #번호를 붙여 구별합니다.

    Args:
        root: 그래프의 뿌리(보통 손실) Value.

    Returns:
        노드에서 이름으로 가는 dict. 순서는 위상 정렬 순서입니다.

    Raises:
        TypeError: root가 Value가 아닐 때.

    Example:
        >>> a = Value(2.0, label="a")
        >>> list(node_names(a * 3).values())
        ['a', '값2', 'L']
    """
    return _names(topological_order(root), root)


def _names(order: list[Value], root: Value) -> dict[Value, str]:
    names: dict[Value, str] = {}
    used: set[str] = set()
    for index, node in enumerate(order):
        if node.label:
            name = node.label
        elif node is root:
            name = "L"
        elif node._op is None:
            name = f"값{index + 1}"
        else:
            name = node._op.name_ko.split("(")[0].replace(" ", "") + str(index + 1)
        if name in used:
            name = f"{name}#{index + 1}"
        used.add(name)
        names[node] = name
    return names


def _num(x: float) -> str:
    return f"{x:.4f}"


def _factor(x: float) -> str:
    """곱셈의 인수로 쓸 숫자입니다. 음수는 괄호로 감쌉니다."""
    return f"({x:.4f})" if x < 0 or str(x).startswith("-") else f"{x:.4f}"


def _formula(node: Value, names: dict[Value, str]) -> str:
    """노드를 만든 식을 부모 이름으로 적습니다 (예: a × b, tanh(n))."""
    op, args = node._op, [names[p] for p in node._parents]
    if op is None:
        return "잎 노드"
    if op.name in ("add", "sub", "mul", "div", "pow"):
        return f"{args[0]} {op.symbol} {args[1]}"
    if op.name == "neg":
        return f"−{args[0]}"
    if op.name == "pow_const":
        return f"{args[0]} ** {op.const:g}"
    if op.name == "rpow_const":
        return f"{op.const:g} ** {args[0]}"
    if op.name == "sum":
        return " + ".join(args)
    if op.name == "linear":
        n = (len(args) - 1) // 2
        return " + ".join([f"{w}×{x}" for w, x in zip(args[:n], args[n : 2 * n])] + [args[-1]])
    if op.name == "clip":
        return f"clip({args[0]}, {op.const[0]:g}, {op.const[1]:g})"
    return f"{op.symbol}({args[0]})"


def _rule(node: Value, names: dict[Value, str]) -> str:
    """연산 선언의 grad_text에 실제 이름을 넣어 국소 미분을 적습니다 (예: ∂e/∂c = d)."""
    op, me = node._op, names[node]
    args = [names[p] for p in node._parents]
    if op.name == "sum":
        return f"∂{me}/∂(각 입력) = 1"
    if op.name == "linear":
        return ", ".join(op.grad_text)
    # grad_text는 단항이면 x, 이항이면 a와 b, 상수는 c(자르기는 lo, hi)로 씁니다.
    const = op.const if isinstance(op.const, tuple) else (op.const, op.const, op.const)
    symbols = {"a": args[0], "b": args[-1], "x": args[0]}
    symbols.update({"c": f"{const[0]:g}", "lo": f"{const[0]:g}", "hi": f"{const[1]:g}"} if op.const is not None else {})
    texts = [_SYMBOL.sub(lambda m: symbols[m.group()], text) for text in op.grad_text]
    return ", ".join(f"∂{me}/∂{arg} = {text}" for arg, text in zip(args, texts))


# ---------------------------------------------------------------- 한 단계


@dataclass(frozen=True)
class Share:
    """부모 하나가 한 단계에서 받는 기울기 몫입니다.

    `local`은 ∂노드/∂부모(연산 선언에서 읽은 국소 미분), `contribution`은 위에서 온 기울기 ×
    `local`, `path`는 이번 역전파에서 이 부모가 몫을 받은 횟수입니다 (2 이상이면 재사용).
    """

    parent: Value
    name: str
    local: float
    contribution: float
    grad_before: float
    grad_after: float
    path: int


@dataclass(frozen=True)
class Step:
    """역전파의 한 단계: 노드 하나가 부모들에게 기울기를 보낸 기록입니다.

    `index`는 1부터 `total`까지 셉니다. `upstream`은 이 노드의 확정된 기울기 ∂L/∂노드,
    `seeded`는 이 단계에서 출발점 ∂L/∂L = 1을 넣었는지입니다. `str(step)`은 한국어 설명입니다.
    """

    node: Value
    name: str
    op: Op | None
    index: int
    total: int
    upstream: float
    shares: tuple[Share, ...]
    root_name: str
    formula: str
    rule: str
    seeded: bool

    @property
    def parents(self) -> tuple[Value, ...]:
        return tuple(share.parent for share in self.shares)

    @property
    def local_grads(self) -> tuple[float, ...]:
        return tuple(share.local for share in self.shares)

    def __str__(self) -> str:
        L, me = self.root_name, self.name
        head = f"{me} = {self.formula} ({self.op.name_ko})" if self.op is not None else f"{me} (잎 노드)"
        lines = [f"단계 {self.index}/{self.total}: {head}, 값: {_num(self.node.data)}"]
        if self.seeded:
            lines.append(f"  출발점: ∂{L}/∂{L} = 1. 어떤 값을 자기 자신으로 미분하면 1이기 때문입니다.")
        lines.append(f"  위에서 모두 모인 기울기: ∂{L}/∂{me} = {_num(self.upstream)}")
        if self.op is None:
            lines.append("  잎 노드라서 더 보낼 부모가 없습니다. 이 기울기가 최종 값입니다.")
            return "\n".join(lines)
        lines.append(f"  국소 미분({self.op.name_ko}): {self.rule}")
        for s in self.shares:
            lines.append(
                f"  ∂{L}/∂{s.name} += ∂{L}/∂{me} × ∂{me}/∂{s.name} = {_factor(self.upstream)} × "
                f"{_factor(s.local)} = {_num(s.contribution)}   (∂{L}/∂{s.name}: "
                f"{_num(s.grad_before)} → {_num(s.grad_after)})"
            )
            if s.path == 2:
                lines.append(
                    f"    ↳ 재사용된 노드: {s.name} (2번째 경로). 앞선 경로의 기울기에 이번 기여를 "
                    "더합니다(+=). 경로마다의 기여를 모두 합하는 것이 다변수 연쇄 법칙이기 때문입니다."
                )
            elif s.path > 2:
                lines.append(f"    ↳ 재사용된 노드: {s.name} ({s.path}번째 경로). 이번 기여도 더합니다(+=).")
            elif s.grad_before != 0 and s.parent._op is None:
                lines.append(
                    "    ↳ 참고: 이전 역전파에서 남은 기울기에 더해집니다. 새로 시작하려면 먼저 "
                    f"zero_grad()를 부르세요. 남은 기울기: {_num(s.grad_before)}"
                )
        return "\n".join(lines)


def _seed(order: list[Value], root: Value) -> None:
    """backward()처럼 중간 노드의 기울기를 0으로 만들고 ∂L/∂L = 1을 넣습니다."""
    for node in order:
        if node._op is not None:
            node.grad = 0.0
    root.grad += 1.0


def _perform(node: Value, index: int, total: int, names: dict, received: dict, seeded: bool) -> Step:
    """노드 하나의 몫을 실행합니다: 부모마다 ∂L/∂부모 += ∂L/∂노드 × ∂노드/∂부모."""
    upstream = node.grad
    if upstream - upstream:
        raise OverflowError(
            f"기울기가 float 범위를 넘었습니다. 노드: {names[node]}, 기울기: {upstream!r}. "
            "입력이나 학습률의 크기를 줄이세요."
        )
    op, shares = node._op, []
    if op is not None:
        for parent, local in zip(node._parents, op.local_grads(node)):
            before = parent.grad
            parent.grad += upstream * local  # backward()와 같은 식이라 결과가 비트 단위로 같습니다.
            received[parent] = received.get(parent, 0) + 1
            shares.append(Share(parent, names[parent], local, upstream * local, before, parent.grad, received[parent]))
    root_name = names[next(reversed(names))]
    return Step(node, names[node], op, index, total, upstream, tuple(shares), root_name,
                _formula(node, names), _rule(node, names) if op is not None else "", seeded)


def backward_steps(root: Value) -> Iterator[Step]:
    """역전파를 노드 하나씩 실행하면서 단계마다 `Step`을 내놓습니다.

    `root.backward()`와 똑같이 중간 노드의 기울기를 0으로 만들고 ∂L/∂L = 1을 더한 뒤,
    위상 정렬의 역순으로 노드를 하나씩 처리합니다. 단계는 꺼낼 때 실행되므로, 모두 꺼내면
    기울기가 `backward()`의 결과와 같습니다. 잎 노드의 기울기는 backward()처럼 더해집니다.

    Args:
        root: 역전파를 시작할 Value (보통 손실).

    Returns:
        Step을 하나씩 내놓는 반복자. 단계 수는 그래프의 노드 수와 같습니다.

    Raises:
        TypeError: root가 Value가 아닐 때.
        OverflowError, ZeroDivisionError, ValueError: backward()와 같은 경우에, 꺼내는 도중에.

    Example:
        >>> a, b = Value(2.0, label="a"), Value(-3.0, label="b")
        >>> steps = list(backward_steps(a * b))
        >>> a.grad, len(steps)
        (-3.0, 3)
    """
    order = topological_order(root)
    return _iterate(order, root)


def _iterate(order: list[Value], root: Value) -> Iterator[Step]:
    names, received, total = _names(order, root), {}, len(order)
    for index, node in enumerate(reversed(order), start=1):
        if index == 1:
            _seed(order, root)
        yield _perform(node, index, total, names, received, index == 1)


# ---------------------------------------------------------------- 전체 설명


def forward_text(root: Value) -> str:
    """순전파 값을 위상 정렬 순서로 적은 글을 돌려줍니다.

    Args:
        root: 그래프의 뿌리 Value.

    Returns:
        노드마다 `이름 = 식 = 값` 한 줄씩인 한국어 글.

    Raises:
        TypeError: root가 Value가 아닐 때.
    """
    order = topological_order(root)
    names = _names(order, root)
    lines = ["순전파 (위상 정렬 순서):"]
    for index, node in enumerate(order, start=1):
        if node._op is None:
            lines.append(f"  {index}. {names[node]} = {_num(node.data)}   (잎 노드)")
        else:
            lines.append(f"  {index}. {names[node]} = {_formula(node, names)} = {_num(node.data)}")
    return "\n".join(lines)


def grads_text(root: Value, leaves_only: bool = False) -> str:
    """지금 기울기를 `∂L/∂이름 = 값` 한 줄씩 적은 글을 돌려줍니다 (위상 정렬 순서)."""
    order = topological_order(root)
    names = _names(order, root)
    L = names[root]
    return "\n".join(
        f"  ∂{L}/∂{names[n]} = {_num(n.grad)}" for n in order if not leaves_only or n._op is None
    )


def explain(root: Value) -> str:
    """역전파 전체를 한국어로 설명한 글을 돌려줍니다 (출력하지 않습니다).

    순전파 값, 역전파의 모든 단계, 잎 노드의 최종 기울기, 위상 정렬을 쓰는 이유를 차례로
    적습니다. 설명을 만드는 동안 바뀐 기울기는 끝나면 원래 값으로 되돌립니다.

    Args:
        root: 설명할 그래프의 뿌리 Value (보통 손실).

    Returns:
        여러 줄의 한국어 설명.

    Raises:
        TypeError: root가 Value가 아닐 때.
        OverflowError, ZeroDivisionError, ValueError: backward()가 같은 오류를 낼 때.

    Example:
        >>> x = Value(3.0, label="x")
        >>> print(explain(x * x))  # doctest: +SKIP
    """
    order = topological_order(root)
    saved = [node.grad for node in order]
    try:
        parts = [forward_text(root), "역전파 (위상 정렬의 역순):"]
        parts.extend(str(step) for step in _iterate(order, root))
        parts.append("잎 노드의 최종 기울기:\n" + grads_text(root, leaves_only=True))
    finally:
        for node, grad in zip(order, saved):
            node.grad = grad
    parts.append(WHY_TOPOLOGICAL)
    return "\n\n".join(parts)


def __getattr__(name: str):
    # Stepper는 stepper.py에 있습니다. 순환 import를 피하려고 처음 쓸 때 가져옵니다.
    if name == "Stepper":
        from micrograd_ko.stepper import Stepper

        return Stepper
    raise AttributeError(f"micrograd_ko.explain에 없는 이름입니다. 받은 값: {name!r}")
