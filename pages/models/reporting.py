"""The institution's channels for reporting a concern, shown by the reporting channels block."""

import re

from django.db import models
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField

from odi_site.caching.version import versioned

from ..blocks import RICH_TEXT_FEATURES


def tel_href(number):
    """A `tel:` address for a number as people write it ("314-555-0100" -> "tel:3145550100")."""
    digits = re.sub(r"[^\d+]", "", number or "")
    return f"tel:{digits}" if digits else ""


class PhoneStructValue(blocks.StructValue):
    @property
    def tel(self):
        return tel_href(self.get("phone"))


class ReportingOptionBlock(blocks.StructBlock):
    """One place people can take a concern: an office, an ombuds, a hotline."""

    name = blocks.CharBlock(max_length=120, help_text="Who people reach, e.g. “University Ombuds”.")
    description = blocks.TextBlock(
        max_length=400, help_text="What they help with and what to expect, in a sentence or two."
    )
    phone = blocks.CharBlock(
        required=False, max_length=40, help_text="Phone number as it should read, e.g. 314-555-0140."
    )
    url = blocks.URLBlock(required=False, label="Web address", help_text="Their page or online form (optional).")
    confidential = blocks.BooleanBlock(
        required=False,
        help_text="Tick if what people tell them stays confidential (they are not required to pass it on).",
    )

    class Meta:
        icon = "help"
        label = "Reporting option"
        value_class = PhoneStructValue


class EmergencyNumberBlock(blocks.StructBlock):
    """A number to call when someone is in danger now."""

    name = blocks.CharBlock(max_length=80, help_text="Who answers, e.g. “Campus police (emergencies)”.")
    phone = blocks.CharBlock(max_length=40, label="Number", help_text="As it should read, e.g. 911 or 314-555-0111.")

    class Meta:
        icon = "warning"
        label = "Emergency number"
        value_class = PhoneStructValue


@register_setting(icon="warning")
class ReportingSettings(BaseSiteSetting):
    """Where people can report a concern; the reporting channels block shows these on any page."""

    online_report_url = models.URLField(
        blank=True, help_text="The institution's online reporting form (this site collects no reports itself)."
    )
    online_report_label = models.CharField(
        max_length=80,
        default="Report online",
        help_text="Button text for the online form; say where it goes, e.g. “Report online to the Office of Equity”.",
    )
    phone = models.CharField(
        max_length=40, blank=True, help_text="The reporting phone line as it should read, e.g. 314-555-0190."
    )
    phone_note = models.CharField(
        max_length=200,
        blank=True,
        help_text="When the line is staffed and whether callers may stay anonymous.",
    )
    confidential_options = StreamField(
        [("option", ReportingOptionBlock())],
        blank=True,
        help_text="Other people to talk to, confidential or not; tick “confidential” for those who keep it private.",
    )
    emergency_numbers = StreamField(
        [("number", EmergencyNumberBlock())],
        blank=True,
        help_text="Numbers to call when someone is in immediate danger; shown first and most prominently.",
    )
    after_report = RichTextField(
        features=RICH_TEXT_FEATURES,
        blank=True,
        verbose_name="what happens after a report",
        help_text="What happens after someone reports: who reads it, how they are contacted, what support is offered.",
    )

    panels = [
        FieldPanel("emergency_numbers"),
        MultiFieldPanel(
            [
                FieldPanel("online_report_url"),
                FieldPanel("online_report_label"),
                FieldPanel("phone"),
                FieldPanel("phone_note"),
            ],
            heading="Reporting line",
        ),
        FieldPanel("confidential_options"),
        FieldPanel("after_report"),
    ]

    class Meta:
        verbose_name = "reporting channels"

    def __str__(self):
        return "Reporting channels"

    @property
    def phone_tel(self):
        return tel_href(self.phone)

    @property
    def has_channels(self):
        return bool(self.online_report_url or self.phone or self.confidential_options or self.emergency_numbers)

    @classmethod
    def for_site(cls, site):
        """Wagtail's get-or-create, from the shared cache like SiteSettings; saving replaces the
        content version (odi_site.caching)."""
        load = super().for_site
        return load(site) if site is None else versioned(f"pages:reporting-settings:{site.pk}", lambda: load(site))
