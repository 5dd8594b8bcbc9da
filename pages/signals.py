"""Keep cached pages and navigation in step with content, and image renditions ready."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.images import get_image_model
from wagtail.signals import page_published, page_unpublished, post_page_move

from .caching import invalidate_page_cache, is_content_model
from .renditions import warm_renditions


@receiver(page_published)
@receiver(page_unpublished)
@receiver(post_page_move)
def page_tree_changed(sender, **kwargs):
    invalidate_page_cache()


@receiver(post_save)
@receiver(post_delete)
def content_changed(sender, **kwargs):
    if not kwargs.get("raw") and is_content_model(sender):
        invalidate_page_cache()


@receiver(post_save, sender=get_image_model())
def image_saved(sender, instance, created, raw=False, update_fields=None, **kwargs):
    """A new or replaced image file gets its renditions once the upload is committed."""
    if raw or not (created or (update_fields is None or "file" in update_fields)):
        return
    transaction.on_commit(lambda: warm_renditions(instance))
