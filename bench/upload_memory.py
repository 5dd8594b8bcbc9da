"""`make bench`, uploads: the peak memory of one image upload, and of making its renditions.

Each case runs in a fresh process (its peak resident memory is its own) against a throwaway
SQLite database: the admin image form validating the file (Wagtail's header checks, our full
decode, metadata removed), then for an accepted image the worker's task that makes every
rendition the templates use. Target: at most 512 MB for any one upload.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
WORK = REPO / "build" / "upload-memory"
LIMIT_MB = 512
CASES = {
    "121 MP PNG (refused)": ("poster.png", "PNG", (11_000, 11_000), "1"),
    "39 MP JPEG with camera data": ("photo.jpg", "JPEG", (7_650, 5_100), "RGB"),
    "39 MP PNG": ("scan.png", "PNG", (7_650, 5_100), "RGB"),
}

# Runs in the child: validate the file through the admin's own form, then make its renditions.
CHILD = """
import json, sys
import django
django.setup()
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from odi_site.renditions import make_renditions
from wagtail.images import get_image_model
from wagtail.images.forms import get_image_form
from wagtail.models import Collection

def peak_mb():  # this process's peak resident memory (VmHWM: unlike ru_maxrss, not inherited across exec)
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) // 1024 for line in status if line.startswith("VmHWM"))

path = sys.argv[1]
data = open(path, "rb").read()
user = get_user_model().objects.filter(is_superuser=True).first() or get_user_model().objects.create_superuser("bench")
started = peak_mb()
form = get_image_form(get_image_model())(  # the admin's own form (WAGTAILIMAGES_IMAGE_FORM_BASE)
    data={"title": "big", "collection": Collection.get_first_root_node().pk},
    files={"file": SimpleUploadedFile(path.rsplit("/", 1)[1], data)},
    user=user,
)
accepted = form.is_valid()
upload = peak_mb()
if accepted:
    make_renditions.call(form.save().pk)
print(json.dumps({"accepted": accepted, "file_mb": round(len(data) / 2**20, 1), "start_mb": started,
                  "upload_mb": upload, "renditions_mb": peak_mb() if accepted else None}))
"""


def make_file(name, image_format, size, mode):
    """The picture as a file of its own, written by this process (not counted in the child)."""
    from PIL import Image

    path = WORK / name
    picture = Image.linear_gradient("L").resize(size).convert(mode)
    options = {}
    if image_format == "JPEG":
        exif = Image.Exif()
        exif[0x010F] = "PhoneMaker"
        options["exif"] = exif
    picture.save(path, image_format, **options)
    return path


def run(path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "odi_site.settings.test",
        "DATABASE_URL": f"sqlite:///{WORK / 'db.sqlite3'}",
        "MEDIA_ROOT": str(WORK / "media"),
        "PYTHONPATH": str(REPO),
    }
    result = subprocess.run([sys.executable, "-c", CHILD, str(path)], cwd=REPO, env=env, capture_output=True, text=True)
    if result.returncode:
        raise RuntimeError(result.stderr)
    return json.loads(result.stdout.strip().splitlines()[-1])


def main():
    WORK.mkdir(parents=True, exist_ok=True)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "odi_site.settings.test",
        "DATABASE_URL": f"sqlite:///{WORK / 'db.sqlite3'}",
    }
    subprocess.run([sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"], cwd=REPO, env=env, check=True)
    print(f"\nPeak memory of one image upload and its renditions (fresh process each, limit {LIMIT_MB} MB)")
    results = {}
    for name, (file_name, *case) in CASES.items():
        results[name] = row = run(make_file(file_name, *case))
        peak = max(row["upload_mb"], row["renditions_mb"] or 0)
        print(
            f"  {name:<30} file {row['file_mb']:>5} MB  accepted {row['accepted']!s:<5}  "
            f"Django alone {row['start_mb']:>4} MB  after the form {row['upload_mb']:>5} MB  "
            f"after renditions {row['renditions_mb'] or '-':>5} MB  {'ok' if peak <= LIMIT_MB else 'OVER'}"
        )
    (REPO / "build" / "upload-memory.json").write_text(json.dumps(results, indent=2) + "\n")


if __name__ == "__main__":
    main()
