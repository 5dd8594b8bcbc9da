"""What the browser suite visits: the one place to add a view, widths and crawl limits.

Every live Wagtail page is visited automatically (one representative per page type gets
screenshots and the per-type checks), so a new page type needs no change here. Views that
are not plain page URLs (search states, the 404 page, a form with its errors shown) are
listed in ``VIEWS``: one entry each.
"""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Target:
    """A URL to load, optionally followed by submitting a form to reach an error state."""

    name: str
    path: str
    status: int = 200
    # CSS selector of a form to submit as it is (after ``fill``), bypassing browser-side
    # validation, so the server's error view is what gets checked.
    submit: str | None = None
    # Field selector -> value typed before ``submit``; the default leaves every field empty.
    fill: dict[str, str] = field(default_factory=dict)

    @property
    def key(self):
        return (self.path, self.submit, tuple(sorted(self.fill.items())))

    @property
    def label(self):
        return f"{self.path} (submitting {self.submit})" if self.submit else self.path


# Views beyond the page tree. A form's error state is one more entry, e.g.
#     Target("contact-form-errors", "/contact/", submit="form.contact-form"),
# and it is then checked by axe, vnu, the keyboard error-announcement test, the no-JS crawl
# and the layout tests, and screenshotted.
VIEWS = [
    Target("search", "/search/"),
    Target("search-results", "/search/?q=training"),
    Target("search-empty", "/search/?q=zzzzqqq"),
    Target("not-found", "/does-not-exist/", status=404),
    # Training (issue 5): the registration form with its errors (the soonest session is preselected).
    Target("training-registration-errors", "/training/diversity-1-0/", submit="form.registration-form"),
    Target("training-thanks", "/training/diversity-1-0/thanks/"),
    # Events, career and community (issue 6): form errors, past events, filtered lists.
    Target("consultation-form-errors", "/career-development/", submit="form.consultation-form"),
    Target("events-past", "/events/past/"),
    Target("events-category", "/events/?category=community-voices"),
    Target("news-topic", "/news/?topic=training"),
    Target("partners-filtered", "/community-engagement/?focus=veterans"),
    # Newsletter (issue 18): the sign-up form with its errors.
    Target("newsletter-form-errors", "/newsletter/", submit="form.newsletter-form"),
    # Resources library (issue 18): one category.
    Target("resources-category", "/resources/?category=reports"),
    # Contact (issue 18): the enquiry form with its errors, and its confirmation.
    Target("contact-form-errors", "/contact/", submit="form.contact-form"),
    Target("contact-thanks", "/contact/thanks/"),
]

# Links under these prefixes are not HTML pages of the public site.
SKIP_PREFIXES = ("/admin/", "/documents/", "/media/", "/static/", "/django-admin/")
SKIP_PATHS = {"/sitemap.xml", "/robots.txt"}
# Calendars, feeds and downloads are files a browser saves or feeds a reader, not pages:
# training and events calendars (calendar.ics, calendar/), event feeds, survey CSV/JSON.
SKIP_SUFFIXES = (".ics", ".csv", ".json", "/calendar/", "/feed/", "/feed/atom/", "/download/csv/", "/download/json/")
# Query-string variants followed per path (pagination, sorting) before the crawl moves on.
QUERY_VARIANTS_PER_PATH = 3
# A safety stop: the demo site is far smaller; raise it if the demo content grows past it.
MAX_PAGES = 250

DESKTOP = {"width": 1280, "height": 800}
MOBILE = {"width": 390, "height": 844}
NARROW_WIDTHS = (320, 390)

LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
