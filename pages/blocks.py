"""The one StreamField block library every page type uses."""

import re
from html.parser import HTMLParser

from django.apps import apps
from django.core.exceptions import ValidationError
from django.utils.functional import cached_property
from wagtail import blocks
from wagtail.blocks import StreamBlockValidationError, StructBlockValidationError
from wagtail.contrib.typed_table_block.blocks import TypedTableBlock
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageBlock
from wagtail.models import Site
from wagtail.snippets.blocks import SnippetChooserBlock

from pages.sections import heading_anchors

from .key_figures import live_figure, source_choices

# Rich text offers only what the templates style; headings come from HeadingBlock so the
# outline below the page's <h1> stays valid.
RICH_TEXT_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul"]

# Link labels that tell a screen-reader user nothing when read out of context (WCAG 2.4.4).
VAGUE_LINK_TEXT = re.compile(r"^\s*(click here|here|read more|more|learn more|link|this page)\s*[.!]?\s*$", re.I)

HEADING_LEVELS = [("h2", "Section heading (H2)"), ("h3", "Sub-heading (H3)"), ("h4", "Minor heading (H4)")]


def check_link_text(text, field_name):
    """Refuse link labels such as "click here" with a message that says how to fix them."""
    if text and VAGUE_LINK_TEXT.match(text):
        raise StructBlockValidationError(
            block_errors={
                field_name: ValidationError(
                    f"“{text.strip()}” does not say where the link goes. Describe the destination, "
                    "for example “Register for Diversity 1.0”."
                )
            }
        )


class HeadingBlock(blocks.StructBlock):
    """A section heading; its level is checked against the headings before it in the page body."""

    text = blocks.CharBlock(max_length=120, help_text="Keep it short: a few words that name the section.")
    level = blocks.ChoiceBlock(
        choices=HEADING_LEVELS,
        default="h2",
        help_text="Start each page with H2; use H3 only under an H2 and H4 only under an H3.",
    )

    def get_context(self, value, parent_context=None):
        # The body (BodyStreamBlock.get_context) hands down the anchors of all its headings;
        # Wagtail names the block being rendered `id`. A preview has neither: no anchor.
        context = super().get_context(value, parent_context)
        context["anchor"] = (context.get("heading_anchors") or {}).get(context.get("id"))
        return context

    class Meta:
        icon = "title"
        label = "Heading"
        description = "A heading that starts a new section of the page."
        preview_value = {"text": "Why inclusion matters", "level": "h2"}
        template = "blocks/heading_block.html"


class LinkTextParser(HTMLParser):
    """Collects the text of each <a> in a fragment of rich text."""

    def __init__(self):
        super().__init__()
        self.links, self._current = [], None

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self._current = []

    def handle_data(self, data):
        if self._current is not None:
            self._current.append(data)

    def handle_endtag(self, tag):
        if tag == "a" and self._current is not None:
            self.links.append("".join(self._current))
            self._current = None


class ParagraphBlock(blocks.RichTextBlock):
    """Body text with links and lists only; links must say where they go."""

    def __init__(self, **kwargs):
        kwargs.setdefault("features", RICH_TEXT_FEATURES)
        super().__init__(**kwargs)

    def clean(self, value):
        value = super().clean(value)
        parser = LinkTextParser()
        parser.feed(value.source if value else "")
        vague = [text.strip() for text in parser.links if VAGUE_LINK_TEXT.match(text)]
        if vague:
            raise ValidationError(
                f"The link text “{vague[0]}” does not say where the link goes. Select more words for the "
                "link, for example “the Diversity 2.0 session dates” instead of “click here”."
            )
        return value

    class Meta:
        icon = "pilcrow"
        label = "Paragraph"
        description = "Text with bold, italic, links and lists."
        preview_value = "<p>The office supports staff, faculty and students across the school.</p>"
        template = "blocks/paragraph_block.html"


