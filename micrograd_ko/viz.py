"""계산 그래프 그리기: `draw_dot`, `to_svg`, `render`, 노트북 표시.

값 노드는 이름, data, grad를 보여 주고, 연산 노드는 연산 기호를 보여 줍니다. 노드 이름은
위상 정렬의 순번(v0, v1, ...)이라서 같은 식은 언제나 같은 DOT 원본이 됩니다.

그림 파일로 바꾸는 순서는 다음과 같습니다.
1) pygraphviz를 가져올 수 있으면 씁니다 (`pip install -e ".[render]"`의 wheel에는
   Graphviz가 들어 있어 시스템 패키지가 필요 없습니다).
2) 없으면 PATH에 있는 `dot` 실행 파일을 graphviz 패키지로 부릅니다.
3) 둘 다 없으면 설치 방법을 적은 `RenderError`를 냅니다. DOT 원본(`g.source`)은 그래도 쓸 수 있습니다.

이 패키지에서 graphviz와 pygraphviz를 가져오는 모듈은 이 파일뿐입니다.
"""

from __future__ import annotations

import contextlib
import html
import os
import pathlib
import re
import shutil
import struct
import sys
import tempfile
import warnings

import graphviz

from micrograd_ko.engine import Value, topological_order
from micrograd_ko.files import check_output_path, write_atomic
from micrograd_ko.viz_fold import fold_plan
from micrograd_ko.viz_graph import (ROLE_COLORS, check_options, check_size, check_values, escape_label,
                                    format_number, legend_label, op_symbol, roles, value_label)

__all__ = ["draw_dot", "to_svg", "render", "backward_html", "Digraph", "RenderError", "FONTNAME"]

# 한글 글꼴을 먼저 찾고 없으면 다음 글꼴로 넘어갑니다 (Pango와 SVG 모두 쉼표 목록을 읽습니다).
FONTNAME = "NanumGothic,Noto Sans CJK KR,Malgun Gothic,Apple SD Gothic Neo,sans-serif"
FORMATS = ("svg", "png", "pdf")
BACKENDS = ("pygraphviz", "dot")
# Graphviz의 cairo 렌더러는 한 변이 32767픽셀을 넘는 PNG를 만들지 못합니다. 메모리도 아끼려고
# PNG는 96dpi에서 긴 변이 80인치(7680픽셀)를 넘지 않게 줄입니다.
PNG_DPI = 96
PNG_MAX_INCHES = 80
PNG_MAX_PIXELS = PNG_DPI * PNG_MAX_INCHES
_SUBSCRIPTS = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")
# Graphviz는 노드와 간선마다 <title>v0</title>처럼 내부 id를 넣고, 브라우저는 그것을 풍선 도움말로
# 보여 줍니다. 학습자에게 의미 없는 id가 보이지 않게 SVG에서 지웁니다.
_SVG_TITLE = re.compile(r"<title>[^<]*</title>\n?")
class RenderError(RuntimeError):
    """Graphviz 렌더러(pygraphviz 또는 dot)가 없거나 그림 만들기에 실패했을 때 나는 오류입니다."""


_INSTALL_HELP = (
    "다음 중 하나로 설치하세요:\n"
    '  - pip: 저장소 폴더에서 pip install -e ".[render]", 또는 pip install pygraphviz\n'
    "  - Debian/Ubuntu: sudo apt install graphviz\n"
    "  - macOS: brew install graphviz\n"
    "  - Windows: winget install graphviz\n"
    "렌더러가 없어도 DOT 원본은 쓸 수 있습니다: g.source로 읽거나 g.save(\"graph.dot\")로 저장하세요."
)


