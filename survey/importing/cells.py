"""Typed values from one data row; a bad cell becomes a problem on the report, never an exception.

Every message names what was found and what was expected, because survey data managers fix the
file in a spreadsheet from these messages alone.
"""

import datetime
import functools
import math

from django.utils.text import slugify

from .reading import SourceRow
from .report import Report

TRUE_WORDS = {"yes", "y", "true", "1"}
FALSE_WORDS = {"no", "n", "false", "0", ""}

# The same few labels recur on every row; slugify is slow enough to matter at 100,000 rows.
slug = functools.lru_cache(maxsize=8192)(slugify)


def short(value: str, limit: int = 40) -> str:
    """A cell as quoted in a message: long enough to recognise, short enough to read."""
    return value if len(value) <= limit else value[: limit - 1] + "…"


class Row:
    """A data row with typed accessors; `ok` turns false at its first problem."""

    __slots__ = ("cells", "decimal_comma", "number", "ok", "report")  # one per data row, all kept until the end

    def __init__(self, source: SourceRow, report: Report, decimal_comma: bool):
        self.number = source.number
        self.cells = source.cells
        self.report = report
        self.decimal_comma = decimal_comma
        self.ok = True

    def error(self, column: str, message: str) -> None:
        self.ok = False
        self.report.add(self.number, column, message)

    def text(self, column: str) -> str:
        return self.cells.get(column, "").strip()

    def required(self, column: str) -> str:
        value = self.text(column)
        if not value:
            self.error(column, "is empty; expected a value for this record type")
        return value

    def integer(self, column: str, required: bool = False) -> int | None:
        value = self.required(column) if required else self.text(column)
        if not value:
            return None
        cleaned = value.replace("\u00a0", "").replace(" ", "")
        if cleaned.isascii() and cleaned.lstrip("-").isdigit() and len(cleaned) <= 12:
            number = int(cleaned)
            if number < 0:
                self.error(column, f"“{value}” is negative; expected a whole number of 0 or more")
                return None
            return number
        self.error(column, f"“{short(value)}” is not a whole number; expected digits only, e.g. 412")
        return None

    def decimal(self, column: str, low: float, high: float, what: str) -> float | None:
        value = self.text(column)
        if not value:
            return None
        cleaned = value.replace(",", ".") if self.decimal_comma else value
        try:
            number = float(cleaned) if cleaned.isascii() and len(cleaned) <= 20 else float("nan")
        except ValueError:
            number = float("nan")
        if not math.isfinite(number):
            self.error(column, f"“{short(value)}” is not a number; expected {what}")
            return None
        if not low <= number <= high:
            self.error(column, f"{value} is outside {low:g}–{high:g}; expected {what}")
            return None
        return number

    def percentage(self, column: str) -> float | None:
        return self.decimal(column, 0, 100, "a percentage from 0 to 100")

    def date(self, column: str) -> datetime.date | None:
        value = self.text(column)
        if not value:
            return None
        try:
            return datetime.date.fromisoformat(value)
        except ValueError:
            self.error(column, f"“{short(value)}” is not a date; expected YYYY-MM-DD, e.g. 2014-10-01")
            return None

    def boolean(self, column: str) -> bool:
        value = self.text(column).lower()
        if value in TRUE_WORDS:
            return True
        if value in FALSE_WORDS:
            return False
        self.error(column, f"“{short(value)}” is not yes or no; expected yes, no, true, false, 1 or 0")
        return False
