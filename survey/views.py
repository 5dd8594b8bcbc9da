"""Results views of a SurveyResultsPage: they read only the suppressed view (survey/suppression.py).

All figures of an administration come from one query (aggregates with their measures, groups
and dimensions) and are turned into a `Results` in Python, so every view costs the same few
queries whatever the size of the data.
"""

import csv
import functools
import io
import json
from collections import namedtuple
from dataclasses import dataclass

from django.http import Http404, HttpResponse
from django.utils.functional import SimpleLazyObject
from django.utils.text import slugify

from odi_site.caching.version import versioned
from odi_site.exports import neutralise_formula
from odi_site.subpages import subpage_url

from . import charts
from .choices import MeasureKind
from .results import MINIMUM, dimension_with_slug
from .suppression import suppress
from .templatetags.survey_tags import signed

SAMPLE_NOTICE = "Sample data — not real results. These figures are synthetic and for demonstration only."


MeasureRow = namedtuple("MeasureRow", "id code name kind parent_id order")
GroupRow = namedtuple("GroupRow", "id dimension_id parent_id label slug order")
DimensionRow = namedtuple("DimensionRow", "id name slug order")
AggregateRow = namedtuple(
    "AggregateRow", "measure_id group_id dimension_id n mean sd pct_favorable pct_neutral pct_unfavorable"
)
_AGGREGATE_FIELDS = AggregateRow._fields
_MEASURE_FIELDS = ("measure__code", "measure__name", "measure__kind", "measure__parent_id", "measure__order")
_GROUP_FIELDS = (
    "group__dimension_id",
    "group__parent_id",
    "group__label",
    "group__slug",
    "group__order",
    "group__dimension__name",
    "group__dimension__slug",
    "group__dimension__order",
)
_DIMENSION_FIELDS = ("dimension__name", "dimension__slug", "dimension__order")


def _results_for(administration, queryset):
    """Suppressed results from one query; plain tuples, not model instances (25× fewer objects)."""
    measures, groups, dimensions, aggregates = {}, {}, {}, []
    width = len(_AGGREGATE_FIELDS)
    for row in queryset.values_list(*_AGGREGATE_FIELDS, *_MEASURE_FIELDS, *_GROUP_FIELDS, *_DIMENSION_FIELDS):
        agg = AggregateRow(*row[:width])
        aggregates.append(agg)
        measure, group, dimension = row[width : width + 5], row[width + 5 : width + 13], row[width + 13 :]
        if agg.measure_id and agg.measure_id not in measures:
            measures[agg.measure_id] = MeasureRow(agg.measure_id, *measure)
        if agg.group_id and agg.group_id not in groups:
            dim_id, parent_id, label, slug, order, dim_name, dim_slug, dim_order = group
            groups[agg.group_id] = GroupRow(agg.group_id, dim_id, parent_id, label, slug, order)
            dimensions.setdefault(dim_id, DimensionRow(dim_id, dim_name, dim_slug, dim_order))
        if agg.dimension_id:
            dimensions.setdefault(agg.dimension_id, DimensionRow(agg.dimension_id, *dimension))
    return suppress(
        k=administration.survey.min_cell_size,
        respondents=administration.respondents,
        measures=list(measures.values()),
        dimensions=list(dimensions.values()),
        groups=list(groups.values()),
        aggregates=aggregates,
        scale_points=administration.survey.scale_points,
        breakdown_size=administration.survey.min_breakdown_size,
    )


def load(page):
    """The page's administration and its suppressed results.

    Computed once per content version (an import or a survey edit bumps it) and kept in the
    cache, and once per request on the page.
    """
    if getattr(page, "_survey_results", None) is None:
        page.require_results()
        page._survey_results = versioned(f"survey:results:{page.administration_id}", lambda: _load(page))
    return page._survey_results


def _load(page):
    # One query for the administration and its survey's others, one for which are released
    # (survey/releases.py): only those appear in the trend.
    siblings = list(page.survey_administrations())
    administration = next(a for a in siblings if a.pk == page.administration_id)
    released = page.released_ids(administration.survey_id)
    administration.released_others = [a for a in siblings if a.pk in released and a.pk != administration.pk]
    later = next((a for a in siblings if a.supersedes_id == administration.pk and a.pk in released), None)
    replacement = page.live_results().filter(administration=later).first() if later else None
    administration.replacement_url = replacement.url if replacement else None
    queryset = page.aggregates().filter(administration=administration)
    return administration, _results_for(administration, queryset)


