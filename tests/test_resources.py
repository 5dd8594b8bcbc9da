"""The resources library (category filter, file type and size, accessible alternatives, private
collections kept out of the page and search) and the community page's affinity group directory."""

import datetime
import re

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from wagtail.models import Collection, CollectionViewRestriction, Page, Site
from wagtail.test.utils import WagtailPageTestCase

from pages.choices import AffinityCategory
from pages.factories import (
    AffinityGroupFactory,
    CommunityEngagementPageFactory,
    DocumentFactory,
    HomePageFactory,
    ResourceCategoryFactory,
    ResourceFactory,
    ResourceLibraryPageFactory,
)
from pages.models import HomePage, Resource, ResourceLibraryPage, StandardPage
from tests.queries import cost_of

RESOURCES_URL = "/admin/snippets/pages/resource/"


@pytest.fixture
def library(home):
    return ResourceLibraryPageFactory(parent=home)


@pytest.fixture
def categories(db):
    return {
        slug: ResourceCategoryFactory(slug=slug, name=name, sort_order=n)
        for n, (slug, name) in enumerate([("reports", "Reports"), ("toolkits", "Toolkits")])
    }


@pytest.fixture
def private_collection(db):
    collection = Collection.get_first_root_node().add_child(name="Internal drafts")
    CollectionViewRestriction.objects.create(collection=collection, restriction_type=CollectionViewRestriction.LOGIN)
    return collection


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def titles(response):
    return [a.get_text(strip=True) for a in soup(response).select(".resource__title a")]


def report(category, title="Annual report 2024", **kwargs):
    document = kwargs.pop("document", None) or DocumentFactory(
        title=title, file__filename="odi-annual-report-2024.pdf", file__data=b"%PDF-1.4\n" + b"x" * 2048
    )
    return ResourceFactory(title=title, category=category, document=document, link="", **kwargs)


class TestLibrary:
    def test_resources_are_listed_under_their_category(self, client, library, categories):
        report(categories["reports"])
        ResourceFactory(title="Meeting toolkit", category=categories["toolkits"])
        response = client.get(library.url)
        assert response.status_code == 200
        groups = {
            group.h3.get_text(strip=True): [a.get_text(strip=True) for a in group.select(".resource__title a")]
            for group in soup(response).select(".resource-group")
        }
        assert groups == {"Reports": ["Annual report 2024"], "Toolkits": ["Meeting toolkit"]}

    def test_a_document_shows_its_type_and_size_and_downloads_by_its_name(self, client, library, categories):
        resource = report(categories["reports"])
        entry = soup(client.get(library.url)).select_one(f"#resource-{resource.pk}")
        assert entry.select_one(".resource__format").get_text(strip=True) == "PDF, 2.0\xa0KB"
        link = entry.select_one(".resource__title a")
        assert link.get_text(strip=True) == "Annual report 2024"
        # The stored name (a suffix only if the name was taken), as Wagtail serves it.
        assert link["href"] == f"/documents/{resource.document.pk}/{resource.document.filename}"
        assert resource.document.filename.startswith("odi-annual-report-2024")
        assert entry.select_one(".resource__date").get_text(strip=True) == "Published March 1, 2025"

    def test_a_link_says_it_is_an_external_link(self, client, library, categories):
        resource = ResourceFactory(title="AAMC resources", category=categories["reports"], link="https://aamc.org/")
        entry = soup(client.get(library.url)).select_one(f"#resource-{resource.pk}")
        assert entry.select_one(".resource__format").get_text(strip=True) == "External link"
        assert entry.select_one(".resource__title a")["href"] == "https://aamc.org/"

    def test_the_accessible_alternative_is_offered_with_its_label_type_and_size(self, client, library, categories):
        word = DocumentFactory(file__filename="annual-report-accessible.docx", file__data=b"w" * 4096)
        resource = report(categories["reports"], alternative_label="Accessible Word version", alternative_document=word)
        alternative = soup(client.get(library.url)).select_one(f"#resource-{resource.pk} .resource__alternative")
        assert alternative.a["href"] == f"/documents/{word.pk}/{word.filename}"
        assert alternative.a.get_text(" ", strip=True) == "Accessible Word version of Annual report 2024"
        assert "(DOCX, 4.0\xa0KB)" in alternative.get_text(" ", strip=True)

    def test_the_size_is_recorded_when_a_resource_is_saved(self, db, categories):
        document = DocumentFactory(file__data=b"y" * 100)
        document.file_size = None
        document.save()
        report(categories["reports"], document=document)
        document.refresh_from_db()
        assert document.file_size == 100


