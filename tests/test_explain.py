"""explain.py 테스트: 단계별 역전파가 backward()와 똑같고, 설명 글이 연쇄 법칙을 숫자로 보여 주는지 봅니다."""

from __future__ import annotations

import pytest
from hypothesis import given

from micrograd_ko.engine import Value, topological_order
from micrograd_ko.explain import Stepper, backward_steps, explain, node_names
from micrograd_ko.expr import parse
from micrograd_ko.testing import expressions


def _neuron() -> Value:
    """강의의 뉴런: o = tanh(x1·w1 + x2·w2 + b). b는 n = 0.8814 (tanh(n) = 1/√2)가 되게 고른 값입니다."""
    x1, x2 = Value(2.0, label="x1"), Value(0.0, label="x2")
    w1, w2 = Value(-3.0, label="w1"), Value(1.0, label="w2")
    b = Value(6.8813735870195432, label="b")
    n = x1 * w1 + x2 * w2 + b
    n.label = "n"
    o = n.tanh()
    o.label = "o"
    return o


def _lecture_graph() -> Value:
    """강의의 첫 식: L = (a·b + c)·f, a=2, b=-3, c=10, f=-2."""
    a, b, c, f = Value(2.0, label="a"), Value(-3.0, label="b"), Value(10.0, label="c"), Value(-2.0, label="f")
    e = a * b
    e.label = "e"
    d = e + c
    d.label = "d"
    L = d * f
    L.label = "L"
    return L


def _bits(x: float) -> str:
    return float.hex(x)  # -0.0과 0.0도 구별하는 비트 단위 비교입니다.


# ---------------------------------------------------------------- backward()와 같은 결과


@given(expressions())
def test_backward_steps_match_backward_bitwise(expression):
    """무작위 식에서 backward_steps를 끝까지 돌린 기울기는 backward()와 비트 단위로 같습니다."""
    reference = expression.build(*[Value(v) for v in expression.values])
    stepped = expression.build(*[Value(v) for v in expression.values])
    reference.backward()
    steps = list(backward_steps(stepped))

    expected = [_bits(node.grad) for node in topological_order(reference)]
    actual = [_bits(node.grad) for node in topological_order(stepped)]
    assert actual == expected
    assert len(steps) == len(expected)


@given(expressions(max_depth=3))
def test_backward_steps_accumulate_leaf_grads_like_backward(expression):
    """잎 노드에 이미 기울기가 있으면 backward()처럼 그 위에 더합니다 (두 번째 호출과 같은 상황)."""
    reference = expression.build(*[Value(v) for v in expression.values])
    stepped = expression.build(*[Value(v) for v in expression.values])
    for root in (reference, stepped):
        root.backward()
    reference.backward()
    for _ in backward_steps(stepped):
        pass

    expected = [_bits(node.grad) for node in topological_order(reference)]
    assert [_bits(node.grad) for node in topological_order(stepped)] == expected


def test_step_local_grads_come_from_op_declaration():
    a, b = Value(2.0, label="a"), Value(-3.0, label="b")
    c = a * b
    step = next(backward_steps(c))
    assert step.local_grads == c._op.local_grads(c)
    assert step.parents == (a, b)
    assert [s.contribution for s in step.shares] == [1.0 * -3.0, 1.0 * 2.0]


def test_backward_steps_rejects_non_value_immediately():
    with pytest.raises(TypeError, match="Value가 필요합니다"):
        backward_steps(3.0)


def test_backward_steps_overflowing_grad_raises_like_backward():
    # 순전파는 유한하지만 중간 노드 p = d × 1의 기울기가 1e300 × 1e300 = inf가 됩니다.
    def build():
        p = Value(1e-300, label="d") * 1.0
        return (p * 1e300) * 1e300

    with pytest.raises(OverflowError):
        build().backward()
    with pytest.raises(OverflowError, match="float 범위"):
        list(backward_steps(build()))


# ---------------------------------------------------------------- 설명 글


def test_explain_neuron_shows_lecture_gradients():
    text = explain(_neuron())
    # 손으로 계산한 값: do/dn = 1 − tanh(n)² = 1 − 1/2 = 0.5, dw1 = x1 × 0.5 = 1.0, dx1 = w1 × 0.5 = −1.5.
    assert "∂o/∂n += ∂o/∂o × ∂o/∂n = 1.0000 × 0.5000 = 0.5000" in text
    assert "∂o/∂w1 = 1.0000" in text
    assert "∂o/∂x1 = -1.5000" in text


