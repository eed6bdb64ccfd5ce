"""viz.py 테스트: 골든 DOT 파일, 두 렌더러, 렌더러가 없을 때의 안내, 이스케이프, 접기.

골든 파일을 다시 만들려면: UPDATE_GOLDEN=1 python -m pytest tests/test_viz.py -q
"""

from __future__ import annotations

import os
import pathlib
import re
import shutil
import sys
import xml.etree.ElementTree as ET

import pytest

from micrograd_ko import Value, topological_order
from micrograd_ko import viz
from micrograd_ko.viz import RenderError, draw_dot, render, to_svg

GOLDEN = pathlib.Path(__file__).parent / "golden"


def _has_pygraphviz() -> bool:
    try:
        import pygraphviz  # noqa: F401
    except ImportError:
        return False
    return True


BACKEND_PARAMS = [
    pytest.param("pygraphviz", marks=pytest.mark.skipif(
        not _has_pygraphviz(), reason='pygraphviz가 없습니다: pip install -e ".[render]"')),
    pytest.param("dot", marks=pytest.mark.skipif(
        shutil.which("dot") is None, reason="dot 실행 파일이 없습니다: sudo apt install graphviz fonts-nanum")),
]


# ---------------------------------------------------------------- 예제 그래프


def lecture_neuron() -> Value:
    """강의의 뉴런: n = x1*w1 + x2*w2 + b, o = tanh(n). 역전파까지 마칩니다."""
    x1, x2 = Value(2.0, label="x1"), Value(0.0, label="x2")
    w1, w2 = Value(-3.0, label="w1"), Value(1.0, label="w2")
    b = Value(6.8813735870195432, label="b")
    x1w1 = x1 * w1
    x1w1.label = "x1*w1"
    x2w2 = x2 * w2
    x2w2.label = "x2*w2"
    s = x1w1 + x2w2
    s.label = "x1*w1 + x2*w2"
    n = s + b
    n.label = "n"
    o = n.tanh()
    o.label = "o"
    o.backward()
    return o


def square() -> Value:
    a = Value(3.0, label="a")
    out = a * a
    out.label = "a*a"
    out.backward()
    return out


def diamond() -> Value:
    """a가 두 경로(b와 c)로 d에 닿는 다이아몬드 모양 그래프입니다."""
    a = Value(2.0, label="a")
    b = a + 1.0
    b.label = "b"
    c = a * 3.0
    c.label = "c"
    d = b * c
    d.label = "d"
    d.backward()
    return d


def mlp_loss(sizes: list[int]) -> Value:
    """Value.weighted_sum과 relu로 MLP 한 표본의 손실 그래프를 만듭니다 (가중치는 정해진 식)."""
    xs = [Value(0.5 - 0.25 * i, label=f"x{i + 1}") for i in range(sizes[0])]
    for k, nout in enumerate(sizes[1:]):
        outs = []
        for j in range(nout):
            ws = [Value(((3 * i + 7 * j + k) % 11 - 5) / 10) for i in range(len(xs))]
            s = Value.weighted_sum(ws, xs, Value(0.1 * (j % 3)))
            outs.append(s if k == len(sizes) - 2 else s.relu())
        xs = outs
    loss = (xs[0] - Value(1.0, label="y")) ** 2
    loss.label = "손실"
    loss.backward()
    return loss


# ---------------------------------------------------------------- 골든 DOT 파일

GOLDEN_CASES = {
    "lecture_neuron.dot": lambda: draw_dot(lecture_neuron(), show_local_grads=True),
    "square.dot": lambda: draw_dot(square(), show_local_grads=True),
    "diamond.dot": lambda: draw_dot(diamond(), show_local_grads=True),
    "mlp_2_16_16_1_layer.dot": lambda: draw_dot(mlp_loss([2, 16, 16, 1]), fold="layer"),
    "mlp_2_16_16_1_neuron.dot": lambda: draw_dot(mlp_loss([2, 16, 16, 1]), fold="neuron"),
}


@pytest.mark.parametrize("name", sorted(GOLDEN_CASES))
def test_dot_source_matches_golden_file(name):
    source = GOLDEN_CASES[name]().source
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        path.write_text(source, encoding="utf-8", newline="\n")
    assert source == path.read_text(encoding="utf-8")


def test_dot_source_identical_for_rebuilt_graph():
    assert draw_dot(lecture_neuron()).source == draw_dot(lecture_neuron()).source


def test_node_ids_never_use_python_id():
    root = lecture_neuron()
    source = draw_dot(root).source
    for node in topological_order(root):
        assert str(id(node)) not in source


# ---------------------------------------------------------------- 내용


