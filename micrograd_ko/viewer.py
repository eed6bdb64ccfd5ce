"""역전파를 한 단계씩 넘겨 보는 HTML 파일(단계 보기)을 만듭니다.

파일 하나에 모든 것이 들어 있습니다: 단계마다의 계산 그래프(인라인 SVG), 그 단계의 한국어
설명과 기울기 표, 이전/다음 버튼, 화살표 키와 슬라이더. 네트워크나 CDN을 쓰지 않으므로
file://로 열어도, 인터넷이 없어도 보입니다. 그래프 그림은 `micrograd_ko.viz.to_svg`가 그립니다.
"""

from __future__ import annotations

import html
import pathlib
import re

from micrograd_ko import files
from micrograd_ko.engine import Value, topological_order
from micrograd_ko.explain import WHY_TOPOLOGICAL, Step, backward_steps, forward_text, node_names

__all__ = ["backward_html"]

_SVG_START = re.compile(r"<svg\b")
_SVG_ID = re.compile(r'\bid="')


def backward_html(root: Value, path, **draw_options) -> pathlib.Path:
    """역전파의 모든 단계를 넘겨 보는 HTML 파일 하나를 씁니다.

    첫 화면(단계 0)은 순전파가 끝난 상태이고, 단계마다 그 노드와 부모가 빨간 테두리로
    강조된 그래프, 그때까지 채워진 기울기, 연쇄 법칙 설명이 보입니다. 기울기는 모두 0에서
    시작합니다 (`zero_grad()` 뒤 `backward()`와 같습니다). 그림에는 설명과 같은 노드 이름을
    쓰려고 label이 없는 노드에 잠시 이름을 붙입니다. 끝나면 모든 노드의 grad와 label을
    원래 값으로 되돌리므로 호출한 쪽의 그래프는 바뀌지 않습니다. 파일은 임시 파일에 쓴 뒤
    이름을 바꾸므로 반쯤 쓴 파일이 남지 않습니다.

    Args:
        root: 역전파를 시작할 Value (보통 손실).
        path: 저장할 .html 파일 경로.
        **draw_options: `viz.draw_dot`의 옵션 (rankdir, show_local_grads, fold, max_nodes,
            legend, params). highlight는 단계마다 이 함수가 정하므로 줄 수 없습니다.

    Returns:
        저장한 파일의 경로.

    Raises:
        TypeError: root가 Value가 아니거나 highlight를 주었을 때.
        FileNotFoundError: 저장할 폴더가 없을 때.
        IsADirectoryError: 경로가 폴더일 때.
        OSError: 파일을 쓰지 못했을 때 (권한 없음 등). 메시지는 한국어입니다.
        ValueError, RenderError: 그리기 옵션이 잘못되었거나 Graphviz가 그림을 만들지 못했을 때.

    Example:
        >>> backward_html(loss, "steps.html")  # doctest: +SKIP
        PosixPath('steps.html')
    """
    from micrograd_ko import viz  # graphviz는 그림이 필요할 때만 가져옵니다.

    if not isinstance(root, Value):
        raise TypeError(f"Value가 필요합니다. 받은 값: {root!r} (자료형 {type(root).__name__}).")
    if "highlight" in draw_options:
        raise TypeError("highlight는 단계마다 backward_html이 정하므로 줄 수 없습니다. 옵션에서 빼세요.")
    path = pathlib.Path(path)
    files.check_output_path(path)

    order = topological_order(root)
    names = node_names(root)
    saved = [(node.grad, node.label) for node in order]
    try:
        for node in order:
            node.grad = 0.0
            node.label = names[node]
        frames = [_frame(0, len(order), _intro(root), viz.to_svg(root, **draw_options), order, None)]
        for step in backward_steps(root):
            svg = viz.to_svg(root, highlight=[step.node, *step.parents], **draw_options)
            frames.append(_frame(step.index, step.total, str(step), svg, order, step))
    finally:
        for node, (grad, label) in zip(order, saved):
            node.grad, node.label = grad, label

    # NOTE: 단계마다 그래프 전체를 SVG로 넣으므로 파일 크기는 노드 수의 제곱에 비례합니다.
    # 노드 10개인 뉴런이 약 250 kB이므로, 노드 300개면 100 MB를 넘는다고 어림합니다.
    files.write_atomic(path, _page(names[root], frames).encode("utf-8"))
    return path


def _intro(root: Value) -> str:
    return forward_text(root) + "\n\n역전파는 아직 시작하지 않았습니다. 다음 버튼이나 → 키로 한 단계씩 진행합니다."


def _frame(index: int, total: int, text: str, svg: str, order: list[Value], step: Step | None) -> str:
    """단계 하나의 HTML: 그래프, 설명, 기울기 표. 지금 단계가 아니면 숨겨 둡니다."""
    match = _SVG_START.search(svg)
    svg = _SVG_ID.sub(f'id="s{index}-', svg[match.start():] if match else svg)  # 단계마다 id가 겹치지 않게 합니다.
    if step is None:
        title = "순전파가 끝난 상태"
    elif step.op is None:
        title = f"지금 노드: {step.name} (잎 노드, 기울기 확정)"
    else:
        title = f"지금 노드: {step.name} (기울기를 부모에게 보냅니다)"
    hidden = "" if index == 0 else " hidden"
    return (
        f'<section class="frame" data-step="{index}"{hidden}>\n'
        f'<h2>단계 {index}/{total}: {html.escape(title)}</h2>\n'
        f'<div class="graph">{svg}</div>\n'
        f'<div class="side"><pre class="step-text">{html.escape(text)}</pre>\n'
        f"{_grads_table(order, step)}</div>\n</section>"
    )


