"""A person of the office (or a guest speaker): shown on the team page, as an event's contact or
speaker, as a page's contact and as a news article's author."""

from django.core.exceptions import ValidationError
from django.db import models
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.search import index

from ..models.base import image_fk


class Person(index.Indexed, models.Model):
    """Someone visitors may want to reach: name, role, photo and contact details."""

    name = models.CharField(max_length=120, help_text="Full name as the person wants it shown.")
    pronouns = models.CharField(max_length=40, blank=True, help_text="Optional, e.g. “she/her” or “they/them”.")
    role = models.CharField(
        max_length=150, help_text="Job title or role, e.g. “Director, Career Development” or “Guest speaker”."
    )
    photo = image_fk("Optional portrait, ideally square.")
    photo_alt = models.CharField(
        max_length=150,
        blank=True,
        verbose_name="photo alt text",
        help_text="Required with a photo, e.g. “Portrait of Dana Example”.",
    )
    bio = models.TextField(max_length=800, blank=True, help_text="Two or three sentences, plain text.")
    email = models.EmailField(blank=True, help_text="Work address visitors may write to.")
    phone = models.CharField(max_length=40, blank=True, help_text="e.g. 314-555-0142.")
    office_hours = models.CharField(
        max_length=200, blank=True, help_text="When and where people can drop in, e.g. “Tuesdays 2–4 pm, Room 120”."
    )
    on_team_page = models.BooleanField(
        default=True,
        verbose_name="listed on the team page",
        help_text="Untick for guest speakers and contacts who are not part of the office.",
    )
    sort_order = models.PositiveSmallIntegerField(default=0, help_text="Lower numbers are listed first.")

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("pronouns")]),
        FieldPanel("role"),
        MultiFieldPanel([FieldPanel("photo"), FieldPanel("photo_alt")], heading="Photo"),
        FieldPanel("bio"),
        MultiFieldPanel(
            [FieldPanel("email"), FieldPanel("phone"), FieldPanel("office_hours")], heading="How to reach them"
        ),
        FieldRowPanel([FieldPanel("on_team_page"), FieldPanel("sort_order")]),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("role"),
        index.SearchField("bio"),
    ]

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = "person"
        verbose_name_plural = "people"

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        if self.photo_id and not self.photo_alt.strip():
            raise ValidationError({"photo_alt": "Describe the photo for people who cannot see it."})
