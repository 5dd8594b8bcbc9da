"""Every page type has a factory, so tests can build any part of the tree."""

from wagtail.models import get_page_models

from tests import factories


def test_every_project_page_model_has_a_factory():
    factory_models = {getattr(obj._meta, "model", None) for obj in vars(factories).values() if hasattr(obj, "_meta")}
    project_pages = [m for m in get_page_models() if m._meta.app_label in {"pages", "training", "survey"}]
    missing = [m.__name__ for m in project_pages if m not in factory_models]
    assert not missing, f"add a factory for: {', '.join(missing)}"
