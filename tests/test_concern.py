"""Report a concern: the reporting channels block, the demo page, and the header and footer links
to the pages site settings name (report a concern, accessibility, privacy, newsletter)."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.core.cache import caches
from django.urls import reverse
from wagtail.models import Page, PageViewRestriction
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from pages.factories import ReportingSettingsFactory, SiteSettingsFactory, StandardPageFactory
from pages.models import ReportingSettings, SiteSettings
from pages.roles import APPROVERS, EDITORS
from tests.queries import cost_of
from tests.test_query_budget import addresses

pytestmark = pytest.mark.usefixtures("no_page_cache")


def soup_of(client, path):
    response = client.get(path)
    assert response.status_code == 200, path
    return BeautifulSoup(response.content, "html.parser")


def header_concern_link(soup):
    link = soup.select_one("header .site-header__concern")
    return link["href"] if link else None


def footer_links(soup):
    return {a.get_text(strip=True): a["href"] for a in soup.select(".site-footer__links a")}


def link_settings(home, **pages):
    """Site settings naming `pages` (field name -> page), saved as an editor would."""
    settings = SiteSettings.objects.get(site__root_page=home)
    for name, page in pages.items():
        setattr(settings, name, page)
    settings.save()
    return settings


@pytest.fixture
def concern(home):
    page = StandardPageFactory(
        parent=home, title="Report a concern", slug="report-a-concern", body=[("reporting_channels", {"heading": ""})]
    )
    link_settings(home, report_concern_page=page)
    return page


class TestReportingChannelsBlock:
    def test_block_shows_the_sites_reporting_channels_with_tel_links(self, client, concern):
        ReportingSettingsFactory(site=concern.get_site())
        soup = soup_of(client, concern.url)
        block = soup.select_one(".reporting")
        emergency = block.select_one(".reporting__emergency a.reporting__emergency-number")
        assert emergency["href"] == "tel:911" and emergency.get_text(strip=True) == "911"
        tel = {a["href"] for a in block.select('a[href^="tel:"]')}
        assert tel == {"tel:911", "tel:3145550190", "tel:3145550150"}
        assert (
            block.select_one('a.button[href="https://example.edu/report"]').get_text() == "Report online to the school"
        )
        assert "Confidential" in block.select_one(".reporting__badge").get_text()
        assert "Someone trained to handle reports" in block.get_text()
        assert "does not collect reports" in block.get_text()
        assert not soup.select("main form")  # no form: the site collects no incident data

    def test_emergency_numbers_come_first(self, client, concern):
        ReportingSettingsFactory(site=concern.get_site())
        block = soup_of(client, concern.url).select_one(".reporting")
        sections = [div["class"][0] for div in block.find_all("div", recursive=False)]
        assert sections[0] == "reporting__emergency"

    def test_sections_are_h2_without_a_heading_and_h3_under_one(self, client, concern):
        ReportingSettingsFactory(site=concern.get_site())
        assert soup_of(client, concern.url).select(".reporting h2.reporting__section-heading")
        concern.body = [("reporting_channels", {"heading": "Where to report"})]
        concern.save_revision().publish()
        block = soup_of(client, concern.url).select_one(".reporting")
        assert block.select_one("h2").get_text() == "Where to report"
        assert block.select("h3.reporting__section-heading") and not block.select("h2.reporting__section-heading")

    def test_saving_the_settings_shows_on_the_page_at_once(self, client, concern):
        settings = ReportingSettingsFactory(site=concern.get_site())
        client.get(concern.url)  # the body is a cached fragment
        settings.phone = "314-555-0199"
        settings.save()
        assert soup_of(client, concern.url).select_one('.reporting a[href="tel:3145550199"]')

    def test_block_without_any_channels_still_says_no_data_is_collected(self, client, concern):
        assert not ReportingSettings.for_site(concern.get_site()).has_channels
        assert "does not collect reports" in soup_of(client, concern.url).select_one(".reporting").get_text()


class TestDemoPage:
    def test_demo_page_lists_channels_as_tel_links_and_is_linked_from_the_header(self, client, demo_site):
        soup = soup_of(client, "/report-a-concern/")
        assert [h.get_text() for h in soup.find_all("h1")] == ["Report a concern"]
        assert soup.select_one('.reporting__emergency a[href="tel:911"]')
        assert len(soup.select('.reporting a[href^="tel:"]')) >= 4
        assert header_concern_link(soup) == "/report-a-concern/"
        assert soup.select_one("header .site-header__concern")["aria-current"] == "page"
        assert "collects nothing about incidents" in soup.get_text()

    def test_header_and_footer_link_the_concern_page_on_every_page_type(self, client, demo_site):
        for address in addresses():
            response = client.get(address)
            if not response["Content-Type"].startswith("text/html"):
                continue  # feeds, calendars, downloads
            soup = BeautifulSoup(response.content, "html.parser")
            assert header_concern_link(soup) == "/report-a-concern/", address
            assert footer_links(soup).get("Report a concern") == "/report-a-concern/", address

    def test_demo_settings_link_pages_that_exist_and_skip_missing_ones(self, demo_site):
        settings = SiteSettings.for_site(demo_site)
        assert settings.report_concern_page.url_path.endswith("/report-a-concern/")
        for name, slug in (("accessibility_page", "accessibility"), ("privacy_page", "privacy")):
            exists = demo_site.root_page.get_children().filter(slug=slug).exists()
            assert (getattr(settings, f"{name}_id") is not None) == exists


class TestLinkedPages:
    @pytest.fixture
    def linked(self, home):
        pages = {
            "report_concern_page": StandardPageFactory(parent=home, title="Report a concern", slug="report-a-concern"),
            "accessibility_page": StandardPageFactory(parent=home, title="Accessibility", slug="accessibility"),
            "privacy_page": StandardPageFactory(parent=home, title="Privacy notice", slug="privacy"),
            "newsletter_page": StandardPageFactory(parent=home, title="Newsletter", slug="newsletter"),
        }
        link_settings(home, **pages)
        return pages

    def test_footer_links_all_four_pages_and_the_header_the_concern_page(self, client, home, linked):
        section = StandardPageFactory(parent=home, show_in_menus=True)
        for path in ("/", section.url, StandardPageFactory(parent=section).url, "/no-such-page/"):
            response = client.get(path)
            soup = BeautifulSoup(response.content, "html.parser")
            links = footer_links(soup)
            assert {name: links.get(name) for name in ("Report a concern", "Accessibility", "Privacy notice")} == {
                "Report a concern": "/report-a-concern/",
                "Accessibility": "/accessibility/",
                "Privacy notice": "/privacy/",
            }, path
            assert links.get("Newsletter") == "/newsletter/", path
            assert header_concern_link(soup) == "/report-a-concern/", path

    def test_no_links_when_the_settings_name_no_pages(self, client, home):
        StandardPageFactory(parent=home, slug="report-a-concern")
        soup = soup_of(client, "/")
        assert header_concern_link(soup) is None
        assert set(footer_links(soup)) == {"Search", "Sitemap", "Staff sign-in"}

    def test_links_follow_a_move_and_a_new_slug(self, client, home, linked):
        about = StandardPageFactory(parent=home, slug="about")
        assert header_concern_link(soup_of(client, "/")) == "/report-a-concern/"
        concern = linked["report_concern_page"]
        concern.move(about, pos="last-child")
        soup = soup_of(client, "/")
        assert header_concern_link(soup) == "/about/report-a-concern/"
        assert footer_links(soup)["Report a concern"] == "/about/report-a-concern/"
        concern = Page.objects.get(pk=concern.pk).specific
        concern.slug = "concerns"
        concern.title = "Raise a concern"
        concern.save_revision().publish()
        soup = soup_of(client, "/")
        assert header_concern_link(soup) == "/about/concerns/"
        assert footer_links(soup)["Raise a concern"] == "/about/concerns/"

    def test_unpublishing_a_page_removes_its_links(self, client, home, linked):
        assert header_concern_link(soup_of(client, "/")) == "/report-a-concern/"
        linked["report_concern_page"].unpublish()
        linked["privacy_page"].unpublish()
        soup = soup_of(client, "/")
        assert header_concern_link(soup) is None
        assert "Report a concern" not in footer_links(soup) and "Privacy notice" not in footer_links(soup)
        assert footer_links(soup)["Accessibility"] == "/accessibility/"

    def test_making_a_page_private_removes_its_links(self, client, home, linked):
        assert "Newsletter" in footer_links(soup_of(client, "/"))
        PageViewRestriction.objects.create(page=linked["newsletter_page"], restriction_type=PageViewRestriction.LOGIN)
        PageViewRestriction.objects.create(
            page=linked["report_concern_page"], restriction_type=PageViewRestriction.LOGIN
        )
        soup = soup_of(client, "/")
        assert header_concern_link(soup) is None and "Newsletter" not in footer_links(soup)

    def test_deleting_a_linked_page_clears_the_setting(self, client, home, linked):
        linked["accessibility_page"].delete()
        assert SiteSettings.objects.get(site__root_page=home).accessibility_page_id is None
        assert "Accessibility" not in footer_links(soup_of(client, "/"))

    def test_a_page_in_the_menu_and_linked_appears_in_both(self, client, home, linked):
        page = linked["accessibility_page"]
        page.show_in_menus = True
        page.save_revision().publish()
        soup = soup_of(client, "/")
        assert [a.get_text(strip=True) for a in soup.select("nav[aria-label=Main] a")] == ["Accessibility"]
        assert footer_links(soup)["Accessibility"] == "/accessibility/"


class TestQueryCounts:
    """The linked pages are read in the menu's own cached query: no page costs more for them."""

    @staticmethod
    def measure(client, paths, cold):
        costs = {}
        for path in paths:
            if cold:
                for cache in caches.all():
                    cache.clear()
            cost = cost_of(client, path, warm=not cold)
            costs[path] = (len(cost.queries), len(cost.cache))
        return costs

    @pytest.mark.parametrize("cold", [False, True], ids=["warm", "cold"])
    def test_home_and_inner_pages_cost_the_same_with_all_four_links(self, client, home, cold):
        section = StandardPageFactory(parent=home, show_in_menus=True, body=[("paragraph", "<p>Text</p>")])
        paths = ["/", section.url, StandardPageFactory(parent=section).url]
        pages = {
            name: StandardPageFactory(parent=home, slug=slug)
            for name, slug in (
                ("report_concern_page", "report-a-concern"),
                ("accessibility_page", "accessibility"),
                ("privacy_page", "privacy"),
                ("newsletter_page", "newsletter"),
            )
        }
        for path in paths:
            client.get(path)  # per-process state Django and Wagtail keep (content types)
        before = self.measure(client, paths, cold)
        link_settings(home, **pages)
        assert self.measure(client, paths, cold) == before


