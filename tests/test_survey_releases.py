"""survey/releases.py: only administrations with live, public results appear, and an interim and its
final release are never live together."""

from pathlib import Path

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from wagtail.models import PageViewRestriction
from wagtail.test.utils.form_data import nested_form_data, streamfield

from survey.factories import AdministrationFactory, SurveyResultsIndexPageFactory, SurveyResultsPageFactory
from survey.importing import import_file
from survey.models import Administration, Aggregate, Measure, SurveyResultsPage
from survey.releases import publish_conflict

EXAMPLE = Path(__file__).resolve().parent.parent / "docs" / "survey-example.csv"

pytestmark = pytest.mark.usefixtures("no_page_cache")


@pytest.fixture
def pair(home):
    """The example file as the final results, an interim administration it supersedes, and the
    interim's live results page."""
    assert import_file(EXAMPLE.read_bytes()).ok
    final = Administration.objects.get(slug="2014-15")
    interim = AdministrationFactory(survey=final.survey, label="2014-15 interim", slug="2014-15-interim")
    Aggregate.objects.create(
        administration=interim, measure=Measure.objects.get(code="TRUST"), n=300, pct_favorable=61.0, mean=3.5
    )
    final.supersedes = interim
    final.save()
    index = SurveyResultsIndexPageFactory(parent=home, slug="survey")
    interim_page = SurveyResultsPageFactory(
        parent=index, slug="interim", title="Interim results", administration=interim
    )
    return index, interim, final, interim_page


def page_form(page, **changes):
    data = {
        "title": page.title,
        "slug": page.slug,
        "intro": "",
        "body": streamfield([]),
        "administration": page.administration_id,
        "gap_threshold": "5",
        "highlight_count": "3",
        **changes,
    }
    return nested_form_data(data)


def test_publishing_the_final_results_while_the_interim_ones_are_live_is_refused(admin_client, pair):
    index, interim, final, interim_page = pair
    final_page = SurveyResultsPageFactory(parent=index, slug="final", title="Final results", administration=final)
    final_page.unpublish()
    edit = reverse("wagtailadmin_pages:edit", args=[final_page.pk])
    response = admin_client.post(edit, page_form(final_page, **{"action-publish": "action-publish"}))
    assert response.status_code == 302 and response["Location"] == edit
    [message] = [str(m) for m in get_messages(response.wsgi_request)]
    assert "saved as a draft but not published" in message and "Interim results" in message
    final_page.refresh_from_db()
    assert not final_page.live
    # Once the interim page is unpublished, the final one goes live.
    interim_page.unpublish()
    response = admin_client.post(edit, page_form(final_page, **{"action-publish": "action-publish"}))
    final_page.refresh_from_db()
    assert final_page.live


def test_publishing_interim_results_that_final_ones_replace_is_refused(pair):
    index, interim, final, interim_page = pair
    interim_page.unpublish()
    SurveyResultsPageFactory(parent=index, slug="final", title="Final results", administration=final)
    interim_page.refresh_from_db()
    interim_page.live = True  # as the publish action sets it
    assert "is superseded by 2014-15" in publish_conflict(interim_page)


def test_when_both_go_live_anyway_only_the_final_results_appear(client, pair):
    """Scheduled publishing or a workflow approval skips the admin's check: the site still shows one."""
    index, interim, final, interim_page = pair
    final_page = SurveyResultsPageFactory(parent=index, slug="final", title="Final results", administration=final)
    assert SurveyResultsPage.released_ids(final.survey_id) == {final.pk}
    for path in ("", "profile/", "measure/trust/", "download/csv/"):
        response = client.get(interim_page.url + path)
        assert response.status_code == 302 and response["Location"] == final_page.url
    listing = client.get(index.url).content.decode()
    assert "Final results" in listing and "Interim results" not in listing
    assert client.get(final_page.url + "trend/").status_code == 404  # the interim is not another release


def test_private_and_draft_results_are_not_released(client, pair):
    index, interim, final, interim_page = pair
    assert SurveyResultsPage.released_ids(final.survey_id) == {interim.pk}
    PageViewRestriction.objects.create(page=interim_page, restriction_type="password", password="s3cret-words")
    assert SurveyResultsPage.released_ids(final.survey_id) == set()
    later = AdministrationFactory(survey=final.survey, label="2016-17", slug="2016-17")
    Aggregate.objects.create(
        administration=later, measure=Measure.objects.get(code="TRUST"), n=500, pct_favorable=74.5, mean=3.9
    )
    draft = SurveyResultsPageFactory(parent=index, slug="2016-17", administration=later)
    draft.unpublish()
    assert SurveyResultsPage.released_ids(final.survey_id) == set()
