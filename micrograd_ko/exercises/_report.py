"""채점 결과: 검사 하나의 결과(`CheckResult`)와 연습 하나의 보고서(`CheckReport`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["CheckResult", "CheckReport"]


@dataclass
class CheckResult:
    """검사 하나의 결과입니다. 실패했으면 입력, 기대한 값, 받은 값과 힌트를 가집니다.

    `status`는 "통과", "실패", "건너뜀" 중 하나입니다.
    """

    name: str
    status: str
    inputs: str = ""
    expected: str = ""
    received: str = ""
    hint: str = ""

    @property
    def passed(self) -> bool:
        return self.status == "통과"

    def lines(self) -> list[str]:
        """보고서에 들어갈 줄들을 돌려줍니다. 실패한 검사만 자세한 내용을 보입니다."""
        lines = [f"[{self.status}] {self.name}"]
        for label, text in (("입력", self.inputs), ("기대한 값", self.expected),
                            ("받은 값", self.received), ("힌트", self.hint)):
            if text:
                lines.append(f"    {label}: {text}")
        return lines


@dataclass
class CheckReport:
    """연습 하나를 채점한 보고서입니다. `str(report)`는 한국어 설명입니다.

    Attributes:
        number: 연습 번호.
        title: 연습 제목.
        path: 채점한 파일.
        results: 검사마다의 결과 (실행한 순서). 첫 실패 뒤의 검사는 "건너뜀"입니다.
        error: 파일을 불러오지 못했을 때의 설명. 비어 있으면 불러오기는 성공한 것입니다.
    """

    number: int
    title: str
    path: Path
    results: list[CheckResult] = field(default_factory=list)
    error: str = ""

    @property
    def passed(self) -> bool:
        """파일을 불러왔고 모든 검사를 통과했으면 True입니다."""
        return not self.error and bool(self.results) and all(r.passed for r in self.results)

    def __str__(self) -> str:
        lines = [f"연습 {self.number}: {self.title}", f"파일: {self.path}", ""]
        if self.error:
            lines.append(f"[실패] 파일을 불러오지 못했습니다.\n    {self.error}")
        for result in self.results:
            lines.extend(result.lines())
        lines.append("")
        lines.append(self._summary())
        return "\n".join(lines)

    def _summary(self) -> str:
        command = f"python -m micrograd_ko exercise check {self.number}"
        if self.passed:
            return f"결과: 검사 {len(self.results)}개를 모두 통과했습니다."
        if self.error:
            return f"결과: 채점하지 못했습니다. 파일을 고친 뒤 다시 실행하세요: {command}"
        counts = {status: sum(r.status == status for r in self.results) for status in ("통과", "실패", "건너뜀")}
        return (
            f"결과: 검사 {len(self.results)}개 중 통과 {counts['통과']}개, 실패 {counts['실패']}개, "
            f"건너뜀 {counts['건너뜀']}개. 힌트를 보고 고친 뒤 다시 실행하세요: {command}"
        )
