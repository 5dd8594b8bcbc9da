"""CSV exports that open safely in a spreadsheet: no cell can run as a formula (CSV injection).

Used by every export of the site: consultation requests, training registrations and survey
downloads. Spreadsheets are more eager than the CSV format: they skip leading spaces and
invisible characters, read full-width look-alikes (＝, ＋) as the real signs, start DDE links with
`|`, and in a semicolon-separated locale split `Peds;=1+2` into two cells, the second a formula.
"""

import re
from itertools import chain

from wagtail.snippets.views.snippets import IndexView

# What a spreadsheet reads as the start of a formula (or a DDE link), look-alikes included.
FORMULA_STARTS = "=+-@|\t\r\uff1d\uff0b\uff0d\uff20\uff5c\ufe66\ufe62\ufe63\ufe6b\u2212"
# Skipped before the first character counts: spaces and zero-width characters.
INVISIBLE = " \u00a0\u200b\u200c\u200d\u2060\ufeff\u180e"
LEADING_FORMULA = re.compile(f"^[{INVISIBLE}]*[{re.escape(FORMULA_STARTS)}]")
# A separator some spreadsheet splits cells on, then (after invisibles) a formula.
FORMULA_AFTER_SEPARATOR = re.compile(f"([,;|\t])(?=[{INVISIBLE}]*[{re.escape(FORMULA_STARTS)}])")
BYTE_ORDER_MARK = "\ufeff"


def neutralise_formula(value):
    """Text a spreadsheet would run as a formula, anywhere it could start a cell, made plain by an
    apostrophe (which spreadsheets show as text and hide); other values unchanged."""
    if not isinstance(value, str):
        return value
    value = FORMULA_AFTER_SEPARATOR.sub(r"\1'", value)
    return "'" + value if LEADING_FORMULA.match(value) else value


class SafeExportIndexView(IndexView):
    """A snippet list whose CSV export neutralises formulas and says it is UTF-8 (with a BOM, which
    Excel needs to read accented names correctly)."""

    def preprocess_field_value(self, field, value, export_format):
        value = super().preprocess_field_value(field, value, export_format)
        return neutralise_formula(value) if export_format == self.FORMAT_CSV else value

    def write_csv_response(self, queryset):
        response = super().write_csv_response(queryset)
        response["Content-Type"] = "text/csv; charset=utf-8"
        response.streaming_content = chain([BYTE_ORDER_MARK], response.streaming_content)
        return response