class Digraph(graphviz.Digraph):
    """노트북에서 micrograd_ko의 렌더링 순서로 SVG를 보여 주는 graphviz.Digraph입니다.

    렌더러가 없으면 영어 트레이스백 대신 한국어 안내와 DOT 원본을 보여 줍니다.
    파일로 저장할 때는 `micrograd_ko.viz.render(g, "graph.svg")`를 쓰세요.
    """

    def _repr_mimebundle_(self, include=None, exclude=None, **_) -> dict:
        try:
            return {"image/svg+xml": to_svg(self)}
        except RenderError as error:
            text = f"{error}\n\n--- DOT 원본 ---\n{self.source}"
            return {"text/plain": text, "text/html": f"<pre>{html.escape(text)}</pre>"}

    def _repr_svg_(self) -> str | None:
        try:
            return to_svg(self)
        except RenderError:
            return None

    def _repr_image_svg_xml(self) -> str:
        return to_svg(self)


# ---------------------------------------------------------------- 그리기


def draw_dot(root: Value, *, rankdir: str = "LR", show_local_grads: bool = False, highlight=None,
             fold: str | None = None, max_nodes: int = 300, legend: bool = True, params=None) -> Digraph:
    """`root`까지의 계산 그래프를 graphviz 그림(DOT)으로 만듭니다. 그래프는 읽기만 합니다.

    Args:
        root: 그래프의 끝 노드 (보통 손실).
        rankdir: "LR"(왼쪽 → 오른쪽), "TB"(위 → 아래), "RL", "BT" 중 하나.
        show_local_grads: True이면 부모 → 연산 간선마다 국소 미분 ∂(연산 결과)/∂(입력)을 "×0.5000"처럼 씁니다.
        highlight: 빨간 테두리로 강조할 Value들. 접힌 노드는 그 노드가 든 상자를 강조합니다.
        fold: None, "neuron"(가중합 + 가중치, 편향 + 활성화 함수를 상자 하나로),
            "layer"(같은 입력을 받는 뉴런들을 층 상자 하나로).
        max_nodes: 그릴 노드(값, 연산, 상자) 수의 상한.
        legend: True이면 역할별 색과 data, grad의 뜻을 적은 범례를 넣습니다. 색 칸은 그림에
            나온 역할만 보여 줍니다. 범례의 L은 root, 곧 그래프의 끝 노드입니다.
        params: 매개변수로 칠할 잎 노드들 (예: model.parameters()). None이면 가중합의
            가중치, 편향 자리에 있는 잎과 레이블이 w나 b(뒤에 숫자 가능), 가중치, 편향으로
            시작하는 잎을 매개변수로 봅니다.

    Returns:
        Digraph: `.source`로 DOT 원본을 읽고, 노트북에서는 그대로 그림으로 보입니다.

    Raises:
        TypeError: root가 Value가 아니거나 highlight, params에 Value가 아닌 것이 있을 때.
        ValueError: 옵션 값이 잘못되었거나 노드 수가 max_nodes보다 많을 때.

    Example:
        >>> a, b = Value(2.0, label="a"), Value(-3.0, label="b")
        >>> c = a * b
        >>> c.label = "c"
        >>> c.backward()
        >>> g = draw_dot(c, show_local_grads=True)
        >>> "data -6.0000" in g.source
        True
    """
    check_options(root, rankdir, fold, max_nodes)
    order = topological_order(root)
    index = {node: i for i, node in enumerate(order)}
    role = roles(order, root, check_values(params, "params"))
    boxes, owner, tails = fold_plan(order, index, fold)
    check_size(order, owner, boxes, max_nodes, fold)

    graph_attr = {"rankdir": rankdir, "fontname": FONTNAME}
    if fold:
        # 접은 상자를 뉴런 번호 순서대로 세웁니다. 없으면 Graphviz가 간선 교차를 줄이려고 섞습니다.
        graph_attr["ordering"] = "out"
    g = Digraph(graph_attr=graph_attr,
                node_attr={"fontname": FONTNAME, "fontsize": "12", "shape": "plain"},
                edge_attr={"fontname": FONTNAME, "fontsize": "10"})
    for node in order:
        if node not in owner:
            _draw_value(g, node, index, role, tails, show_local_grads)
    _draw_boxes(g, boxes, role, tails, index)
    for node in check_values(highlight, "highlight") or ():
        if node not in index:
            raise ValueError(f"highlight의 Value가 이 그래프에 없습니다. 받은 값: {node!r}. root의 그래프에 있는 노드를 넣으세요.")
        g.node(owner.get(node, f"v{index[node]}"), shape="box", margin="0", color="#dc2626", penwidth="3")
    if legend:
        g.node("legend", label=legend_label(show_local_grads, _roles_in_picture(order, owner, boxes, role, root)))
    return g


