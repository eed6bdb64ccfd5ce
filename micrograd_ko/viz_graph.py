"""그래프 그리기의 도우미: 노드의 역할, HTML 레이블, 범례, 옵션 검사.

이 모듈은 graphviz를 가져오지 않습니다. `viz.draw_dot`이 여기서 만든 레이블로
graphviz.Digraph를 채웁니다. 노드의 data와 grad는 읽기만 합니다.
"""

from __future__ import annotations

import html
import re

from micrograd_ko.engine import Value

# 역할별 채우기 색 (밝은 색이라 흑백 인쇄에서도 글자가 읽힙니다).
ROLE_COLORS = {
    "input": "#dbeafe",  # 입력: 파랑
    "param": "#fde68a",  # 매개변수: 노랑
    "hidden": "#f3f4f6",  # 중간 값: 회색
    "output": "#fecaca",  # 출력 L(그래프의 끝 노드): 빨강
    "neuron": "#dcfce7",  # 접힌 뉴런과 층: 초록
}
ROLE_NAMES_KO = {
    "input": "입력",
    "param": "매개변수 (가중치, 편향)",
    "hidden": "중간 값",
    "output": "출력 L (그래프의 끝 노드, 보통 손실)",
    "neuron": "뉴런 / 층 (접어서 그림)",
}

# 잎 노드의 레이블이 w나 b 하나이거나 그 뒤에 숫자, 아래 첨자, _, [가 오면 매개변수로 봅니다.
# 예: "w1", "w₂", "b", "b_3", "w[0]", "가중치1", "편향". "bias", "x", "a"는 매개변수가 아닙니다.
_PARAM_LABEL = re.compile(r"^(?:[wWbB](?:$|[0-9₀-₉_\[.])|가중치|편향)")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


# ---------------------------------------------------------------- 글자 다루기


