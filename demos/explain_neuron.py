"""강의의 뉴런 하나로 역전파를 한 단계씩 따라갑니다.

o = tanh(x1·w1 + x2·w2 + b)에서 x1 = 2, x2 = 0, w1 = -3, w2 = 1, b = 6.8813735870195432입니다.
b는 n = 0.8814가 되게 고른 값이라서 o = tanh(n) = 1/√2이고, do/dn = 1 − o² = 0.5가 됩니다.

실행: python demos/explain_neuron.py [단계보기.html]
HTML 파일 이름을 주면 같은 과정을 브라우저에서 넘겨 볼 수 있는 파일도 만듭니다.
"""

from __future__ import annotations

import sys

from micrograd_ko import Value, topological_order
from micrograd_ko.explain import explain


def build_neuron() -> Value:
    """강의와 같은 이름을 붙인 뉴런 그래프를 만들고 출력 o를 돌려줍니다."""
    x1, x2 = Value(2.0, label="x1"), Value(0.0, label="x2")
    w1, w2 = Value(-3.0, label="w1"), Value(1.0, label="w2")
    b = Value(6.8813735870195432, label="b")

    # 순전파: 가중합 n을 한 항씩 만들어서 단계마다 이름이 보이게 합니다.
    x1w1 = x1 * w1
    x1w1.label = "x1w1"
    x2w2 = x2 * w2
    x2w2.label = "x2w2"
    x1w1x2w2 = x1w1 + x2w2
    x1w1x2w2.label = "x1w1+x2w2"
    n = x1w1x2w2 + b
    n.label = "n"
    o = n.tanh()
    o.label = "o"
    return o


def main() -> None:
    o = build_neuron()
    print(explain(o))

    # 설명은 기울기를 바꾸지 않습니다. backward()로 같은 값이 나오는지 확인합니다.
    o.backward()
    print("\nbackward()로 다시 계산한 잎 노드의 기울기:")
    for node in topological_order(o):
        if not node._parents:
            print(f"  ∂o/∂{node.label} = {node.grad:.4f}")

    if len(sys.argv) > 1:
        from micrograd_ko.viewer import backward_html

        print(f"\n단계 보기 파일을 만들었습니다: {backward_html(o, sys.argv[1])}")


if __name__ == "__main__":
    main()
