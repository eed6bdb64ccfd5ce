"""`Stepper`: 역전파를 한 단계씩 앞뒤로 움직이며 보는 대화형 도구입니다.

`python -m micrograd_ko step`과 파이썬 REPL에서 씁니다. 단계의 내용과 글은 explain.py의
`backward_steps`와 같은 코드로 만듭니다.
"""

from __future__ import annotations

import pathlib

from micrograd_ko import files
from micrograd_ko.engine import Value, topological_order
from micrograd_ko.explain import Step, _names, _num, _perform, _seed, forward_text, grads_text

__all__ = ["Stepper", "HELP_TEXT"]

_ALIASES = {
    "n": "next", "next": "next", "다음": "next",
    "b": "back", "back": "back", "이전": "back",
    "r": "run", "run": "run", "끝까지": "run",
    "j": "jump", "jump": "jump", "이동": "jump",
    "s": "state", "state": "state", "상태": "state",
    "g": "graph", "graph": "graph", "그림": "graph",
    "h": "help", "help": "help", "도움말": "help", "?": "help",
    "q": "quit", "quit": "quit", "exit": "quit", "종료": "quit",
}

HELP_TEXT = """명령 (한국어나 영어로 입력합니다):
  Enter, n, next, 다음             다음 역전파 단계를 실행합니다.
  b, back, 이전                    마지막 단계를 되돌립니다. 기울기도 그 전 값으로 돌아갑니다.
  r, run, 끝까지                   남은 단계를 모두 실행합니다.
  j 이름, jump 이름, 이동 이름     그 이름의 노드를 처리하는 단계까지 가거나 돌아갑니다.
  s, state, 상태                   지금 모든 노드의 기울기를 보여 줍니다.
  g 파일, graph 파일, 그림 파일    지금 상태의 계산 그래프를 파일(.svg, .png, .pdf, .dot)로 그립니다.
  h, help, 도움말                  이 도움말을 보여 줍니다.
  q, quit, 종료                    끝냅니다."""


