"""Page routing that costs one query: the site and the path's page are remembered per content version.

Wagtail finds the site (one query), loads the site's root page as its specific type (one more)
and then walks the path one slug at a time (two queries per level). The answer only changes
when the page tree or the sites change, and both bump the content version (pages.caching), so
it is cached under that version: a request then loads just its page, as its specific type with
the images its template shows. The page's own `route()` still runs for whatever is left of the
path, so routable pages (past events, feeds, survey groups) and the live check behave exactly
as Wagtail's own routing does. Internationalised sites (several locales) are not in use here;
`localized` would need the active language in the key.
"""

from django.apps import apps
from django.core.cache import cache
from django.http import Http404
from django.http.request import split_domain_port
from wagtail.models import Site

from .caching import VERSIONED_SECONDS, versioned, versioned_key


def find_site(request):
    """`Site.find_for_request`, cached per host and port; later calls on the request reuse it."""
    if not hasattr(request, "_wagtail_site"):
        hostname = split_domain_port(request._get_raw_host())[0]
        request._wagtail_site = versioned(
            f"pages:site:{hostname}:{request.get_port()}", lambda: Site.find_for_request(request)
        )
    return request._wagtail_site


def route(request, path_components):
    """The (page, args, kwargs) serving `path_components` on the request's site; Http404 if none."""
    site = find_site(request)
    if site is None:
        raise Http404
    key = versioned_key(f"pages:route:{site.pk}:/{'/'.join(path_components)}")
    known = cache.get(key)
    if known is not None:
        label, page_id, consumed = known
        model = apps.get_model(label)
        related = getattr(model, "route_select_related", ())
        page = model.objects.select_related(*related).filter(pk=page_id).first()
        if page is not None:
            return page.route(request, path_components[consumed:])
    result = site.root_page.localized.specific.route(request, path_components)
    page, consumed = result.page, result.page.depth - site.root_page.depth
    if 0 <= consumed <= len(path_components):  # the page lies on the path (not found elsewhere)
        cache.set(key, (page._meta.label, page.pk, consumed), VERSIONED_SECONDS)
    return result


def route_for_request(request, path):
    """Route as Wagtail's `Page.route_for_request` does, recording the result on the request."""
    try:
        result = route(request, [part for part in path.split("/") if part])
    except Http404:
        result = None
    request._wagtail_route_for_request = result
    return result
