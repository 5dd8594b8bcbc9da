"""The shared block library: validation editors meet, and what each block renders."""

import pytest
import wagtail_factories
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import connection
from django.template.loader import get_template, render_to_string
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.embeds.blocks import EmbedBlock

from pages.blocks import (
    BodyStreamBlock,
    CallToActionBlock,
    CaptionedImageBlock,
    DataTableBlock,
    DocumentLinkBlock,
    MediaEmbedBlock,
)
from pages.factories import ImageFactory
from pages.models import StandardPage
from pages.roles import EDITORS


def clean_body(data):
    block = BodyStreamBlock()
    return block.clean(block.to_python(data))


def heading(level, text="Heading"):
    return {"type": "heading", "value": {"text": text, "level": level}}


class TestHeadingOutline:
    def test_an_accordion_heading_counts_as_an_h2(self):
        accordion = {
            "type": "accordion",
            "value": {"heading": "FAQ", "items": [{"question": "Q", "answer": "<p>A</p>"}]},
        }
        clean_body([heading("h2"), heading("h3"), accordion, heading("h3")])
        with pytest.raises(ValidationError):
            clean_body([heading("h2"), accordion, heading("h4")])

    def test_headings_that_step_down_one_level_are_accepted(self):
        clean_body([heading("h2"), heading("h3"), heading("h4"), heading("h2")])

    @pytest.mark.parametrize("levels", [["h3"], ["h2", "h4"], ["h4"]])
    def test_a_heading_that_skips_a_level_is_refused_with_a_fix(self, levels):
        with pytest.raises(ValidationError) as error:
            clean_body([heading(level) for level in levels])
        assert "skips a level" in str(error.value.as_json_data())


@pytest.mark.django_db
class TestImageBlock:
    def test_image_without_alt_text_is_refused(self):
        block = CaptionedImageBlock()
        value = block.to_python({"image": {"image": ImageFactory().pk, "alt_text": "", "decorative": False}})
        with pytest.raises(ValidationError):
            block.clean(value)

    def test_decorative_image_renders_empty_alt(self):
        block = CaptionedImageBlock()
        value = block.to_python({"image": {"image": ImageFactory().pk, "alt_text": "", "decorative": True}})
        block.clean(value)
        html = block.render(value)
        assert 'alt=""' in html
        assert 'loading="lazy"' in html

    def test_alt_text_and_caption_are_rendered(self):
        block = CaptionedImageBlock()
        value = block.to_python(
            {
                "image": {
                    "image": ImageFactory().pk,
                    "alt_text": "Staff at a workshop",
                    "decorative": False,
                },
                "caption": "Spring workshop",
            }
        )
        html = block.render(value)
        assert 'alt="Staff at a workshop"' in html
        assert "<figcaption" in html and "Spring workshop" in html
        assert "srcset" in html


class TestCallToAction:
    def cta(self, **value):
        base = {
            "heading": "Next step",
            "text": "",
            "page": None,
            "link_url": "",
            "link_text": "See sessions",
        }
        return CallToActionBlock().to_python({**base, **value})

    def test_needs_exactly_one_destination(self):
        with pytest.raises(ValidationError):
            CallToActionBlock().clean(self.cta())

    @pytest.mark.parametrize("text", ["Click here", "read more", "Here.", "Learn more"])
    def test_vague_link_text_is_refused(self, text):
        with pytest.raises(ValidationError) as error:
            CallToActionBlock().clean(self.cta(link_url="https://example.org/", link_text=text))
        assert "does not say where the link goes" in str(error.value.as_json_data())

    def test_descriptive_link_renders_as_a_button(self):
        value = CallToActionBlock().clean(self.cta(link_url="https://example.org/", link_text="Request a consultation"))
        html = CallToActionBlock().render(value)
        assert 'href="https://example.org/"' in html and "Request a consultation" in html


