"""Survey results read at a glance (issue 16): chart text stays legible on a phone, a dimension
view fits in about three screens, and its heat map works as a table."""

import pytest

from .targets import DESKTOP, MOBILE

pytestmark = pytest.mark.browser

BASE = "/survey/2014-15/"
# The rendered size of every chart text: its CSS font size times how much the SVG scales it.
CHART_TEXT = """() => [...document.querySelectorAll("svg.survey-chart__svg text")].map((text) => ({
    text: text.textContent.trim(),
    px: parseFloat(getComputedStyle(text).fontSize) * text.getScreenCTM().a,
    right: text.getBoundingClientRect().right,
    width: text.ownerSVGElement.getBoundingClientRect().right,
}))"""
VIEWS_WITH_CHARTS = ["", "profile/", "measure/trust/", "measure/q01/"]
DIMENSIONS = ["role", "raceethnicity", "gender", "sexual-orientation", "disability"]
MIN_TEXT_PX = 12


@pytest.mark.parametrize("view", VIEWS_WITH_CHARTS)
def test_chart_text_is_at_least_12px_at_390px_and_stays_inside_the_chart(new_page, live_site, view):
    page = new_page(viewport=MOBILE)
    page.goto(live_site.base_url + BASE + view)
    texts = page.evaluate(CHART_TEXT)
    assert texts, "no chart on the page"
    small = [t for t in texts if t["px"] < MIN_TEXT_PX - 0.01]
    assert not small, f"{len(small)} chart texts below {MIN_TEXT_PX} px, e.g. {small[:3]}"
    cut = [t for t in texts if t["right"] > t["width"] + 1]
    assert not cut, f"chart texts running past the chart's edge: {cut[:3]}"


@pytest.mark.parametrize("slug", DIMENSIONS)
def test_a_dimension_view_fits_in_about_three_screens_at_1280px(new_page, live_site, slug):
    page = new_page(viewport=DESKTOP)
    page.goto(live_site.base_url + BASE + f"dimension/{slug}/")
    height = page.evaluate("document.documentElement.scrollHeight")
    assert height <= 3.5 * DESKTOP["height"], f"{slug}: {height} px tall"


def test_the_heat_map_is_a_table_with_both_gap_hues_and_a_cue_beyond_colour(new_page, live_site):
    page = new_page(viewport=DESKTOP)
    page.goto(live_site.base_url + BASE + "dimension/raceethnicity/")
    table = page.locator("table.heatmap__table")
    assert table.locator("caption").inner_text() == "Percent favorable by race/ethnicity"
    above = table.locator("td.heatmap__cell--above").first
    below = table.locator("td.heatmap__cell--below").first
    hues = [cell.evaluate("td => getComputedStyle(td).backgroundColor") for cell in (above, below)]
    assert hues[0] != hues[1]
    assert "▲" in above.inner_text() and "▼" in below.inner_text()
    assert "points above all respondents" in above.text_content()
    assert table.locator("td.heatmap__cell--withheld").count() > 0
