"""factory_boy factories for the pages app's page types, snippets and settings.

Shared by the tests and `load_demo_content`; neither the site nor its admin imports them.
"""

import datetime

import factory
import wagtail_factories
from django.utils import timezone
from wagtail.models import Collection, Site

from pages.choices import AffinityCategory
from pages.models import (
    AffinityGroup,
    ArticlePage,
    CareerServicesPage,
    CommunityEngagementPage,
    CommunityPartner,
    ConsultationRequest,
    ContactPage,
    Enquiry,
    EnquirySettings,
    EventCategory,
    EventIndexPage,
    EventPage,
    EventSpeaker,
    FocusArea,
    HomePage,
    HomePagePillar,
    NewsIndexPage,
    NewsletterPage,
    NewsTopic,
    Person,
    ReportingSettings,
    Resource,
    ResourceCategory,
    ResourceLibraryPage,
    SiteSettings,
    StandardPage,
    Subscriber,
    TeamPage,
)


class ImageFactory(wagtail_factories.ImageFactory):
    description = factory.Sequence(lambda n: f"Illustration number {n}")


class DocumentFactory(wagtail_factories.DocumentFactory):
    """A small document whose size is recorded, as Wagtail's upload form records it."""

    title = factory.Sequence(lambda n: f"Document {n}")
    collection = factory.LazyFunction(Collection.get_first_root_node)
    file = factory.django.FileField(filename="report.pdf", data=b"%PDF-1.4\n%%EOF\n")

    class Meta:
        skip_postgeneration_save = True

    @factory.post_generation
    def record_size(self, create, extracted, **kwargs):
        if create:
            self.get_file_size()


class HomePageFactory(wagtail_factories.PageFactory):
    title = "Fostering a diverse, inclusive and welcoming community"
    slug = "home"
    intro = "The office supports staff, faculty and students across the school."

    class Meta:
        model = HomePage


class StandardPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Information page {n}")
    intro = "An introduction to the page."

    class Meta:
        model = StandardPage


class HomePagePillarFactory(factory.django.DjangoModelFactory):
    home = factory.SubFactory(HomePageFactory)
    page = factory.SubFactory(StandardPageFactory)
    title = factory.Sequence(lambda n: f"Pillar {n}")
    summary = "What visitors find in this section."

    class Meta:
        model = HomePagePillar


class SiteSettingsFactory(factory.django.DjangoModelFactory):
    site = factory.LazyFunction(lambda: Site.objects.get(is_default_site=True))
    institution_name = "Example School of Medicine"
    office_name = "Office of Diversity, Equity & Inclusion"
    email = "diversity@example.edu"
    phone = "314-555-0100"
    address = "1 Example Way\nSt. Louis, MO 63110"

    class Meta:
        model = SiteSettings
        django_get_or_create = ("site",)


class ReportingSettingsFactory(factory.django.DjangoModelFactory):
    site = factory.LazyFunction(lambda: Site.objects.get(is_default_site=True))
    online_report_url = "https://example.edu/report"
    online_report_label = "Report online to the school"
    phone = "314-555-0190"
    phone_note = "Answered around the clock."
    emergency_numbers = factory.LazyFunction(lambda: [("number", {"name": "Emergency services", "phone": "911"})])
    confidential_options = factory.LazyFunction(
        lambda: [
            (
                "option",
                {
                    "name": "Ombuds",
                    "description": "Talk through your options in private.",
                    "phone": "314-555-0150",
                    "url": "https://example.edu/ombuds",
                    "confidential": True,
                },
            )
        ]
    )
    after_report = "<p>Someone trained to handle reports gets in touch.</p>"

    class Meta:
        model = ReportingSettings
        django_get_or_create = ("site",)


def _event_start(n):
    return timezone.now().replace(minute=0, second=0, microsecond=0) + datetime.timedelta(days=1 + n)


class EventCategoryFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Category {n}")
    slug = factory.Sequence(lambda n: f"category-{n}")

    class Meta:
        model = EventCategory
        django_get_or_create = ("slug",)


class EventIndexPageFactory(wagtail_factories.PageFactory):
    title = "Events"
    slug = "events"
    intro = "Campus events on diversity, equity and inclusion."

    class Meta:
        model = EventIndexPage


class EventPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Event {n}")
    slug = factory.Sequence(lambda n: f"event-{n}")
    start = factory.Sequence(_event_start)
    end = factory.LazyAttribute(lambda o: o.start + datetime.timedelta(hours=1))
    location = "Farrell Learning Center, Room 213"
    audience = "All staff"
    cost = "Free"

    class Meta:
        model = EventPage


class CareerServicesPageFactory(wagtail_factories.PageFactory):
    title = "Career development"
    slug = "career-development"
    intro = "Consultations with a career development specialist."
    consultation_email = "careers@example.edu"

    class Meta:
        model = CareerServicesPage


class ConsultationRequestFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Requester {n}")
    email = factory.Sequence(lambda n: f"requester{n}@example.edu")
    role = "staff"
    department = "Pediatrics"
    topics = factory.LazyFunction(lambda: ["goals"])
    preferred_times = "Tuesday mornings"

    class Meta:
        model = ConsultationRequest


class NewsletterPageFactory(wagtail_factories.PageFactory):
    title = "Newsletter"
    slug = "newsletter"
    intro = "A monthly email from the office."

    class Meta:
        model = NewsletterPage


class SubscriberFactory(factory.django.DjangoModelFactory):
    email = factory.Sequence(lambda n: f"subscriber{n}@example.edu")
    name = factory.Sequence(lambda n: f"Subscriber {n}")
    consent_text = "Yes, email me the office’s newsletter."

    class Meta:
        model = Subscriber


class FocusAreaFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"focus area {n}")
    slug = factory.Sequence(lambda n: f"focus-area-{n}")

    class Meta:
        model = FocusArea
        django_get_or_create = ("slug",)


class CommunityPartnerFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Partner organization {n}")
    description = "Works with the office on community programs."
    website = "https://example.org/partner"

    class Meta:
        model = CommunityPartner
        skip_postgeneration_save = True

    @factory.post_generation
    def focus_areas(self, create, extracted, **kwargs):
        if create and extracted:
            self.focus_areas.set(extracted)
            self.save()


class CommunityEngagementPageFactory(wagtail_factories.PageFactory):
    title = "Community engagement"
    slug = "community-engagement"
    intro = "How the office works with community groups."

    class Meta:
        model = CommunityEngagementPage


class AffinityGroupFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Affinity group {n}")
    category = AffinityCategory.EMPLOYEE_GROUP
    description = "Brings colleagues together for support, mentoring and events."
    link = "https://example.edu/groups/affinity"

    class Meta:
        model = AffinityGroup
        django_get_or_create = ("name",)


class ResourceCategoryFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Resource category {n}")
    slug = factory.Sequence(lambda n: f"resource-category-{n}")

    class Meta:
        model = ResourceCategory
        django_get_or_create = ("slug",)


class ResourceFactory(factory.django.DjangoModelFactory):
    """A resource linking elsewhere; pass `document=` (and `link=""`) for a file."""

    title = factory.Sequence(lambda n: f"Resource {n}")
    summary = "What it covers and who it helps."
    category = factory.SubFactory(ResourceCategoryFactory)
    link = "https://example.org/resource"
    date = datetime.date(2025, 3, 1)

    class Meta:
        model = Resource


class ResourceLibraryPageFactory(wagtail_factories.PageFactory):
    title = "Reports and resources"
    slug = "resources"
    intro = "Reports, toolkits and outside resources from the office."

    class Meta:
        model = ResourceLibraryPage


class NewsTopicFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Topic {n}")
    slug = factory.Sequence(lambda n: f"topic-{n}")

    class Meta:
        model = NewsTopic
        django_get_or_create = ("slug",)


class NewsIndexPageFactory(wagtail_factories.PageFactory):
    title = "News"
    slug = "news"
    intro = "News and stories from the office."

    class Meta:
        model = NewsIndexPage


class ArticlePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Article {n}")
    slug = factory.Sequence(lambda n: f"article-{n}")
    date = factory.LazyFunction(timezone.localdate)
    intro = "What happened and why it matters."

    class Meta:
        model = ArticlePage
        skip_postgeneration_save = True

    @factory.post_generation
    def topics(self, create, extracted, **kwargs):
        if create and extracted:
            self.topics.set(extracted)
            self.save()


class PersonFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Person Example {n}")
    role = "Program manager"
    email = factory.Sequence(lambda n: f"person{n}@example.edu")
    phone = "314-555-0142"
    sort_order = factory.Sequence(lambda n: n)

    class Meta:
        model = Person


class TeamPageFactory(wagtail_factories.PageFactory):
    title = "Our team"
    slug = "team"
    intro = "Who works in the office and how to reach them."

    class Meta:
        model = TeamPage


class EventSpeakerFactory(factory.django.DjangoModelFactory):
    event = factory.SubFactory(EventPageFactory)
    person = factory.SubFactory(PersonFactory)

    class Meta:
        model = EventSpeaker


class ContactPageFactory(wagtail_factories.PageFactory):
    title = "Contact us"
    slug = "contact"
    intro = "How to reach and visit the office."
    opening_hours = "Monday to Friday, 8:30 am – 5 pm"

    class Meta:
        model = ContactPage


class EnquiryFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Visitor {n}")
    email = factory.Sequence(lambda n: f"visitor{n}@example.edu")
    subject = "general"
    message = "Could you tell me when the next training session is?"

    class Meta:
        model = Enquiry


class EnquirySettingsFactory(factory.django.DjangoModelFactory):
    site = factory.LazyFunction(lambda: Site.objects.get(is_default_site=True))
    recipient = "enquiries@example.edu"

    class Meta:
        model = EnquirySettings
        django_get_or_create = ("site",)