class CaptionedImageBlock(blocks.StructBlock):
    """An image with alt text written for this use (or marked decorative) and an optional caption."""

    image = ImageBlock(help_text="Describe what the image shows for people who cannot see it, or tick “decorative”.")
    caption = blocks.CharBlock(required=False, max_length=250, help_text="Optional visible caption or credit.")
    size = blocks.ChoiceBlock(
        choices=[("content", "Text width"), ("wide", "Wide")],
        default="content",
        help_text="Wide images break out of the text column on large screens.",
    )

    class Meta:
        icon = "image"
        label = "Image"
        description = "A photo or illustration with alt text and an optional caption."
        preview_value = {"image": None, "caption": "Participants at a Diversity 2.0 session", "size": "content"}
        template = "blocks/captioned_image_block.html"


class QuoteBlock(blocks.StructBlock):
    """A pull quote from a participant, partner or leader."""

    quote = blocks.TextBlock(max_length=600)
    attribution = blocks.CharBlock(required=False, max_length=120, help_text="Who said it.")
    role = blocks.CharBlock(required=False, max_length=120, help_text="Their role, e.g. “Diversity 4.0 participant”.")

    class Meta:
        icon = "openquote"
        label = "Quote"
        description = "A quotation with the speaker's name and role."
        preview_value = {
            "quote": "The sessions gave our team a shared language for difficult conversations.",
            "attribution": "Program participant",
            "role": "Department administrator",
        }
        template = "blocks/quote_block.html"


class LinkStructValue(blocks.StructValue):
    """Resolves a block's link to one URL, whichever of page or address the editor chose."""

    @cached_property
    def url(self):
        page = self.get("page")
        return page.url if page else self.get("link_url")


class CallToActionBlock(blocks.StructBlock):
    """A highlighted panel that sends visitors to one next step."""

    heading = blocks.CharBlock(max_length=120)
    text = blocks.TextBlock(required=False, max_length=400)
    page = blocks.PageChooserBlock(required=False, help_text="Link to a page on this site…")
    link_url = blocks.URLBlock(required=False, label="Link address", help_text="…or to another website.")
    link_text = blocks.CharBlock(
        max_length=60, help_text="Say where it goes: “Request a consultation”, not “Click here”."
    )

    def clean(self, value):
        value = super().clean(value)
        if bool(value.get("page")) == bool(value.get("link_url")):
            raise StructBlockValidationError(
                block_errors={"page": ValidationError("Choose a page or enter a link address (one of them, not both).")}
            )
        check_link_text(value.get("link_text"), "link_text")
        return value

    class Meta:
        icon = "link"
        label = "Call to action"
        description = "A highlighted box with a heading, a sentence and one button."
        value_class = LinkStructValue
        preview_value = {
            "heading": "Ready for the next level?",
            "text": "Sign up for an upcoming Diversity 2.0 session.",
            "link_url": "https://example.org/",
            "link_text": "See upcoming sessions",
        }
        template = "blocks/call_to_action_block.html"


class KeyFigureValue(blocks.StructValue):
    """The number and its date: a live figure's when the editor chose one and it has a value,
    else what the editor typed."""

    @cached_property
    def live(self):
        return live_figure(self["source"]) if self.get("source") else None

    @property
    def number(self):
        return self.live.figure if self.live else self.get("figure")

    @property
    def as_of(self):
        return self.live.as_of if self.live else None


class KeyFigureBlock(blocks.StructBlock):
    """A headline number such as "7,100+ participants", with what it counts and as of when."""

    source = blocks.ChoiceBlock(
        choices=source_choices,
        required=False,
        label="Live figure",
        help_text="Show a figure the site keeps up to date, with the date it was counted, instead of typing it "
        "(for example the training program page’s participation figure). Leave blank to type the figure.",
    )
    figure = blocks.CharBlock(
        required=False,
        max_length=20,
        help_text="The number as it should read, e.g. “7,100+”. With a live figure, shown only while that has no value.",
    )
    label = blocks.CharBlock(max_length=120, help_text="What it counts, e.g. “people have completed Diversity 1.0”.")
    note = blocks.CharBlock(
        required=False,
        max_length=120,
        help_text="Source or date, e.g. “as of June 2026”; a live figure adds its date by itself.",
    )

    def clean(self, value):
        value = super().clean(value)
        if not value.get("source") and not value.get("figure"):
            raise StructBlockValidationError(
                block_errors={"figure": ValidationError("Type the figure, or choose a live figure.")}
            )
        return value

    class Meta:
        icon = "pick"
        label = "Key figure"
        description = "A large number with a short label."
        value_class = KeyFigureValue
        preview_value = {"figure": "7,100+", "label": "people have completed Diversity 1.0"}
        template = "blocks/key_figure_block.html"


