"""factory_boy factories for the training app's pages, sessions and registrations.

Shared by the tests and `load_demo_content`; neither the site nor its admin imports them.
"""

import datetime

import factory
import wagtail_factories
from django.utils import timezone

from training.models import Registration, TrainingLevelPage, TrainingProgramPage, TrainingSession


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
