"""연습 5의 흔한 실수: 역전파에서 순서를 뒤집지 않습니다."""


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
    for node in topological_order(root):
        if node._op is None:
            continue
        for parent, local in zip(node._parents, node._op.local_grads(node)):
            parent.grad += node.grad * local
