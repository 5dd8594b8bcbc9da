"""Embargoed results: editors without survey data permission can neither choose nor preview an
administration whose results are not public yet (survey/page_forms.py, SurveyResultsPage.serve_preview)."""

from pathlib import Path

import pytest
from django.contrib.auth.models import Group, User
from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data, streamfield

from pages.roles import EDITORS
from survey.factories import AdministrationFactory, SurveyResultsIndexPageFactory, SurveyResultsPageFactory
from survey.importing import import_file
from survey.models import Administration

EXAMPLE = Path(__file__).resolve().parent.parent / "docs" / "survey-example.csv"


@pytest.fixture
def pages(home):
    """A live results page (2014-15, public) and a draft one for an embargoed administration."""
    assert import_file(EXAMPLE.read_bytes()).ok
    released = Administration.objects.get(slug="2014-15")
    embargoed = AdministrationFactory(survey=released.survey, label="2016-17", slug="2016-17")
    index = SurveyResultsIndexPageFactory(parent=home, slug="survey")
    live = SurveyResultsPageFactory(parent=index, slug="2014-15", title="2014-15 results", administration=released)
    draft = SurveyResultsPageFactory(parent=index, slug="2016-17", title="2016-17 results", administration=embargoed)
    draft.unpublish()
    return index, live, draft, released, embargoed


def editor(*groups):
    user = User.objects.create_user("editor", "editor@example.edu", "a-long-password-123")
    for name in groups:
        user.groups.add(Group.objects.get(name=name))
    return user


def form(page, administration):
    return nested_form_data(
        {
            "title": page.title,
            "slug": page.slug,
            "intro": "",
            "body": streamfield([]),
            "administration": administration.pk,
            "gap_threshold": "5",
            "highlight_count": "3",
        }
    )


def test_a_communications_editor_chooses_only_public_results(client, pages):
    index, live, draft, released, embargoed = pages
    client.force_login(editor(EDITORS))
    add = reverse("wagtailadmin_pages:add", args=["survey", "surveyresultspage", index.pk])
    choices = client.get(add).context["form"].fields["administration"].queryset
    assert list(choices) == [released]
    response = client.post(add, form(draft, embargoed))
    assert response.status_code == 200
    assert "administration" in response.context["form"].errors
    # The snippet chooser (which would list every administration) is closed to them too.
    chooser = client.get(reverse("wagtailsnippetchoosers_survey_administration:choose"))
    assert chooser.status_code in (302, 403)


def test_a_communications_editor_cannot_preview_embargoed_results(client, pages):
    index, live, draft, released, embargoed = pages
    client.force_login(editor(EDITORS))
    url = reverse("wagtailadmin_pages:preview_on_edit", args=[draft.pk])
    assert client.post(url, form(draft, embargoed)).status_code == 200  # the form is stored for the preview
    response = client.get(url)
    assert response.status_code == 403
    text = response.content.decode()
    assert "Preview not available" in text and "%" not in text.split("<main", 1)[1]
    # Published results stay previewable for them.
    url = reverse("wagtailadmin_pages:preview_on_edit", args=[live.pk])
    client.post(url, form(live, released))
    response = client.get(url)
    assert response.status_code == 200 and b"68.2%" in response.content


def test_survey_data_managers_choose_and_preview_embargoed_results(client, pages):
    index, live, draft, released, embargoed = pages
    user = editor(EDITORS, "Survey data managers")
    client.force_login(user)
    url = reverse("wagtailadmin_pages:preview_on_edit", args=[draft.pk])
    client.post(url, form(draft, embargoed))
    assert client.get(url).status_code == 200
    add = reverse("wagtailadmin_pages:add", args=["survey", "surveyresultspage", index.pk])
    assert set(client.get(add).context["form"].fields["administration"].queryset) == {released, embargoed}
    assert client.get(reverse("wagtailsnippetchoosers_survey_administration:choose")).status_code == 200


def test_a_communications_editor_cannot_view_the_embargoed_draft_or_its_revisions(client, pages, admin_user):
    """The other admin routes that render a page as previewed: the draft and each stored revision."""
    index, live, draft, released, embargoed = pages
    revision = draft.save_revision(user=admin_user)
    client.force_login(editor(EDITORS))
    for url in (
        reverse("wagtailadmin_pages:view_draft", args=[draft.pk]),
        reverse("wagtailadmin_pages:revisions_view", args=[draft.pk, revision.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 403, url
        text = response.content.decode()
        assert "Preview not available" in text and "%" not in text.split("<main", 1)[1]
