"""연습 2: 뉴런 하나

뉴런은 입력 x₁, …, xₙ에 가중치 w₁, …, wₙ를 곱해서 모두 더하고, 편향 b를 더한 뒤(가중합)
활성화 함수 tanh를 적용합니다:

    out = tanh(w₁x₁ + w₂x₂ + … + wₙxₙ + b)

w와 b를 Value로 만들고 Value끼리 계산하면 계산 그래프가 생깁니다. 그래서 out.backward()를
부르면 모든 가중치와 편향의 기울기(∂out/∂wᵢ, ∂out/∂b)가 채워집니다.

할 일:
  1) __init__: self.w에 Value nin개의 목록을, self.b에 Value 하나를 넣으세요.
     가중치는 random.uniform(-1, 1)로, 편향은 0.0으로 시작합니다.
  2) __call__: 위의 식으로 out을 계산해서 Value로 돌려주세요.
     Value의 tanh는 v.tanh()입니다. .data를 꺼내서 계산하면 그래프가 끊기므로 Value 그대로 쓰세요.
채점: python -m micrograd_ko exercise check 2
직접 실행해 보기: python ex2_neuron.py
"""

import random

from micrograd_ko.engine import Value


class Neuron:
    """입력 nin개를 받는 뉴런입니다: out = tanh(Σ wᵢxᵢ + b)."""

    def __init__(self, nin: int) -> None:
        # TODO: 1) self.w와 self.b를 만드세요. 다 쓰면 아래 raise 줄을 지우세요.
        raise NotImplementedError("아직 구현하지 않았습니다: Neuron.__init__")

    def __call__(self, x: list) -> Value:
        """입력 x(숫자나 Value nin개의 목록)로 순전파해서 Value 하나를 돌려줍니다."""
        # TODO: 2) 가중합에 편향을 더하고 tanh를 적용하세요. 다 쓰면 아래 raise 줄을 지우세요.
        raise NotImplementedError("아직 구현하지 않았습니다: Neuron.__call__")

    def parameters(self) -> list:
        """가중치와 편향을 한 목록으로 돌려줍니다 (이미 완성된 부분입니다)."""
        return self.w + [self.b]


if __name__ == "__main__":
    n = Neuron(2)
    out = n([1.0, -2.0])
    out.backward()
    print("출력:", out.data)
    print("가중치의 기울기:", [w.grad for w in n.w], "편향의 기울기:", n.b.grad)
