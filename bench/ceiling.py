"""The ceiling for throughput: a minimal Django view returning fixed bytes.

Served by the same gunicorn, production settings and middleware as the site, so the ratio
site/ceiling shows what our page code costs on top of the web stack itself. `bench/run.py`
saves each measured page's HTML as CEILING_BODY_DIR/<name>.html; `/<name>` returns it.
"""

import os
from functools import cache
from pathlib import Path

from django.http import HttpResponse
from django.urls import path

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "odi_site.settings.production")


@cache
def body(name):
    return (Path(os.environ["CEILING_BODY_DIR"]) / f"{name}.html").read_bytes()


def fixed_bytes(request, name):
    return HttpResponse(body(name), content_type="text/html; charset=utf-8")


urlpatterns = [path("<slug:name>", fixed_bytes)]


def make_application():
    from django.conf import settings
    from django.core.wsgi import get_wsgi_application

    settings.ROOT_URLCONF = __name__
    return get_wsgi_application()


application = make_application()
