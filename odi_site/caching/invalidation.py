"""Which changes replace the content version: only those that can show on a public page.

- The page tree: publishing, unpublishing (also by `publish_scheduled` when a page expires),
  moving and deleting a page, and saving a page's own row (code and the shell can change live
  content that way). Saving a draft updates only bookkeeping on the row, so it doesn't count.
- Records of the project's own apps (settings, snippets, training sessions, survey figures),
  unless the model says `shown_on_public_pages = False` (registrations, consultation requests,
  the survey import log: personal or internal records that no public page shows).
- Wagtail records that public pages show: sites, view restrictions, images and documents
  (renditions are made while pages render, so they don't count).
Bulk writes that send no signals (the survey import) call `version.bump()` themselves.
"""

from django.apps import apps as global_apps
from django.conf import settings
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

from . import version

WAGTAIL_MODELS_SHOWN = {
    "wagtailcore.site",
    "wagtailcore.pageviewrestriction",
    "wagtailcore.collectionviewrestriction",
    "wagtailimages.image",
    "wagtaildocs.document",
}


# Bookkeeping Wagtail saves on its own: a page's row when a draft is saved or the page locked,
# an image's file hash and size when first needed. A save of these alone changes no public page.
BOOKKEEPING_FIELDS = {
    "draft_title",
    "has_unpublished_changes",
    "latest_revision",
    "latest_revision_created_at",
    "wagtail_admin_comments",
    "locked",
    "locked_at",
    "locked_by",
    "file_hash",
    "file_size",
}


def is_page(model):
    return model._meta.apps is global_apps and issubclass(model, Page)


def shown_on_public_pages(model):
    meta = model._meta
    if meta.apps is not global_apps or issubclass(model, Page):
        return False  # migrations' historical models; pages (below)
    if meta.label_lower in WAGTAIL_MODELS_SHOWN:
        return True
    return meta.app_label in settings.PROJECT_APPS and getattr(model, "shown_on_public_pages", True)


@receiver(page_published)
@receiver(page_unpublished)
@receiver(post_page_move)
def page_tree_changed(sender, **kwargs):
    version.bump()


@receiver(post_delete)
def record_deleted(sender, **kwargs):
    if shown_on_public_pages(sender) or is_page(sender):
        version.bump()


@receiver(post_save)
def record_saved(sender, raw=False, update_fields=None, **kwargs):
    if raw or (update_fields and update_fields <= BOOKKEEPING_FIELDS):
        return
    if shown_on_public_pages(sender) or is_page(sender):
        version.bump()
