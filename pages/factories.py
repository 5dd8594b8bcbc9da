"""factory_boy factories for the pages app's page types, snippets and settings.

Shared by the tests and `load_demo_content`; neither the site nor its admin imports them.
"""

import datetime

import factory
import wagtail_factories
from django.utils import timezone
from wagtail.models import Site

from pages.models import (
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
    FocusArea,
    HomePage,
    HomePagePillar,
    SiteSettings,
    StandardPage,
)


class ImageFactory(wagtail_factories.ImageFactory):
    description = factory.Sequence(lambda n: f"Illustration number {n}")


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
