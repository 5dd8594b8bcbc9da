"""Renditions are made at upload time for exactly the specs the templates use."""

import re
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from odi_site.renditions import TEMPLATE_IMAGE_SPECS, make_renditions, rendition_specs
from pages.factories import ImageFactory

IMAGE_TAG = re.compile(r"{%\s*(?:srcset_image|image|picture)\s+\S+\s+(.*?)%}", re.S)


def template_specs():
    """The filter bits of every image tag in templates/ (up to the first attribute or `as`)."""
    found = set()
    for template in Path(settings.BASE_DIR, "templates").rglob("*.html"):
        for match in IMAGE_TAG.finditer(template.read_text()):
            bits = []
            for bit in match.group(1).split():
                if "=" in bit or bit == "as":
                    break
                bits.append(bit)
            found.add(" ".join(bits))
    return found


def test_every_template_image_spec_is_warmed():
    missing = template_specs() - set(TEMPLATE_IMAGE_SPECS)
    assert not missing, f"add to odi_site/renditions.py TEMPLATE_IMAGE_SPECS: {sorted(missing)}"


def test_uploading_an_image_creates_its_renditions(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        image = ImageFactory()
    assert image.renditions.count() == len(rendition_specs())


def test_the_upload_only_enqueues_a_task_for_the_worker(db, settings, django_capture_on_commit_callbacks):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    with django_capture_on_commit_callbacks(execute=True):
        image = ImageFactory()
    assert image.renditions.count() == 0
    (task,) = DBTaskResult.objects.filter(task_path__startswith="odi_site.")
    assert (task.task_path, task.args_kwargs["args"]) == ("odi_site.renditions.make_renditions", [image.pk])
    # What the worker does with the row (tests/test_worker_faults.py runs the real worker process).
    task.task.call(*task.args_kwargs["args"], **task.args_kwargs["kwargs"])
    assert image.renditions.count() == len(rendition_specs())


def test_a_deleted_image_is_skipped_by_the_task(db):
    assert make_renditions.call(987654) == 0


def test_warm_renditions_command_is_idempotent(db):
    image = ImageFactory()
    call_command("warm_renditions", verbosity=0)
    call_command("warm_renditions", verbosity=0)
    assert image.renditions.count() == len(rendition_specs())