class AccordionItemBlock(blocks.StructBlock):
    question = blocks.CharBlock(max_length=200, label="Question or title")
    answer = ParagraphBlock()


class AccordionBlock(blocks.StructBlock):
    """Questions and answers that open in place (HTML <details>, so no JavaScript needed)."""

    heading = blocks.CharBlock(required=False, max_length=120, help_text="Optional heading shown above the list (H2).")
    items = blocks.ListBlock(AccordionItemBlock(), min_num=1)

    class Meta:
        icon = "list-ul"
        label = "FAQ / accordion"
        description = "Questions whose answers open when clicked."
        preview_value = {
            "heading": "Frequently asked questions",
            "items": [{"question": "Who can attend?", "answer": "<p>All staff, faculty and students.</p>"}],
        }
        template = "blocks/accordion_block.html"


class MediaEmbedBlock(blocks.StructBlock):
    """A video or audio embed that always carries a title and a transcript or captions note."""

    embed = EmbedBlock(help_text="Address of the video, e.g. a YouTube or Vimeo link.")
    title = blocks.CharBlock(max_length=150, help_text="Names the video for screen readers.")
    caption = blocks.CharBlock(required=False, max_length=250)
    transcript = ParagraphBlock(
        required=False, help_text="Full transcript. Required unless the video has accurate captions."
    )
    has_captions = blocks.BooleanBlock(required=False, help_text="Tick if the video has accurate captions.")

    def clean(self, value):
        value = super().clean(value)
        if not value.get("has_captions") and not value.get("transcript"):
            raise StructBlockValidationError(
                block_errors={
                    "transcript": ValidationError(
                        "Add a transcript, or tick “has captions” if the video has accurate captions."
                    )
                }
            )
        return value

    class Meta:
        icon = "media"
        label = "Video or audio"
        description = "An embedded video with a title and a transcript."
        preview_value = {
            "embed": None,
            "title": "Welcome to the Path to Inclusion",
            "caption": "Two minutes",
            "transcript": "<p>Welcome. Over four one-hour sessions, the Path to Inclusion builds a shared language.</p>",
            "has_captions": False,
        }
        template = "blocks/media_embed_block.html"


class DocumentLinkBlock(blocks.StructBlock):
    """A link to a document in the library, shown with its file type and size."""

    document = DocumentChooserBlock()
    label = blocks.CharBlock(required=False, max_length=120, help_text="Defaults to the document's title.")

    def clean(self, value):
        value = super().clean(value)
        check_link_text(value.get("label"), "label")
        return value

    class Meta:
        icon = "doc-full"
        label = "Document link"
        description = "A download link with file type and size."
        preview_value = {"document": None, "label": "Diversity Engagement Survey summary (2014-15)"}
        template = "blocks/document_link_block.html"


class DataTableBlock(TypedTableBlock):
    """A table of text and numbers with a caption; the first column heads each row."""

    text = blocks.CharBlock(label="Text")
    number = blocks.DecimalBlock(label="Number")
    rich_text = ParagraphBlock(label="Rich text")

    def clean(self, value):
        value = super().clean(value)
        if value and not (value.caption or "").strip():
            raise ValidationError("Add a caption that says what the table shows; screen readers announce it.")
        return value

    class Meta:
        icon = "table"
        label = "Table"
        description = "A table of figures or text with a caption."
        preview_value = {
            "caption": "Training sessions this term (example)",
            "columns": [{"type": "text", "heading": "Level"}, {"type": "number", "heading": "Sessions"}],
            "rows": [{"values": ["Diversity 1.0", "12"]}, {"values": ["Diversity 2.0", "8"]}],
        }
        template = "blocks/data_table_block.html"