def _roles_in_picture(order, owner, boxes, role, root) -> set[str]:
    """그림에 나오는 역할들입니다. 상자는 root를 품으면 "output", 아니면 "neuron"입니다."""
    present = {role[node] for node in order if node not in owner}
    present.update("output" if owner.get(root) == name else "neuron" for name, _, _ in boxes)
    return present


def _draw_value(g, node, index, role, tails, show_local_grads) -> None:
    """값 노드 하나와 (있으면) 그 연산 노드, 부모에서 오는 간선을 그립니다."""
    i = index[node]
    g.node(f"v{i}", label=value_label(node, ROLE_COLORS[role[node]]))
    if node._op is None:
        return
    g.node(f"v{i}_op", label=f"<{escape_label(op_symbol(node))}>", shape="ellipse", style="filled", fillcolor="white")
    g.edge(f"v{i}_op", f"v{i}")
    names = _input_names(node)
    locals_ = _local_grads(node) if show_local_grads else [None] * len(node._parents)
    for parent, name, local in zip(node._parents, names, locals_):
        text = " ".join(t for t in (name, local) if t)
        g.edge(tails.get(parent, f"v{index[parent]}"), f"v{i}_op", **({"label": text} if text else {}))


def _input_names(node: Value) -> list[str]:
    """가중합 노드의 입력 간선에 붙일 이름 (w₁, x₁, b). 다른 연산은 이름이 없습니다."""
    if node._op.name != "linear":
        return [""] * len(node._parents)
    n = (len(node._parents) - 1) // 2
    subs = [str(k).translate(_SUBSCRIPTS) for k in range(1, n + 1)]
    return [f"w{s}" for s in subs] + [f"x{s}" for s in subs] + ["b"]


def _local_grads(node: Value) -> list[str]:
    """engine.py의 선언에서 국소 미분을 읽어 "×값" 글자로 만듭니다."""
    try:
        return [f"×{format_number(d)}" for d in node._op.local_grads(node)]
    except (ValueError, ZeroDivisionError):
        # NOTE: 국소 미분이 존재하지 않는 점(예: x**0.5의 x = 0)에서는 숫자 대신 안내를 씁니다.
        return ["×(정의되지 않음)"] * len(node._parents)


def _draw_boxes(g, boxes, role, tails, index) -> None:
    """접힌 뉴런과 층 상자를 그리고, 입력에서 상자로 가는 간선을 한 번씩만 잇습니다."""
    for name, label, group in boxes:
        if any(role[n.output] == "output" for n in group):
            label = label.replace(ROLE_COLORS["neuron"], ROLE_COLORS["output"], 1)
        g.node(name, label=label)
        seen = set()
        for neuron in group:
            for x in neuron.inputs:
                tail = tails.get(x, f"v{index[x]}").split(":")[0]
                if tail not in seen:
                    seen.add(tail)
                    g.edge(tail, name)


# ---------------------------------------------------------------- 렌더링


def _pygraphviz():
    try:
        import pygraphviz
    except ImportError:
        return None
    return pygraphviz


@contextlib.contextmanager
def _without_fontconfig_warnings():
    """pygraphviz 휠에 든 fontconfig가 C 수준 stderr에 쓰는 경고 한 줄을 거릅니다.

    휠의 fontconfig는 시스템 설정 파일의 새 요소(예: reset-dirs)를 몰라서 영어 경고를
    남깁니다. 그림에는 영향이 없으므로 그 줄만 버리고 다른 stderr 출력은 그대로 돌려 씁니다.
    """
    # C 라이브러리는 sys.stderr가 무엇이든 (Jupyter 커널에서도) 파일 기술자 2에 씁니다.
    stderr_fd = 2
    try:
        sys.stderr.flush()
        saved = os.dup(stderr_fd)
    except (AttributeError, OSError, ValueError):  # fd 2가 닫힌 프로세스
        yield
        return
    with tempfile.TemporaryFile() as captured:
        os.dup2(captured.fileno(), stderr_fd)
        try:
            yield
        finally:
            os.dup2(saved, stderr_fd)
            os.close(saved)
            captured.seek(0)
            for line in captured.read().decode("utf-8", "replace").splitlines(keepends=True):
                if not line.startswith("Fontconfig warning"):
                    sys.stderr.write(line)