class Stepper:
    """역전파를 한 단계씩 앞뒤로 움직이며 보는 도구입니다 (REPL과 명령줄의 step 명령).

    `next()`는 `backward()`와 같은 방식으로 그래프의 기울기를 바꾸고, `back()`은 그 변화를
    정확히 되돌립니다. 출력하지 않고 글이나 Step을 돌려줍니다. `command(line)`은 입력 한 줄을
    처리한 결과 글을 돌려주고, 종료 명령이 오면 `quit_requested`를 True로 만듭니다.

    Args:
        root: 역전파를 시작할 Value (보통 손실).

    Raises:
        TypeError: root가 Value가 아닐 때.

    Example:
        >>> a = Value(2.0, label="a")
        >>> stepper = Stepper(a * a)
        >>> stepper.run()[-1].name, a.grad
        ('a', 4.0)
    """

    def __init__(self, root: Value) -> None:
        self.root = root
        self._order = topological_order(root)
        self._names = _names(self._order, root)
        self._done: list[Step] = []
        self._initial: list[float] = []
        self._received: dict[Value, int] = {}
        self.quit_requested = False

    @property
    def position(self) -> int:
        """지금까지 실행한 단계 수입니다 (0부터 total까지)."""
        return len(self._done)

    @property
    def total(self) -> int:
        """전체 단계 수, 곧 그래프의 노드 수입니다."""
        return len(self._order)

    @property
    def current(self) -> Step | None:
        """마지막으로 실행한 단계입니다. 아직 없으면 None입니다."""
        return self._done[-1] if self._done else None

    def next(self) -> Step | None:
        """다음 단계를 실행하고 그 Step을 돌려줍니다. 이미 끝났으면 None입니다."""
        if self.position == self.total:
            return None
        first = not self._done
        if first:
            self._initial = [node.grad for node in self._order]
            _seed(self._order, self.root)
        node = self._order[self.total - 1 - self.position]
        try:
            step = _perform(node, self.position + 1, self.total, self._names, self._received, first)
        except (OverflowError, ZeroDivisionError, ValueError):
            if first:
                self._restore_initial()
            raise
        self._done.append(step)
        return step

    def back(self) -> Step | None:
        """마지막 단계를 되돌리고 그 Step을 돌려줍니다. 기울기는 그 단계 전 값과 같아집니다."""
        if not self._done:
            return None
        step = self._done.pop()
        for share in reversed(step.shares):
            share.parent.grad = share.grad_before
            self._received[share.parent] -= 1
        if not self._done:
            self._restore_initial()
        return step

    def _restore_initial(self) -> None:
        for node, grad in zip(self._order, self._initial):
            node.grad = grad

    def run(self) -> list[Step]:
        """남은 단계를 모두 실행하고 실행한 Step 목록을 돌려줍니다."""
        steps = []
        while self.position < self.total:
            steps.append(self.next())
        return steps

    def jump(self, name: str) -> list[Step]:
        """이름이 `name`인 노드의 단계가 마지막으로 실행된 상태가 되게 앞이나 뒤로 움직입니다.

        Args:
            name: 노드 이름 (label이나 node_names가 붙인 이름).

        Returns:
            새로 실행한 Step 목록. 뒤로 돌아갔으면 빈 목록입니다.

        Raises:
            ValueError: 그런 이름의 노드가 없을 때.
        """
        targets = [i for i, node in enumerate(reversed(self._order), start=1) if self._names[node] == name]
        if not targets:
            known = ", ".join(self._names.values())
            raise ValueError(f"그런 이름의 노드가 없습니다: {name!r}. 있는 이름: {known}")
        steps = []
        while self.position < targets[0]:
            steps.append(self.next())
        while self.position > targets[0]:
            self.back()
        return steps

    def graph(self, path: str) -> str:
        """지금 상태의 계산 그래프를 파일로 그리고 경로를 돌려줍니다.

        지금 단계의 노드와 그 부모를 빨간 테두리로 강조합니다. .svg, .png, .pdf는
        `micrograd_ko.viz.render`로 그리고, .dot이나 .gv이면 DOT 원문을 씁니다. 그림에도
        설명과 같은 이름이 보이도록 label이 없는 노드에 잠시 이름을 붙였다가 되돌립니다.

        Args:
            path: 저장할 파일 경로.

        Returns:
            저장한 경로.

        Raises:
            ValueError: 확장자를 알 수 없을 때.
            FileNotFoundError: 저장할 폴더가 없을 때.
            OSError: 경로가 폴더이거나 파일을 쓰지 못했을 때 (메시지는 한국어입니다).
            RenderError: Graphviz 렌더러가 없을 때 (.dot, .gv는 렌더러 없이 됩니다).
        """
        from micrograd_ko import viz  # graphviz가 없어도 설명기는 쓸 수 있게 늦게 가져옵니다.

        path = str(path)
        if not path.lower().endswith((".svg", ".png", ".pdf", ".dot", ".gv")):
            raise ValueError(f"그림 형식을 알 수 없습니다. 받은 경로: {path!r}. "
                             "파일 이름을 .svg, .png, .pdf, .dot 중 하나로 끝내세요. 예: g 그래프.svg")
        step = self.current
        highlight = [step.node, *step.parents] if step is not None else []
        labels = [node.label for node in self._order]
        try:
            for node in self._order:
                node.label = self._names[node]
            if path.lower().endswith((".dot", ".gv")):
                source = viz.draw_dot(self.root, highlight=highlight).source
                files.write_atomic(pathlib.Path(path), source.encode("utf-8"))
                return path
            return str(viz.render(self.root, path, highlight=highlight))
        finally:
            for node, label in zip(self._order, labels):
                node.label = label

    def help(self) -> str:
        """명령 목록을 한국어로 돌려줍니다."""
        return HELP_TEXT

    def intro(self) -> str:
        """시작할 때 보여 줄 글: 순전파 값과 사용법 한 줄입니다."""
        return f"{forward_text(self.root)}\n\n역전파 {self.total}단계를 시작합니다. Enter를 누르면 한 단계씩 진행합니다. 명령 목록: h"

    def command(self, line: str) -> str:
        """입력 한 줄을 명령으로 처리하고 보여 줄 글을 돌려줍니다. 빈 줄은 next입니다.

        Args:
            line: 사용자가 입력한 한 줄 (예: "n", "j w1", "g out.svg").

        Returns:
            보여 줄 한국어 글. 오류도 예외 대신 글로 돌려줍니다.
        """
        words = line.strip().split(maxsplit=1)
        name = _ALIASES.get(words[0].lower()) if words else "next"
        argument = words[1].strip() if len(words) > 1 else ""
        if name is None:
            return f"알 수 없는 명령입니다: {words[0]!r}. h를 입력하면 명령 목록이 나옵니다."
        try:
            return getattr(self, f"_command_{name}")(argument)
        except (ValueError, TypeError, OverflowError, ZeroDivisionError, OSError, ImportError, RuntimeError) as error:
            # RuntimeError에는 viz.RenderError(렌더러 없음)가 들어 있습니다.
            return f"오류: {error}"

    def _command_next(self, argument: str) -> str:
        step = self.next()
        return str(step) if step is not None else self._finished_text()

    def _command_back(self, argument: str) -> str:
        step = self.back()
        if step is None:
            return "되돌릴 단계가 없습니다. 아직 역전파를 시작하지 않았습니다."
        restored = "\n".join(f"  ∂{step.root_name}/∂{s.name} = {_num(s.grad_before)}" for s in step.shares)
        text = f"되돌린 단계: {step.index}/{step.total} ({step.name}). 지금 위치: 단계 {self.position}/{self.total}."
        return text + ("\n되돌린 기울기:\n" + restored if restored else "")

    def _command_run(self, argument: str) -> str:
        steps = self.run()
        return "\n\n".join([str(step) for step in steps] + [self._finished_text()])

    def _command_jump(self, argument: str) -> str:
        if not argument:
            return "이동할 노드의 이름이 필요합니다. 예: j w1"
        steps = self.jump(argument)
        if steps:
            return "\n\n".join(str(step) for step in steps)
        return f"단계 {self.position}/{self.total}로 돌아왔습니다.\n" + (str(self.current) if self.current else "")

    def _command_state(self, argument: str) -> str:
        return f"단계 {self.position}/{self.total}의 기울기:\n" + grads_text(self.root)

    def _command_graph(self, argument: str) -> str:
        if not argument:
            return "저장할 파일 이름이 필요합니다. 예: g 그래프.svg"
        return f"그래프를 저장했습니다: {self.graph(argument)}"

    def _command_help(self, argument: str) -> str:
        return self.help()

    def _command_quit(self, argument: str) -> str:
        self.quit_requested = True
        return "종료합니다."

    def _finished_text(self) -> str:
        return "역전파가 끝났습니다. 잎 노드의 최종 기울기:\n" + grads_text(self.root, leaves_only=True)
