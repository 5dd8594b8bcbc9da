"""The visitor's address, as the proxies we trust report it (django-ipware reads the header).

`TRUSTED_PROXY_COUNT` says how many proxies stand in front of the app servers (0: none, the
connecting address is the visitor's). Each proxy appends the address it saw to
X-Forwarded-For, so the visitor is the N-th entry from the right; whatever a visitor writes in
the header themselves lies further left and is never used. A request with fewer hops than that
(one that reached the app without passing the proxies) counts as its connecting address.
Form rate limits, django-axes and the page-password and password-reset throttles all use this.
"""

from django.conf import settings
from ipware import get_client_ip


def client_ip(request):
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies:
        address, _routable = get_client_ip(
            request, proxy_count=proxies - 1, request_header_order=["HTTP_X_FORWARDED_FOR"], strict=False
        )
        if address:
            return address
    return request.META.get("REMOTE_ADDR", "")
