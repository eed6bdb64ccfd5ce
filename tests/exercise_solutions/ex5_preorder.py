"""연습 5의 흔한 실수: 자신을 부모보다 먼저 넣습니다 (전위 순회)."""


def topological_order(root):
    order, visited = [], set()

    def visit(node):
        if node in visited:
            return
        visited.add(node)
        order.append(node)
        for parent in node._parents:
            visit(parent)

    visit(root)
    return order


def backward(root):
    root.grad = 1.0
    for node in reversed(topological_order(root)):
        if node._op is None:
            continue
        for parent, local in zip(node._parents, node._op.local_grads(node)):
            parent.grad += node.grad * local
