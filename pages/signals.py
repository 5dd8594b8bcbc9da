"""Keep image renditions ready: they are made when an image is uploaded, not on a visitor's request."""

from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver
from wagtail.images import get_image_model

from .renditions import make_renditions


@receiver(post_save, sender=get_image_model())
def image_saved(sender, instance, created, raw=False, update_fields=None, **kwargs):
    """A new or replaced image file gets its renditions from the worker once the upload is committed."""
    if raw or not (created or (update_fields is None or "file" in update_fields)):
        return
    transaction.on_commit(lambda: make_renditions.enqueue(instance.pk))
