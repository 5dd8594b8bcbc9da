"""Small builders for StreamField values, so the demo copy reads like the page it makes.

Each returns a ("block_type", value) pair for `BodyStreamBlock` in pages/blocks.py.
"""

import copy

from django.utils.html import escape
from wagtail.rich_text import RichText


def heading(text, level="h2"):
    return ("heading", {"text": text, "level": level})


def paragraph(html):
    return ("paragraph", RichText(html))


def page_link(page, text):
    """An internal rich-text link stored by page id, so it follows the page if it moves."""
    return f'<a linktype="page" id="{page.pk}">{escape(text)}</a>'


def image(img, alt_text, caption="", size="content"):
    # ImageBlock keeps the alt text on the Image instance itself; a copy per use stops one
    # block's alt text leaking into another block that shows the same image.
    return (
        "image",
        {
            "image": {
                "image": copy.copy(img),
                "alt_text": alt_text,
                "decorative": False,
            },
            "caption": caption,
            "size": size,
        },
    )


def quote(text, attribution="", role=""):
    return ("quote", {"quote": text, "attribution": attribution, "role": role})


def call_to_action(heading_text, text, page, link_text):
    return (
        "call_to_action",
        {"heading": heading_text, "text": text, "page": page, "link_text": link_text},
    )


def key_figure(figure, label, note=""):
    return ("key_figure", {"source": "", "figure": figure, "label": label, "note": note})


# The training program's participation figure (registered by training/wagtail_hooks.py): one
# number, typed once on the program page, shown with its date wherever a page quotes it.
PARTICIPANTS = "training-participants"


def live_key_figure(source, label, note=""):
    return ("key_figure", {"source": source, "figure": "", "label": label, "note": note})


def faq(heading_text, items):
    """An accordion from (question, answer HTML) pairs."""
    return (
        "accordion",
        {
            "heading": heading_text,
            "items": [{"question": q, "answer": RichText(a)} for q, a in items],
        },
    )


def table(caption, columns, rows):
    """A typed table: columns are (block type, heading) pairs, rows are lists of cell values."""
    return (
        "table",
        {
            "caption": caption,
            "columns": [{"type": block_type, "heading": title} for block_type, title in columns],
            "rows": [{"values": list(row)} for row in rows],
        },
    )
