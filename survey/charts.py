"""Chart geometry for server-rendered inline SVG: pure Python, no drawing, no JavaScript.

Templates (templates/survey/includes/*_chart.html) draw what these functions compute. Every
bar starts at a zero baseline and its width is proportional to its value; each row carries its
own text label and value text, so nothing depends on colour alone. Withheld figures get a row
with a "fewer than K respondents" note and no bar.
"""

from dataclasses import dataclass

WIDTH = 640
LABEL_HEIGHT = 18  # a row: label line above the bar
BAR_HEIGHT = 18
ROW_GAP = 14
TOP = 8
AXIS_SPACE = 26
VALUE_SPACE = 180  # room right of the longest bar for its value text
PLOT_LEFT = 14  # half a tick label, so "0%" is not cut off
PLOT_WIDTH = WIDTH - VALUE_SPACE - PLOT_LEFT
TICK_LABEL_OFFSET = 18


@dataclass(frozen=True)
class Tick:
    x: float
    label: str


class ChartFrame:
    """What both charts' shared frame (survey/includes/chart_frame.html) reads beyond the fields
    each has: width, height, axis_y."""

    @property
    def view_box(self):
        return f"0 0 {self.width} {self.height}"

    @property
    def tick_y(self):
        return self.axis_y + TICK_LABEL_OFFSET


@dataclass(frozen=True)
class Bar:
    label: str
    value: float | None
    text: str  # the value as written next to the bar
    label_y: float
    y: float
    x: float
    width: float
    text_x: float
    text_y: float
    highlight: bool = False
    reference: bool = False  # the "all respondents" row


@dataclass(frozen=True)
class BarChart(ChartFrame):
    width: int
    height: int
    bars: tuple
    ticks: tuple
    baseline_x: float
    axis_y: float
    plot_top: float


def scale(value, maximum, width=PLOT_WIDTH):
    """Width for `value` on a zero-based axis of `maximum`, clamped to the plot."""
    if value is None or maximum <= 0:
        return 0.0
    return round(max(0.0, min(value, maximum)) / maximum * width, 2)


def bar_chart(rows, maximum=100.0, unit="%", withheld_text="withheld"):
    """Horizontal bars for (label, value, highlight, reference[, note]) rows; value None = withheld.

    A note (e.g. the gap "−7.5 points") is written after the value, so highlighted bars say why.
    """
    bars = []
    y = TOP
    for label, value, highlight, reference, *extra in rows:
        note = extra[0] if extra else ""
        width = scale(value, maximum)
        bar_y = y + LABEL_HEIGHT
        # A withheld row says why (its note), a highlighted one its gap after the value.
        text = (note or withheld_text) if value is None else f"{value:g}{unit}" + (f" ({note})" if note else "")
        bars.append(
            Bar(
                label=label,
                value=value,
                text=text,
                label_y=round(y + LABEL_HEIGHT - 5, 2),
                y=bar_y,
                x=PLOT_LEFT,
                width=width,
                text_x=round(PLOT_LEFT + width + 6, 2),
                text_y=round(bar_y + BAR_HEIGHT - 4, 2),
                highlight=highlight,
                reference=reference,
            )
        )
        y = bar_y + BAR_HEIGHT + ROW_GAP
    axis_y = y
    ticks = tuple(Tick(round(PLOT_LEFT + scale(v, maximum), 2), f"{v:g}{unit}") for v in _ticks(maximum))
    return BarChart(WIDTH, int(axis_y + AXIS_SPACE), tuple(bars), ticks, PLOT_LEFT, axis_y, TOP)


def _ticks(maximum):
    step = maximum / 4
    return [round(step * i, 2) for i in range(5)]


@dataclass(frozen=True)
class Dot:
    label: str
    value: float | None
    text: str
    label_y: float
    cx: float
    cy: float
    text_x: float
    highlight: bool = False
    reference: bool = False

    @property
    def text_y(self):
        return self.cy + 5


@dataclass(frozen=True)
class DotChart(ChartFrame):
    width: int
    height: int
    dots: tuple
    ticks: tuple
    track_x1: float
    track_x2: float
    reference_x: float | None
    plot_top: float
    axis_y: float


def position(value, low, high, width=PLOT_WIDTH, left=PLOT_LEFT + 8):
    """x of `value` on a low–high scale (means run 1–5, not from zero, so no bars)."""
    if value is None or high <= low:
        return None
    clamped = max(low, min(value, high))
    return round(left + (clamped - low) / (high - low) * (width - 16), 2)


def dot_chart(rows, low=1, high=5, reference=None, withheld_text="withheld"):
    """Means as dots on the scale's range, with a line at the all-respondents mean."""
    dots = []
    y = TOP
    for label, value, highlight, is_reference, *extra in rows:
        cy = y + LABEL_HEIGHT + BAR_HEIGHT / 2
        cx = position(value, low, high)
        text = (extra[0] if extra and extra[0] else withheld_text) if value is None else f"{value:.2f}"
        text_x = (cx + 12) if cx is not None else PLOT_LEFT + 8
        dots.append(
            Dot(label, value, text, round(y + LABEL_HEIGHT - 5, 2), cx, cy, round(text_x, 2), highlight, is_reference)
        )
        y = y + LABEL_HEIGHT + BAR_HEIGHT + ROW_GAP
    ticks = tuple(Tick(position(v, low, high), f"{v:g}") for v in range(int(low), int(high) + 1))
    return DotChart(
        WIDTH,
        int(y + AXIS_SPACE),
        tuple(dots),
        ticks,
        position(low, low, high),
        position(high, low, high),
        position(reference, low, high),
        TOP,
        y,
    )