class TestOtherBlocks:
    @pytest.mark.django_db
    def test_document_link_label_must_say_what_it_is(self):
        document = wagtail_factories.DocumentFactory(title="Annual report")
        block = DocumentLinkBlock()
        assert block.clean(block.to_python({"document": document.pk, "label": "Annual report (PDF)"}))["label"]
        with pytest.raises(ValidationError) as error:
            block.clean(block.to_python({"document": document.pk, "label": "Click here"}))
        assert "does not say where the link goes" in str(error.value.as_json_data())

    def test_table_needs_a_caption(self):
        block = DataTableBlock()
        value = block.to_python(
            {
                "columns": [
                    {"type": "text", "heading": "Level"},
                    {"type": "number", "heading": "Hours"},
                ],
                "rows": [{"values": ["Diversity 1.0", "1"]}],
                "caption": "",
            }
        )
        with pytest.raises(ValidationError):
            block.clean(value)

    def test_table_renders_caption_and_header_scopes(self):
        block = DataTableBlock()
        value = block.to_python(
            {
                "columns": [
                    {"type": "text", "heading": "Level"},
                    {"type": "number", "heading": "Hours"},
                ],
                "rows": [{"values": ["Diversity 1.0", "1"]}],
                "caption": "Training hours",
            }
        )
        html = block.render(block.clean(value))
        assert "<caption" in html and "Training hours" in html
        assert 'scope="col"' in html and 'scope="row"' in html

    def test_embed_needs_a_transcript_or_captions(self, monkeypatch):
        # Checking the embed address itself would ask the provider over the network.
        monkeypatch.setattr(EmbedBlock, "clean", lambda self, value: value)
        block = MediaEmbedBlock()
        value = block.to_python(
            {
                "embed": "https://www.youtube.com/watch?v=x",
                "title": "Welcome",
                "transcript": "",
                "has_captions": False,
            }
        )
        with pytest.raises(ValidationError) as error:
            block.clean(value)
        assert "transcript" in str(error.value.as_json_data())

    def test_accordion_uses_details_without_javascript(self):
        html = render_to_string(
            "blocks/accordion_block.html",
            {
                "value": {
                    "heading": "FAQ",
                    "items": [{"question": "Who can attend?", "answer": "<p>Everyone.</p>"}],
                }
            },
        )
        assert "<details" in html and "<summary" in html and "Who can attend?" in html

    def test_every_block_has_a_template_label_and_description(self):
        for name, block in BodyStreamBlock().child_blocks.items():
            assert block.meta.template.startswith("blocks/"), name
            get_template(block.meta.template)  # raises if the template is missing
            assert block.meta.label and block.meta.description, name


class TestParagraphLinks:
    @pytest.mark.parametrize("text", ["click here", "Read more", " here "])
    def test_vague_link_text_in_rich_text_is_refused(self, text):
        with pytest.raises(ValidationError) as error:
            clean_body(
                [
                    {
                        "type": "paragraph",
                        "value": f'<p>Sessions are listed <a href="https://example.org/">{text}</a>.</p>',
                    }
                ]
            )
        assert "does not say where the link goes" in str(error.value.as_json_data())

    def test_descriptive_link_text_is_accepted(self):
        clean_body([{"type": "paragraph", "value": '<p>See <a href="https://example.org/">the session dates</a>.</p>'}])


@pytest.mark.django_db
class TestBlockPreviews:
    """Every block of the library shows a preview and a description in the editor's block picker."""

    LIBRARY = StandardPage.body.field.stream_block.child_blocks

    def test_the_library_has_its_twelve_blocks(self):
        assert len(self.LIBRARY) == 12

    @pytest.mark.parametrize("name", list(LIBRARY))
    def test_block_is_previewable_with_a_description(self, name):
        block = self.LIBRARY[name]
        assert block.is_previewable
        assert block.get_description()

    @pytest.fixture
    def editor_client(self, client, django_user_model):
        """A communications editor signed in (the group the roles migrations create)."""
        editor = django_user_model.objects.create_user("editor", "editor@example.edu", "correct horse battery")
        editor.groups.add(Group.objects.get(name=EDITORS))
        client.force_login(editor)
        return client

    @pytest.mark.parametrize("name", list(LIBRARY))
    def test_preview_renders_for_an_editor_with_the_site_stylesheet(self, editor_client, name):
        block = self.LIBRARY[name]
        response = editor_client.get(reverse("wagtailadmin_block_preview"), {"id": block.definition_prefix})
        assert response.status_code == 200
        page = BeautifulSoup(response.content, "html.parser")
        assert page.select_one('link[rel="stylesheet"][href$="css/main.css"]') is not None
        assert page.select_one("main .page-body").get_text(strip=True) or page.select_one("main .page-body img")

    @pytest.mark.parametrize("name", ["image", "embed", "document"])
    def test_previews_of_library_blocks_draw_a_stand_in_and_read_no_library_rows(self, editor_client, name):
        url = reverse("wagtailadmin_block_preview")
        editor_client.get(url, {"id": self.LIBRARY[name].definition_prefix})  # warms the session and permissions
        with CaptureQueriesContext(connection) as queries:
            response = editor_client.get(url, {"id": self.LIBRARY[name].definition_prefix})
        assert response.status_code == 200
        assert not [
            q["sql"]
            for q in queries
            if "wagtailimages" in q["sql"] or "wagtaildocs" in q["sql"] or "wagtailembeds" in q["sql"]
        ]