def test_explain_parsed_neuron_names_unlabelled_root_l():
    o = parse("tanh(x1*w1 + x2*w2 + b)", x1=2, x2=0, w1=-3, w2=1, b=6.8813735870195432)
    text = explain(o)
    assert "∂L/∂x1 = -1.5000" in text
    assert "∂L/∂w1 = 1.0000" in text
    assert "= 1.0000 × 0.5000 = 0.5000" in text


def test_step_text_shows_chain_rule_with_numbers():
    text = explain(_lecture_graph())
    # ∂L/∂d = f = −2, ∂L/∂e = ∂L/∂d × 1 = −2, ∂L/∂a = ∂L/∂e × b = 6.
    assert "∂L/∂d += ∂L/∂L × ∂L/∂d = 1.0000 × (-2.0000) = -2.0000" in text
    assert "∂L/∂e += ∂L/∂d × ∂d/∂e = (-2.0000) × 1.0000 = -2.0000" in text
    assert "∂L/∂a += ∂L/∂e × ∂e/∂a = (-2.0000) × (-3.0000) = 6.0000" in text


def test_explain_has_all_sections_in_order():
    text = explain(_lecture_graph())
    positions = [text.index(h) for h in ("순전파 (위상 정렬 순서)", "역전파 (위상 정렬의 역순)",
                                          "잎 노드의 최종 기울기", "왜 위상 정렬의 역순인가")]
    assert positions == sorted(positions)
    assert "단계 7/7" in text


def test_explain_restores_caller_grads():
    root = _lecture_graph()
    nodes = topological_order(root)
    for i, node in enumerate(nodes):
        node.grad = 0.25 * i
    explain(root)
    assert [node.grad for node in nodes] == [0.25 * i for i in range(len(nodes))]


@pytest.mark.parametrize("text, grad", [("a*a", 6.0), ("a + a", 2.0)])
def test_reused_node_step_says_second_path(text, grad):
    root = parse(text, a=3.0)
    steps = list(backward_steps(root))
    a = root._parents[0]
    assert "재사용된 노드: a (2번째 경로)" in str(steps[0])
    assert "+=" in str(steps[0])
    assert a.grad == grad


def test_single_use_node_has_no_reuse_note():
    assert "재사용" not in explain(parse("a*b", a=2.0, b=-3.0))


def test_leaf_with_old_grad_gets_accumulation_note():
    a = Value(2.0, label="a")
    a.grad = 5.0
    step = next(backward_steps(a * 3.0))
    assert "이전 역전파에서 남은 기울기에 더해집니다" in str(step)
    assert "남은 기울기: 5.0000" in str(step)


def test_node_names_use_op_name_and_index():
    a = Value(2.0, label="a")
    root = a * 3.0 + a
    assert list(node_names(root).values()) == ["a", "값2", "곱셈3", "L"]


def test_node_names_disambiguate_duplicate_labels():
    first, second = Value(1.0, label="x"), Value(2.0, label="x")
    assert list(node_names(first + second).values()) == ["x", "x#2", "L"]


# ---------------------------------------------------------------- Stepper


def test_stepper_back_restores_grads_exactly():
    root = _neuron()
    nodes = topological_order(root)
    nodes[0].grad = 0.125  # 이전 역전파에서 남은 잎의 기울기도 되돌려야 합니다.
    initial = [node.grad for node in nodes]
    stepper = Stepper(root)
    snapshots = [initial]
    for _ in range(stepper.total):
        stepper.next()
        snapshots.append([node.grad for node in nodes])
    for expected in reversed(snapshots[:-1]):
        stepper.back()
        assert [node.grad for node in nodes] == expected
    assert stepper.back() is None


def test_stepper_run_matches_backward():
    reference, stepped = _neuron(), _neuron()
    reference.backward()
    Stepper(stepped).run()
    expected = [_bits(node.grad) for node in topological_order(reference)]
    assert [_bits(node.grad) for node in topological_order(stepped)] == expected


def test_stepper_jump_moves_forward_and_back():
    stepper = Stepper(_neuron())
    stepper.jump("w1")
    assert stepper.current.name == "w1"
    stepper.jump("n")
    assert stepper.position == 2
    assert stepper.current.name == "n"


