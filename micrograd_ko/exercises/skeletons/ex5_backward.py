"""연습 5: 위상 정렬(topological order)과 역전파(backward)

계산 그래프의 노드(Value)는 자신을 만든 부모를 node._parents(튜플)에 기억합니다.
역전파는 두 단계입니다.

1) 위상 정렬: root의 그래프에 있는 모든 노드를 "부모가 언제나 자식보다 앞에" 오도록 나열합니다.
   root에서 시작해서 부모를 따라가며, 부모를 모두 목록에 넣은 다음에 자신을 넣습니다(후위 순회).
   방문한 노드는 set에 기록해서 한 번만 넣습니다. 같은 노드를 여러 자식이 쓸 수 있기 때문입니다.
   노드가 10,000개인 사슬도 정렬해야 합니다. 재귀 함수는 파이썬의 재귀 한도(기본 1000단계)를
   넘으므로, 명시적 스택(list)과 while 문으로 쓰세요.

2) 역전파: root.grad = 1.0으로 두고(∂L/∂L = 1), 정렬의 역순(자식부터)으로 노드마다 연쇄 법칙을 씁니다:
       ∂L/∂부모 += ∂L/∂노드 × ∂노드/∂부모
   국소 미분 ∂노드/∂부모는 node._op.local_grads(node)가 부모 순서대로 튜플로 돌려줍니다.
   잎 노드(직접 만든 Value)는 node._op가 None이고 부모가 없습니다.
   = 가 아니라 += 입니다. a * a처럼 같은 노드로 가는 경로가 둘이면 두 기울기를 더해야 합니다.

할 일: topological_order(root)와 backward(root)를 완성하세요. backward는 topological_order를 쓰면 됩니다.
채점: python -m micrograd_ko exercise check 5 (엔진의 Value.backward()와 비교합니다)
직접 실행해 보기: python ex5_backward.py
"""

from micrograd_ko.engine import Value


def topological_order(root: Value) -> list:
    """root의 그래프를 부모가 언제나 자식보다 앞에 오도록 나열한 list를 돌려줍니다."""
    order = []
    visited = set()
    # 스택의 원소는 (노드, 부모를 이미 스택에 넣었는지)입니다.
    stack = [(root, False)]
    # TODO: 스택이 빌 때까지 꺼내서
    #   - 부모를 이미 넣은 노드이면 order에 넣고,
    #   - 처음 보는 노드이면 visited에 기록하고 (노드, True)를 다시 넣은 뒤 부모들을 (부모, False)로 넣으세요.
    # 다 쓰면 아래 raise 줄을 지우세요.
    raise NotImplementedError("아직 구현하지 않았습니다: topological_order")
    return order


def backward(root: Value) -> None:
    """root에서 시작해서 그래프의 모든 노드의 기울기(.grad)를 채웁니다."""
    # TODO: 1) root.grad = 1.0
    #       2) topological_order(root)의 역순으로 돌면서, 잎 노드가 아니면
    #          부모와 국소 미분을 짝지어 parent.grad += node.grad × 국소 미분
    # 다 쓰면 아래 raise 줄을 지우세요.
    raise NotImplementedError("아직 구현하지 않았습니다: backward")


if __name__ == "__main__":
    a = Value(3.0, label="a")
    b = Value(-2.0, label="b")
    out = a * a + a * b
    backward(out)
    print("∂out/∂a:", a.grad, "(기대한 값: 2a + b = 4.0)")
    print("∂out/∂b:", b.grad, "(기대한 값: a = 3.0)")
