"""Every page type has a factory, so tests (and the demo loader) can build any part of the tree."""

from wagtail.models import get_page_models

from pages import factories as pages_factories
from survey import factories as survey_factories
from training import factories as training_factories


def test_every_project_page_model_has_a_factory():
    factory_models = {
        getattr(obj._meta, "model", None)
        for module in (pages_factories, training_factories, survey_factories)
        for obj in vars(module).values()
        if hasattr(obj, "_meta")
    }
    project_pages = [m for m in get_page_models() if m._meta.app_label in {"pages", "training", "survey"}]
    missing = [m.__name__ for m in project_pages if m not in factory_models]
    assert not missing, f"add a factory for: {', '.join(missing)}"
