"""survey/charts.py: bar and dot geometry, pure Python."""

import pytest

from survey import charts


class TestBarChart:
    def test_bars_start_at_zero_and_are_proportional(self):
        chart = charts.bar_chart([("A", 50.0, False, False), ("B", 100.0, False, False), ("C", 0.0, False, False)])
        a, b, c = chart.bars
        assert a.x == b.x == c.x == chart.baseline_x == charts.PLOT_LEFT
        assert b.width == charts.PLOT_WIDTH
        assert a.width == pytest.approx(b.width / 2)
        assert c.width == 0

    def test_labels_sit_above_their_bar_and_values_after_it(self):
        chart = charts.bar_chart([("A", 40.0, False, False), ("B", 80.0, True, False, "+6.0 points")])
        a, b = chart.bars
        assert a.label_y < a.y < b.label_y < b.y
        assert a.text_x == pytest.approx(a.x + a.width + 6)
        assert a.text == "40%" and b.text == "80% (+6.0 points)" and b.highlight
        assert chart.height > b.y + charts.BAR_HEIGHT

    def test_values_are_clamped_to_the_axis(self):
        chart = charts.bar_chart([("Over", 140.0, False, False), ("Under", -5.0, False, False)])
        assert chart.bars[0].width == charts.PLOT_WIDTH and chart.bars[1].width == 0

    def test_withheld_rows_have_no_bar_and_say_why(self):
        chart = charts.bar_chart([("Small", None, False, False)], withheld_text="fewer than 5 respondents")
        assert chart.bars[0].width == 0 and chart.bars[0].text == "fewer than 5 respondents"

    def test_ticks_run_from_zero_to_the_maximum(self):
        chart = charts.bar_chart([("A", 10.0, False, False)])
        assert [t.label for t in chart.ticks] == ["0%", "25%", "50%", "75%", "100%"]
        assert chart.ticks[0].x == charts.PLOT_LEFT and chart.ticks[-1].x == charts.PLOT_LEFT + charts.PLOT_WIDTH


class TestDotChart:
    def test_dots_sit_on_the_scale(self):
        chart = charts.dot_chart(
            [("Low", 1.0, False, False), ("High", 5.0, False, False), ("Mid", 3.0, False, False)], reference=3.0
        )
        low, high, mid = chart.dots
        assert low.cx == chart.track_x1 and high.cx == chart.track_x2
        assert mid.cx == pytest.approx((low.cx + high.cx) / 2) == chart.reference_x
        assert mid.text == "3.00"

    def test_withheld_means_have_no_dot(self):
        chart = charts.dot_chart([("Small", None, False, False)], withheld_text="withheld")
        assert chart.dots[0].cx is None and chart.dots[0].text == "withheld"
