"""The content checker (userbar "Checks" and the editor's Checks panel) with this site's rules.

Every rule added here is plain JSON that Wagtail's bundled JavaScript can already evaluate: it
reuses Wagtail's `check-image-alt-text` check (fails when an element's `alt` matches the
case-insensitive regex in its `pattern` option) and gives each rule its own pattern through
axe's per-rule check options (`options.rules[<rule>].checks[<check>].options`). Nothing needs an
extra or inline script, so the strict CSP on public pages is untouched. Axe has no check that
matches an element's *text* against a pattern, so vague link text in body copy cannot be a
rule here; pages.blocks refuses it when the page is saved instead.
"""

from dataclasses import dataclass

from wagtail.admin.userbar import ContentCheckerItem

from .blocks import VAGUE_LINK_TEXT

ALT_CHECK = "check-image-alt-text"

# Alt text longer than this usually transcribes words shown in the image.
LONG_ALT_TEXT = 150

# The patterns run as JavaScript regular expressions (with the "i" flag), so they use only
# syntax that Python and JavaScript read the same way.

# Words that a screen reader's own "image" announcement makes redundant at the start of alt
# text; "illustration of" or "screenshot of" still tell the listener something.
_IMAGE_WORDS = "image|picture|photo|photograph|graphic"
_BARE_LABELS = f"{_IMAGE_WORDS}|illustration|screenshot|logo|icon|banner|placeholder|untitled|spacer|alt text"
GENERIC_ALT_TEXT = (
    rf"^\s*((an?|the)\s+)?({_IMAGE_WORDS})\s+(of|showing)\b"  # "Image of …", "A photo showing …"
    rf"|^\s*({_BARE_LABELS})\s*\.?\s*$"  # nothing but a label, e.g. "Photo"
    r"|^\s*(img|dsc|dscn|pxl)[\s-]?\d+\s*$"  # a camera's file name without its extension
)
# Long alt text, or words naming a text-heavy image. "Poster" alone would flag every photo of
# a research poster session.
IMAGE_OF_TEXT = (
    rf"^[\s\S]{{{LONG_ALT_TEXT},}}$|\b(flyer|infographic|poster (for|announcing|advertising)|text (reads|says))\b"
)


@dataclass(frozen=True)
class AltTextRule:
    """An axe rule that fails when the `alt` of the elements it selects matches `pattern`."""

    id: str
    selector: str
    pattern: str
    impact: str
    error_name: str
    help_text: str

    def spec(self):
        return {
            "id": self.id,
            "impact": self.impact,
            "selector": self.selector,
            "tags": ["best-practice"],
            "any": [ALT_CHECK],
            "enabled": True,
        }

    def options(self):
        return {"checks": {ALT_CHECK: {"options": {"pattern": self.pattern}}}}

    def message(self):
        return {"error_name": self.error_name, "help_text": self.help_text}


SITE_RULES = (
    AltTextRule(
        id="alt-text-generic",
        selector="img[alt]",
        pattern=GENERIC_ALT_TEXT,
        impact="serious",
        error_name="Image alt text does not describe the image",
        help_text="Screen readers already say “image”. Leave out “image of” or “photo of” and describe "
        "what the picture shows, e.g. “Participants talking in a Diversity 2.0 session”.",
    ),
    AltTextRule(
        id="alt-text-image-of-text",
        selector="img[alt]",
        pattern=IMAGE_OF_TEXT,
        impact="moderate",
        error_name="This image may contain text",
        help_text="Words inside an image (a flyer, poster or infographic) cannot be resized, translated or "
        "found by search. Put the words in the page as text and keep the alt text to one short sentence.",
    ),
    AltTextRule(
        id="link-image-alt-text",
        selector="a[href] img[alt]",
        pattern=VAGUE_LINK_TEXT.pattern,
        impact="serious",
        error_name="Linked image does not say where the link goes",
        help_text="The alt text of an image inside a link is read out as the link. Say where it goes, "
        "e.g. “Register for Diversity 1.0”, not “click here” or “read more”.",
    ),
)

# Wagtail's own wording for these rules is written for developers.
EDITOR_MESSAGES = {
    "empty-heading": {
        "error_name": "Empty heading",
        "help_text": "Type the heading's text, or remove the heading block if the section does not need one.",
    },
    "alt-text-quality": {
        "error_name": "Image alt text looks like a file name",
        "help_text": "Replace the file name with a short description of what the image shows, "
        "or mark the image as decorative if it adds nothing to the text.",
    },
}


class SiteContentChecker(ContentCheckerItem):
    """Wagtail's checks (which include axe's `empty-heading`) plus the site's alt text rules."""

    # Large figures and call-to-action titles are styled paragraphs the templates write (editors
    # cannot change them); axe's "paragraphs as headings" heuristic would flag them every time.
    axe_exclude = [".key-figure__number", ".block-cta__heading"]
    axe_run_only = [*ContentCheckerItem.axe_run_only, *(rule.id for rule in SITE_RULES)]
    axe_custom_rules = [*ContentCheckerItem.axe_custom_rules, *(rule.spec() for rule in SITE_RULES)]
    axe_rules = {rule.id: rule.options() for rule in SITE_RULES}
    axe_messages = {
        **ContentCheckerItem.axe_messages,
        **EDITOR_MESSAGES,
        **{rule.id: rule.message() for rule in SITE_RULES},
    }


def use_site_content_checker(items):
    """Swap Wagtail's checker in a userbar item list for the site's, keeping where it runs."""
    items[:] = [
        SiteContentChecker(in_editor=item.in_editor) if isinstance(item, ContentCheckerItem) else item for item in items
    ]
