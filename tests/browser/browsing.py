"""Helpers shared by the browser tests: watched contexts, loading targets, the crawl."""

import mimetypes
import re
from collections import Counter, deque
from dataclasses import dataclass, field
from urllib.parse import unquote, urljoin, urlsplit

from .axe import axe_violations
from .reflow import reflow_problems
from .targets import (
    MAX_PAGES,
    QUERY_VARIANTS_PER_PATH,
    SKIP_PATHS,
    SKIP_PREFIXES,
    SKIP_SUFFIXES,
    VIEWS,
    Target,
)

MEDIA_URL = "/media/"


class Watch:
    """Fails a context that makes third-party requests, throws JS errors or loads broken assets.

    Requests to any other host are aborted (the site must make none, so that nothing leaks
    visitors' data and pages work offline). Files under /media/ are answered from MEDIA_ROOT,
    standing in for the web server that serves uploads in production: Django serves them
    only with DEBUG on.
    """

    def __init__(self, context, base_url, media_root):
        self.base_url = base_url
        self.media_root = media_root
        self.third_party = []
        self.page_errors = []
        self.broken = []
        # Only other hosts and /media/ are intercepted; the site's own requests go straight
        # through (a regex is matched inside the browser, a Python callable would not be).
        origin = re.escape(base_url)
        context.route(re.compile(f"^(?!{origin}/)|^{origin}{MEDIA_URL}"), self.route)
        context.on("page", self.watch_page)
        context.on("response", self.check_response)

    def route(self, route, request):
        if not request.url.startswith(self.base_url + "/"):
            self.third_party.append(f"{request.url} (from {request.frame.url})")
            route.abort("blockedbyclient")
            return
        file = (self.media_root / unquote(urlsplit(request.url).path[len(MEDIA_URL) :])).resolve()
        if file.is_relative_to(self.media_root) and file.is_file():
            content_type = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
            route.fulfill(path=file, content_type=content_type)
        else:
            route.fulfill(status=404, body="not found")

    def watch_page(self, page):
        page.on("pageerror", lambda error: self.page_errors.append(f"{page.url}: {error}"))

    def check_response(self, response):
        if response.status >= 400 and response.request.resource_type != "document":
            self.broken.append(f"{response.status} {response.url} (from {response.frame.url})")

    def problems(self):
        lines = [f"third-party request blocked: {url}" for url in self.third_party]
        lines += [f"JavaScript error: {error}" for error in self.page_errors]
        lines += [f"broken asset: {entry}" for entry in self.broken]
        return lines


@dataclass
class Visit:
    """One crawled target: its status and the HTML exactly as the server sent it."""

    target: Target
    url: str
    status: int
    html: str
    found_on: str = ""  # the page that linked here, for pages reached by a link
    # Checked by the crawl on the page as loaded: axe at desktop width, and reflow when narrowed.
    axe_violations: list[str] = field(default_factory=list)
    reflow_problems: list[str] = field(default_factory=list)


def load(page, base_url, target):
    """Open ``target`` in ``page`` (submitting its form, if any) and return the document response."""
    response = page.goto(base_url + target.path, wait_until="load")
    if target.submit is None:
        return response
    for selector, value in target.fill.items():
        page.fill(selector, value)
    with page.expect_navigation(wait_until="load") as navigation:
        # form.submit() skips the browser's own validation, so the server's errors show.
        page.locator(target.submit).evaluate("form => HTMLFormElement.prototype.submit.call(form)")
    return navigation.value


def load_all_images(page):
    """Load lazy images now and wait for them, so nothing moves or appears later on the page."""
    page.evaluate(
        """() => Promise.all([...document.images].map((img) => {
            img.loading = "eager";
            return img.complete ? null : new Promise((done) => { img.onload = img.onerror = done; });
        }))"""
    )


def same_site_links(page, base_url):
    """Paths (with query, without fragment) of the links on the page worth crawling."""
    hrefs = page.eval_on_selector_all("a[href]", "links => links.map(a => a.getAttribute('href'))")
    paths = []
    for href in hrefs:
        url = urljoin(page.url, href)
        parts = urlsplit(url)
        if f"{parts.scheme}://{parts.netloc}" != base_url:
            continue
        if parts.path.startswith(SKIP_PREFIXES) or parts.path in SKIP_PATHS or parts.path.endswith(SKIP_SUFFIXES):
            continue
        paths.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return paths


def crawl(page, site):
    """Visit the home page, every live page, every view in VIEWS and every link they lead to.

    axe and the reflow check run on each HTML page as it is loaded, so no page is loaded again
    for them.
    """
    names = {target.path: target.name for target in site.pages}
    queue = deque()
    seen = set()
    for target in [Target(names.get("/", "home-page"), "/"), *site.pages, *VIEWS]:
        if target.key not in seen:
            seen.add(target.key)
            queue.append(target)
    query_variants = Counter()
    found_on = {}
    visits = []
    while queue:
        if len(visits) >= MAX_PAGES:
            raise AssertionError(f"the crawl passed MAX_PAGES ({MAX_PAGES}); raise it in targets.py")
        target = queue.popleft()
        response = load(page, site.base_url, target)
        content_type = response.headers.get("content-type", "")
        if not content_type.startswith("text/html"):
            continue
        visit = Visit(target, page.url, response.status, response.text(), found_on.get(target.key, ""))
        visit.axe_violations = axe_violations(page, target.label)
        visit.reflow_problems = reflow_problems(page, target.label)
        visits.append(visit)
        if response.status != 200:
            continue
        for path in same_site_links(page, site.base_url):
            bare = path.split("?", 1)[0]
            if "?" in path and query_variants[bare] >= QUERY_VARIANTS_PER_PATH:
                continue
            link = Target(names.get(bare, "linked-page"), path)
            if link.key in seen:
                continue
            if "?" in path:
                query_variants[bare] += 1
            seen.add(link.key)
            found_on[link.key] = target.path
            queue.append(link)
    return visits


def representatives(visits):
    """The first visit of each page type or view: what gets screenshots and per-type checks."""
    chosen = {}
    for visit in visits:
        if visit.target.name != "linked-page":
            chosen.setdefault(visit.target.name, visit)
    return list(chosen.values())
