"""연습 5의 모범 답안: 명시적 스택으로 후위 순회합니다."""


def topological_order(root):
    order, visited = [], set()
    stack = [(root, False)]
    while stack:
        node, expanded = stack.pop()
        if expanded:
            order.append(node)
        elif node not in visited:
            visited.add(node)
            stack.append((node, True))
            for parent in node._parents:
                if parent not in visited:
                    stack.append((parent, False))
    return order


def backward(root):
    root.grad = 1.0
    for node in reversed(topological_order(root)):
        if node._op is None:
            continue
        for parent, local in zip(node._parents, node._op.local_grads(node)):
            parent.grad += node.grad * local