def test_value_node_shows_label_data_and_grad():
    source = draw_dot(lecture_neuron()).source
    assert "<TD>o</TD><TD>data 0.7071</TD><TD>grad 1.0000</TD>" in source


def test_local_grads_on_edges_match_op_declaration():
    root = square()
    source = draw_dot(root, show_local_grads=True).source
    assert root._op.local_grads(root) == (3.0, 3.0)  # ∂(a·a)/∂a = a, 각 간선마다
    assert source.count('v0 -> v1_op [label="×3.0000"]') == 2


def test_highlight_folded_node_marks_its_box():
    root = mlp_loss([2, 3, 1])
    # 위상 정렬에서 처음 나오는 이름 없는 잎은 마지막 층(층 2) 첫 뉴런의 첫 가중치입니다.
    weight = next(n for n in topological_order(root) if n._op is None and not n.label)
    source = draw_dot(root, fold="layer", highlight=[weight]).source
    assert 'layer2 [color="#dc2626"' in source


def test_weighted_sum_node_labelled_sigma():
    w, x = Value(0.5, label="w1"), Value(2.0, label="x1")
    out = Value.weighted_sum([w], [x], Value(0.1, label="b"))
    source = draw_dot(out, show_local_grads=True).source
    assert "Σ wᵢxᵢ + b" in source
    assert 'label="w₁ ×2.0000"' in source
    assert 'label="x₁ ×0.5000"' in source
    assert 'label="b ×1.0000"' in source


def test_roles_colour_inputs_params_and_output():
    source = draw_dot(lecture_neuron()).source
    colors = viz.ROLE_COLORS
    assert f'BGCOLOR="{colors["input"]}"><TR><TD>x1<' in source
    assert f'BGCOLOR="{colors["param"]}"><TR><TD>w1<' in source
    assert f'BGCOLOR="{colors["hidden"]}"><TR><TD>n<' in source
    assert f'BGCOLOR="{colors["output"]}"><TR><TD>o<' in source


def test_explicit_params_override_label_rule():
    x, w = Value(1.0, label="x"), Value(2.0, label="w1")
    source = draw_dot(x * w, params=[x]).source
    assert f'BGCOLOR="{viz.ROLE_COLORS["param"]}"><TR><TD>x<' in source
    assert f'BGCOLOR="{viz.ROLE_COLORS["input"]}"><TR><TD>w1<' in source


def test_legend_is_korean_and_optional():
    root = square()
    assert "범례" in draw_dot(root).source
    assert "범례" not in draw_dot(root, legend=False).source


def test_legend_lists_only_roles_in_picture():
    root = mlp_loss([2, 3, 1])
    folded = draw_dot(root, fold="neuron").source
    assert "매개변수" not in folded  # 가중치와 편향은 뉴런 상자 안에 숨습니다.
    assert "뉴런 / 층" in folded
    assert "매개변수" in draw_dot(lecture_neuron()).source
    assert "뉴런 / 층" not in draw_dot(lecture_neuron()).source


def test_legend_grad_note_names_root_l():
    source = draw_dot(lecture_neuron(), show_local_grads=True).source
    assert "grad: 기울기 ∂L/∂노드" in source
    assert "출력 L (그래프의 끝 노드, 보통 손실)" in source
    assert "∂출력" not in source


def test_neuron_fold_stacks_boxes_in_number_order():
    """LR 그림에서 층 1의 뉴런 상자는 위에서부터 1, 2, 3 순서로 놓입니다."""
    if not (_has_pygraphviz() or shutil.which("dot")):
        pytest.skip("렌더러가 없습니다")
    svg = to_svg(draw_dot(mlp_loss([2, 3, 1]), fold="neuron", legend=False))
    tops = {}
    for text in ET.fromstring(svg).iter("{http://www.w3.org/2000/svg}text"):
        if text.text and text.text.startswith("층 1 뉴런 "):
            tops[text.text] = float(text.get("y"))
    assert len(tops) == 3
    assert tops["층 1 뉴런 1"] < tops["층 1 뉴런 2"] < tops["층 1 뉴런 3"]


def test_rankdir_tb_is_written():
    assert "rankdir=TB" in draw_dot(square(), rankdir="TB").source


def test_highlight_marks_node_in_red():
    root = square()
    source = draw_dot(root, highlight={root._parents[0]}).source
    assert 'v0 [color="#dc2626" margin=0 penwidth=3 shape=box]' in source


def test_highlight_outside_graph_raises_valueerror():
    with pytest.raises(ValueError, match="highlight"):
        draw_dot(square(), highlight=[Value(1.0)])


def test_highlight_non_value_raises_typeerror():
    with pytest.raises(TypeError, match="받은 값"):
        draw_dot(square(), highlight=[1.0])


