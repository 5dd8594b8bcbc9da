from django.core.management.base import BaseCommand
from wagtail.images import get_image_model

from odi_site.renditions import rendition_specs, warm_renditions


class Command(BaseCommand):
    help = "Create the renditions the templates use for every image (after a deploy that changes them)."

    def handle(self, *args, **options):
        images = get_image_model().objects.all()
        for image in images.iterator():
            warm_renditions(image)
        self.stdout.write(f"{images.count()} images × {len(rendition_specs())} renditions ready.")
