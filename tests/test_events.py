"""Campus events: ordering, filtering, pagination, time zones, calendars, feeds, JSON-LD, query counts."""

import datetime
import json
import xml.etree.ElementTree as ET
import zoneinfo
from urllib.parse import urljoin

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.utils import timezone
from icalendar import Calendar
from wagtail.models import Page, Site
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from odi_site.json_ld import json_ld_script
from odi_site.pagination import paginate
from pages.factories import EventCategoryFactory, EventIndexPageFactory, EventPageFactory, HomePageFactory, ImageFactory
from pages.models import EventIndexPage, EventPage, HomePage, StandardPage
from tests.queries import cost_of

CHICAGO = zoneinfo.ZoneInfo("America/Chicago")
ATOM = "{http://www.w3.org/2005/Atom}"


def days(n, hour=10):
    """A campus-time moment n days from now at the given hour."""
    day = timezone.localdate() + datetime.timedelta(days=n)
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=CHICAGO)


def add_event(index, start, hours=1, **kwargs):
    return EventPageFactory(parent=index, start=start, end=start + datetime.timedelta(hours=hours), **kwargs)


def titles(response):
    soup = BeautifulSoup(response.content, "html.parser")
    return [a.get_text(strip=True) for a in soup.select(".card__link")]


@pytest.fixture
def index(home):
    page = EventIndexPageFactory(parent=home)
    home.events_page = page
    home.save()
    return page


class TestEventRules:
    def test_end_before_start_is_refused(self, index):
        event = add_event(index, days(3))
        event.end = event.start - datetime.timedelta(minutes=1)
        with pytest.raises(ValidationError) as error:
            event.full_clean()
        assert "end" in error.value.message_dict

    def test_a_location_or_online_link_is_required(self, index):
        event = add_event(index, days(3))
        event.location = ""
        with pytest.raises(ValidationError) as error:
            event.full_clean()
        assert "location" in error.value.message_dict
        event.online_url = "https://example.edu/live"
        event.full_clean()