def test_reading_graph_leaves_data_and_grad_unchanged():
    root = mlp_loss([2, 3, 1])
    nodes = topological_order(root)
    before = [(n.data, n.grad) for n in nodes]
    draw_dot(root, show_local_grads=True, highlight=[root])
    draw_dot(root, fold="neuron")
    draw_dot(root, fold="layer")
    assert [(n.data, n.grad) for n in nodes] == before


@pytest.mark.parametrize("kwargs", [{"rankdir": "XY"}, {"fold": "block"}, {"max_nodes": 0}])
def test_bad_option_raises_korean_valueerror(kwargs):
    with pytest.raises(ValueError, match="받은 값"):
        draw_dot(square(), **kwargs)


def test_non_value_root_raises_typeerror():
    with pytest.raises(TypeError, match="Value"):
        draw_dot(3.0)


# ---------------------------------------------------------------- 접기와 크기 상한


def test_unfolded_mlp_above_max_nodes_raises_valueerror():
    with pytest.raises(ValueError, match="노드 수: 474") as info:
        draw_dot(mlp_loss([2, 16, 16, 1]))
    assert 'fold="layer"' in str(info.value)
    assert "max_nodes=474" in str(info.value)


def test_raised_max_nodes_draws_unfolded_mlp():
    assert "v0" in draw_dot(mlp_loss([2, 16, 16, 1]), max_nodes=500).source


def test_neuron_fold_draws_one_box_per_neuron():
    source = draw_dot(mlp_loss([2, 16, 16, 1]), fold="neuron", legend=False).source
    assert source.count("Σ wᵢxᵢ + b, 활성화") == 33
    assert source.count("활성화 ReLU") == 32


def test_neuron_fold_hides_weight_leaves():
    root = mlp_loss([2, 3, 1])
    source = draw_dot(root, fold="neuron", legend=False).source
    assert f'BGCOLOR="{viz.ROLE_COLORS["param"]}"' not in source


def test_layer_fold_draws_one_box_per_layer():
    source = draw_dot(mlp_loss([2, 16, 16, 1]), fold="layer").source
    assert "층 1: 뉴런 16개, 입력 2개, 활성화 ReLU" in source
    assert "층 2: 뉴런 16개, 입력 16개, 활성화 ReLU" in source
    assert "층 3: 뉴런 1개, 입력 16개, 활성화 없음" in source
    assert source.count("layer1 -> layer2") == 1


def test_big_mlp_folds_under_default_limit():
    source = draw_dot(mlp_loss([10, 32, 16, 1]), fold="layer").source
    assert "층 1: 뉴런 32개, 입력 10개" in source


def test_fold_shows_neuron_output_data_and_grad():
    root = mlp_loss([2, 3, 1])
    out = root._parents[0]._parents[0]  # (출력 − y)의 출력: 마지막 층의 가중합
    source = draw_dot(root, fold="neuron").source
    assert f"data {out.data:.4f}" in source
    assert f"grad {out.grad:.4f}" in source


# ---------------------------------------------------------------- 렌더링

HOSTILE_LABELS = ["손실 함수", "{a|b}", 'say "hi"', "back\\slash", "\\N \\G", "<tag> & x", "😀 이모지", "줄1\n줄2"]


def _svg_texts(svg: str) -> list[str]:
    """SVG의 <text> 글자를 모두 꺼냅니다 (Graphviz는 연속 공백을 줄바꿈 없는 공백으로 씁니다)."""
    root = ET.fromstring(svg.encode("utf-8"))
    return [(el.text or "").replace("\xa0", " ") for el in root.iter("{http://www.w3.org/2000/svg}text")]


@pytest.mark.parametrize("backend", BACKEND_PARAMS)
def test_hostile_labels_survive_real_render(backend):
    leaves = [Value(float(i), label=text) for i, text in enumerate(HOSTILE_LABELS)]
    texts = _svg_texts(to_svg(Value.sum(leaves), backend=backend))
    for label in HOSTILE_LABELS:
        for line in label.split("\n"):
            assert line in texts, f"{line!r}이(가) SVG에 없습니다: {texts}"


@pytest.mark.parametrize("backend", BACKEND_PARAMS)
@pytest.mark.parametrize("suffix, magic", [(".svg", b"<?xml"), (".png", b"\x89PNG"), (".pdf", b"%PDF")])
def test_render_writes_each_format(backend, suffix, magic, tmp_path):
    path = render(lecture_neuron(), tmp_path / f"neuron{suffix}", backend=backend)
    assert path.read_bytes().startswith(magic)
    assert sorted(p.name for p in tmp_path.iterdir()) == [f"neuron{suffix}"]


def test_render_format_argument_beats_suffix(tmp_path):
    pytest.importorskip("pygraphviz", reason='pygraphviz가 없습니다: pip install -e ".[render]"')
    path = render(square(), tmp_path / "graph.out", format="png", backend="pygraphviz")
    assert path.read_bytes().startswith(b"\x89PNG")


