"""In-page navigation: anchors on a page body's headings, and the "On this page" list of its H2s.

Both read the StreamField's raw data (no block conversion, no query), so the list in the side
column and the ids on the headings always agree, whether the body itself comes from the
fragment cache or is rendered afresh.
"""

from collections import Counter

from django.utils.text import slugify

# Prefixed so an editor's heading can never take an id the templates use ("register", "sessions").
ANCHOR_PREFIX = "section-"
# One heading is not worth a list of links.
MIN_SECTIONS = 2


def heading_anchors(stream):
    """{block id: anchor} for every heading block of `stream`, unique within it."""
    anchors, used = {}, Counter()
    for item in stream.raw_data if stream else ():
        if item.get("type") != "heading" or not item.get("id"):
            continue
        base = ANCHOR_PREFIX + (slugify(item["value"].get("text", "")) or "heading")
        used[base] += 1
        anchors[item["id"]] = base if used[base] == 1 else f"{base}-{used[base]}"
    return anchors


def page_sections(stream):
    """[{"anchor", "title"}] of the H2 headings of `stream`, or [] when there are fewer than two."""
    anchors = heading_anchors(stream)
    sections = [
        {"anchor": anchors[item["id"]], "title": item["value"]["text"]}
        for item in (stream.raw_data if stream else ())
        if item.get("id") in anchors and item["value"].get("level", "h2") == "h2"
    ]
    return sections if len(sections) >= MIN_SECTIONS else []
