"""factory_boy factories: one per page type and snippet/setting model (a test checks the coverage)."""

import factory
import wagtail_factories
from wagtail.models import Site

from pages.models import HomePage, HomePagePillar, SiteSettings, StandardPage


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