class TestCategoryFilter:
    def test_a_category_narrows_the_list_and_is_marked_current(self, client, library, categories):
        report(categories["reports"])
        ResourceFactory(title="Meeting toolkit", category=categories["toolkits"])
        response = client.get(library.url, {"category": "toolkits"})
        assert titles(response) == ["Meeting toolkit"]
        current = soup(response).select('.resource-categories [aria-current="page"]')
        assert [a.get_text(strip=True) for a in current] == ["Toolkits"]
        all_current = soup(client.get(library.url)).select('.resource-categories [aria-current="page"]')
        assert [a.get_text(strip=True) for a in all_current] == ["All resources"]

    def test_an_unknown_category_is_not_found(self, client, library, categories):
        assert client.get(library.url, {"category": "no-such-thing"}).status_code == 404

    def test_an_empty_category_says_so(self, client, library, categories):
        response = client.get(library.url, {"category": "toolkits"})
        assert response.status_code == 200
        assert "No resources are listed in this category yet." in soup(response).select_one(".resource-group").text


class TestPrivateCollections:
    def test_a_resource_whose_document_is_private_is_not_listed(self, client, library, categories, private_collection):
        report(categories["reports"], title="Public report")
        hidden = DocumentFactory(collection=private_collection)
        report(categories["reports"], title="Draft report", document=hidden)
        child = private_collection.add_child(name="Below the private one")
        report(categories["reports"], title="Nested draft", document=DocumentFactory(collection=child))
        assert titles(client.get(library.url)) == ["Public report"]
        assert titles(client.get(library.url, {"category": "reports"})) == ["Public report"]

    def test_a_collection_made_private_later_hides_its_resources_at_once(self, client, library, categories):
        collection = Collection.get_first_root_node().add_child(name="Later private")
        report(categories["reports"], document=DocumentFactory(collection=collection))
        assert titles(client.get(library.url)) == ["Annual report 2024"]
        CollectionViewRestriction.objects.create(
            collection=collection, restriction_type=CollectionViewRestriction.LOGIN
        )
        assert titles(client.get(library.url)) == []

    def test_a_private_alternative_is_left_out(self, client, library, categories, private_collection):
        resource = report(
            categories["reports"],
            alternative_label="Accessible Word version",
            alternative_document=DocumentFactory(collection=private_collection),
        )
        entry = soup(client.get(library.url)).select_one(f"#resource-{resource.pk}")
        assert entry is not None
        assert entry.select_one(".resource__alternative") is None

    def test_search_finds_public_resources_only_at_their_place_on_the_library_page(
        self, client, library, categories, private_collection
    ):
        shown = report(categories["reports"], title="Zanzibarite public report")
        report(
            categories["reports"],
            title="Zanzibarite draft report",
            document=DocumentFactory(collection=private_collection),
        )
        response = client.get("/search/", {"q": "zanzibarite"})
        results = [(result.title, result.section, result.url) for result in response.context["results"]]
        assert results == [("Zanzibarite public report", library.title, f"/resources/#resource-{shown.pk}")]


class TestValidation:
    @pytest.mark.parametrize("with_document,with_link", [(True, True), (False, False)])
    def test_a_resource_needs_exactly_one_of_document_and_link(self, db, categories, with_document, with_link):
        resource = Resource(
            title="Report",
            summary="About it.",
            category=categories["reports"],
            date=datetime.date(2025, 1, 1),
            document=DocumentFactory() if with_document else None,
            link="https://example.org/" if with_link else "",
        )
        with pytest.raises(ValidationError) as raised:
            resource.full_clean()
        message = "Choose a document or enter a link: one of the two, not both."
        assert raised.value.message_dict["document"] == [message]
        assert raised.value.message_dict["link"] == [message]

    def test_an_alternative_needs_its_label(self, db, categories):
        resource = ResourceFactory.build(
            category=categories["reports"], alternative_link="https://example.org/accessible"
        )
        with pytest.raises(ValidationError) as raised:
            resource.full_clean()
        assert list(raised.value.message_dict) == ["alternative_label"]

    def test_the_admin_refuses_both_a_document_and_a_link_and_stores_nothing(
        self, client, django_user_model, categories
    ):
        editor = django_user_model.objects.create_user("editor", "editor@example.edu", "correct horse battery")
        editor.groups.add(Group.objects.get(name="Communications editors"))
        client.force_login(editor)
        data = {
            "title": "Both",
            "summary": "Has both.",
            "category": categories["reports"].pk,
            "audience": "everyone",
            "document": DocumentFactory().pk,
            "link": "https://example.org/both",
            "date": "2025-01-01",
            "date_meaning": "published",
            "sort_order": 0,
        }
        response = client.post(f"{RESOURCES_URL}add/", data)
        assert response.status_code == 200
        assert "Choose a document or enter a link: one of the two, not both." in response.content.decode()
        assert not Resource.objects.exists()
        response = client.post(f"{RESOURCES_URL}add/", {**data, "link": ""})
        assert response.status_code == 302
        assert Resource.objects.get().title == "Both"


