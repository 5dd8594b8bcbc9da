"""Number formatting for results pages: the same text in tables, charts and sentences."""

from django import template

register = template.Library()

MINUS = "\u2212"


def signed(value, places=1):
    """+3.5 / −4.0 (a real minus sign); empty for no value."""
    if value is None:
        return ""
    text = f"{abs(value):.{places}f}"
    if value > 0:
        return "+" + text
    if value < 0:
        return MINUS + text
    return text


@register.filter
def pct(value):
    return "" if value is None else f"{value:.1f}%"


@register.filter
def count(value):
    return "" if value is None else f"{value:,}"


@register.filter
def mean(value):
    return "" if value is None else f"{value:.2f}"


@register.filter(name="signed")
def signed_filter(value):
    return signed(value)


@register.filter(name="signed_mean")
def signed_mean(value):
    return signed(value, places=2)


@register.filter
def withheld_note(fig, results):
    """“Withheld: fewer than 5 respondents”, “Withheld to protect a smaller group”, …"""
    return results.note(fig)
