"""Page type rules and admin create forms, as editors meet them."""

from wagtail.models import Page, Site
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from pages.factories import HomePageFactory
from pages.models import HomePage, StandardPage


class TestPageTypeRules(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        root = Page.get_first_root_node()
        cls.home = HomePageFactory(parent=root, slug="home-rules")
        Site.objects.filter(is_default_site=True).update(root_page=cls.home)

    def setUp(self):
        self.login()

    def test_home_page_only_at_the_root(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})

    def test_home_page_is_a_singleton(self):
        self.assertEqual(HomePage.max_count, 1)
        self.assertFalse(HomePage.can_create_at(Page.get_first_root_node()))

    def test_standard_pages_go_under_home_or_other_standard_pages(self):
        self.assertCanCreateAt(HomePage, StandardPage)
        self.assertCanCreateAt(StandardPage, StandardPage)
        self.assertCanNotCreateAt(StandardPage, HomePage)
        self.assertCanNotCreateAt(Page, StandardPage)

    def test_admin_creates_a_standard_page_with_blocks(self):
        self.assertCanCreate(
            self.home,
            StandardPage,
            nested_form_data(
                {
                    "title": "Cultural competence seminars",
                    "slug": "seminars",
                    "intro": "Seminars on cultural competence for departments.",
                    "body": streamfield(
                        [
                            ("heading", {"text": "What to expect", "level": "h2"}),
                            (
                                "paragraph",
                                rich_text("<p>Sessions run for an hour.</p>"),
                            ),
                            (
                                "key_figure",
                                {
                                    "figure": "7,100+",
                                    "label": "participants",
                                    "note": "",
                                },
                            ),
                        ]
                    ),
                }
            ),
        )

    def test_admin_refuses_a_heading_that_skips_a_level(self):
        response = self.client.post(
            f"/admin/pages/add/pages/standardpage/{self.home.pk}/",
            nested_form_data(
                {
                    "title": "Skipping headings",
                    "slug": "skipping",
                    "body": streamfield([("heading", {"text": "Too deep", "level": "h4"})]),
                }
            ),
        )
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "skips a level")
        self.assertFalse(StandardPage.objects.filter(slug="skipping").exists())

    def test_demo_like_pages_are_routable_and_renderable(self):
        page = self.home.add_child(instance=StandardPage(title="About", slug="about"))
        self.assertPageIsRoutable(page)
        self.assertPageIsRenderable(page)
        self.assertPageIsRenderable(self.home)
