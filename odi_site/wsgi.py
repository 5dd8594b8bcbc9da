"""WSGI entry point; production servers set DJANGO_SETTINGS_MODULE themselves.

Cached anonymous pages are answered in front of Django's handler (odi_site/caching/front.py).
"""

import os

from django.core.wsgi import get_wsgi_application

from odi_site.caching.front import CachedPages

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "odi_site.settings.production")

application = CachedPages(get_wsgi_application())