@dataclass(frozen=True)
class Outline:
    """What every view shows around the figures: the administration, the dimensions its links
    name, and the numbers its notes quote."""

    administration: object
    dimensions: tuple
    k: int
    breakdown_size: int
    minimum_text: str


def outline(page):
    """The results' outline, kept in the cache beside them (and once per request on the page).

    Every request needs it; the whole results (some 150 KB) are needed only where the cached
    fragment of figures must be drawn again, or a view looks a figure up. Reading these instead
    of the results is about 2 ms less on every visit.
    """
    if getattr(page, "_survey_outline", None) is None:
        page.require_results()

        def build():
            administration, results = load(page)
            dimensions = tuple(results.dimensions)
            return Outline(
                administration, dimensions, results.k, results.breakdown_size, results.withheld_text(MINIMUM)
            )

        page._survey_outline = versioned(f"survey:outline:{page.administration_id}", build)
    return page._survey_outline


def replacement_url(page):
    """Where visitors of a results page go when its administration was superseded (interim by final)."""
    if page.administration_id is None:
        return None
    return outline(page).administration.replacement_url


def _survey_name(administration):
    sample = " (sample data)" if administration.is_sample else ""
    return f"{administration.label} {administration.survey.name}{sample}"


def sitemap_routes(page):
    """The page's views below its own address as (route name, *args), for the sitemap."""
    administration, results = load(page)
    routes = [("profile",)] if results.profiles else []
    routes += [("dimension", d.slug) for d in results.dimensions]
    routes += [("measure", m.slug) for m in results.measures if m.code in results.overall]
    if administration.released_others:
        routes.append(("trend",))
    return routes


def citation(page, administration, request=None):
    survey = administration.survey
    text = survey.citation or f"{survey.name}, {administration.label} administration"
    url = page.get_full_url(request) or page.get_url(request) or ""
    return f"{text}. {page.title}. {url}".strip()


def _base_context(page, request, view, title, route=(), description=""):
    """What every view shows around its figures; `route` (its name and arguments below the page)
    and `description` are the view's own address and summary for search engines. The results
    themselves are read only if something uses them (see `outline`)."""
    frame = outline(page)
    administration = frame.administration
    subnav = [
        ("Overview", page.get_url(request), view == "overview"),
        ("Respondent profile", subpage_url(page, "profile", request=request), view == "profile"),
    ]
    subnav += [
        (d.name, subpage_url(page, "dimension", d.slug, request=request), view == f"dimension:{d.slug}")
        for d in frame.dimensions
    ]
    return {
        "administration": administration,
        "survey": administration.survey,
        "results": SimpleLazyObject(lambda: load(page)[1]),
        "k": frame.k,
        "breakdown_size": frame.breakdown_size,
        "view": view,
        "view_title": title,
        "subnav": subnav,
        "withheld_text": frame.minimum_text,
        "citation": citation(page, administration, request),
        "has_trend": bool(administration.released_others),
        "canonical_url": subpage_url(page, *route, request=request, full=True) if route else page.get_full_url(request),
        "meta_title": f"{title} – {page.title}" if route else None,
        "meta_description": description or None,
    }


def _note(results, fig):
    """What a chart writes instead of a withheld figure."""
    return results.withheld_text(fig.reason) if fig.hidden else ""


def _bar_rows(results, figures, threshold=None):
    rows = []
    for label, fig, reference in figures:
        value = None if fig.hidden else fig.pct_favorable
        highlight = threshold is not None and fig.gap is not None and abs(fig.gap) >= threshold
        note = _note(results, fig) or (f"{signed(fig.gap)} points" if highlight else "")
        rows.append((label, value, highlight, reference, note))
    return rows


def _chart(results, figures, threshold=None):
    return charts.bar_chart(_bar_rows(results, figures, threshold), withheld_text=results.withheld_text(MINIMUM))


def _overall_rows(results, kind):
    rows = []
    for m in results.measures_of_kind(kind):
        fig = results.overall.get(m.code)
        if fig is not None:
            rows.append((m, fig))
    return rows


def strengths_and_focus(results, count):
    """Rule: factors ranked by % favorable of all respondents; the top `count` are strengths,
    the bottom `count` areas for focus (ties broken by the survey's factor order)."""
    ranked = [
        (m, f) for m, f in _overall_rows(results, MeasureKind.FACTOR) if not f.hidden and f.pct_favorable is not None
    ]
    ranked.sort(key=lambda mf: -mf[1].pct_favorable)
    count = min(count, len(ranked) // 2)
    return ranked[:count], list(reversed(ranked[-count:])) if count else []


def deferred(build, *names):
    """Context entries `names` from `build()`, computed only when the template first reads one.

    The results part of each view's template is a cached fragment (survey_results_base.html):
    while it is cached, the tables and charts behind it are not built at all.
    """
    build = functools.cache(build)
    return {name: SimpleLazyObject(functools.partial(lambda key: build()[key], name)) for name in names}


def overview(page, request):
    context = _base_context(page, request, "overview", page.title)
    results = context["results"]

    def build():
        sections = []
        for kind, heading in ((MeasureKind.CLUSTER, "Engagement clusters"), (MeasureKind.FACTOR, "Inclusion factors")):
            rows = _overall_rows(results, kind)
            if rows:
                sections.append(
                    {
                        "heading": heading,
                        "slug": f"{kind}s",
                        "rows": rows,
                        "chart": _chart(results, [(m.name, f, False) for m, f in rows]),
                    }
                )
        strengths, focus = strengths_and_focus(results, page.highlight_count)
        measure_links = {
            kind.label: [m for m in results.measures_of_kind(kind) if m.code in results.overall]
            for kind in (MeasureKind.CLUSTER, MeasureKind.FACTOR, MeasureKind.ITEM)
        }
        return {"sections": sections, "strengths": strengths, "focus": focus, "measure_links": measure_links}

    context.update(deferred(build, "sections", "strengths", "focus", "measure_links"))
    return page.render(request, template="survey/survey_results_page.html", context_overrides=context)


def profile(page, request):
    frame = outline(page)
    administration = frame.administration
    context = _base_context(
        page,
        request,
        "profile",
        "Respondent profile",
        ("profile",),
        f"Who answered the {_survey_name(administration)}: {administration.respondents:,} respondents by "
        + ", ".join(d.name.lower() for d in frame.dimensions)
        + ".",
    )
    results = context["results"]

    def build():
        tables = []
        for dim in results.dimensions:
            table = results.profiles.get(dim.slug)
            if table:
                rows = [r for r in table.rows if r.kind != "unanswered"]
                share_rows = [(r.label, None if r.withheld else r.share, False, False, _note(results, r)) for r in rows]
                chart = charts.bar_chart(share_rows, withheld_text=context["withheld_text"])
                tables.append({"table": table, "chart": chart})
        return {"tables": tables}

    context.update(deferred(build, "tables"))
    return page.render(request, template="survey/survey_results_profile.html", context_overrides=context)


def _gap_words(fig, threshold):
    if fig.hidden or fig.gap is None or abs(fig.gap) < threshold:
        return ""
    direction = "above" if fig.gap > 0 else "below"
    return f"{abs(fig.gap):.1f} points {direction} all respondents"


def _score_section(results, measure, table, threshold):
    rows = [(r, _gap_words(r, threshold)) for r in table.rows]
    figures = [("All respondents", table.total, True)] + [(r.label, r, False) for r in table.rows]
    mean_rows = [("All respondents", table.total.mean, False, True)] + [
        (r.label, None if r.hidden else r.mean, bool(_gap_words(r, threshold)), False, _note(results, r))
        for r in table.rows
    ]
    return {
        "measure": measure,
        "dimension": table.dimension,
        "table": table,
        "rows": rows,
        "chart": _chart(results, figures, threshold),
        "mean_chart": charts.dot_chart(
            mean_rows, 1, results.scale_points, table.total.mean, results.withheld_text(MINIMUM)
        )
        if table.total.mean is not None
        else None,
    }


@dataclass(frozen=True)
class HeatCell:
    """One cell of a dimension's heat map: a group's % favorable on one measure."""

    measure: object
    fig: object  # None when the group has no figure for the measure
    total: object
    direction: str  # "above", "below" or "" (gap below the threshold, or none)
    words: str  # the gap in words, when highlighted
    note: str  # why the figure is withheld


@dataclass(frozen=True)
class HeatRow:
    label: str
    kind: str
    cells: tuple


@dataclass(frozen=True)
class HeatMap:
    caption: str
    columns: tuple  # measures (clusters, then factors)
    total: HeatRow
    rows: tuple

    @property
    def all_rows(self):
        return (self.total, *self.rows)


def heat_map(results, dim, threshold):
    """Groups × clusters and factors, % favorable with gaps of `threshold` points or more marked."""
    columns = [
        m
        for kind in (MeasureKind.CLUSTER, MeasureKind.FACTOR)
        for m in results.measures_of_kind(kind)
        if (m.code, dim.slug) in results.scores
    ]
    tables = [results.scores[(m.code, dim.slug)] for m in columns]
    order = []
    for table in tables:
        for row in table.rows:
            if (row.label, row.kind) not in order:
                order.append((row.label, row.kind))

    def cell(m, table, fig):
        words = "" if fig is None else _gap_words(fig, threshold)
        direction = ("above" if fig.gap > 0 else "below") if words else ""
        note = _note(results, fig) if fig is not None else ""
        return HeatCell(m, fig, table.total, direction, words, note)

    total = HeatRow(
        "All respondents", "total", tuple(cell(m, t, t.total) for m, t in zip(columns, tables, strict=True))
    )
    rows = []
    for label, kind in order:
        cells = []
        for m, table in zip(columns, tables, strict=True):
            fig = next((r for r in table.rows if (r.label, r.kind) == (label, kind)), None)
            cells.append(cell(m, table, fig))
        rows.append(HeatRow(label, kind, tuple(cells)))
    return HeatMap(f"Percent favorable by {dim.name.lower()}", tuple(columns), total, tuple(rows))


def dimension(page, request, slug):
    frame = outline(page)
    administration = frame.administration
    dim = dimension_with_slug(frame.dimensions, slug)
    if dim is None:
        raise Http404("No such dimension.")
    context = _base_context(
        page,
        request,
        f"dimension:{dim.slug}",
        f"Results by {dim.name.lower()}",
        ("dimension", dim.slug),
        f"Results of the {_survey_name(administration)} by {dim.name.lower()}: percent favorable of each group on "
        "every engagement cluster and inclusion factor, and where groups differ from all respondents.",
    )

    results = context["results"]

    def build():
        heatmap = heat_map(results, dim, page.gap_threshold)
        notable = [
            (cell.measure, cell.fig, cell.words, cell.total) for row in heatmap.rows for cell in row.cells if cell.words
        ]
        return {"heatmap": heatmap, "notable": notable}

    context.update(deferred(build, "heatmap", "notable"), dimension=dim, threshold=page.gap_threshold)
    return page.render(request, template="survey/survey_results_dimension.html", context_overrides=context)


def measure(page, request, code):
    administration, results = load(page)
    m = results.measure(code)
    if m is None or m.code not in results.overall or slugify(m.code) != code:
        raise Http404("No such measure.")
    overall = results.overall[m.code]
    context = _base_context(
        page,
        request,
        f"measure:{m.slug}",
        f"{m.name}",
        ("measure", m.slug),
        f"{m.name} in the {_survey_name(administration)}"
        + ("" if overall.hidden else f": {overall.pct_favorable:.1f}% of all respondents favorable")
        + "; results by "
        + ", ".join(d.name.lower() for d in results.dimensions)
        + ".",
    )

    def build():
        sections = [
            _score_section(results, m, results.scores[(m.code, d.slug)], page.gap_threshold)
            for d in results.dimensions
            if (m.code, d.slug) in results.scores
        ]
        return {"sections": sections}

    children = [c for c in results.measures if c.parent_code == m.code and c.code in results.overall]
    parent = results.measure(m.parent_code) if m.parent_code else None
    context.update(
        deferred(build, "sections"),
        measure=m,
        overall=results.overall[m.code],
        children=children,
        parent=parent,
        threshold=page.gap_threshold,
    )
    return page.render(request, template="survey/survey_results_measure.html", context_overrides=context)


def trend(page, request):
    administration = outline(page).administration
    others = administration.released_others
    if not others:
        raise Http404("Only one administration so far.")
    admins = sorted([administration, *others], key=lambda a: (a.fielded_from is None, a.fielded_from, a.label))

    def build():
        results = load(page)[1]
        rows = list(
            page.aggregates()
            .filter(administration__in=admins, group__isnull=True, dimension__isnull=True, measure__isnull=False)
            .select_related("measure")
        )
        by_admin = {}
        for agg in rows:
            by_admin.setdefault(agg.administration_id, []).append(agg)
        per_admin = {
            a.pk: suppress(
                k=administration.survey.min_cell_size,
                respondents=a.respondents,
                measures=list({agg.measure_id: agg.measure for agg in by_admin.get(a.pk, [])}.values()),
                dimensions=[],
                groups=[],
                aggregates=by_admin.get(a.pk, []),
                breakdown_size=administration.survey.min_breakdown_size,
            )
            for a in admins
        }
        lines = []
        for kind in (MeasureKind.CLUSTER, MeasureKind.FACTOR):
            for m in results.measures_of_kind(kind):
                cells = [(a, per_admin[a.pk].overall.get(m.code)) for a in admins]
                if any(f is not None for _, f in cells):
                    chart = _chart(
                        results, [(a.label, f, a.pk == administration.pk) for a, f in cells if f is not None]
                    )
                    lines.append({"measure": m, "cells": cells, "chart": chart})
        return {"lines": lines}

    context = _base_context(
        page,
        request,
        "trend",
        "Results over time",
        ("trend",),
        f"{administration.survey.name}: percent favorable of all respondents in each administration, "
        + ", ".join(a.label for a in admins)
        + ".",
    )
    context.update(deferred(build, "lines"), administrations=admins)
    return page.render(request, template="survey/survey_results_trend.html", context_overrides=context)


# ---------------------------------------------------------------------------------------------
# Downloads: the same suppressed figures as the HTML, one row per table row.

DOWNLOAD_COLUMNS = (
    "table",
    "dimension",
    "group",
    "parent_group",
    "group_kind",
    "measure_kind",
    "measure_code",
    "measure_name",
    "n",
    "share_pct",
    "mean",
    "sd",
    "pct_favorable",
    "pct_neutral",
    "pct_unfavorable",
    "gap_points",
    "withheld",
    "answers_withheld",
    "withheld_reason",
)
YES_NO = ("withheld", "answers_withheld")


def figure_rows(results):
    """Every published figure of the administration as flat dicts (withheld ones without numbers)."""
    measures = {m.code: m for m in results.measures}

    def row(table, dimension, fig, measure):
        return {
            "table": table,
            "dimension": dimension.name if dimension else "",
            "group": fig.label,
            "parent_group": fig.parent,
            "group_kind": fig.kind,
            "measure_kind": measure.kind if measure else "",
            "measure_code": measure.code if measure else "",
            "measure_name": measure.name if measure else "",
            "n": fig.n,
            "share_pct": fig.share,
            "mean": fig.mean,
            "sd": fig.sd,
            "pct_favorable": fig.pct_favorable,
            "pct_neutral": fig.pct_neutral,
            "pct_unfavorable": fig.pct_unfavorable,
            "gap_points": fig.gap,
            "withheld": fig.withheld,
            "answers_withheld": fig.answers_withheld,
            "withheld_reason": fig.reason or None,
        }

    out = [row("overall", None, fig, measures[code]) for code, fig in results.overall.items()]
    for dim in results.dimensions:
        table = results.profiles.get(dim.slug)
        if table:
            out.append(row("profile", dim, table.total, None))
            out += [row("profile", dim, fig, None) for fig in table.rows]
    for (code, slug), table in results.scores.items():
        out += [row("scores", results.dimension(slug), fig, measures[code]) for fig in table.rows]
    return out


def _notes(page, administration, results):
    notes = [
        ("Source", citation(page, administration)),
        ("Minimum group size", f"Figures about fewer than {results.k} respondents are withheld"),
        (
            "Withheld figures",
            "withheld_reason: fewer-than-minimum (about fewer than the minimum group size), "
            "protects-smaller-group (withheld so a smaller group's figures cannot be worked out), "
            f"small-group-answers (a group of fewer than {results.breakdown_size}: its answers would show how "
            "all, none or nearly all of it answered), protects-small-group-answers",
        ),
    ]
    if administration.is_sample:
        notes.insert(0, ("Notice", SAMPLE_NOTICE))
    return notes


def _filename(page, administration, extension):
    return f"{slugify(administration.survey.name)}-{administration.slug}.{extension}"


def download_csv(page, request):
    administration, results = load(page)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for label, text in _notes(page, administration, results):
        writer.writerow([neutralise_formula(label), neutralise_formula(text)])
    writer.writerow([])
    writer.writerow(DOWNLOAD_COLUMNS)
    for item in figure_rows(results):
        writer.writerow(
            [
                neutralise_formula("yes" if item[c] else "no")
                if c in YES_NO
                else ("" if item[c] is None else neutralise_formula(item[c]))
                for c in DOWNLOAD_COLUMNS
            ]
        )
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_filename(page, administration, "csv")}"'
    return response


def download_json(page, request):
    administration, results = load(page)
    data = {
        "notice": SAMPLE_NOTICE if administration.is_sample else None,
        "citation": citation(page, administration),
        "survey": administration.survey.name,
        "administration": administration.label,
        "is_sample": administration.is_sample,
        "respondents": administration.respondents,
        "invited": administration.invited,
        "response_rate": administration.effective_response_rate,
        "minimum_cell_size": results.k,
        "minimum_breakdown_size": results.breakdown_size,
        "scale": {"points": results.scale_points, "favorable_from": administration.survey.favorable_from},
        "figures": figure_rows(results),
    }
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=1), content_type="application/json; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{_filename(page, administration, "json")}"'
    return response