class TestPermissions:
    def test_approvers_manage_resources_and_career_services_cannot(self, client, django_user_model, categories):
        approver = django_user_model.objects.create_user("approver", "a@example.edu", "correct horse battery")
        approver.groups.add(Group.objects.get(name="Communications approvers"))
        careers = django_user_model.objects.create_user("careers", "c@example.edu", "correct horse battery")
        careers.groups.add(Group.objects.get(name="Career services"))
        client.force_login(approver)
        assert client.get(RESOURCES_URL).status_code == 200
        assert client.get(RESOURCES_URL, {"category": categories["reports"].pk, "audience": "staff"}).status_code == 200
        assert client.get("/admin/snippets/pages/affinitygroup/").status_code == 200
        client.force_login(careers)
        assert client.get(RESOURCES_URL).status_code in (302, 403)


class TestQueryCounts:
    def test_library_queries_stay_constant_from_10_to_100_resources(self, client, library, categories, settings):
        settings.PAGE_CACHE_SECONDS = 0
        word = DocumentFactory(file__filename="accessible.docx")

        def add(count):
            for n in range(count):
                category = categories["reports" if n % 2 else "toolkits"]
                if n % 3:
                    report(category, title=f"Report {n}", alternative_label="Word", alternative_document=word)
                else:
                    ResourceFactory(category=category)

        def count(path):
            return len(cost_of(client, path).queries)

        paths = [library.url, library.url + "?category=reports"]
        add(10)
        small = [count(path) for path in paths]
        add(90)
        large = [count(path) for path in paths]
        assert small == large
        assert max(large) <= 8, large


class TestLibraryPageRules(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        root = Page.get_first_root_node()
        cls.home = HomePageFactory(parent=root, slug="home-resources-rules")
        Site.objects.filter(is_default_site=True).update(root_page=cls.home)

    def test_one_library_directly_under_home(self):
        self.assertCanCreateAt(HomePage, ResourceLibraryPage)
        self.assertCanNotCreateAt(StandardPage, ResourceLibraryPage)
        self.assertCanNotCreateAt(ResourceLibraryPage, StandardPage)
        self.assertEqual(ResourceLibraryPage.max_count, 1)

    def test_routable_and_renderable(self):
        page = ResourceLibraryPageFactory(parent=self.home)
        self.assertPageIsRoutable(page)
        self.assertPageIsRenderable(page)


class TestAffinityDirectory:
    def test_groups_are_listed_by_category_under_their_own_heading(self, client, home):
        community = CommunityEngagementPageFactory(parent=home)
        AffinityGroupFactory(name="Disability Resources", category=AffinityCategory.UNIVERSITY_OFFICE)
        AffinityGroupFactory(name="Veterans Network", category=AffinityCategory.EMPLOYEE_GROUP, sort_order=2)
        AffinityGroupFactory(name="Black Staff Network", category=AffinityCategory.EMPLOYEE_GROUP, sort_order=1)
        section = soup(client.get(community.url)).select_one(".affinity-directory")
        assert section.h2.get_text(strip=True) == "Affinity groups and university resources"
        listed = [
            (heading.get_text(strip=True), [h4.get_text(strip=True) for h4 in heading.find_next("ul").select("h4")])
            for heading in section.select("h3")
        ]
        assert listed == [
            ("Employee resource groups", ["Black Staff Network", "Veterans Network"]),
            ("University offices", ["Disability Resources"]),
        ]
        assert section.select_one("h4 a")["href"] == "https://example.edu/groups/affinity"

    def test_without_groups_the_directory_is_left_out(self, client, home):
        community = CommunityEngagementPageFactory(parent=home)
        assert soup(client.get(community.url)).select_one(".affinity-directory") is None

    def test_directory_queries_stay_constant_from_10_to_100_groups(self, client, home, settings):
        settings.PAGE_CACHE_SECONDS = 0
        community = CommunityEngagementPageFactory(parent=home)
        choices = list(AffinityCategory)

        def add(count):
            for n in range(count):
                AffinityGroupFactory(category=choices[n % len(choices)])

        add(10)
        small = len(cost_of(client, community.url).queries)
        add(90)
        assert len(cost_of(client, community.url).queries) == small


def test_demo_library_lists_its_documents_with_meaningful_names(client, demo_site):
    response = client.get("/resources/")
    assert response.status_code == 200
    hrefs = [a["href"] for a in soup(response).select(".resource__title a")]
    # The storage adds a suffix only when a file of that name is already stored (earlier runs).
    names = [re.sub(r"_[A-Za-z0-9]{7}(?=\.)", "", href.rsplit("/", 1)[-1]) for href in hrefs]
    assert "odi-annual-report-2024.pdf" in names
    assert "des-2014-15-executive-summary.pdf" in names
    assert soup(response).select(".resource__alternative")
    download = client.get(next(href for href in hrefs if href.endswith(".pdf")))
    assert download.status_code == 200
    assert b"".join(download.streaming_content if download.streaming else [download.content]).startswith(b"%PDF-")
    community = soup(client.get("/community-engagement/"))
    assert len(community.select(".affinity-group")) >= 5
