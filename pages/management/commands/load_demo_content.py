"""Build the demo site: page tree, images, records and site settings (the README's "Page tree").

The one place that knows every app's demo section: each is called here, in a fixed order,
and nothing the site loads to serve requests imports any of them.
"""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from wagtail.models import Page, Site

from pages.demo.content import about, career, community, concern, contact, events, news, newsletter, policies, resources
from pages.demo.content import home as home_content
from pages.demo.content.people import ensure_people
from pages.demo.images import delete_images, discard_files, ensure_images
from pages.demo.records import load_records
from pages.demo.site_settings import (
    OFFICE_NAME,
    apply_demo_settings,
    delete_demo_settings,
)
from pages.demo.tree import DemoContext, Node, ensure_skeleton, fill_and_publish
from pages.factories import HomePageFactory
from pages.models import HomePage
from survey import demo as survey_demo
from training import demo as training_demo


def default_site():
    """The default Site, made on localhost:80 if a fresh database somehow lacks one."""
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        site = Site(
            hostname="localhost",
            port=80,
            is_default_site=True,
            root_page=Page.get_first_root_node(),
        )
        site.save()
    return site


def remove_welcome_page(root):
    """Delete Wagtail's "Welcome to your new Wagtail site!" page if it is still the untouched default.

    Sites pointing at it are moved to the tree root first, because deleting a site's root
    page would delete the Site (and its settings) with it.
    """
    defaults = root.get_children().filter(
        slug="home", content_type__app_label="wagtailcore", content_type__model="page"
    )
    for page in defaults:
        if page.get_children_count():
            continue  # someone has built on it; not ours to delete
        Site.objects.filter(root_page=page).update(root_page=root)
        page.delete()
        return True
    return False


def url(path):
    return f"/{path}/" if path else "/"


def demo_tree(survey_administration):
    """The home page and its sections, in menu order."""
    sections = (
        about.section(),
        training_demo.section(),
        career.section(),
        community.section(),
        events.section(),
        newsletter.section(),
        resources.section(),
        news.section(),
        survey_demo.section(survey_administration),
        concern.section(),
        contact.section(),
        *policies.sections(),
    )
    return Node("home", home_content.TITLE, HomePageFactory, home_content.content, children=sections)


class Command(BaseCommand):
    help = "Load the demo page tree, illustrations and site settings. Safe to run again; --reset rebuilds."

    def add_arguments(self, parser):
        parser.add_argument(
            "--reset",
            action="store_true",
            help="Delete the demo tree (home page and everything below it), demo images and site settings, then rebuild.",
        )

    def handle(self, *args, reset=False, **options):
        self.drawn = []
        try:
            with transaction.atomic():
                self.load(reset)
        except Exception as error:
            discard_files(self.drawn)
            if isinstance(error, ValidationError):
                raise CommandError(" ".join(error.messages)) from error
            raise

    def load(self, reset):
        root = Page.get_first_root_node()
        site = default_site()
        if reset:
            self.reset(root, site)

        removed_welcome = remove_welcome_page(root)
        images, self.drawn = ensure_images()
        # Records the pages list or show come first, then the pages, then what hangs off them.
        ctx = DemoContext(images=images, categories=load_records())
        ensure_people(images)
        survey_administration = survey_demo.ensure_demo_data()
        home = ensure_skeleton(demo_tree(survey_administration), root, ctx, page=HomePage.objects.first())
        fill_and_publish(ctx)
        training_demo.load_sessions(ctx)
        survey_demo.link_results(ctx, survey_administration)

        site.refresh_from_db()
        site_changed = site.root_page_id != home.pk
        if site_changed:
            site.root_page = home
            site.site_name = site.site_name or OFFICE_NAME
            site.save()
        filled = apply_demo_settings(site) + contact.apply_demo_enquiry_settings(site)

        self.report(ctx, images, len(self.drawn), removed_welcome, site, site_changed, filled)

    def reset(self, root, site):
        home = HomePage.objects.first()
        pages = 0
        if home is not None:
            # Keep the Site (and its id) alive while its root page goes away.
            Site.objects.filter(root_page=home).update(root_page=root)
            pages = home.get_descendant_count() + 1
            home.delete()
        settings = delete_demo_settings(site)
        images = delete_images()
        self.stdout.write(f"Reset: deleted {pages} pages, {images} images and {settings} site settings record(s).")

    def report(self, ctx, images, images_created, removed_welcome, site, site_changed, filled):
        if removed_welcome:
            self.stdout.write("Removed Wagtail's default welcome page.")
        created = len(ctx.created)
        kept = len(ctx.pages) - created
        self.stdout.write(f"Pages: {created} created and published, {kept} already present.")
        self.stdout.write(f"Images: {images_created} drawn, {len(images) - images_created} reused.")
        if site_changed:
            self.stdout.write(f"Site {site.hostname}:{site.port} now starts at “{ctx.page('').title}”.")
        self.stdout.write(f"Site settings: {', '.join(filled) if filled else 'already set'}.")
        for path, found, wanted in ctx.mismatched:
            self.stdout.write(
                self.style.WARNING(
                    f"{url(path)} is a {found}, not a {wanted}; left as it is. Run with --reset to rebuild it."
                )
            )
        if not created and not images_created and not filled and not site_changed:
            self.stdout.write(self.style.SUCCESS("Demo content already loaded; nothing changed."))
        else:
            self.stdout.write(self.style.SUCCESS("Demo content loaded."))
