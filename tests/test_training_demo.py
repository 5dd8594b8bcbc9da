"""The training section of the demo site: the office's facts on every level page, sessions, idempotence."""

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.utils import timezone

from training.models import Registration, TrainingLevelPage, TrainingProgramPage, TrainingSession

LEVEL_FACTS = {
    "/training/diversity-1-0/": ["Level 1.0", "1 hour", "Required for all new employees, at orientation"],
    "/training/diversity-2-0/": ["Level 2.0", "1 hour", "Required for all new employees, at orientation"],
    "/training/diversity-3-0/": ["Level 3.0", "1 hour", "Optional"],
    "/training/diversity-4-0/": ["Level 4.0", "1 hour", "Optional"],
    "/training/unconscious-bias-for-managers/": [
        "3.5 hours",
        "Required for new managers, on day three of New Manager Orientation",
    ],
}


def page_text(client, path):
    response = client.get(path)
    assert response.status_code == 200
    return " ".join(BeautifulSoup(response.content, "html.parser").get_text(" ").split())


@pytest.mark.parametrize(("path", "facts"), LEVEL_FACTS.items())
def test_every_level_page_states_its_facts(client, demo_site, path, facts):
    text = page_text(client, path)
    for fact in facts:
        assert fact in text, f"{path} should say {fact!r}"
    assert "Upcoming sessions" in text and "Register" in text


def test_program_page_lists_the_path_in_order_with_the_participation_figure(client, demo_site):
    response = client.get("/training/")
    soup = BeautifulSoup(response.content, "html.parser")
    titles = [h.get_text(" ", strip=True) for h in soup.select(".training-pathway__title")]
    assert titles == [
        "Level 1.0: Diversity 1.0",
        "Level 2.0: Diversity 2.0",
        "Level 3.0: Diversity 3.0",
        "Level 4.0: Diversity 4.0",
        "Unconscious Bias Training for Managers",
    ]
    text = " ".join(soup.get_text(" ").split())
    assert "7,100+ people have completed Diversity 1.0 as of June 2026" in text
    assert "None scheduled yet" not in text  # every level has an upcoming session


def test_levels_are_chained_by_prerequisite(demo_site):
    levels = {page.slug: page for page in TrainingLevelPage.objects.all()}
    assert levels["diversity-1-0"].prerequisite is None
    assert levels["diversity-2-0"].prerequisite == levels["diversity-1-0"]
    assert levels["diversity-4-0"].prerequisite == levels["diversity-3-0"]
    assert TrainingProgramPage.objects.get().participants_display == "7,100+"


def test_every_level_has_an_open_upcoming_session_and_one_is_full(demo_site):
    now = timezone.now()
    for level in TrainingLevelPage.objects.all():
        assert level.sessions.filter(start__gt=now, registration_open=True).exists(), level.slug
    full = [s for s in TrainingSession.objects.all() if s.seats_left() == 0]
    assert len(full) == 1
    assert full[0].registrations.filter(status="waitlisted").exists()
    assert all(r.email.endswith("@example.edu") for r in Registration.objects.all())


def test_full_session_shows_the_waitlist(client, demo_site):
    assert "Full: new registrations join the waitlist" in page_text(client, "/training/diversity-2-0/")


def test_rerunning_the_loader_adds_no_sessions(demo_site):
    before = list(TrainingSession.objects.order_by("pk").values_list("pk", "start", "capacity"))
    registrations = Registration.objects.count()
    call_command("load_demo_content", verbosity=0)
    assert list(TrainingSession.objects.order_by("pk").values_list("pk", "start", "capacity")) == before
    assert Registration.objects.count() == registrations


def test_reset_replaces_sessions_with_the_pages(demo_site):
    old_ids = set(TrainingSession.objects.values_list("pk", flat=True))
    count = len(old_ids)
    call_command("load_demo_content", reset=True, verbosity=0)
    assert TrainingSession.objects.count() == count
    assert not old_ids & set(TrainingSession.objects.values_list("pk", flat=True))
    assert TrainingProgramPage.objects.count() == 1