class TestWhoChangesReportingChannels:
    @pytest.fixture
    def url(self, home):
        return reverse("wagtailsettings:edit", args=["pages", "reportingsettings", home.get_site().pk])

    def sign_in(self, client, django_user_model, group):
        user = django_user_model.objects.create_user(group.split()[-1], "someone@example.edu", "a-long-test-password")
        user.groups.add(Group.objects.get(name=group))
        client.force_login(user)

    def test_editors_cannot_open_or_change_the_reporting_channels(self, client, django_user_model, url):
        self.sign_in(client, django_user_model, EDITORS)
        assert client.get(url).status_code in {302, 403}
        response = client.post(url, {"phone": "314-555-0000"})
        assert response.status_code in {302, 403}
        assert not ReportingSettings.objects.filter(phone="314-555-0000").exists()

    def test_approvers_change_the_reporting_channels(self, client, django_user_model, url, home):
        self.sign_in(client, django_user_model, APPROVERS)
        response = client.get(url)
        assert response.status_code == 200
        form = response.context["form"]
        assert all(field.help_text for field in form.fields.values())
        data = nested_form_data(
            {
                "online_report_url": "",
                "online_report_label": "Report online",
                "phone": "314-555-0000",
                "phone_note": "",
                "after_report": rich_text("<p>Someone gets in touch.</p>"),
                "emergency_numbers": streamfield([("number", {"name": "Emergency services", "phone": "911"})]),
                "confidential_options": streamfield([]),
            }
        )
        response = client.post(url, data)
        assert response.status_code == 302, response.context["form"].errors if response.context else None
        saved = ReportingSettings.objects.get(site=home.get_site())
        assert saved.phone == "314-555-0000" and saved.emergency_numbers[0].value["phone"] == "911"


def test_every_reporting_and_linked_page_field_has_help_text():
    for model, names in (
        (ReportingSettings, None),
        (SiteSettings, ("report_concern_page", "accessibility_page", "privacy_page", "newsletter_page")),
    ):
        for field in model._meta.get_fields():
            if not getattr(field, "editable", False) or field.auto_created or field.name in {"site", "id"}:
                continue
            if names is None or field.name in names:
                assert field.help_text, f"{model.__name__}.{field.name}"


def test_site_settings_factory_leaves_the_linked_pages_unset(home):
    settings = SiteSettingsFactory(site=home.get_site())
    assert settings.report_concern_page is None and settings.newsletter_page is None
