"""Every page type through the admin forms as an editor uses them: create, refuse mistakes, preview.

Creating StandardPage, EventPage and TrainingLevelPage through the admin is tested in
test_page_rules.py, test_events.py and test_training.py (and a heading that skips a level in
test_page_rules.py); here the other types are created, and every type is checked for a missing
title and previewed.
"""

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.urls import reverse
from django.utils.text import slugify
from pytest_django.asserts import assertContains, assertNotContains, assertTemplateUsed
from wagtail.models import Page, Site
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from pages.factories import (
    EventCategoryFactory,
    EventIndexPageFactory,
    HomePageFactory,
    ImageFactory,
    PersonFactory,
    StandardPageFactory,
)
from pages.models import (
    CareerServicesPage,
    CommunityEngagementPage,
    EventIndexPage,
    EventPage,
    HomePage,
    StandardPage,
    TeamPage,
)
from survey.factories import AdministrationFactory, SurveyResultsIndexPageFactory
from survey.models import SurveyResultsIndexPage, SurveyResultsPage
from training.factories import TrainingProgramPageFactory
from training.models import TrainingLevelPage, TrainingProgramPage

pytestmark = pytest.mark.django_db

CREATED_ELSEWHERE = {StandardPage, EventPage, TrainingLevelPage}
PUBLISH = {"action-publish": "action-publish"}
REQUIRED = "This field is required."
NOT_CREATED = "The page could not be created due to validation errors"
NO_ALT_TEXT = "Please add some alt text for your image or mark it as decorative"
BODY_BLOCKS = ["heading", "paragraph", "image", "quote", "call_to_action"]


def image_block(alt_text="Staff and students talking in a workshop", decorative=False):
    return {
        "image": {"image": ImageFactory().pk, "alt_text": alt_text, "decorative": decorative},
        "caption": "Spring workshop, 2026",
        "size": "content",
    }


def body():
    """A body as an editor writes one: a section with text, a photo, a quote and a next step."""
    return streamfield(
        [
            ("heading", {"text": "What to expect", "level": "h2"}),
            (
                "paragraph",
                rich_text(
                    "<p>Sessions run for an hour. See "
                    '<a href="https://example.edu/training/dates">the session dates</a>.</p>'
                ),
            ),
            ("image", image_block()),
            (
                "quote",
                {
                    "quote": "The sessions gave our team a shared language for difficult conversations.",
                    "attribution": "Program participant",
                    "role": "Department administrator",
                },
            ),
            (
                "call_to_action",
                {
                    "heading": "Ready for the next level?",
                    "text": "Sign up for an upcoming session.",
                    "page": "",
                    "link_url": "https://example.edu/register",
                    "link_text": "Register for Diversity 2.0",
                },
            ),
        ]
    )


def tree_root():
    return Page.get_first_root_node()


def fresh_home():
    """A home page serving the default site, built per case rather than by the `home` fixture,
    so that the HomePage case can still add the site's only home page at the root."""
    home = HomePageFactory(parent=tree_root(), slug="odi")
    Site.objects.filter(is_default_site=True).update(root_page=home)
    return home


def pillar_target():
    """A new site has no sections yet, so the home page's pillar links to the page already there."""
    return tree_root().get_first_child()


def home_fields():
    return {
        "mission_statement": rich_text("<p>We build a school where everyone can do their best work.</p>"),
        "mission_attribution": "School of Medicine mission",
        "key_figures": streamfield(
            [("key_figure", {"figure": "7,100+", "label": "people completed Diversity 1.0", "note": "June 2026"})]
        ),
        "pillars_heading": "What we do",
        "pillars": inline_formset(
            [
                {
                    "page": pillar_target().pk,
                    "title": "Training",
                    "summary": "Four one-hour sessions, one step at a time.",
                    "image": "",
                }
            ]
        ),
        "events_heading": "Upcoming events",
        "events_page": "",
    }


@dataclass(frozen=True)
class Case:
    """One page type: how to build the parent an editor adds it under, and its own fields."""

    model: type[Page]
    parent: Callable[[], Page]
    title: str
    fields: Callable[[], dict] = dict

    def __str__(self):
        return self.model.__name__

    @property
    def slug(self):
        return slugify(self.title)

    def url(self, name, parent):
        meta = self.model._meta
        return reverse(f"wagtailadmin_pages:{name}", args=[meta.app_label, meta.model_name, parent.pk])

    def form_data(self, **changes):
        data = {
            "title": self.title,
            "slug": self.slug,
            "intro": f"An introduction to {self.title.lower()}.",
            "body": body(),
            **self.fields(),
            **changes,
        }
        return nested_form_data(data)