def _render_bytes(source: str, fmt: str, backend: str | None) -> bytes:
    """DOT 원본을 fmt 형식의 바이트로 바꿉니다 (pygraphviz → dot 실행 파일 순서)."""
    if backend not in (None, *BACKENDS):
        raise ValueError(f"backend는 None, \"pygraphviz\", \"dot\" 중 하나여야 합니다. 받은 값: {backend!r}")
    pgv = _pygraphviz() if backend in (None, "pygraphviz") else None
    if pgv is not None:
        try:
            with _without_fontconfig_warnings():
                data = pgv.AGraph(string=source).draw(format=fmt, prog="dot")
            return _without_titles(data) if fmt == "svg" else data
        except Exception as error:  # pygraphviz는 Graphviz 오류를 여러 타입으로 냅니다.
            raise RenderError(f"pygraphviz가 그림을 만들지 못했습니다: {error}") from error
    if backend in (None, "dot") and shutil.which("dot"):
        try:
            data = graphviz.pipe("dot", fmt, source.encode("utf-8"), quiet=True)
            return _without_titles(data) if fmt == "svg" else data
        except (graphviz.ExecutableNotFound, graphviz.CalledProcessError) as error:
            raise RenderError(f"dot 실행 파일이 그림을 만들지 못했습니다: {error}") from error
    wanted = {None: "pygraphviz도 dot 실행 파일도", "pygraphviz": "pygraphviz를", "dot": "PATH에서 dot 실행 파일을"}
    raise RenderError(f"그래프를 그림으로 바꿀 Graphviz 렌더러가 없습니다. {wanted[backend]} 찾지 못했습니다.\n{_INSTALL_HELP}")


def _as_digraph(root_or_digraph, draw_options: dict) -> graphviz.Digraph:
    if isinstance(root_or_digraph, Value):
        return draw_dot(root_or_digraph, **draw_options)
    if isinstance(root_or_digraph, graphviz.Digraph):
        if draw_options:
            raise TypeError(f"그려 둔 Digraph에는 그리기 옵션을 줄 수 없습니다. 받은 옵션: {sorted(draw_options)}. "
                            "옵션은 draw_dot(root, ...)에 넣으세요.")
        return root_or_digraph
    raise TypeError(f"Value나 draw_dot의 결과가 필요합니다. 받은 값: {root_or_digraph!r} "
                    f"(자료형 {type(root_or_digraph).__name__}).")


def to_svg(root_or_digraph, *, backend: str | None = None, **draw_options) -> str:
    """그래프를 SVG 글자로 만듭니다. SVG는 글꼴을 보는 쪽(브라우저)에서 고르므로 한글 글꼴이 없어도 됩니다.

    Args:
        root_or_digraph: Value(그 자리에서 draw_dot으로 그림) 또는 draw_dot의 결과.
        backend: None(pygraphviz → dot 순서), "pygraphviz", "dot".
        **draw_options: root가 Value일 때 draw_dot에 넘길 옵션.

    Returns:
        str: SVG 문서.

    Raises:
        RenderError: 렌더러가 없거나 그림을 만들지 못했을 때 (설치 방법이 메시지에 있습니다).

    Example:
        >>> svg = to_svg(Value(1.0, label="x"))  # doctest: +SKIP
    """
    source = _as_digraph(root_or_digraph, draw_options).source
    return _render_bytes(source, "svg", backend).decode("utf-8")


def _without_titles(svg: bytes) -> bytes:
    """SVG에서 Graphviz가 넣은 <title>(내부 id, 풍선 도움말로 보임)을 지웁니다."""
    return _SVG_TITLE.sub("", svg.decode("utf-8")).encode("utf-8")


