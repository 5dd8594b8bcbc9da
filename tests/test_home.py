"""The home page: event cards that say when and where, and key figures that come from one source."""

import datetime
import zoneinfo
from unittest import mock

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone
from wagtail.blocks import StructBlockValidationError
from wagtail.models import PageViewRestriction

from pages.blocks import KeyFigureBlock
from pages.demo.streams import PARTICIPANTS
from pages.factories import EventIndexPageFactory, EventPageFactory, StandardPageFactory
from pages.key_figures import live_figure, source_choices
from tests.queries import cost_of
from training.factories import TrainingLevelPageFactory, TrainingProgramPageFactory, TrainingSessionFactory
from training.wagtail_hooks import PARTICIPANTS_SOURCE

CHICAGO = zoneinfo.ZoneInfo("America/Chicago")
HOUR = datetime.timedelta(hours=1)


def soup_of(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def live(label="people have completed Diversity 1.0", note="", figure=""):
    return ("key_figure", {"source": PARTICIPANTS, "figure": figure, "label": label, "note": note})


@pytest.fixture
def index(home):
    page = EventIndexPageFactory(parent=home)
    home.events_page = page
    home.save()
    return page


def add_events(index, count, start_day=1):
    for n in range(count):
        day = timezone.localdate() + datetime.timedelta(days=start_day + n)
        start = datetime.datetime.combine(day, datetime.time(14, 30), tzinfo=CHICAGO)
        EventPageFactory(
            parent=index,
            title=f"Talk {n}",
            start=start,
            end=start + datetime.timedelta(hours=1),
            location=f"Room {n}",
        )


class TestEventCards:
    def test_each_card_says_when_in_campus_time_and_where(self, client, home, index):
        add_events(index, 3)
        cards = soup_of(client.get("/")).select(".home-events .card")
        assert len(cards) == 3
        for n, card in enumerate(cards):
            day = timezone.localdate() + datetime.timedelta(days=1 + n)
            when = card.select_one(".card__when").get_text(" ", strip=True)
            assert f"{day:%B} {day.day}, {day.year}" in when
            assert "2:30 PM" in when and "3:30 PM" in when
            assert when.endswith(("CST", "CDT"))
            assert card.select_one(".card__when time")["datetime"].startswith(day.isoformat() + "T14:30:00-0")
            assert f"Room {n}" in card.get_text()

    def test_a_link_leads_to_all_events(self, client, home, index):
        add_events(index, 4)
        links = soup_of(client.get("/")).select(".home-events a")
        assert [a["href"] for a in links if a.get_text(strip=True) == "See all events"] == [index.url]

    def test_query_count_stays_the_same_from_3_to_30_events(self, client, home, index, no_page_cache):
        add_events(index, 3)
        few = cost_of(client, "/")
        add_events(index, 27, start_day=10)
        many = cost_of(client, "/")
        assert len(many.queries) == len(few.queries)
        assert len(many.cache) == len(few.cache)


class TestLiveKeyFigure:
    def test_shows_the_training_programs_figure_and_its_date(self, client, home):
        TrainingProgramPageFactory(
            parent=home, participants_level_one=7100, participants_as_of=datetime.date(2026, 6, 1)
        )
        home.key_figures = [live(note="Across the School of Medicine")]
        home.save()
        figure = soup_of(client.get("/")).select_one(".home-figures .key-figure")
        assert figure.select_one(".key-figure__number").get_text(strip=True) == "7,100+"
        note = figure.select_one(".key-figure__note")
        assert note.get_text(" ", strip=True) == "Across the School of Medicine, as of June 2026"
        assert note.select_one("time")["datetime"] == "2026-06"

    def test_a_new_count_on_the_program_page_shows_everywhere_at_once(self, client, home, no_page_cache):
        program = TrainingProgramPageFactory(parent=home)
        about = StandardPageFactory(parent=home, slug="about", body=[live()])
        home.key_figures = [live()]
        home.save()
        assert "7,100+" in soup_of(client.get("/")).select_one(".key-figure__number").text
        program.participants_level_one = 7400
        program.participants_as_of = datetime.date(2026, 9, 1)
        program.save_revision().publish()
        for address in ["/", about.url]:
            figure = soup_of(client.get(address)).select_one(".key-figure")
            assert figure.select_one(".key-figure__number").get_text(strip=True) == "7,400+"
            assert "as of September 2026" in figure.get_text(" ", strip=True)

    def test_without_a_live_program_the_typed_figure_shows_or_nothing(self, client, home):
        home.key_figures = [live(label="typed fallback", figure="7,000+"), live(label="nothing to show")]
        home.save()
        figures = soup_of(client.get("/")).select(".key-figure")
        assert [f.select_one(".key-figure__number").text for f in figures] == ["7,000+"]
        assert "as of" not in figures[0].get_text()

    def test_a_live_figure_costs_no_query_once_cached(self, client, home, no_page_cache):
        TrainingProgramPageFactory(parent=home)
        typed = ("key_figure", {"source": "", "figure": "7,100+", "label": "typed", "note": ""})
        home.key_figures = [typed]
        home.save()
        before = cost_of(client, "/")
        home.key_figures = [live()]
        home.save()
        after = cost_of(client, "/")
        assert len(after.queries) == len(before.queries)
        assert len(after.cache) <= len(before.cache) + 1

    def test_the_figure_is_read_once_until_content_changes(self, home, django_assert_num_queries):
        TrainingProgramPageFactory(parent=home)
        assert live_figure(PARTICIPANTS).figure == "7,100+"
        with django_assert_num_queries(1):  # the cache round trip only
            assert live_figure(PARTICIPANTS).as_of == datetime.date(2026, 6, 1)

    def test_a_session_with_recorded_attendance_counts_once_it_ends(self, home):
        program = TrainingProgramPageFactory(parent=home, count_recorded_attendance=True)
        level = TrainingLevelPageFactory(parent=program)
        now = timezone.now()
        TrainingSessionFactory(level=level, start=now - HOUR, end=now + HOUR, attended_count=4)
        assert live_figure(PARTICIPANTS).figure == "7,100+"
        later = now + 2 * HOUR  # no save in between: the cached figure expires by itself
        with mock.patch("django.utils.timezone.now", return_value=later):
            counted = live_figure(PARTICIPANTS)
        assert (counted.figure, counted.as_of) == ("7,104+", timezone.localdate(now + HOUR))

    def test_training_registers_the_source_pages_names(self, db):
        assert PARTICIPANTS == PARTICIPANTS_SOURCE
        assert PARTICIPANTS in dict(source_choices())
        assert live_figure("no-such-source") is None


class TestKeyFigureBlock:
    def test_a_figure_must_be_typed_unless_a_live_one_is_chosen(self, db):
        block = KeyFigureBlock()
        with pytest.raises(StructBlockValidationError) as error:
            block.clean(block.to_python({"source": "", "figure": "", "label": "people"}))
        assert "figure" in error.value.block_errors
        block.clean(block.to_python({"source": PARTICIPANTS, "figure": "", "label": "people"}))
        block.clean(block.to_python({"source": "", "figure": "4", "label": "levels"}))


class TestDemoFigures:
    def test_home_and_about_show_the_training_figure_with_its_date(self, client, demo_site):
        for address in ["/", "/about/", "/training/"]:
            text = soup_of(client.get(address)).get_text(" ", strip=True)
            assert "7,100+" in text, address
            assert "as of June 2026" in text, address


class TestVisibility:
    def test_a_restricted_program_keeps_its_figure_to_itself(self, client, home):
        program = TrainingProgramPageFactory(parent=home)
        PageViewRestriction.objects.create(page=program, restriction_type="login")
        home.key_figures = [live(figure="typed")]
        home.save()
        assert soup_of(client.get("/")).select_one(".key-figure__number").text == "typed"
