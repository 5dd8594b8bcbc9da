"""What validating (and maybe importing) a file found: the problems to show, and the counts."""

from collections import Counter
from dataclasses import dataclass, field

MAX_PROBLEMS = 200


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the file; row 1 is the header, data starts at row 2."""

    row: int | None
    column: str | None
    message: str

    def __str__(self):
        where = []
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column:
            where.append(f"column {self.column}")
        return f"{', '.join(where)}: {self.message}" if where else self.message


@dataclass
class Report:
    """The outcome of validating (and maybe importing) one file.

    Only the first MAX_PROBLEMS problems are kept, so a garbage file cannot fill the page.
    """

    problems: list[Problem] = field(default_factory=list)
    records: Counter[str] = field(default_factory=Counter)
    administrations: list[str] = field(default_factory=list)
    written: Counter[str] = field(default_factory=Counter)
    truncated: int = 0
    imported: bool = False

    @property
    def ok(self) -> bool:
        return not self.problems

    def add(self, row: int | None, column: str | None, message: str) -> None:
        if len(self.problems) >= MAX_PROBLEMS:
            self.truncated += 1
        else:
            self.problems.append(Problem(row, column, message))

    def messages(self) -> list[str]:
        lines = [str(p) for p in self.problems]
        if self.truncated:
            lines.append(f"… and {self.truncated} more problems not listed.")
        return lines