def render(root_or_digraph, path, format: str | None = None, *, backend: str | None = None,
           **draw_options) -> pathlib.Path:
    """그래프를 SVG, PNG, PDF 파일로 저장합니다. 임시 파일에 쓴 뒤 이름을 바꾸므로 반쯤 쓴 파일이 남지 않습니다.

    PNG는 한 변이 7680픽셀(96dpi × 80인치)을 넘지 않게 줄여서 그립니다. Graphviz의 cairo
    렌더러는 한 변이 32767픽셀을 넘는 PNG를 만들지 못하기 때문입니다. 줄였으면
    RuntimeWarning으로 알려 줍니다. 큰 그래프는 SVG로 저장하세요. PNG와 PDF에 한글을
    그리려면 시스템에 한글 글꼴이 있어야 합니다 (Debian/Ubuntu: sudo apt install fonts-nanum).

    Args:
        root_or_digraph: Value 또는 draw_dot의 결과.
        path: 저장할 파일 경로. format이 없으면 확장자(.svg, .png, .pdf)로 형식을 정합니다.
        format: "svg", "png", "pdf" 중 하나 (확장자보다 먼저 씁니다).
        backend: None(pygraphviz → dot 순서), "pygraphviz", "dot".
        **draw_options: root가 Value일 때 draw_dot에 넘길 옵션 (예: fold="layer").

    Returns:
        pathlib.Path: 저장한 파일의 경로.

    Raises:
        ValueError: 형식을 알 수 없을 때.
        FileNotFoundError: 저장할 폴더가 없을 때.
        IsADirectoryError: 경로가 폴더일 때.
        OSError: 파일을 쓰지 못했을 때 (권한 없음 등). 메시지는 한국어입니다.
        RenderError: 렌더러가 없거나 그림을 만들지 못했을 때.

    Example:
        >>> render(loss, "graph.png", fold="layer")  # doctest: +SKIP
        PosixPath('graph.png')
    """
    path = pathlib.Path(path)
    fmt = (format or path.suffix.lstrip(".")).lower()
    if fmt not in FORMATS:
        raise ValueError(f"그림 형식을 알 수 없습니다. 받은 값: {(format or path.name)!r}. "
                         "확장자를 .svg, .png, .pdf 중 하나로 하거나 format=\"svg\"처럼 정하세요.")
    check_output_path(path)
    g = _as_digraph(root_or_digraph, draw_options)
    if fmt == "png":
        g = g.copy()
        g.graph_attr.setdefault("dpi", str(PNG_DPI))
        g.graph_attr.setdefault("size", f"{PNG_MAX_INCHES},{PNG_MAX_INCHES}")
    data = _render_bytes(g.source, fmt, backend)
    if fmt == "png":
        _warn_if_capped(data)
    write_atomic(path, data)
    return path


def _warn_if_capped(png: bytes) -> None:
    width, height = struct.unpack(">II", png[16:24])  # PNG의 IHDR 청크에 있는 크기입니다.
    if max(width, height) >= PNG_MAX_PIXELS - 1:
        warnings.warn(
            f"그래프가 커서 PNG를 {width}×{height}픽셀로 줄였습니다 (긴 변 상한: {PNG_MAX_PIXELS}픽셀, "
            "Graphviz cairo의 한계는 32767픽셀). 글자가 작으면 SVG로 저장하거나 fold=\"layer\"를 쓰세요.",
            RuntimeWarning, stacklevel=3)


def backward_html(root: Value, path, **kw) -> pathlib.Path:
    """역전파를 한 단계씩 넘겨 보는 HTML 파일을 만듭니다 (micrograd_ko.viewer에 넘깁니다).

    Args:
        root: 역전파를 시작할 노드 (보통 손실).
        path: 저장할 .html 파일 경로.
        **kw: viewer.backward_html의 옵션.

    Returns:
        pathlib.Path: 저장한 파일의 경로.
    """
    from micrograd_ko.viewer import backward_html as _impl

    return _impl(root, path, **kw)
