"""Forgiving pagination for the site's listings (events, news): one helper every section uses."""

from django.core.paginator import Paginator


def paginate(items, number, per_page):
    """The requested page of `items`; numbers that are not numbers or out of range go to the nearest page.

    Links and bookmarks outlive the lists they point into, so a bad page number is never a 500
    and never a 404: `page=abc` and `page=0` show the first page, `page=9999` the last.
    """
    paginator = Paginator(items, per_page, allow_empty_first_page=True)
    try:
        number = int(number)
    except (TypeError, ValueError):
        number = 1
    return paginator.page(min(max(number, 1), paginator.num_pages))
