"""Keep cached pages and navigation in step with content (see caching.py)."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.signals import page_published, page_unpublished, post_page_move

from .caching import invalidate_page_cache, is_content_model


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
