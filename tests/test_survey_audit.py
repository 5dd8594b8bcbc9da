"""The exact disclosure audit (tests/survey_audit): nothing withheld can be worked out from what a results
page publishes, on the demo and on administrations built to break the protection."""

import pytest

from survey import demo, synthetic
from survey.factories import SurveyResultsIndexPageFactory, SurveyResultsPageFactory
from survey.importing import import_file
from survey.models import Administration, Survey
from tests.survey_audit import audit, collect
from tests.survey_audit.fixtures import FIXTURES, interim_and_final

pytestmark = pytest.mark.usefixtures("no_page_cache")


def publish(data, home, survey="audit", label="2020-21"):
    """Import a file and give its administration a live results page, as a data manager would."""
    report = import_file(data)
    assert report.ok, report.messages()
    Survey.objects.filter(slug=survey).update(min_cell_size=5, min_breakdown_size=10)
    index = SurveyResultsIndexPageFactory(parent=home, slug="survey")
    administration = Administration.objects.get(survey__slug=survey, slug=label)
    return SurveyResultsPageFactory(parent=index, slug=label, administration=administration)


OUTPUTS = {"CSV", "HTML overview", "HTML profile", "HTML heat map", "HTML measure", "SVG"}


def assert_safe(publication, report):
    assert not publication.problems, "\n".join(publication.problems[:20])
    assert publication.sources >= OUTPUTS, publication.sources
    assert publication.seen, "no figure was read back from the pages"
    assert not report.failures, report.summary() + "\n" + "\n".join(map(str, report.failures[:20]))


@pytest.mark.parametrize("fixture", FIXTURES, ids=lambda f: f.name)
def test_nothing_withheld_can_be_worked_out(client, home, fixture):
    page = publish(fixture.csv(), home, label=fixture.label)
    publication = collect(client, page)
    report = audit(publication, fixture.truth())
    print(fixture.name, report.summary())  # noqa: T201
    assert_safe(publication, report)


def test_nothing_withheld_in_the_demo_can_be_worked_out(client, home):
    """The demo administration (load_demo_content's data, without the rest of its page tree)."""
    page = publish(demo.demo_csv(), home, survey=demo.SURVEY, label=demo.ADMINISTRATION)
    publication = collect(client, page)
    people, measures, dimensions = demo.demo_respondents()
    report = audit(publication, synthetic.cells(people, measures, dimensions))
    print("demo", report.summary())  # noqa: T201
    assert_safe(publication, report)


def test_an_interim_release_of_the_same_people_adds_nothing(client, home):
    """Final results supersede interim ones of the same people: once the final page is live the
    interim figures appear nowhere (its page sends visitors to the final one), and the final's
    withheld figures stay protected on their own."""
    final, interim_people = interim_and_final()
    page = publish(final.csv(), home, label=final.label)
    assert import_file(final.csv(people=interim_people, label="2021-22 interim")).ok
    interim = Administration.objects.get(slug="2021-22-interim")
    Administration.objects.filter(pk=page.administration_id).update(supersedes=interim)
    interim_page = SurveyResultsPageFactory(parent=page.get_parent(), slug="interim", administration=interim)
    assert client.get(interim_page.url + "download/json/")["Location"] == page.url
    assert client.get(page.url + "trend/").status_code == 404
    publication = collect(client, page)
    assert publication.respondents == 100
    for path in ("", "profile/", "download/json/", "download/csv/"):
        assert "interim" not in client.get(page.url + path).content.decode().lower()
    assert "interim" not in client.get(page.get_parent().url).content.decode().lower()
    assert_safe(publication, audit(publication, final.truth()))


@pytest.mark.parametrize(
    ("weakening", "fixture", "kind"),
    [("counts", "siblings-below-k", "count"), ("answers", "nested-groups", "percentage")],
)
def test_the_audit_finds_what_a_weaker_gate_leaks(client, home, monkeypatch, weakening, fixture, kind):
    """The audit is not vacuous: with a rule of the gate switched off it finds the leak."""
    from survey import suppression

    if weakening == "counts":  # primary suppression only, as before issue 16's union rule
        monkeypatch.setattr(suppression, "protect", _primary_only(suppression))
    else:
        monkeypatch.setattr(suppression, "_hidden_answers", lambda *args, **kwargs: ({}, False))
    fixture = next(f for f in FIXTURES if f.name == fixture)
    page = publish(fixture.csv(), home, label=fixture.label)
    publication = collect(client, page)
    failures = audit(publication, fixture.truth()).failures
    assert failures and {f.kind for f in failures} == {kind}


def _reset_templates():
    from django.template import engines

    for loader in engines["django"].engine.template_loaders:
        loader.reset()


@pytest.fixture
def fresh_templates():
    """Templates compiled before or during the test hold the filters they were compiled with."""
    _reset_templates()
    yield
    _reset_templates()


def test_the_audit_finds_a_view_that_shows_more_than_the_download(client, home, monkeypatch, fresh_templates):
    from survey.templatetags import survey_tags

    # A view that rounds differently (and so says more) than the JSON download.
    monkeypatch.setitem(
        survey_tags.register.filters, "pct", lambda value: "" if value is None else f"{value + 0.04:.2f}%"
    )
    fixture = FIXTURES[0]
    page = publish(fixture.csv(), home, label=fixture.label)
    problems = collect(client, page).problems
    assert problems and all("HTML" in problem for problem in problems)


def _primary_only(suppression):
    def protect(partitions, values, k, always_published=(), forced=(), hidden=(), floors=None, caps=None):
        skip = set(always_published) | set(hidden)
        small = {key for key, n in values.items() if key not in skip and n < k}
        return small | (set(forced) & set(values))

    return protect