def _grads_table(order: list[Value], step: Step | None) -> str:
    """지금까지 채워진 기울기 표입니다. 지금 노드와 그 부모 줄을 강조합니다."""
    parents = {share.parent for share in step.shares} if step is not None else set()
    rows = []
    for node in order:
        role = ""
        if step is not None and node is step.node:
            role = "current"
        elif node in parents:
            role = "parent"
        rows.append(
            f'<tr class="{role}"><td>{html.escape(node.label)}</td>'
            f"<td>{node.data:.4f}</td><td>{node.grad:.4f}</td></tr>"
        )
    return (
        '<table class="grads"><caption>지금까지의 기울기 (위상 정렬 순서)</caption>'
        "<thead><tr><th>노드</th><th>값</th><th>기울기</th></tr></thead><tbody>"
        + "".join(rows) + "</tbody></table>"
    )


_STYLE = """
body { font-family: "NanumGothic", "Nanum Gothic", "Noto Sans CJK KR", "Noto Sans KR", "Malgun Gothic",
       "Apple SD Gothic Neo", sans-serif; margin: 1rem 1.5rem; color: #1f2937; background: #f9fafb; }
h1 { font-size: 1.4rem; margin: 0 0 .5rem; } h2 { font-size: 1.1rem; margin: .5rem 0; }
.controls { display: flex; gap: .75rem; align-items: center; position: sticky; top: 0; padding: .5rem 0;
            background: #f9fafb; border-bottom: 1px solid #e5e7eb; }
.controls button { font: inherit; font-size: 1rem; padding: .35rem .9rem; cursor: pointer; }
.controls input[type=range] { flex: 1; max-width: 32rem; }
#step-counter { font-weight: bold; min-width: 7rem; }
.graph { overflow: auto; background: white; border: 1px solid #e5e7eb; padding: .5rem; text-align: center; }
.graph svg { width: 100%; max-width: 100rem; height: auto; }
.side { display: flex; flex-wrap: wrap; gap: 1rem; align-items: flex-start; margin-top: 1rem; }
.step-text { flex: 3 1 36rem; margin: 0; white-space: pre-wrap; font-family: inherit; font-size: 1rem;
             line-height: 1.6; background: white; border: 1px solid #e5e7eb; padding: .75rem; }
table.grads { flex: 0 0 auto; border-collapse: collapse; font-size: .95rem; background: white; }
table.grads caption { text-align: left; white-space: nowrap; padding-bottom: .25rem; }
table.grads td, table.grads th { border: 1px solid #d1d5db; padding: .2rem .6rem; text-align: right; }
table.grads td:first-child { text-align: left; }
tr.current { background: #fca5a5; font-weight: bold; } tr.parent { background: #fee2e2; }
.hint { color: #4b5563; font-size: .9rem; }
.note { max-width: 60rem; line-height: 1.6; }
"""

_SCRIPT = """
(function () {
  var frames = document.querySelectorAll(".frame");
  var slider = document.getElementById("slider");
  var prev = document.getElementById("prev"), next = document.getElementById("next");
  var counter = document.getElementById("step-counter");
  var last = frames.length - 1, current = 0;
  function show(i) {
    current = Math.max(0, Math.min(last, i));
    for (var k = 0; k < frames.length; k++) { frames[k].hidden = (k !== current); }
    slider.value = String(current);
    counter.textContent = "단계 " + current + "/" + last;
    prev.disabled = (current === 0);
    next.disabled = (current === last);
  }
  prev.addEventListener("click", function () { show(current - 1); });
  next.addEventListener("click", function () { show(current + 1); });
  slider.addEventListener("input", function () { show(Number(slider.value)); });
  document.addEventListener("keydown", function (event) {
    if (event.target === slider) { return; }  // 슬라이더는 스스로 화살표 키를 처리합니다.
    var moves = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 };
    if (event.key in moves) { show(current + moves[event.key]); event.preventDefault(); }
    else if (event.key === "Home") { show(0); event.preventDefault(); }
    else if (event.key === "End") { show(last); event.preventDefault(); }
  });
  show(0);
})();
"""


def _page(root_name: str, frames: list[str]) -> str:
    last = len(frames) - 1
    return f"""<!DOCTYPE html>
<html lang="ko">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>역전파 단계 보기: {html.escape(root_name)}</title>
<style>{_STYLE}</style>
</head>
<body>
<h1>역전파 단계 보기: ∂{html.escape(root_name)}/∂(각 노드)</h1>
<nav class="controls">
<button id="prev" type="button">◀ 이전</button>
<input id="slider" type="range" min="0" max="{last}" value="0" step="1" aria-label="단계">
<button id="next" type="button">다음 ▶</button>
<span id="step-counter">단계 0/{last}</span>
<span class="hint">키: ← → (Home, End). 빨간 테두리: 지금 노드와 그 부모.</span>
</nav>
<main>
{chr(10).join(frames)}
</main>
<p class="note">{html.escape(WHY_TOPOLOGICAL)}</p>
<script>{_SCRIPT}</script>
</body>
</html>
"""

