from django.apps import AppConfig, apps
from django.conf import settings
from django.core.management import call_command
from django.db.models.signals import post_migrate, post_save
from PIL import Image as PILImage


def create_cache_tables(app_config, using="default", **kwargs):
    """The database cache's tables come with `migrate`, so no deployment step can forget them.

    Django sends post_migrate once per app with models; the tables are made after the last one.
    """
    if app_config is [config for config in apps.get_app_configs() if config.models_module][-1]:
        call_command("createcachetable", database=using, verbosity=0)


class OdiSiteConfig(AppConfig):
    """Platform pieces that own no content: caching, health checks, forms protection, uploads,
    renditions, exports, the task queue and the site-wide Wagtail hooks."""

    name = "odi_site"
    verbose_name = "ODI site platform"

    def ready(self):
        from wagtail.images import get_image_model

        from . import checks  # noqa: F401  (registers the deployment checks)
        from .caching import invalidation  # noqa: F401  (connects the content-version receivers)
        from .renditions import image_saved

        post_migrate.connect(create_cache_tables, dispatch_uid="odi_site.create_cache_tables")
        post_save.connect(image_saved, sender=get_image_model(), dispatch_uid="odi_site.image_saved")
        # Pillow's own guard, for every decode (renditions in the worker too), at the upload limit.
        PILImage.MAX_IMAGE_PIXELS = settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS
