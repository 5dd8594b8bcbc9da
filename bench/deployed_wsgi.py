"""The site as the deployment serves it, for bench/lighthouse.py: Django behind a web server that
answers /media/images/ (image renditions) from MEDIA_ROOT itself, as the nginx example in
docs/deployment.md does. Without it every image would be a 404 (Django serves no media), which
a browser-based measurement counts against the page.
"""

from pathlib import Path

from django.conf import settings
from whitenoise import WhiteNoise

from odi_site.wsgi import application as site

application = WhiteNoise(site)
application.add_files(str(Path(settings.MEDIA_ROOT) / "images"), prefix="media/images/")
