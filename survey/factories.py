"""factory_boy factories for the survey app's data and results pages.

Shared by the tests and `load_demo_content`; neither the site nor its admin imports them.
"""

import datetime

import factory
import wagtail_factories

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
