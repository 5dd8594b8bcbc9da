"""The one way Python builds the address of a routable page's sub-route (templates use
`{% routablepageurl %}`): the page's URL plus Wagtail's `RoutablePageMixin.reverse_subpage`.

Absolute (`full=True`) for what leaves the site (emails, canonical links, the sitemap),
otherwise as `{% pageurl %}` would write it for the current site.
"""

from urllib.parse import urlencode


def subpage_url(page, name, *args, request=None, full=False, query=None):
    base = page.get_full_url(request) if full else page.get_url(request)
    url = base + page.reverse_subpage(name, args=args)
    return f"{url}?{urlencode(query)}" if query else url
