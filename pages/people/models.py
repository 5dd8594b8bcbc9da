"""People of the office (or guest speakers), shown on the team page, as an event's contact or
speaker, as a page's contact and as a news article's author; and the team page itself."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Prefetch
from django.utils.functional import SimpleLazyObject
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.images import get_image_model
from wagtail.search import index

from ..blocks import BodyStreamBlock
from ..models.base import BasePage, SiteSettings, image_fk
from .schema import json_ld_script, team_json_ld


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
        index.FilterField("on_team_page"),  # search lists only the people the team page shows
    ]

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = "person"
        verbose_name_plural = "people"

    def __str__(self):
        return self.name

    @property
    def search_anchor(self):
        """The id of the person's card on the team page (pages/search.py)."""
        return f"person-{self.pk}"

    @property
    def search_summary(self):
        return self.role

    @property
    def phone_uri(self):
        """The number for a `tel:` link: digits and a leading +, without the spaces people write."""
        digits = "".join(char for char in self.phone if char.isdigit())
        return f"+{digits}" if self.phone.strip().startswith("+") else digits

    def clean(self):
        super().clean()
        if self.photo_id and not self.photo_alt.strip():
            raise ValidationError({"photo_alt": "Describe the photo for people who cannot see it."})

    @classmethod
    def with_photos(cls):
        """People with their photos and the photos' renditions, in two queries however many."""
        renditions = get_image_model().get_rendition_model().objects.all()
        return cls.objects.select_related("photo").prefetch_related(Prefetch("photo__renditions", queryset=renditions))

    @classmethod
    def listed(cls):
        """The people on the team page, in their order."""
        return cls.with_photos().filter(on_team_page=True)


class TeamPage(BasePage):
    """“Our team”: who works in the office and how to reach them, one card per listed person."""

    body = StreamField(
        BodyStreamBlock(), blank=True, help_text="Optional text above the team, e.g. how the office can help."
    )
    people_heading = models.CharField(
        max_length=120,
        default="Meet the team",
        help_text="Heading above the people's cards. People are added, listed and ordered under People in the menu.",
    )

    content_panels = BasePage.content_panels + [FieldPanel("body"), FieldPanel("people_heading")]
    search_fields = BasePage.search_fields + [index.SearchField("body")]

    template = "pages/team_page.html"
    parent_page_types = ["pages.StandardPage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = "team page"

    def team(self, request):
        """The listed people and their schema.org JSON-LD (read only when a cached fragment is missing)."""
        people = list(Person.listed())
        office = SiteSettings.for_request(request).office_name
        data = team_json_ld(people, self.get_full_url(request), office, request)
        return {"people": people, "json_ld": json_ld_script(data)}

    def get_context(self, request, *args, **kwargs):
        """The cards and the JSON-LD are cached fragments: people are read only on a miss."""
        context = super().get_context(request, *args, **kwargs)
        context["team"] = SimpleLazyObject(lambda: self.team(request))
        return context
