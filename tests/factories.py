"""factory_boy factories: one per page type and snippet/setting model (a test checks the coverage)."""

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
    EventCategory,
    EventIndexPage,
    EventPage,
    FocusArea,
    HomePage,
    HomePagePillar,
    SiteSettings,
    StandardPage,
)
from survey.choices import MeasureKind
from survey.models import (
    Administration,
    Aggregate,
    Dimension,
    Group,
    Measure,
    Survey,
    SurveyResultsIndexPage,
    SurveyResultsPage,
)
from training.models import Registration, TrainingLevelPage, TrainingProgramPage, TrainingSession


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


# Training (issue 5)


def _training_start(n):
    return timezone.now().replace(second=0, microsecond=0) + datetime.timedelta(days=7 + n)


class TrainingProgramPageFactory(wagtail_factories.PageFactory):
    title = "Training"
    slug = "training"
    intro = "Four one-hour sessions build a shared understanding one step at a time."
    participants_level_one = 7100
    participants_as_of = datetime.date(2026, 6, 1)

    class Meta:
        model = TrainingProgramPage


class TrainingLevelPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Diversity {n}.0")
    level_code = factory.Sequence(lambda n: f"{n}.0")
    duration_minutes = 60
    format = "Facilitated group session"
    audience = "Every new employee"
    requirement = "new_employees"

    class Meta:
        model = TrainingLevelPage


class TrainingSessionFactory(factory.django.DjangoModelFactory):
    level = factory.SubFactory(TrainingLevelPageFactory)
    start = factory.Sequence(_training_start)
    end = factory.LazyAttribute(lambda o: o.start + datetime.timedelta(hours=1))
    location = "Training Room A"
    capacity = 20
    registration_open = True
    accessibility_note = "Email diversity@example.edu to request an accommodation."

    class Meta:
        model = TrainingSession


class RegistrationFactory(factory.django.DjangoModelFactory):
    session = factory.SubFactory(TrainingSessionFactory)
    name = factory.Sequence(lambda n: f"Participant {n}")
    email = factory.Sequence(lambda n: f"participant{n}@example.edu")
    department = "Radiology"
    status = "confirmed"

    class Meta:
        model = Registration


# Events, career and community (issue 6)


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


# Survey (issue 4)


class SurveyFactory(factory.django.DjangoModelFactory):
    name = "Diversity Engagement Survey"
    slug = factory.Sequence(lambda n: f"survey-{n}")

    class Meta:
        model = Survey


class AdministrationFactory(factory.django.DjangoModelFactory):
    survey = factory.SubFactory(SurveyFactory)
    label = factory.Sequence(lambda n: f"{2030 + n}-{31 + n}")
    slug = factory.LazyAttribute(lambda o: o.label)
    respondents = 1000
    invited = 3000
    fielded_from = factory.Sequence(lambda n: datetime.date(2030 + n, 10, 1))

    class Meta:
        model = Administration


class MeasureFactory(factory.django.DjangoModelFactory):
    survey = factory.SubFactory(SurveyFactory)
    kind = MeasureKind.FACTOR
    code = factory.Sequence(lambda n: f"F{n:02d}")
    name = factory.Sequence(lambda n: f"Factor {n}")

    class Meta:
        model = Measure


class DimensionFactory(factory.django.DjangoModelFactory):
    survey = factory.SubFactory(SurveyFactory)
    name = factory.Sequence(lambda n: f"Dimension {n}")
    slug = factory.Sequence(lambda n: f"dimension-{n}")

    class Meta:
        model = Dimension


class GroupFactory(factory.django.DjangoModelFactory):
    dimension = factory.SubFactory(DimensionFactory)
    label = factory.Sequence(lambda n: f"Group {n}")
    slug = factory.Sequence(lambda n: f"group-{n}")

    class Meta:
        model = Group


class AggregateFactory(factory.django.DjangoModelFactory):
    administration = factory.SubFactory(AdministrationFactory)
    measure = factory.SubFactory(MeasureFactory)
    n = 100
    mean = 3.8
    pct_favorable = 70.0

    class Meta:
        model = Aggregate


class SurveyResultsIndexPageFactory(wagtail_factories.PageFactory):
    title = "Diversity Engagement Survey"
    slug = "survey"
    intro = "What our community told us."

    class Meta:
        model = SurveyResultsIndexPage


class SurveyResultsPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Survey results {n}")
    administration = factory.SubFactory(AdministrationFactory)

    class Meta:
        model = SurveyResultsPage
