"""연습 5의 흔한 실수: 재귀 함수로 정렬해서 긴 사슬에서 재귀 한도를 넘습니다."""


def topological_order(root):
    order, visited = [], set()

    def visit(node):
        if node in visited:
            return
        visited.add(node)
        for parent in node._parents:
            visit(parent)
        order.append(node)

    visit(root)
    return order


def backward(root):
    root.grad = 1.0
    for node in reversed(topological_order(root)):
        if node._op is None:
            continue
        for parent, local in zip(node._parents, node._op.local_grads(node)):
            parent.grad += node.grad * local