def test_render_accepts_draw_options(tmp_path):
    if not (_has_pygraphviz() or shutil.which("dot")):
        pytest.skip("렌더러가 없습니다")
    path = render(mlp_loss([2, 16, 16, 1]), tmp_path / "mlp.svg", fold="layer")
    assert "층 1" in path.read_text(encoding="utf-8")


def test_render_unknown_format_raises_valueerror(tmp_path):
    with pytest.raises(ValueError, match="받은 값: 'graph.gif'"):
        render(square(), tmp_path / "graph.gif")


def test_render_missing_folder_raises_filenotfounderror(tmp_path):
    with pytest.raises(FileNotFoundError, match="폴더"):
        render(square(), tmp_path / "없는 폴더" / "graph.svg")


def test_render_options_with_digraph_raise_typeerror(tmp_path):
    with pytest.raises(TypeError, match="draw_dot"):
        render(draw_dot(square()), tmp_path / "g.svg", fold="layer")


def test_large_png_is_capped_with_warning(tmp_path):
    if not (_has_pygraphviz() or shutil.which("dot")):
        pytest.skip("렌더러가 없습니다")
    node = Value(0.0, label="시작")
    for _ in range(60):
        node = node + 1.0
    with pytest.warns(RuntimeWarning, match="PNG"):
        path = render(draw_dot(node, legend=False), tmp_path / "chain.png")
    width = int.from_bytes(path.read_bytes()[16:20], "big")
    assert width <= viz.PNG_MAX_PIXELS


@pytest.fixture
def no_renderer(monkeypatch):
    """pygraphviz를 가져올 수 없고 PATH에 dot도 없는 컴퓨터를 흉내 냅니다."""
    monkeypatch.setitem(sys.modules, "pygraphviz", None)
    monkeypatch.setenv("PATH", "")


def test_no_renderer_raises_korean_render_error(no_renderer, tmp_path):
    with pytest.raises(RenderError) as info:
        render(square(), tmp_path / "g.svg")
    message = str(info.value)
    assert 'pip install -e ".[render]"' in message
    assert "pip install pygraphviz" in message
    assert "sudo apt install graphviz" in message
    assert "brew install graphviz" in message
    assert "winget install graphviz" in message
    assert "g.source" in message
    assert not list(tmp_path.iterdir())


def test_render_error_is_runtime_error():
    assert issubclass(RenderError, RuntimeError)


def test_forced_missing_backend_raises_render_error(no_renderer):
    with pytest.raises(RenderError, match="dot 실행 파일"):
        to_svg(square(), backend="dot")


def test_unknown_backend_raises_valueerror():
    with pytest.raises(ValueError, match="backend"):
        to_svg(square(), backend="neato")


def test_notebook_display_falls_back_to_korean_and_dot(no_renderer):
    bundle = draw_dot(square())._repr_mimebundle_()
    assert "image/svg+xml" not in bundle
    assert "렌더러가 없습니다" in bundle["text/plain"]
    assert "digraph {" in bundle["text/plain"]
    assert "&lt;TABLE" in bundle["text/html"]


def test_notebook_display_renders_svg():
    if not (_has_pygraphviz() or shutil.which("dot")):
        pytest.skip("렌더러가 없습니다")
    bundle = draw_dot(square())._repr_mimebundle_()
    assert "<svg" in bundle["image/svg+xml"]


def test_backward_html_delegates_to_viewer(monkeypatch, tmp_path):
    calls = []
    fake = type(sys)("micrograd_ko.viewer")
    fake.backward_html = lambda root, path, **kw: calls.append((root, path, kw)) or pathlib.Path(path)
    monkeypatch.setitem(sys.modules, "micrograd_ko.viewer", fake)
    root = square()
    viz.backward_html(root, tmp_path / "b.html", title="t")
    assert calls == [(root, tmp_path / "b.html", {"title": "t"})]


@pytest.mark.parametrize("backend", BACKEND_PARAMS)
def test_svg_has_no_internal_id_tooltips(backend):
    """브라우저가 풍선 도움말로 보이는 <title>에 v0, v2_op 같은 내부 id가 없습니다."""
    a, b = Value(2.0, label="a"), Value(-3.0, label="b")
    svg = to_svg(a * b, backend=backend)
    assert "<title>" not in svg
    assert "v2_op" not in re.sub(r"<!--.*?-->", "", svg, flags=re.S)


def test_render_into_directory_is_korean_error(tmp_path):
    with pytest.raises(IsADirectoryError, match="저장할 경로가 폴더입니다"):
        render(Value(1.0), tmp_path, format="svg")
