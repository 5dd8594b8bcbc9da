"""From the uploaded bytes to data rows under a checked header, or nothing at all.

Anything that stops the file being read as our CSV (size, encoding, header, a row too wide or
too long) is reported here, before any cell is interpreted, so later steps can trust the shape.
"""

import csv
import io
from collections import Counter
from dataclasses import dataclass

from .fileformat import ALWAYS_REQUIRED, COLUMNS, MAX_BYTES, MAX_COLUMNS, MAX_FIELD_LENGTH, REQUIRED_CELLS
from .report import Report


@dataclass(frozen=True, slots=True)
class SourceRow:
    """One non-blank data row: its line number as a spreadsheet counts it, and its cells by column."""

    number: int
    cells: dict[str, str]

    def record(self) -> str:
        return self.cells.get("record", "").strip().lower()


@dataclass(frozen=True)
class Table:
    """The header's column names (lower case), the data rows, and whether decimals use commas."""

    names: list[str]
    rows: list[SourceRow]
    decimal_comma: bool


def read(data: bytes, report: Report) -> Table | None:
    """The file as a Table, or None (with the problems in `report`) when its shape is wrong."""
    text = _decode(data, report)
    if text is None:
        return None
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    csv.field_size_limit(MAX_FIELD_LENGTH * 4)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=False)
    try:
        header = next(reader, None)
    except csv.Error as error:
        report.add(1, None, f"cannot be read as CSV ({error}); expected a comma- or semicolon-separated header")
        return None
    names = _names(header, report)
    if names is None:
        return None
    rows = _rows(reader, names, report)
    if rows is None:
        return None
    table = Table(names, rows, decimal_comma=delimiter == ";")
    _check_needed_columns(table, report)
    return table if report.ok else None


def _decode(data, report):
    if len(data) > MAX_BYTES:
        report.add(None, None, f"the file is {len(data):,} bytes; expected at most {MAX_BYTES:,} bytes")
        return None
    if b"\x00" in data:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        report.add(line, None, "contains a NUL byte; expected a text (CSV) file")
        return None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        report.add(line, None, "is not valid UTF-8; expected a CSV file saved as UTF-8 (with or without BOM)")
        return None


def _names(header, report):
    """The header's column names, or None when it is empty, too wide, or names a column wrongly."""
    if not header or not any(cell.strip() for cell in header):
        report.add(1, None, "the file is empty; expected a header row naming the columns")
        return None
    if len(header) > MAX_COLUMNS:
        report.add(1, None, f"has {len(header)} columns; expected at most {MAX_COLUMNS}")
        return None
    names = [cell.strip().lower() for cell in header]
    problems = False
    for index, name in enumerate(names):
        if name not in COLUMNS:
            report.add(1, name or f"#{index + 1}", f"unknown column; expected one of {', '.join(COLUMNS)}")
            problems = True
    for name, count in Counter(names).items():
        if count > 1 and name in COLUMNS:
            report.add(1, name, "appears more than once; expected each column once")
            problems = True
    for name in ALWAYS_REQUIRED:
        if name not in names:
            report.add(1, name, "is missing; expected this column in the header")
            problems = True
    return None if problems else names


def _rows(reader, names, report):
    """The non-blank data rows; a row too wide or too long is reported and left out."""
    rows = []
    number = 1
    try:
        for cells in reader:
            number += 1
            if not any(cell.strip() for cell in cells):
                continue
            if len(cells) > len(names):
                report.add(number, None, f"has {len(cells)} cells; expected at most {len(names)} (one per column)")
                continue
            long = next((i for i, cell in enumerate(cells) if len(cell) > MAX_FIELD_LENGTH), None)
            if long is not None:
                report.add(
                    number, names[long], f"is {len(cells[long])} characters long; expected at most {MAX_FIELD_LENGTH}"
                )
                continue
            rows.append(SourceRow(number, dict(zip(names, cells, strict=False))))
    except csv.Error as error:
        report.add(number + 1, None, f"cannot be read as CSV ({error}); check quotes around cells")
        return None
    return rows


def _check_needed_columns(table, report):
    """A column some record in the file needs must be in the header: report the first row needing it."""
    missing = {}  # column -> (first row needing it, its record type)
    for record, needed in REQUIRED_CELLS.items():
        first = next((row.number for row in table.rows if row.record() == record), None)
        for column in needed:
            if (
                first is not None
                and column not in table.names
                and (column not in missing or first < missing[column][0])
            ):
                missing[column] = (first, record)
    for column, (first, record) in missing.items():
        report.add(1, column, f"is missing; expected it because {record} records need it (first at row {first})")
