"""The survey part of `load_demo_content`: structure, sample flag, small groups, idempotence."""

import re

import pytest
from django.core.management import call_command
from django.test.utils import override_settings

from survey.models import Administration, Aggregate, Dimension, Measure, SurveyResultsPage


@pytest.fixture
def admin(demo_site):
    return Administration.objects.get(slug="2014-15")


def test_demo_administration_is_sample_data_of_the_right_size(admin):
    assert admin.is_sample
    assert admin.respondents > 4000
    assert 0.3 <= admin.respondents / admin.invited <= 0.36
    assert SurveyResultsPage.objects.get(slug="2014-15").administration == admin


def test_demo_structure_is_3_clusters_8_factors_22_items(admin):
    kinds = {
        kind: Measure.objects.filter(survey=admin.survey, kind=kind).count() for kind in ("cluster", "factor", "item")
    }
    assert kinds == {"cluster": 3, "factor": 8, "item": 22}
    assert all(m.parent.kind == "factor" for m in Measure.objects.filter(kind="item"))
    assert [d.name for d in Dimension.objects.filter(survey=admin.survey)] == [
        "Role",
        "Race/ethnicity",
        "Gender",
        "Sexual orientation",
        "Disability",
    ]


def test_demo_has_withheld_groups_and_a_short_answered_total(client, admin):
    answered = Aggregate.objects.get(
        administration=admin, measure=None, group=None, dimension__name="Sexual orientation"
    )
    assert answered.n < admin.respondents
    with override_settings(PAGE_CACHE_SECONDS=0):
        html = client.get("/survey/2014-15/profile/").content.decode()
    assert "Withheld: fewer than 5 respondents" in html
    assert "Did not answer this question" in html


def test_every_linked_survey_view_renders(client, demo_site):
    with override_settings(PAGE_CACHE_SECONDS=0):
        overview = client.get("/survey/2014-15/").content.decode()
        links = sorted(set(re.findall(r'href="(/survey/2014-15/[^"]*)"', overview)))
        assert len(links) > 40
        for link in links:
            response = client.get(link)
            assert response.status_code == 200, link
            if "download" not in link:
                assert b"Sample data" in response.content, link


def test_reloading_changes_no_survey_data(demo_site):
    before = sorted(Aggregate.objects.values_list("id", "n", "mean", "pct_favorable"))
    call_command("load_demo_content", verbosity=0)
    assert sorted(Aggregate.objects.values_list("id", "n", "mean", "pct_favorable")) == before