class ReportingChannelsBlock(blocks.StructBlock):
    """The institution's ways to report a concern, from the reporting channels settings of the site."""

    heading = blocks.CharBlock(
        required=False,
        max_length=120,
        help_text="Optional heading above the channels (H2), e.g. “How to report”.",
    )

    def get_context(self, value, parent_context=None):
        """The current site's settings (Wagtail keeps them on the request); the default site's
        when rendered without one. By name: pages/models imports this module."""
        context = super().get_context(value, parent_context)
        settings_model = apps.get_model("pages", "ReportingSettings")
        request = (parent_context or {}).get("request")
        if request is not None:
            context["reporting"] = settings_model.for_request(request)
        else:
            context["reporting"] = settings_model.for_site(Site.objects.filter(is_default_site=True).first())
        return context

    class Meta:
        icon = "warning"
        label = "Reporting channels"
        description = "Where to report a concern and whom to call in an emergency, from the site's settings."
        preview_value = {"heading": "How to report a concern"}
        template = "blocks/reporting_channels.html"


class ContactPersonBlock(blocks.StructBlock):
    """Who to ask about the page's subject: a person's card with their role and how to reach them."""

    heading = blocks.CharBlock(
        required=False, max_length=120, help_text="Optional, e.g. “Questions about the training?”"
    )
    person = SnippetChooserBlock(
        "pages.Person", help_text="Choose from People; their photo, role and contact details are kept up to date there."
    )
    note = blocks.TextBlock(
        required=False, max_length=300, help_text="Optional sentence, e.g. what to get in touch about."
    )

    class Meta:
        icon = "user"
        label = "Contact person"
        description = "A person's card: photo, name, role, email, phone and office hours."
        preview_value = {
            "heading": "Questions about the training?",
            "person": None,
            "note": "Get in touch to arrange a session for your department.",
        }
        template = "blocks/contact_person.html"


class BodyStreamBlock(blocks.StreamBlock):
    """Every page's `body`: the blocks above, with a check that headings never skip a level."""

    heading = HeadingBlock()
    paragraph = ParagraphBlock()
    image = CaptionedImageBlock()
    quote = QuoteBlock()
    call_to_action = CallToActionBlock()
    key_figure = KeyFigureBlock()
    accordion = AccordionBlock()
    embed = MediaEmbedBlock()
    document = DocumentLinkBlock()
    table = DataTableBlock()
    reporting_channels = ReportingChannelsBlock()
    contact_person = ContactPersonBlock()

    def get_context(self, value, parent_context=None):
        # Anchors for the headings, worked out once for the whole body so they are unique.
        context = super().get_context(value, parent_context)
        context["heading_anchors"] = heading_anchors(value)
        return context

    def clean(self, value):
        value = super().clean(value)
        previous = 1  # the page title is the <h1>
        errors = {}
        for index, child in enumerate(value):
            if child.block_type == "accordion" and child.value.get("heading"):
                previous = 2  # the accordion's own heading renders as an H2
                continue
            if child.block_type == "reporting_channels":
                previous = 2  # its heading (or, without one, each of its sections) is an H2
                continue
            if child.block_type != "heading":
                continue
            level = int(child.value["level"][1])
            if level > previous + 1:
                errors[index] = ValidationError(
                    f"This H{level} follows an H{previous}, which skips a level. "
                    f"Make it an H{previous + 1}, or add the missing heading above it."
                )
            previous = level
        if errors:
            raise StreamBlockValidationError(block_errors=errors)
        return value

    class Meta:
        # Our own template renders children without Wagtail's wrapper <div>s.
        template = "blocks/body_stream_block.html"
