"""The demo loader and the factories stay out of the running site: nothing it loads imports them."""

import json
import os
import subprocess
import sys

from django.conf import settings

# Loads what a serving process loads (every app's models, wagtail_hooks, urls, views and template
# tags, the URL patterns, the WSGI application), then lists the modules it ended up importing.
SERVING = """
import importlib, importlib.util, json, sys
import odi_site.wsgi
from django.apps import apps
from django.template import engines
from django.urls import get_resolver
from wagtail import hooks

for config in apps.get_app_configs():
    for name in ("models", "wagtail_hooks", "urls", "views", "signals"):
        if importlib.util.find_spec(f"{config.name}.{name}"):
            importlib.import_module(f"{config.name}.{name}")
hooks.search_for_hooks()
get_resolver().url_patterns
for engine in engines.all():
    engine.engine.template_libraries
print(json.dumps(sorted(sys.modules)))
"""


def test_serving_the_site_imports_no_demo_module_nor_factory():
    result = subprocess.run(
        [sys.executable, "-c", SERVING],
        cwd=settings.BASE_DIR,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": settings.SETTINGS_MODULE},
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    modules = json.loads(result.stdout)
    assert {"pages.wagtail_hooks", "training.wagtail_hooks", "survey.wagtail_hooks", "pages.views"} <= set(modules)
    assert [name for name in modules if "demo" in name] == []
    factories = {"factory", "wagtail_factories", "pages.factories", "training.factories", "survey.factories"}
    assert factories.isdisjoint(modules)