class TestEventPageTypes(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        root = Page.get_first_root_node()
        cls.home = HomePageFactory(parent=root, slug="home-events-rules")
        Site.objects.filter(is_default_site=True).update(root_page=cls.home)

    def test_events_live_under_one_index_below_home(self):
        self.assertCanCreateAt(HomePage, EventIndexPage)
        self.assertCanCreateAt(EventIndexPage, EventPage)
        self.assertCanNotCreateAt(HomePage, EventPage)
        self.assertCanNotCreateAt(StandardPage, EventPage)
        self.assertCanNotCreateAt(EventPage, EventPage)
        self.assertCanNotCreateAt(StandardPage, EventIndexPage)
        self.assertEqual(EventIndexPage.max_count, 1)

    def test_admin_creates_an_event_and_refuses_one_ending_before_it_starts(self):
        self.login()
        index = EventIndexPageFactory(parent=self.home)
        data = {
            "title": "Heritage Month lecture",
            "slug": "heritage-month-lecture",
            "start": "2031-02-10 10:00",
            "end": "2031-02-10 11:30",
            "location": "Farrell Learning Center",
            "cost": "Free",
            "speakers": inline_formset([]),
            "body": streamfield([]),
        }
        self.assertCanCreate(index, EventPage, nested_form_data(data))
        event = EventPage.objects.get(slug="heritage-month-lecture")
        assert timezone.localtime(event.start).hour == 10
        response = self.client.post(
            f"/admin/pages/add/pages/eventpage/{index.pk}/",
            nested_form_data({**data, "slug": "backwards", "end": "2031-02-10 09:00"}),
        )
        self.assertContains(response, "cannot end before it starts")
        self.assertFalse(EventPage.objects.filter(slug="backwards").exists())

    def test_index_and_event_are_routable_and_renderable(self):
        index = EventIndexPageFactory(parent=self.home)
        event = add_event(index, days(2))
        for page in (index, event):
            self.assertPageIsRoutable(page)
            self.assertPageIsRenderable(page)
        self.assertPageIsRoutable(index, "past/")
        self.assertPageIsRoutable(index, "calendar/")


class TestListing:
    def test_upcoming_events_come_first_soonest_first(self, client, index):
        add_event(index, days(9), title="Later")
        add_event(index, days(2), title="Sooner")
        add_event(index, days(-3), title="Last week")
        add_event(index, timezone.now() - datetime.timedelta(hours=1), hours=3, title="Happening now")
        response = client.get(index.url)
        assert response.status_code == 200
        assert titles(response) == ["Happening now", "Sooner", "Later"]

    def test_past_events_have_their_own_view_newest_first(self, client, index):
        add_event(index, days(-30), title="Last month")
        add_event(index, days(-3), title="Last week")
        add_event(index, days(2), title="Upcoming")
        response = client.get(index.url + "past/")
        assert response.status_code == 200
        assert titles(response) == ["Last week", "Last month"]
        soup = BeautifulSoup(response.content, "html.parser")
        assert soup.select_one(".event-views a[aria-current=page]").get_text(strip=True) == "Past events"
        assert len(soup.find_all("h1")) == 1

    def test_category_filter_by_query_string(self, client, index):
        voices = EventCategoryFactory(name="Community Voices", slug="community-voices")
        training = EventCategoryFactory(name="Training", slug="training")
        add_event(index, days(2), title="Voices one", category=voices)
        add_event(index, days(3), title="A training", category=training)
        add_event(index, days(4), title="Voices two", category=voices)
        response = client.get(index.url, {"category": "community-voices"})
        assert titles(response) == ["Voices one", "Voices two"]
        soup = BeautifulSoup(response.content, "html.parser")
        assert (
            soup.select_one("[role=status]")
            .get_text(" ", strip=True)
            .startswith("Showing 2 upcoming events in Community Voices")
        )
        assert soup.select_one("#event-filter-category option[selected]")["value"] == "community-voices"
        # A filter form that works without JavaScript: GET, a labelled select and a submit button.
        form = soup.select_one("form.event-filter")
        assert form["method"] == "get" and form.select_one("button[type=submit]")
        assert soup.select_one("label[for=event-filter-category]")

    def test_unknown_category_shows_everything(self, client, index):
        add_event(index, days(2), title="One")
        response = client.get(index.url, {"category": "no-such-thing"})
        assert response.status_code == 200
        assert titles(response) == ["One"]

    @pytest.mark.parametrize(
        ("page", "expected"), [("0", 1), ("-1", 1), ("abc", 1), ("", 1), ("2", 2), ("9999", 2), ("1e9", 1)]
    )
    @pytest.mark.usefixtures("no_page_cache")
    def test_bad_page_numbers_never_fail(self, client, index, page, expected):
        for n in range(15):
            add_event(index, days(n + 1))
        for path in (index.url, index.url + "past/"):
            response = client.get(path, {"page": page})
            assert response.status_code == 200
        response = client.get(index.url, {"page": page})
        assert response.context["page_obj"].number == expected

    def test_pagination_keeps_the_category(self, client, index):
        voices = EventCategoryFactory(slug="community-voices")
        for n in range(14):
            add_event(index, days(n + 1), category=voices)
        soup = BeautifulSoup(client.get(index.url, {"category": "community-voices"}).content, "html.parser")
        assert soup.select_one("a[rel=next]")["href"] == "?category=community-voices&page=2"

    def test_paginate_helper_clamps(self):
        items = list(range(25))
        assert paginate(items, None, 10).number == 1
        assert paginate(items, "3", 10).number == 3
        assert paginate(items, "99", 10).number == 3
        assert paginate([], "5", 10).number == 1

    def test_drafts_are_not_listed(self, client, index):
        add_event(index, days(2), title="Draft", live=False)
        assert titles(client.get(index.url)) == []


class TestHomePage:
    def test_home_shows_the_next_three_upcoming_events_never_past_ones(self, client, home, index):
        add_event(index, days(-1), title="Yesterday")
        for n, title in enumerate(["First", "Second", "Third", "Fourth"]):
            add_event(index, days(n + 1), title=title)
        soup = BeautifulSoup(client.get("/").content, "html.parser")
        shown = [a.get_text(strip=True) for a in soup.select(".home-events .card__link")]
        assert shown == ["First", "Second", "Third"]

    def test_home_without_upcoming_events_says_so(self, client, home, index):
        add_event(index, days(-1), title="Yesterday")
        assert b"No upcoming events are listed right now" in client.get("/").content


class TestTimeZones:
    """10:00 campus time is 16:00 UTC in January (CST) and 15:00 UTC in July (CDT)."""

    @pytest.mark.parametrize(("month", "offset"), [(1, -6), (7, -5)])
    def test_event_time_survives_daylight_saving(self, client, index, month, offset):
        year = timezone.localdate().year + 1
        start = datetime.datetime(year, month, 15, 10, 0, tzinfo=CHICAGO)
        event = add_event(index, start, title="Seminar")
        assert event.start.astimezone(datetime.UTC).hour == 10 - offset

        soup = BeautifulSoup(client.get(event.url).content, "html.parser")
        when = soup.select_one(".event-details time")
        assert when["datetime"] == f"{year}-{month:02d}-15T10:00:00-0{-offset}:00"
        assert "10:00 AM" in when.get_text()

        calendar = Calendar.from_ical(client.get(index.url + f"calendar/?event={event.slug}").content)
        (vevent,) = calendar.walk("VEVENT")
        dtstart = vevent.decoded("dtstart")
        assert (dtstart.hour, dtstart.minute) == (10, 0)
        assert dtstart.utcoffset() == datetime.timedelta(hours=offset)
        assert calendar.walk("VTIMEZONE")[0]["TZID"] == "America/Chicago"


class TestCalendars:
    def test_calendar_lists_upcoming_events_only(self, client, index):
        category = EventCategoryFactory(name="Seminar", slug="seminar")
        add_event(index, days(2), title="Soon", category=category)
        add_event(index, days(5), title="Later")
        add_event(index, days(-2), title="Over")
        response = client.get(index.url + "calendar/")
        assert response.status_code == 200
        assert response["Content-Type"].startswith("text/calendar")
        assert 'filename="events.ics"' in response["Content-Disposition"]
        calendar = Calendar.from_ical(response.content)
        assert str(calendar["VERSION"]) == "2.0" and calendar["PRODID"]
        events = calendar.walk("VEVENT")
        assert [str(e["SUMMARY"]) for e in events] == ["Soon", "Later"]
        assert len({str(e["UID"]) for e in events}) == 2
        assert str(events[0]["URL"]).startswith("http://localhost/events/")
        assert events[0].categories == ["Seminar"]

    def test_per_event_calendar_file(self, client, index):
        event = add_event(index, days(3), hours=2, title="Panel", online_url="https://example.edu/live")
        response = client.get(index.url + f"calendar/?event={event.slug}")
        assert response.status_code == 200
        (vevent,) = Calendar.from_ical(response.content).walk("VEVENT")
        assert str(vevent["SUMMARY"]) == "Panel"
        assert vevent.decoded("dtend") - vevent.decoded("dtstart") == datetime.timedelta(hours=2)
        assert str(vevent["LOCATION"]) == event.location

    def test_event_page_links_to_its_own_calendar_file(self, client, index):
        event = add_event(index, days(3), title="Panel")
        add_event(index, days(4), title="Other")
        soup = BeautifulSoup(client.get(event.url).content, "html.parser")
        href = urljoin(event.url, soup.select_one(".event-details__calendar")["href"])
        (vevent,) = Calendar.from_ical(client.get(href).content).walk("VEVENT")
        assert str(vevent["SUMMARY"]) == "Panel"
        assert client.get(index.url + "calendar/?event=no-such-event").status_code == 404

    def test_all_day_event_uses_dates_with_an_exclusive_end(self, client, index):
        event = add_event(index, days(4, hour=0), title="Exhibit", all_day=True)
        event.end = days(6, hour=23)
        event.save()
        (vevent,) = Calendar.from_ical(client.get(index.url + f"calendar/?event={event.slug}").content).walk("VEVENT")
        assert vevent.decoded("dtstart") == days(4).date()
        assert vevent.decoded("dtend") == days(7).date()
        soup = BeautifulSoup(client.get(event.url).content, "html.parser")
        assert [t["datetime"] for t in soup.select(".event-details time")] == [
            days(4).date().isoformat(),
            days(6).date().isoformat(),
        ]


class TestFeeds:
    def test_rss_feed_lists_upcoming_events(self, client, index):
        add_event(index, days(2), title="Soon")
        add_event(index, days(4), title="Later")
        add_event(index, days(-4), title="Over")
        response = client.get(index.url + "feed/")
        assert response.status_code == 200
        assert "rss+xml" in response["Content-Type"]
        channel = ET.fromstring(response.content).find("channel")
        assert channel.findtext("title") == index.title
        items = channel.findall("item")
        assert [item.findtext("title") for item in items] == ["Soon", "Later"]
        assert items[0].findtext("link").startswith("http://localhost/events/")

    def test_atom_feed_is_valid_xml(self, client, index):
        add_event(index, days(2), title="Soon")
        response = client.get(index.url + "feed/atom/")
        assert response.status_code == 200
        feed = ET.fromstring(response.content)
        assert feed.tag == f"{ATOM}feed"
        assert [e.findtext(f"{ATOM}title") for e in feed.findall(f"{ATOM}entry")] == ["Soon"]

    def test_index_advertises_its_feeds(self, client, index):
        soup = BeautifulSoup(client.get(index.url).content, "html.parser")
        types = {link["type"] for link in soup.select("link[rel=alternate]")}
        assert {"application/rss+xml", "application/atom+xml"} <= types


class TestJsonLd:
    def json_ld(self, client, event):
        soup = BeautifulSoup(client.get(event.url).content, "html.parser")
        (script,) = soup.select('script[type="application/ld+json"]')
        return json.loads(script.string)

    def test_event_page_carries_schema_org_event(self, client, index):
        event = add_event(index, days(3), title="Heritage Month lecture")
        data = self.json_ld(client, event)
        assert data["@context"] == "https://schema.org"
        assert data["@type"] == "Event"
        assert data["name"] == "Heritage Month lecture"
        assert datetime.datetime.fromisoformat(data["startDate"]) == event.start
        assert data["location"] == {"@type": "Place", "name": event.location, "address": event.location}
        assert data["eventAttendanceMode"].endswith("OfflineEventAttendanceMode")

    def test_online_event_has_a_virtual_location(self, client, index):
        event = add_event(index, days(3), location="", online_url="https://example.edu/live")
        data = self.json_ld(client, event)
        assert data["location"] == {"@type": "VirtualLocation", "url": "https://example.edu/live"}

    def test_markup_in_titles_cannot_break_out_of_the_script(self, client, index):
        event = add_event(index, days(3), title="</script><script>alert(1)</script> & more")
        html = client.get(event.url).content.decode()
        assert "</script><script>alert(1)" not in html
        assert self.json_ld(client, event)["name"] == "</script><script>alert(1)</script> & more"

    def test_json_ld_script_escapes_html_characters(self):
        assert str(json_ld_script({"a": "<b>&"})) == '{"a": "\\u003Cb\\u003E\\u0026"}'


# Rendering budgets (the anonymous page cache serves repeats with none). Wagtail's routing,
# site, view-restriction, settings and breadcrumb queries alone are 8-9 of these.
QUERY_BUDGET = {"home": 10, "index": 13, "event": 9, "calendar": 10, "feed": 10}


@pytest.mark.usefixtures("no_page_cache")
class TestQueryCounts:
    """Each public events view costs a fixed number of queries, however many events there are."""

    def make_events(self, index, count, category):
        image = ImageFactory()
        for n in range(count):
            start = days((n % 60) - 20) + datetime.timedelta(minutes=n)
            add_event(index, start, category=category, hero_image=image)

    def count(self, client, path):
        return len(cost_of(client, path).queries)

    def test_counts_stay_constant_from_25_to_250_events(self, client, home, index):
        category = EventCategoryFactory(slug="seminar")
        self.make_events(index, 25, category)
        first = EventPage.objects.child_of(index).first()
        paths = {
            "/": "home",
            index.url: "index",
            index.url + "?category=seminar&page=2": "index",
            index.url + "past/": "index",
            index.url + "calendar/": "calendar",
            index.url + "feed/": "feed",
            first.url: "event",
        }
        small = {path: self.count(client, path) for path in paths}
        self.make_events(index, 225, category)
        large = {path: self.count(client, path) for path in paths}
        assert small == large
        for path, kind in paths.items():
            assert large[path] <= QUERY_BUDGET[kind], f"{path}: {large[path]} queries"


class TestDemoEvents:
    def test_demo_events_cover_past_upcoming_and_every_category(self, client, demo_site):
        index = EventIndexPage.objects.get()
        assert index.past_events().exists()
        upcoming = list(index.upcoming_events())
        assert len(upcoming) >= 5
        assert {"Training", "Community Voices", "Heritage Month"} <= {e.category.name for e in upcoming}
        home = BeautifulSoup(client.get("/").content, "html.parser")
        shown = [a.get_text(strip=True) for a in home.select(".home-events .card__link")]
        assert shown == [e.title for e in upcoming[:3]]

    def test_demo_event_pages_render(self, client, demo_site):
        for event in EventPage.objects.live():
            response = client.get(event.url)
            assert response.status_code == 200, event.url
            event.full_clean()


def test_past_events_have_their_own_canonical_address_and_sitemap_entry(client, demo_site):
    from bs4 import BeautifulSoup

    page = BeautifulSoup(client.get("/events/past/").content, "html.parser")
    assert page.find("link", rel="canonical")["href"] == "http://localhost/events/past/"
    assert page.title.get_text().startswith("Past events")
    assert "already taken place" in page.find("meta", attrs={"name": "description"})["content"]
    assert "<loc>http://localhost/events/past/</loc>" in client.get("/sitemap.xml").content.decode()
