"""The demo's image library: which illustrations exist, what they show, and how they are stored.

Images are made with the ImageFactory the tests use and matched by title, so a second run
reuses them instead of uploading copies.
"""

from dataclasses import dataclass
from io import BytesIO

from django.core.files.images import ImageFile
from wagtail.images import get_image_model
from wagtail.models import Collection

from pages.factories import ImageFactory

from .drawing import render_png

HERO = (1600, 900)
TEASER = (800, 600)
PORTRAIT = (480, 480)


@dataclass(frozen=True)
class DemoImage:
    key: str
    title: str
    description: str  # Wagtail's default alt text wherever the image is chosen without its own
    motif: str
    size: tuple[int, int]
    background: str = "mist"


IMAGES = (
    DemoImage(
        "hero-circles",
        "Demo illustration: overlapping circles (wide)",
        "Abstract illustration of large overlapping circles in deep blue, teal, gold and plum that blend where they meet.",
        "circles",
        HERO,
    ),
    DemoImage(
        "hero-arcs",
        "Demo illustration: widening arcs (wide)",
        "Abstract illustration of colored arcs spreading outward from a gold half-circle, like ripples.",
        "arcs",
        HERO,
        "sky",
    ),
    DemoImage(
        "hero-steps",
        "Demo illustration: four rising steps (wide)",
        "Abstract illustration of four blocks rising like steps, in blue, teal, gold and plum, with a gold dot above the highest.",
        "steps",
        HERO,
        "sand",
    ),
    DemoImage(
        "teaser-steps",
        "Demo illustration: four rising steps",
        "Four colored blocks rising like steps toward a gold dot.",
        "steps",
        TEASER,
    ),
    DemoImage(
        "teaser-path",
        "Demo illustration: a path with waypoints",
        "A teal line climbing from left to right through blue waypoints to a larger gold point.",
        "path",
        TEASER,
        "sand",
    ),
    DemoImage(
        "teaser-nodes",
        "Demo illustration: connected nodes",
        "Colored circles of different sizes joined by lines into a network.",
        "nodes",
        TEASER,
    ),
    DemoImage(
        "teaser-bars",
        "Demo illustration: bars of different heights",
        "Rounded bars of different heights in blue, teal, gold and plum, like a simple chart without labels.",
        "bars",
        TEASER,
        "sky",
    ),
    DemoImage(
        "teaser-circles",
        "Demo illustration: overlapping circles",
        "Overlapping translucent circles in blue, teal, gold and plum.",
        "circles",
        TEASER,
        "sand",
    ),
    # Stand-ins for staff photos on the team page (pages/demo/content/people.py).
    *(
        DemoImage(
            f"portrait-{n}",
            f"Demo illustration: portrait placeholder {n}",
            "An illustrated placeholder portrait: a plain silhouette of a head and shoulders.",
            "portrait",
            PORTRAIT,
            background,
        )
        for n, background in enumerate(("sky", "sand", "mist", "sky", "sand"), start=1)
    ),
)


def ensure_images():
    """Draw and save only the images not already in the library.

    Returns {key: Image} for every demo image, and the list of images drawn in this run.
    """
    Image = get_image_model()
    existing = {image.title: image for image in Image.objects.filter(title__in=[spec.title for spec in IMAGES])}
    collection = Collection.get_first_root_node()
    images, drawn = {}, []
    for spec in IMAGES:
        image = existing.get(spec.title)
        if image is None:
            png = render_png(spec.motif, spec.size, spec.background, seed=spec.key)
            image = ImageFactory(
                title=spec.title,
                description=spec.description,
                collection=collection,
                file=ImageFile(BytesIO(png), name=f"demo-{spec.key}.png"),
            )
            # Size and hash, as the admin's upload form records them, so duplicate detection works.
            image.get_file_size()
            image.get_file_hash()
            drawn.append(image)
        images[spec.key] = image
    return images, drawn


def discard_files(images):
    """Delete the files of images whose database rows were rolled back (files are not transactional)."""
    for image in images:
        image.file.storage.delete(image.file.name)


def delete_images():
    """Remove the demo images (Wagtail deletes their files and renditions once the transaction commits)."""
    Image = get_image_model()
    count = 0
    for image in Image.objects.filter(title__in=[spec.title for spec in IMAGES]):
        image.delete()
        count += 1
    return count
