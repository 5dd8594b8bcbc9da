"""CSV exports that open safely in a spreadsheet: no cell can run as a formula (CSV injection).

Used by every export of the site: consultation requests, training registrations and survey
downloads.
"""

from wagtail.snippets.views.snippets import IndexView

# A spreadsheet treats a cell starting with one of these as a formula.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def neutralise_formula(value):
    """Prefix an apostrophe to text a spreadsheet would run as a formula; other values unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


class SafeExportIndexView(IndexView):
    """A snippet list whose CSV export neutralises formulas."""

    def preprocess_field_value(self, field, value, export_format):
        value = super().preprocess_field_value(field, value, export_format)
        return neutralise_formula(value) if export_format == self.FORMAT_CSV else value