def escape_label(text: str) -> str:
    """사용자 글자를 Graphviz HTML 레이블 안에 그대로 보이도록 바꿉니다.

    &, <, >, "는 HTML 개체로, 줄바꿈은 <BR/>로, 역슬래시는 두 번(\\\\)으로 씁니다.
    Graphviz는 HTML 레이블 안에서도 \\N, \\G 같은 역슬래시 치환을 하기 때문입니다.
    그 밖의 제어 문자는 XML에 넣을 수 없으므로 \\x00 꼴의 글자로 보여 줍니다.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    text = _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)
    text = html.escape(text, quote=True).replace("\\", "\\\\")
    return "<BR/>".join(text.split("\n"))


def format_number(x: float) -> str:
    """숫자를 소수 넷째 자리까지 씁니다. 아주 크거나 작은 수는 지수 표기를 씁니다."""
    if x != 0 and (abs(x) >= 1e6 or abs(x) < 1e-4):
        return f"{x:.4e}"
    text = f"{x:.4f}"
    return "0.0000" if text == "-0.0000" else text


def table_row(*texts: str, port: str = "") -> str:
    """표의 한 줄입니다. `port`가 있으면 마지막 칸에 붙여서 간선이 그 줄에서 나가게 합니다."""
    cells = [f"<TD>{t}</TD>" for t in texts]
    if port:
        cells[-1] = f'<TD PORT="{port}">{texts[-1]}</TD>'
    return "<TR>" + "".join(cells) + "</TR>"


def table(rows: list[str], color: str, border: int = 1) -> str:
    """표 하나짜리 HTML 레이블을 만듭니다 (값 노드, 뉴런, 층, 범례가 같은 모양을 씁니다)."""
    return (
        f'<<TABLE BORDER="0" CELLBORDER="{border}" CELLSPACING="0" CELLPADDING="4" '
        f'BGCOLOR="{color}">' + "".join(rows) + "</TABLE>>"
    )


def value_label(node: Value, color: str) -> str:
    """값 노드의 레이블: [이름 | data 2.0000 | grad 1.0000]."""
    texts = [f"data {format_number(node.data)}", f"grad {format_number(node.grad)}"]
    if node.label:
        texts.insert(0, escape_label(node.label))
    return table([table_row(*texts)], color)


def op_symbol(node: Value) -> str:
    """연산 노드에 쓸 기호입니다. 가중합 노드는 Σ wᵢxᵢ + b로 씁니다."""
    if node._op.name == "linear":
        return "Σ wᵢxᵢ + b"
    return node._op.symbol


# ---------------------------------------------------------------- 역할


def roles(order: list[Value], root: Value, params) -> dict[Value, str]:
    """노드마다 역할("input", "param", "hidden", "output")을 정합니다.

    `params`가 주어지면 그 안의 잎 노드만 매개변수입니다. 없으면 가중합 노드의 가중치와
    편향 자리에 있는 잎, 그리고 레이블이 `_PARAM_LABEL` 규칙에 맞는 잎이 매개변수입니다.
    """
    if params is None:
        param_set = {n for n in order if n._op is None and _PARAM_LABEL.match(n.label)}
        for node in order:
            if node._op is not None and node._op.name == "linear":
                n = (len(node._parents) - 1) // 2
                param_set.update(p for p in (*node._parents[:n], node._parents[-1]) if p._op is None)
    else:
        param_set = set(params)
    result = {}
    for node in order:
        if node is root:
            result[node] = "output"
        elif node._op is None:
            result[node] = "param" if node in param_set else "input"
        else:
            result[node] = "hidden"
    return result


def legend_label(show_local_grads: bool, roles_in_picture) -> str:
    """범례 표입니다. 색 칸은 그림에 실제로 나온 역할(`roles_in_picture`)만 보여 줍니다."""
    rows = ['<TR><TD COLSPAN="2"><B>범례</B></TD></TR>']
    for key in (k for k in ROLE_COLORS if k in roles_in_picture):
        rows.append(f'<TR><TD BGCOLOR="{ROLE_COLORS[key]}">   </TD><TD ALIGN="LEFT">{ROLE_NAMES_KO[key]}</TD></TR>')
    notes = ["data: 순전파로 계산한 값", "grad: 기울기 ∂L/∂노드 (backward() 뒤에 채워짐)"]
    if show_local_grads:
        notes.append("간선의 ×숫자: 국소 미분 ∂(연산 결과)/∂(입력)")
    rows += [f'<TR><TD COLSPAN="2" ALIGN="LEFT">{escape_label(t)}</TD></TR>' for t in notes]
    return table(rows, "white")


# ---------------------------------------------------------------- 입력 검사


def check_options(root, rankdir, fold, max_nodes) -> None:
    if not isinstance(root, Value):
        raise TypeError(f"draw_dot에는 Value가 필요합니다. 받은 값: {root!r} (자료형 {type(root).__name__}). 예: draw_dot(loss)")
    if rankdir not in ("LR", "TB", "RL", "BT"):
        raise ValueError(f"rankdir는 \"LR\", \"TB\", \"RL\", \"BT\" 중 하나여야 합니다. 받은 값: {rankdir!r}")
    if fold not in (None, "neuron", "layer"):
        raise ValueError(f"fold는 None, \"neuron\", \"layer\" 중 하나여야 합니다. 받은 값: {fold!r}")
    if isinstance(max_nodes, bool) or not isinstance(max_nodes, int) or max_nodes < 1:
        raise ValueError(f"max_nodes는 1 이상의 정수여야 합니다. 받은 값: {max_nodes!r}")


def check_values(values, what: str):
    if values is None:
        return None
    if isinstance(values, Value):
        values = [values]
    values = list(values)
    for v in values:
        if not isinstance(v, Value):
            raise TypeError(f"{what}에는 Value만 넣을 수 있습니다. 받은 값: {v!r} (자료형 {type(v).__name__}).")
    return values


def check_size(order, owner, boxes, max_nodes, fold) -> None:
    """그릴 노드(값, 연산, 상자)가 max_nodes보다 많으면 한국어 ValueError를 냅니다."""
    shown = [n for n in order if n not in owner]
    count = len(shown) + sum(1 for n in shown if n._op is not None) + len(boxes)
    if count <= max_nodes:
        return
    raise ValueError(
        f"그릴 노드가 너무 많습니다. 노드 수: {count} (Value {len(order)}개), max_nodes: {max_nodes}. "
        f'fold="neuron"이나 fold="layer"로 뉴런과 층을 접거나, 더 작은 예제를 쓰거나, '
        f"max_nodes={count}처럼 상한을 올리세요."
    )
