"""micrograd_ko: 한국어로 역전파를 배우는 순수 파이썬 스칼라 자동 미분 엔진입니다.

`Value`로 식을 만들고 `backward()`를 부르면 연쇄 법칙으로 기울기가 계산됩니다.
그 위에 뉴런, 층, MLP, 손실 함수, 옵티마이저와 Keras 스타일 학습 루프가 있습니다.
"""

from micrograd_ko.engine import Value, no_grad, is_grad_enabled, topological_order

sum = Value.sum  # noqa: A001 - micrograd_ko.sum([...])은 노드 하나짜리 n항 덧셈입니다.

__all__ = ["Value", "no_grad", "is_grad_enabled", "topological_order"]
__version__ = "0.1.0"