CASES = {
    case.model: case
    for case in [
        Case(HomePage, tree_root, "Diversity, equity and inclusion", home_fields),
        Case(StandardPage, fresh_home, "Cultural competence seminars"),
        Case(
            EventIndexPage,
            fresh_home,
            "Events",
            lambda: {"empty_message": "No events are scheduled right now; check back next month."},
        ),
        Case(
            EventPage,
            lambda: EventIndexPageFactory(parent=fresh_home()),
            "Heritage Month lecture",
            lambda: {
                "start": "2031-02-10 10:00",
                "end": "2031-02-10 11:30",
                "location": "Farrell Learning Center, Room 213",
                "online_url": "https://example.edu/live",
                "category": EventCategoryFactory(name="Heritage Month", slug="heritage-month").pk,
                "audience": "All staff, faculty and students",
                "cost": "Free",
                "registration_url": "https://example.edu/register",
                "accessibility_note": "Captioned; step-free access from the Euclid entrance.",
                "contact": PersonFactory(name="Dana Example").pk,
                "speakers": inline_formset([{"person": PersonFactory(name="Guest Speaker").pk, "role": "Keynote"}]),
            },
        ),
        Case(
            CareerServicesPage,
            fresh_home,
            "Career development",
            lambda: {
                "form_heading": "Request a consultation",
                "form_intro": "The specialist replies within three working days.",
                "consent_notice": "Only the career services team sees your details.",
                "consultation_email": "careers@example.edu",
                "thanks_heading": "Thank you: your request has been sent",
                "thanks_text": "The specialist will email you to arrange a time.",
            },
        ),
        Case(
            CommunityEngagementPage,
            fresh_home,
            "Community engagement",
            lambda: {
                "focus_areas_heading": "Where we focus",
                "partners_heading": "Our community partners",
                "partners_intro": "Organizations we work with across the region.",
                "voices_heading": "Upcoming Community Voices events",
                "directory_heading": "Affinity groups and university resources",
                "voices_category": EventCategoryFactory(name="Community Voices", slug="community-voices").pk,
            },
        ),
        Case(
            TrainingProgramPage,
            fresh_home,
            "Training",
            lambda: {"participants_level_one": "7100", "participants_as_of": "2026-06-01"},
        ),
        Case(
            TrainingLevelPage,
            lambda: TrainingProgramPageFactory(parent=fresh_home()),
            "Diversity 2.0",
            lambda: {
                "level_code": "2.0",
                "duration_minutes": "210",
                "format": "Facilitated group session, in person or online",
                "audience": "All faculty, staff and trainees",
                "requirement": "optional",
                "requirement_detail": "Taken after Diversity 1.0",
                "prerequisite": "",
                "learning_outcomes": streamfield([("outcome", "Recognize bias in everyday decisions.")]),
            },
        ),
        Case(
            TeamPage,
            lambda: StandardPageFactory(parent=fresh_home(), slug="about"),
            "Our team",
            lambda: {"people_heading": "Meet the team"},
        ),
        Case(SurveyResultsIndexPage, fresh_home, "Diversity Engagement Survey"),
        Case(
            SurveyResultsPage,
            lambda: SurveyResultsIndexPageFactory(parent=fresh_home()),
            "2030-31 results",
            lambda: {"administration": AdministrationFactory().pk, "gap_threshold": "5", "highlight_count": "3"},
        ),
    ]
}
SINGLETONS = [case for model, case in CASES.items() if model.max_count == 1]
MISSING = [(case, "title") for case in CASES.values()] + [
    (CASES[EventPage], "start"),
    (CASES[EventPage], "end"),
    (CASES[TrainingLevelPage], "audience"),
]


def form_errors(response):
    """The errors of the form the admin rendered (None when it redirected instead)."""
    return response.context and response.context.get("form") and response.context["form"].errors


@pytest.mark.parametrize("case", [c for m, c in CASES.items() if m not in CREATED_ELSEWHERE], ids=str)
def test_admin_creates_and_publishes_the_page_with_its_blocks(admin_client, case):
    """Realistic data, with one of each common body block, goes through the form into a live page."""
    parent = case.parent()
    response = admin_client.post(case.url("add", parent), case.form_data(**PUBLISH))
    assert response.status_code == 302, form_errors(response)
    assert response["Location"] == reverse("wagtailadmin_explore", args=[parent.pk])
    page = case.model.objects.child_of(parent).get(slug=case.slug)
    assert page.live
    assert [child.block_type for child in page.body] == BODY_BLOCKS


