"""The HTML views and SVG charts of a results page, read as a visitor (or a scraper) sees them.

Every figure in a table cell, a chart (its text and the length of its bars or the place of its
dots), a list or a sentence is recorded against the JSON download (`Publication.record`), so a
view that shows a number the download withholds, or rounds it differently, fails the audit. What
is left of each view's results once those are read may hold no number beyond the page's own
facts (minimum group size, threshold, dates...): an unexplained number fails it too.
"""

import re

from bs4 import BeautifulSoup

from survey import charts

from .publication import NUMBER, Number

WITHHELD_WORDS = ("withheld", "fewer than")


def _cells(tr):
    return [td.get_text(" ", strip=True) for td in tr.find_all("td")]


def _rows(table):
    return [(tr.th.get_text(" ", strip=True), tr) for tr in table.tbody.find_all("tr") if tr.th]


def _figure(text, name):
    """A cell's text as a Number, "withheld" for a reason, or None (empty, or a dash)."""
    if any(word in text.lower() for word in WITHHELD_WORDS):
        return "withheld"
    match = NUMBER.search(text)
    return Number.parse(match.group(0), name) if match else None


class PageReader:
    """Reads every view of one results page into the publication, and what else each view says."""

    def __init__(self, client, page, publication):
        self.client, self.base, self.pub = client, page.url, publication
        self.names = {name: code for code, (_, name) in publication.measures.items()}
        self.dimensions = {name.lower(): name for name in publication.profiles}
        self.leftovers = []

    def get(self, path):
        response = self.client.get(self.base + path)
        assert response.status_code == 200, (path, response.status_code)
        return BeautifulSoup(response.content, "html.parser")

    def read_all(self):
        overview = self.get("")
        self.overview(overview)
        links = {a["href"] for a in overview.find_all("a", href=True) if a["href"].startswith(self.base)}
        for link in sorted(links):
            path = link[len(self.base) :].split("#")[0]
            if not path or path.startswith("download"):
                continue
            soup = self.get(path)
            if path == "profile/":
                self.profile(soup)
            elif path.startswith("dimension/"):
                self.dimension(soup)
            elif path.startswith("measure/"):
                self.measure(soup)
            self.charts(soup, path)
            self.leftover(soup, path)
        self.charts(overview, "")
        self.leftover(overview, "")
        return self.leftovers

    # -- tables and lists -------------------------------------------------------------------

    def record(self, source, table, dimension, code, label, name, shown):
        self.pub.record(source, table, dimension, code, label, name, shown)

    def overview(self, soup):
        facts = {
            dt.get_text(strip=True): dd.get_text(strip=True)
            for dt, dd in zip(soup.select(".survey-facts__label"), soup.select(".survey-facts__value"), strict=True)
        }
        for label, key in (("Respondents", "respondents"), ("Invited", "invited"), ("Response rate", "response_rate")):
            if label in facts and Number.parse(facts[label], "share").value != self.pub.facts[key]:
                self.pub.problems.append(f"HTML overview: {label} {facts[label]} ≠ the JSON's {self.pub.facts[key]}")
        for part in soup.select(".survey-facts__list"):
            part.decompose()
        for table in soup.find_all("table"):
            caption = table.caption.get_text(strip=True)
            if not caption.endswith(", all respondents"):
                continue
            for label, tr in _rows(table):
                code = self.names[label]
                cells = _cells(tr)
                for name, text in zip(("n", "favorable", "mean"), cells + cells[-1:] * 2, strict=False):
                    self.record("HTML overview", "overall", None, code, None, name, _figure(text, name))
            table.decompose()
        for item in soup.select(".survey-highlights li"):
            name, rest = item.get_text(" ", strip=True).rsplit(":", 1)
            self.record(
                "HTML strengths",
                "overall",
                None,
                self.names[name.strip()],
                None,
                "favorable",
                _figure(rest, "favorable"),
            )
            item.decompose()

    def profile(self, soup):
        for table in soup.find_all("table"):
            dimension = self.dimensions[table.caption.get_text(strip=True).removeprefix("Respondents by ")]
            for label, tr in _rows(table):
                cells = _cells(tr)
                is_total = label in ("Answered this question", "All respondents")
                for name, text in zip(("n", "share"), cells + cells[-1:], strict=False):
                    shown = _figure(text, name)
                    if label == "Did not answer this question" and name == "share":
                        continue
                    self.record("HTML profile", "profile", dimension, None, None if is_total else label, name, shown)
            table.decompose()

    def dimension(self, soup):
        table = soup.select_one("table.heatmap__table")
        dimension = self.dimensions[table.caption.get_text(strip=True).removeprefix("Percent favorable by ")]
        codes = [self.names[th.get_text(" ", strip=True)] for th in table.thead.find_all("th")[1:]]
        for label, tr in _rows(table):
            for code, td in zip(codes, tr.find_all("td"), strict=True):
                text = td.get_text(" ", strip=True)
                group = None if label == "All respondents" else label
                if "—" in text and "not asked" in text:
                    continue
                self.record("HTML heat map", "scores", dimension, code, group, "favorable", _figure(text, "favorable"))
                gap = td.select_one(".heatmap__gap span[aria-hidden]")
                if gap:
                    self.record(
                        "HTML heat map", "scores", dimension, code, group, "gap", _figure(gap.get_text(), "gap")
                    )
        table.decompose()
        for item in soup.select(".survey-gaps__item"):
            text = item.get_text(" ", strip=True)
            match = re.match(
                r"(.+?) , (.+?): ([\d.]+)% favorable, ([\d.]+) points (above|below) all respondents \(([\d.]+)%\)\.",
                text,
            )
            assert match, text
            group, measure, value, gap, direction, total = match.groups()
            code = self.names[measure]
            sign = "" if direction == "above" else "-"
            self.record(
                "HTML differences", "scores", dimension, code, group, "favorable", Number.parse(value, "favorable")
            )
            self.record("HTML differences", "scores", dimension, code, group, "gap", Number.parse(sign + gap, "gap"))
            self.record("HTML differences", "overall", None, code, None, "favorable", Number.parse(total, "favorable"))
            item.decompose()

    def measure(self, soup):
        code = self.names[soup.h1.get_text(strip=True)]
        intro = next((p for p in soup.select(".survey-results p") if "respondents who answered" in p.get_text()), None)
        match = intro and re.search(
            r"Of all ([\d,]+) respondents who answered, ([\d.]+)% were favorable(?: \(mean ([\d.]+))?",
            intro.get_text(" "),
        )
        if match:
            n, favorable, mean = match.groups()
            self.record("HTML measure", "overall", None, code, None, "n", Number.parse(n, "n"))
            self.record("HTML measure", "overall", None, code, None, "favorable", Number.parse(favorable, "favorable"))
            if mean:
                self.record("HTML measure", "overall", None, code, None, "mean", Number.parse(mean, "mean"))
            intro.decompose()
        names = ("n", "favorable", "neutral", "unfavorable", "mean", "gap")
        for table in soup.find_all("table"):
            dimension = table.caption.get_text(strip=True).split(" by ", 1)[1]
            for label, tr in _rows(table):
                cells = _cells(tr)
                group = None if label == "All respondents" else label
                if len(cells) == 1:  # withheld: the whole row says why
                    cells = cells * len(names)
                elif len(cells) == 2:  # answers withheld: n, then why
                    cells = cells[:1] + cells[1:] * (len(names) - 1)
                for name, text in zip(names, cells, strict=True):
                    if group is None and name == "gap":
                        continue
                    self.record(
                        "HTML measure",
                        "scores",
                        dimension,
                        code,
                        group,
                        name,
                        _figure(text.split(" ")[0] if name == "gap" and "withheld" not in text.lower() else text, name),
                    )
            table.decompose()

    # -- charts -----------------------------------------------------------------------------

    def charts(self, soup, path):
        for svg in soup.select("svg.survey-chart__svg"):
            title = svg.title.get_text(strip=True)
            labels = [t.get_text(strip=True) for t in svg.select("text.survey-chart__label")]
            values = svg.select("text.survey-chart__value")
            bars = iter(svg.select("rect.survey-chart__bar"))
            dots = iter(svg.select("circle.survey-chart__dot"))
            target = self._chart_target(title, path)
            if target is None:
                svg.decompose()
                continue
            table, dimension, code, name, kind = target
            for label, value in zip(labels, values, strict=True):
                text = value.get_text(strip=True)
                shown = _figure(text.split(" (")[0], name)
                if shown not in (None, "withheld"):
                    mark = next(bars) if kind == "bar" else next(dots)
                    implied = _implied(mark, kind, self.pub.scale_points)
                    step = 0.5 * 10**-shown.places
                    if abs(implied - shown.value) > step + 0.02:
                        self.pub.problems.append(f"SVG {title}: {label} drawn at {implied:.3f}, labelled {text}")
                if table == "overall":
                    self.record("SVG", "overall", None, self.names[label], None, name, shown)
                else:
                    group = None if label == "All respondents" else label
                    self.record("SVG", table, dimension, code, group, name, shown)
            svg.decompose()

    def _chart_target(self, title, path):
        """(table, dimension, measure code, field, mark) a chart draws, from its title."""
        if title.endswith(", percent favorable"):
            return ("overall", None, None, "favorable", "bar")
        if title.endswith(": share of respondents"):
            return ("profile", title.removesuffix(": share of respondents"), None, "share", "bar")
        for marker, name, kind in (
            (": percent favorable by ", "favorable", "bar"),
            (": mean score by ", "mean", "dot"),
        ):
            if marker in title:
                measure, dimension = title.split(marker, 1)
                if dimension == "administration":
                    return None  # the trend: other administrations' overall figures
                return ("scores", dimension, self.names[measure], name, kind)
        raise AssertionError(f"unknown chart {title!r}")

    # -- what else the view says ------------------------------------------------------------

    def leftover(self, soup, path):
        """Numbers in the view's results that no reader above accounted for."""
        results = soup.select_one(".survey-results")
        for part in results.select(".survey-narrative, .survey-about, .survey-nav, .notice--important, .heatmap-key"):
            part.decompose()
        text = results.get_text(" ", strip=True).replace(self.pub.facts["administration"], "")
        allowed = {str(self.pub.k), str(self.pub.breakdown_size), str(self.pub.scale_points), "0", "100"}
        allowed |= {str(self.pub.respondents), f"{self.pub.respondents:,}"}
        for token in NUMBER.findall(text):
            if token in allowed or re.fullmatch(r"\d{1,2}", token) or re.fullmatch(r"\d{4}(-\d{2})?", token):
                continue  # thresholds, counts of list items, years and administration labels
            self.leftovers.append(f"{path or 'overview'}: unexplained {token!r} in “{_around(text, token)}”")


def _around(text, token, width=60):
    at = text.find(token)
    return text[max(0, at - width) : at + width]


def _implied(mark, kind, scale_points):
    """The value a bar's length or a dot's place stands for (survey/charts.py geometry)."""
    if kind == "bar":
        width = float(mark["width"].rstrip("%")) / 100 * charts.WIDTH
        return width / charts.PLOT_WIDTH * 100
    cx = float(mark["cx"].rstrip("%")) / 100 * charts.WIDTH
    left, span = charts.PLOT_LEFT + 8, charts.PLOT_WIDTH - 16
    return 1 + (cx - left) / span * (scale_points - 1)