def test_stepper_jump_unknown_name_lists_names():
    with pytest.raises(ValueError, match="있는 이름: x1, w1"):
        Stepper(_neuron()).jump("w9")


def test_stepper_scripted_commands_text():
    stepper = Stepper(parse("a*b", a=2.0, b=-3.0))
    outputs = [stepper.command(line) for line in ["", "b", "next", "다음", "s", "j a", "n", "zz", "h", "q"]]
    assert outputs[0].startswith("단계 1/3: L = a × b (곱셈)")
    assert outputs[1].startswith("되돌린 단계: 1/3 (L). 지금 위치: 단계 0/3.")
    assert "∂L/∂a += ∂L/∂L × ∂L/∂a = 1.0000 × (-3.0000) = -3.0000" in outputs[2]
    assert outputs[3].startswith("단계 2/3: b (잎 노드)")
    assert "∂L/∂b = 2.0000" in outputs[4]
    assert outputs[5].startswith("단계 3/3: a (잎 노드)")
    assert outputs[6].startswith("역전파가 끝났습니다.")
    assert outputs[7] == "알 수 없는 명령입니다: 'zz'. h를 입력하면 명령 목록이 나옵니다."
    assert "q, quit, 종료" in outputs[8]
    assert outputs[9] == "종료합니다."
    assert stepper.quit_requested


def test_stepper_run_command_ends_with_leaf_grads():
    output = Stepper(parse("a*b", a=2.0, b=-3.0)).command("끝까지")
    assert output.count("단계 ") == 3
    assert output.endswith("잎 노드의 최종 기울기:\n  ∂L/∂a = -3.0000\n  ∂L/∂b = 2.0000")


def test_stepper_command_errors_are_text():
    stepper = Stepper(parse("a*b", a=2.0, b=-3.0))
    assert stepper.command("j").startswith("이동할 노드의 이름이 필요합니다")
    assert stepper.command("j zz").startswith("오류: 그런 이름의 노드가 없습니다: 'zz'")
    assert stepper.command("g").startswith("저장할 파일 이름이 필요합니다")
    assert not stepper.quit_requested


def test_stepper_graph_dot_highlights_current_step(tmp_path):
    pytest.importorskip("graphviz")
    stepper = Stepper(parse("a*b + a", a=2.0, b=-3.0))
    stepper.next()
    stepper.next()
    output = stepper.command(f"g {tmp_path / 'step.dot'}")
    source = (tmp_path / "step.dot").read_text(encoding="utf-8")
    assert output == f"그래프를 저장했습니다: {tmp_path / 'step.dot'}"
    assert source.count("#dc2626") == 3  # 곱셈3과 그 부모 a, b
    assert "곱셈3" in source


def test_stepper_graph_keeps_caller_labels(tmp_path):
    pytest.importorskip("graphviz")
    root = parse("a*b", a=2.0, b=-3.0)
    Stepper(root).graph(tmp_path / "g.dot")
    assert root.label == ""


def test_stepper_intro_lists_forward_values():
    intro = Stepper(_neuron()).intro()
    assert "10. o = tanh(n) = 0.7071" in intro
    assert "역전파 10단계를 시작합니다" in intro


def test_step_contribution_is_upstream_times_local():
    """기여는 위에서 온 기울기 × 국소 미분과 정확히 같습니다."""
    for step in backward_steps(_neuron()):
        for share in step.shares:
            assert share.contribution == step.upstream * share.local
            assert share.grad_after == share.grad_before + share.contribution


def test_stepper_graph_unknown_suffix_names_stepper_spelling(tmp_path):
    output = Stepper(parse("a*b", a=2.0, b=-3.0)).command(f"g {tmp_path / 'x.txt'}")
    assert output.startswith("오류: 그림 형식을 알 수 없습니다")
    assert ".dot" in output
    assert "format=" not in output


def test_stepper_graph_into_directory_is_korean_error(tmp_path):
    pytest.importorskip("graphviz")
    folder = tmp_path / "g.dot"
    folder.mkdir()
    output = Stepper(parse("a*b", a=2.0, b=-3.0)).command(f"g {folder}")
    assert output.startswith("오류: 저장할 경로가 폴더입니다")
    assert "Errno" not in output
