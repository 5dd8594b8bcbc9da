"""Make the renditions templates use when an image is uploaded, not on a visitor's request
(nor in the upload request: the worker makes them, see `make_renditions`).

`TEMPLATE_IMAGE_SPECS` lists the filter specs of every `{% image %}`/`{% srcset_image %}` tag
in templates/; tests/test_renditions.py fails when a template uses one that is missing here.
"""

from django.db import transaction
from django_tasks import task
from wagtail.images import get_image_model
from wagtail.images.models import Filter

TEMPLATE_IMAGE_SPECS = [
    "format-webp fill-{640x400,960x600,1440x900}",  # pages/home_page.html hero
    "format-webp width-{480,800,1200}",  # components/page_header.html
    "format-webp fill-{400x250,800x500}",  # components/card.html
    "format-webp width-{480,720,1080}",  # blocks/captioned_image_block.html (text width)
    "format-webp width-{480,960,1440}",  # blocks/captioned_image_block.html (wide)
    "fill-1200x630 format-jpeg",  # includes/meta.html social image
    "max-240x120 format-webp",  # pages/community_engagement_page.html partner logos
    "format-webp fill-{160x160,320x320}",  # components/person_card.html portraits (and the JSON-LD)
]


def rendition_specs():
    """Every distinct spec string, with srcset ranges such as width-{480,800} expanded."""
    specs = {}
    for spec in TEMPLATE_IMAGE_SPECS:
        specs.update(dict.fromkeys(Filter.expand_spec(spec.split())))
    return list(specs)


def warm_renditions(image):
    """Create (or find) all renditions of `image` the templates can ask for, {spec: rendition}.

    One at a time: Wagtail's `get_renditions` keeps every resized copy of the decoded original
    until the last is made, which for a 39-megapixel photo took the worker past 1 GB (one at a
    time: about 420 MB; bench/upload_memory.py).
    """
    return {spec: image.get_rendition(spec) for spec in rendition_specs()}


@task()
def make_renditions(image_id):
    """The worker's half of an upload: 14-17 resized copies, which took seconds inside the request."""
    image = get_image_model().objects.filter(pk=image_id).first()
    if image is None:  # deleted before the worker got to it
        return 0
    return len(warm_renditions(image))


def image_saved(sender, instance, created, raw=False, update_fields=None, **kwargs):
    """A new or replaced image file gets its renditions from the worker once the upload is committed
    (connected to the image model's post_save in apps.py)."""
    if raw or not (created or (update_fields is None or "file" in update_fields)):
        return
    transaction.on_commit(lambda: make_renditions.enqueue(instance.pk))
