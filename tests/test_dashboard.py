"""Admin home panels: the right items, only for the roles allowed to see them, at a fixed query cost."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from odi_site.dashboard import PANEL_LIMIT
from pages.factories import EventIndexPageFactory, EventPageFactory, StandardPageFactory
from pages.roles import APPROVERS, EDITORS
from survey.factories import AdministrationFactory
from survey.models import SurveyImport
from training.factories import (
    RegistrationFactory,
    TrainingLevelPageFactory,
    TrainingProgramPageFactory,
    TrainingSessionFactory,
)

SECTIONS = {
    "events": "upcoming-events-section",
    "approval": "pages-awaiting-approval-section",
    "sessions": "upcoming-training-sessions-section",
    "imports": "recent-survey-imports-section",
}


def member_of(django_user_model, group_name, username):
    user = django_user_model.objects.create_user(username, f"{username}@example.edu", "a-long-test-password")
    user.groups.add(Group.objects.get(name=group_name))
    return user


def sections(client, user):
    """The admin home's panels of this site, by short name, as parsed HTML (missing ones absent)."""
    client.force_login(user)
    response = client.get("/admin/")
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    return {name: soup.find(id=html_id) for name, html_id in SECTIONS.items() if soup.find(id=html_id)}


def text(section):
    return section.get_text(" ", strip=True)


def add_event(index, days, **kwargs):
    start = timezone.now() + datetime.timedelta(days=days)
    return EventPageFactory(parent=index, start=start, end=start + datetime.timedelta(hours=2), **kwargs)


def record_import(**kwargs):
    """A log row as the importer writes it (see tests/test_survey_import_log.py for the writing)."""
    fields = {
        "source": SurveyImport.Source.COMMAND_LINE,
        "file_name": "des.csv",
        "rows_in_file": 20,
        "rows_written": 19,
    }
    return SurveyImport.objects.create(**(fields | kwargs))


def submit_for_approval(page, user):
    page.save_revision(user=user)
    page.get_workflow().start(page, user)


@pytest.fixture
def editor(home, django_user_model):
    return member_of(django_user_model, EDITORS, "editor")


@pytest.fixture
def survey_manager(django_user_model):
    return member_of(django_user_model, "Survey data managers", "surveys")


@pytest.fixture
def coordinator(django_user_model):
    return member_of(django_user_model, "Training coordinators", "coordinator")


@pytest.fixture
def superuser(home, django_user_model):
    return django_user_model.objects.create_superuser("admin", "admin@example.edu", "a-long-test-password")


@pytest.fixture
def events(home):
    return EventIndexPageFactory(parent=home)


@pytest.fixture
def level(home):
    return TrainingLevelPageFactory(parent=TrainingProgramPageFactory(parent=home), title="Diversity 1.0")


class TestPageEditorPanels:
    def test_future_live_events_are_listed_soonest_first_with_edit_links(self, client, editor, events):
        later = add_event(events, 9, title="Heritage month panel")
        sooner = add_event(events, 2, title="Allyship workshop", location="Farrell Learning Center")
        add_event(events, -3, title="Last week's lecture")
        add_event(events, 4, title="Unpublished lunch", live=False)

        panel = sections(client, editor)["events"]
        links = panel.select("td.title a")
        assert [a.get_text(strip=True) for a in links] == ["Allyship workshop", "Heritage month panel"]
        assert links[0]["href"] == f"/admin/pages/{sooner.pk}/edit/"
        assert "Farrell Learning Center" in text(panel)
        assert later.title in text(panel)

    def test_pages_in_moderation_are_listed_and_plain_drafts_are_not(self, client, editor, home):
        waiting = StandardPageFactory(parent=home, title="New mission statement", live=False)
        submit_for_approval(waiting, editor)
        StandardPageFactory(parent=home, title="Half-written draft", live=False).save_revision(user=editor)

        panel = sections(client, editor)["approval"]
        assert [a.get_text(strip=True) for a in panel.select("td.title a")] == ["New mission statement"]
        assert panel.select_one("td.title a")["href"] == f"/admin/pages/{waiting.pk}/edit/"
        assert "Awaiting Approval by Communications approvers" in text(panel)
        assert "editor" in text(panel)

    def test_approved_and_rejected_pages_leave_the_queue(self, client, editor, home, django_user_model):
        approver = member_of(django_user_model, APPROVERS, "approver")
        approved = StandardPageFactory(parent=home, title="Approved page", live=False)
        rejected = StandardPageFactory(parent=home, title="Sent back page", live=False)
        for page, action in ((approved, "approve"), (rejected, "reject")):
            submit_for_approval(page, editor)
            task_state = page.current_workflow_state.current_task_state
            task_state.task.specific.on_action(task_state, approver, action)

        assert "No pages are waiting for approval." in text(sections(client, editor)["approval"])

    def test_sections_have_h2_headings_and_empty_states_in_words(self, client, superuser):
        found = sections(client, superuser)
        assert set(found) == set(SECTIONS) - {"approval"}  # reviewers have Wagtail's own queue
        for section in found.values():
            assert section.find(["h2", "h3"]).name == "h2"
            assert section.find("p").get_text(strip=True)  # the empty state
            assert section.find("table") is None


