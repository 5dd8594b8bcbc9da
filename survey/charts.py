"""Chart geometry for server-rendered inline SVG: pure Python, no drawing, no JavaScript.

Templates (templates/survey/includes/*_chart.html) draw what these functions compute. Every
bar starts at a zero baseline and its width is proportional to its value; each row carries its
own text label and value text, so nothing depends on colour alone. Withheld figures get a row
with a note saying why and no bar.

Geometry is computed on a nominal WIDTH but drawn in percentages of the chart's real width,
with no viewBox: the SVG stretches to its column while its text keeps its CSS size (13 px) at
any width, where a scaled viewBox shrank it to 6–7 px on a phone. So the value column is wide
enough for "74.2% (+6.0 points)" at 13 px in a 320 px column.
"""

from dataclasses import dataclass

WIDTH = 640
LABEL_HEIGHT = 20  # a row: label line above the bar
BAR_HEIGHT = 18
ROW_GAP = 12
TOP = 8
AXIS_SPACE = 28
VALUE_SPACE = 260  # room right of the longest bar for its value text (40% of the width)
PLOT_LEFT = 24  # half a tick label, so "0%" is not cut off at 320 px
PLOT_WIDTH = WIDTH - VALUE_SPACE - PLOT_LEFT
TICK_LABEL_OFFSET = 18


def pct(x):
    """A nominal x as a percentage of the chart's drawn width (None stays None)."""
    return None if x is None else round(100 * x / WIDTH, 3)


@dataclass(frozen=True)
class Tick:
    x: float
    label: str

    @property
    def x_pct(self):
        return pct(self.x)


class ChartFrame:
    """What both charts' shared frame (survey/includes/chart_frame.html) reads beyond the fields
    each has: width, height, axis_y."""

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

    @property
    def x_pct(self):
        return pct(self.x)

    @property
    def width_pct(self):
        return pct(self.width)

    @property
    def text_x_pct(self):
        return pct(self.text_x)


@dataclass(frozen=True)
class BarChart(ChartFrame):
    width: int
    height: int
    bars: tuple
    ticks: tuple
    baseline_x: float
    axis_y: float
    plot_top: float

    @property
    def baseline_x_pct(self):
        return pct(self.baseline_x)


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

    @property
    def cx_pct(self):
        return pct(self.cx)

    @property
    def text_x_pct(self):
        return pct(self.text_x)


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

    @property
    def track_x1_pct(self):
        return pct(self.track_x1)

    @property
    def track_x2_pct(self):
        return pct(self.track_x2)

    @property
    def reference_x_pct(self):
        return pct(self.reference_x)


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
