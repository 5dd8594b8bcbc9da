"""Demo names and contact details for `SiteSettings`; placeholders that are obviously not real.

The 555 phone number is reserved for fiction and example.edu/example.com never deliver.
"""

from pages.models import ReportingSettings, SiteSettings

from .content.concern import SLUG as CONCERN_SLUG
from .content.concern import apply_demo_reporting

OFFICE_NAME = "Office of Diversity, Equity & Inclusion"
INSTITUTION_NAME = "Washington University School of Medicine in St. Louis"
INSTITUTION_SHORT_NAME = "WUSM"
ADDRESS = "660 S. Euclid Ave.\nSt. Louis, MO 63110"
PHONE = "314-555-0100"
EMAIL = "diversity@example.edu"

DEMO_SETTINGS = {
    "institution_name": INSTITUTION_NAME,
    "office_name": OFFICE_NAME,
    "tagline": "Training, career support and community partnerships for everyone at the School of Medicine.",
    "address": ADDRESS,
    "phone": PHONE,
    "email": EMAIL,
    "footer_text": (
        "We welcome questions and ideas from students, staff, faculty and neighbors. "
        "The contact details on this demonstration site are placeholders."
    ),
    "social_links": [
        ("link", {"platform": "linkedin", "url": "https://example.com/odei/linkedin"}),
        (
            "link",
            {"platform": "instagram", "url": "https://example.com/odei/instagram"},
        ),
    ],
}


# Pages linked from every page, by their slug below home. Sections that another part of the demo
# has not built (yet) are skipped.
LINKED_PAGE_SLUGS = {
    "report_concern_page": CONCERN_SLUG,
    "accessibility_page": "accessibility",
    "privacy_page": "privacy",
    "newsletter_page": "newsletter",
}


def link_demo_pages(settings, site):
    """Point each unset linked page at the demo page with its slug; returns the fields set."""
    unset = {name: slug for name, slug in LINKED_PAGE_SLUGS.items() if getattr(settings, f"{name}_id") is None}
    found = {page.slug: page for page in site.root_page.get_children().filter(slug__in=unset.values())}
    filled = [name for name, slug in unset.items() if slug in found]
    for name in filled:
        setattr(settings, name, found[unset[name]])
    return filled


def needs_filling(settings, name):
    """True for a field nobody has filled in yet (empty, or still the model's default) that differs from the demo value."""
    value = getattr(settings, name)
    if name == "social_links":
        return len(value) == 0
    unset = value in ("", None) or value == SiteSettings._meta.get_field(name).get_default()
    return unset and value != DEMO_SETTINGS[name]


def apply_demo_settings(site):
    """Fill in the demo values for fields still unset; returns the names of the fields filled.

    Values an editor has already changed are kept, and a second run finds nothing to fill.
    """
    settings = SiteSettings.for_site(site)
    filled = [name for name in DEMO_SETTINGS if needs_filling(settings, name)]
    for name in filled:
        setattr(settings, name, DEMO_SETTINGS[name])
    filled += link_demo_pages(settings, site)
    if filled:
        settings.full_clean()
        settings.save()
    return filled + apply_demo_reporting(site)


def delete_demo_settings(site):
    return SiteSettings.objects.filter(site=site).delete()[0] + ReportingSettings.objects.filter(site=site).delete()[0]