class TestWhoSeesWhat:
    def test_approvers_are_not_shown_the_queue_twice(self, client, home, django_user_model):
        approver = member_of(django_user_model, APPROVERS, "approver")
        assert "approval" not in sections(client, approver)

    def test_communications_editor_sees_pages_but_no_survey_or_training_data(self, client, editor, level):
        record_import(administration=AdministrationFactory(label="2030-31"))
        TrainingSessionFactory(level=level)
        assert set(sections(client, editor)) == {"events", "approval"}

    def test_survey_staff_see_recent_imports_only(self, client, survey_manager, home):
        survey_manager.first_name, survey_manager.last_name = "Dana", "Reyes"
        survey_manager.save()
        administration = AdministrationFactory(label="2030-31")
        logged = record_import(
            user=survey_manager,
            source=SurveyImport.Source.ADMIN_UPLOAD,
            file_name="des-2030.csv",
            administration=administration,
            rows_written=3,
        )

        found = sections(client, survey_manager)
        assert set(found) == {"imports"}
        row = found["imports"].select_one("tbody tr")
        assert ["des-2030.csv", str(administration), "Dana Reyes", "3 rows written"] == [
            text(row.select("td")[i]) for i in (0, 1, 3, 4)
        ]
        links = [a["href"] for a in row.select("a")]
        assert links == [
            f"/admin/snippets/survey/surveyimport/inspect/{logged.pk}/",
            f"/admin/snippets/survey/administration/edit/{administration.pk}/",
        ]

    def test_training_coordinators_see_sessions_with_seats_only(self, client, coordinator, level):
        session = TrainingSessionFactory(level=level, capacity=20)
        RegistrationFactory.create_batch(2, session=session)
        RegistrationFactory(session=session, status="waitlisted")
        TrainingSessionFactory(level=level, start=timezone.now() - datetime.timedelta(days=2))

        found = sections(client, coordinator)
        assert set(found) == {"sessions"}
        rows = found["sessions"].select("tbody tr")
        assert len(rows) == 1
        assert "2 of 20 seats taken, 1 on the waitlist" in text(rows[0])
        assert rows[0].select_one("a")["href"] == f"/admin/snippets/training/trainingsession/edit/{session.pk}/"


def test_recent_imports_list_the_newest_import_first_and_name_the_command_line(client, survey_manager, home):
    administration = AdministrationFactory(label="2030-31")
    record_import(file_name="first.csv", administration=administration)
    record_import(file_name="several.csv", administration=None, rows_written=0)
    record_import(file_name="again.csv", administration=administration)  # the same administration again

    rows = sections(client, survey_manager)["imports"].select("tbody tr")
    assert [text(row.select_one("td.title")) for row in rows] == ["again.csv", "several.csv", "first.csv"]
    assert "command line" in text(rows[0])
    assert "No single administration" in text(rows[1]) and "0 rows written" in text(rows[1])


def test_admin_home_query_count_does_not_grow_with_items(client, editor, survey_manager, coordinator, events, level):
    """Every panel costs a fixed number of queries, and each lists at most PANEL_LIMIT items.

    The viewer holds all three roles but is not an approver and submits nothing: Wagtail's own
    "Awaiting your review" panel costs a query per item, and that is not what is measured here.
    """
    viewer = editor
    viewer.groups.add(*survey_manager.groups.all(), *coordinator.groups.all())
    author = survey_manager  # anyone but the viewer

    def add_one_of_each(n):
        add_event(events, n + 1)
        submit_for_approval(StandardPageFactory(parent=events.get_parent(), live=False), author)
        RegistrationFactory(session=TrainingSessionFactory(level=level))
        record_import(user=author, administration=AdministrationFactory())

    def home_queries():
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/admin/").status_code == 200
        return len(queries)

    client.force_login(viewer)
    add_one_of_each(0)
    client.get("/admin/")  # the first request fills per-process caches (content types, site root)
    few = home_queries()
    for n in range(1, PANEL_LIMIT + 3):
        add_one_of_each(n)
    many = home_queries()

    assert many == few, f"admin home took {few} queries with 1 item per panel and {many} with {PANEL_LIMIT + 3}"
    found = sections(client, viewer)
    assert all(len(found[name].select("tbody tr")) == PANEL_LIMIT for name in SECTIONS)
