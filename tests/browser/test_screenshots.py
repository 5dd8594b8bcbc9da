"""Full-page screenshots of every page type and view, for review (make browser)."""

import os
from pathlib import Path

import pytest
from django.conf import settings

from .browsing import load, load_all_images, representatives
from .targets import DESKTOP, MOBILE

pytestmark = pytest.mark.browser


def screenshot_dir():
    directory = Path(os.environ.get("ODI_SCREENSHOT_DIR") or Path(settings.BASE_DIR) / "build" / "screenshots")
    directory.mkdir(parents=True, exist_ok=True)
    return directory


def test_screenshots_of_each_page_type(visits, new_page, live_site):
    """Writes <name>-desktop.png (1280 px) and <name>-mobile.png (390 px) to build/screenshots/."""
    directory = screenshot_dir()
    page = new_page()
    written = []
    for viewport, suffix in ((DESKTOP, "desktop"), (MOBILE, "mobile")):
        page.set_viewport_size(viewport)
        for visit in representatives(visits):
            load(page, live_site.base_url, visit.target)
            load_all_images(page)  # lazy images below the fold would be blank in a full-page shot
            file = directory / f"{visit.target.name}-{suffix}.png"
            page.screenshot(path=file, full_page=True, animations="disabled")
            written.append(file)
    assert all(file.stat().st_size > 1000 for file in written)