def test_home_page_keeps_its_pillars_and_key_figures(admin_client):
    """The home page is the one type with an inline panel (pillars) besides its StreamFields."""
    case = CASES[HomePage]
    response = admin_client.post(case.url("add", tree_root()), case.form_data(**PUBLISH))
    assert response.status_code == 302, form_errors(response)
    home = HomePage.objects.get(slug=case.slug)
    assert [(pillar.title, pillar.page_id) for pillar in home.pillars.all()] == [("Training", pillar_target().pk)]
    assert [figure.value["figure"] for figure in home.key_figures] == ["7,100+"]


def test_the_home_pages_events_section_is_chosen_among_events_indexes_only(admin_client):
    """The chooser offers events indexes only, and the form refuses any other page."""
    case = CASES[HomePage]
    form = HomePage.get_edit_handler().get_form_class()()
    assert form.fields["events_page"].widget.target_models == [EventIndexPage]
    response = admin_client.post(case.url("add", tree_root()), case.form_data(events_page=pillar_target().pk))
    assert "events_page" in form_errors(response)
    assert not HomePage.objects.filter(slug=case.slug).exists()


@pytest.mark.parametrize("case", SINGLETONS, ids=str)
def test_a_second_singleton_page_is_neither_offered_nor_saved(admin_client, case):
    """The "Add child page" menu hides the type, and a form opened earlier cannot add one either."""
    parent = case.parent()
    parent.add_child(instance=case.model(title="The existing one", slug="existing"))
    add_url = case.url("add", parent)
    choices = admin_client.get(reverse("wagtailadmin_pages:add_subpage", args=[parent.pk]), follow=True)
    assertNotContains(choices, add_url)
    response = admin_client.post(add_url, case.form_data(**PUBLISH), follow=True)
    assertContains(response, "Sorry, you do not have permission to access this area.")
    assert case.model.objects.count() == 1


@pytest.mark.parametrize("case, name", MISSING, ids=str)
def test_a_missing_required_field_is_shown_and_nothing_is_saved(admin_client, case, name):
    """The blank field is the only error, which also shows the rest of each case's data is valid."""
    parent = case.parent()
    pages = Page.objects.count()
    response = admin_client.post(case.url("add", parent), case.form_data(**{name: ""}, **PUBLISH))
    assert response.status_code == 200
    assert form_errors(response) == {name: [REQUIRED]}
    assertContains(response, NOT_CREATED)
    assertContains(response, REQUIRED)
    assert Page.objects.count() == pages


def test_an_image_needs_alt_text_unless_marked_decorative(admin_client):
    """The error names both ways out; taking the second one lets the same page save."""
    case = CASES[CommunityEngagementPage]
    parent = case.parent()
    pages = Page.objects.count()
    undescribed = streamfield([("image", image_block(alt_text=""))])
    response = admin_client.post(case.url("add", parent), case.form_data(body=undescribed, **PUBLISH))
    assert response.status_code == 200
    assertContains(response, NOT_CREATED)
    assertContains(response, NO_ALT_TEXT)
    assert Page.objects.count() == pages

    decorative = streamfield([("image", image_block(alt_text="", decorative=True))])
    response = admin_client.post(case.url("add", parent), case.form_data(body=decorative, **PUBLISH))
    assert response.status_code == 302, form_errors(response)
    page = CommunityEngagementPage.objects.get(slug=case.slug)
    assert page.body[0].value["image"].contextual_alt_text == ""


@pytest.mark.parametrize("case", CASES.values(), ids=str)
def test_preview_of_a_new_page_renders_in_every_mode(admin_client, case):
    """The editor's preview panel posts the form, then loads each preview mode the type offers."""
    url = case.url("preview_on_add", case.parent())
    response = admin_client.post(url, case.form_data())
    assert response.json() == {"is_valid": True, "is_available": True}
    for mode, _label in case.model().preview_modes:
        response = admin_client.get(url, {"mode": mode})
        assert response.status_code == 200
        assertTemplateUsed(response, case.model.template)
        assertContains(response, case.title)
        assertContains(response, "What to expect")
