"""Keras 스타일 출력: 학습 진행 막대, 에폭마다 한 줄 기록, 모델 요약 표.

이 모듈의 함수는 글자만 만듭니다. 실제로 출력하는 곳은 `fit`, `evaluate`의 verbose
경로와 `summary()`뿐입니다. 숫자는 모두 소수점 넷째 자리까지 씁니다.
"""

from __future__ import annotations

import sys
import unicodedata

from micrograd_ko.keras_losses import metric_label

__all__ = ["format_logs", "epoch_line", "ProgressBar", "summary_table"]

BAR_WIDTH = 30


def format_logs(logs: dict) -> str:
    """{"loss": 0.41, "accuracy": 0.87}를 "손실: 0.4100 - 정확도: 0.8700"으로 바꿉니다."""
    return " - ".join(f"{metric_label(key)}: {value:.4f}" for key, value in logs.items())


def epoch_line(epoch: int, epochs: int, logs: dict) -> str:
    """verbose=2의 한 줄: "에폭 3/10 - 손실: 0.4123 - 정확도: 0.8750"."""
    return f"에폭 {epoch}/{epochs} - {format_logs(logs)}"


def _bar(step: int, total: int) -> str:
    done = BAR_WIDTH * step // total
    if step >= total:
        return "[" + "=" * BAR_WIDTH + "]"
    return "[" + "=" * max(done - 1, 0) + ">" + "." * (BAR_WIDTH - max(done, 1)) + "]"


class ProgressBar:
    """verbose=1의 진행 막대: "2/3 [====================>.........] - 손실: 0.6931".

    터미널이면 같은 줄을 덮어쓰며 배치마다 갱신합니다. 파일이나 테스트처럼 터미널이
    아니면 마지막 줄만 씁니다. 출력 대상은 호출할 때의 sys.stdout입니다.
    """

    def __init__(self, total: int) -> None:
        self.total = total
        self.stream = sys.stdout
        isatty = getattr(self.stream, "isatty", None)
        self.live = bool(isatty and isatty())

    def text(self, step: int, logs: dict) -> str:
        """막대 한 줄의 글자를 만듭니다."""
        width = len(str(self.total))
        line = f"{step:>{width}}/{self.total} {_bar(step, self.total)}"
        return f"{line} - {format_logs(logs)}" if logs else line

    def update(self, step: int, logs: dict) -> None:
        """배치 `step`을 마친 뒤 막대를 갱신합니다. 마지막 배치에서 줄을 끝냅니다."""
        last = step >= self.total
        if self.live and not last:
            self.stream.write("\r" + self.text(step, logs))
            self.stream.flush()
        elif last:
            self.stream.write(("\r" if self.live else "") + self.text(step, logs) + "\n")
            self.stream.flush()


# ---------------------------------------------------------------- 모델 요약


def _width(text: str) -> int:
    """터미널에서 글자가 차지하는 칸 수를 셉니다. 한글처럼 넓은 글자는 두 칸입니다."""
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * max(width - _width(text), 1)


def summary_table(model_name: str, rows: list, total: int, trainable: int) -> str:
    """Keras의 model.summary()와 같은 모양의 표를 한국어로 만듭니다.

    Args:
        model_name: 모델 이름.
        rows: 층마다 (이름과 종류, 출력 모양, 매개변수 수) 튜플.
        total: 전체 매개변수 수.
        trainable: 학습하는 매개변수 수.

    Returns:
        str: 여러 줄의 표.
    """
    columns = (29, 26, 12)
    line_width = sum(columns)
    header = "".join(_pad(h, w) for h, w in zip(("층 (종류)", "출력 모양", "매개변수 수"), columns))
    lines = [f'모델: "{model_name}"', "_" * line_width, header.rstrip(), "=" * line_width]
    for i, row in enumerate(rows):
        lines.append("".join(_pad(str(cell), w) for cell, w in zip(row, columns)).rstrip())
        lines.append("_" * line_width if i < len(rows) - 1 else "=" * line_width)
    lines += [
        f"전체 매개변수: {total:,}",
        f"학습하는 매개변수: {trainable:,}",
        f"학습하지 않는 매개변수: {total - trainable:,}",
        "_" * line_width,
    ]
    return "\n".join(lines)
