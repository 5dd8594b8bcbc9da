from django.conf import settings
from django.urls import include, path, re_path
from django.views.static import serve as static_serve
from wagtail import urls as wagtail_urls
from wagtail import views as wagtail_views
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.admin.views.account import PasswordResetView
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from odi_site import health
from odi_site.caching.page_cache import shareable
from odi_site.rate_limits import failed_password, posted, throttle
from pages import views as page_views
from pages.newsletter import views as newsletter_views

# Wagtail's page-password and admin password-reset views, each behind a per-visitor limit
# (listed before Wagtail's own patterns, which they replace; the views are Wagtail's).
throttled_views = [
    path(
        "_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/",
        throttle("page-password", "PAGE_PASSWORD_ATTEMPTS", 10 * 60, failed_password)(
            wagtail_views.authenticate_with_password
        ),
    ),
    path(
        "admin/password_reset/",
        throttle("password-reset", "PASSWORD_RESET_ATTEMPTS", 60 * 60, posted)(PasswordResetView.as_view()),
    ),
]

urlpatterns = throttled_views + [
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("search/", page_views.search, name="search"),
    path("sitemap.xml", shareable("p")(sitemap), name="sitemap"),
    path("robots.txt", page_views.robots_txt, name="robots_txt"),
    # The newsletter mails' one-click unsubscribe (RFC 8058), for mail clients rather than people.
    path(
        "newsletter/one-click-unsubscribe/",
        newsletter_views.one_click,
        name="newsletter_one_click_unsubscribe",
    ),
    re_path(
        r"^(?P<path>(?:[\w-]+/)+)(?P<filename>calendar\.ics|download\.csv|download\.json)$",
        page_views.page_file,
        name="page_file",
    ),
]

if settings.SERVE_MEDIA_LOCALLY:
    # Development and browser tests only; production serves media from storage or the proxy.
    urlpatterns += [re_path(r"^media/(?P<path>.*)$", static_serve, {"document_root": settings.MEDIA_ROOT})]

# Pages: Wagtail's own serve view, view restrictions and hooks (last, as it matches any path).
urlpatterns += [path("", include(wagtail_urls))]

handler500 = "pages.views.server_error"
