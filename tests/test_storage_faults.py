"""A full disk (or any storage error) during an upload: a clear form error, no partial file, no row.

`DiskFullStorage` writes the first kilobyte of a file and then fails with ENOSPC, as a disk that
fills up mid-write does; the same content through Django's plain FileSystemStorage shows the
partial file the site's storage exists to avoid.
"""

import errno
import os

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import OperationalError
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.models import UploadedFile

from odi_site.storage import AtomicFileSystemStorage
from odi_site.uploads import STORAGE_FAILED_MESSAGE
from tests.test_uploads import DOCUMENT_UPLOADERS, IMAGE_UPLOADERS, JPEG, UPLOADER_IDS, stored_files, upload

PDF = b"%PDF-1.7\n" + os.urandom(8192)


class FillsUp:
    """File content that runs out of space after its first chunk."""

    def __init__(self, content):
        self.content = content

    def chunks(self, chunk_size=1024):
        self.content.seek(0)
        yield self.content.read(chunk_size)
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


class DiskFullStorage(AtomicFileSystemStorage):
    def _save(self, name, content):
        return super()._save(name, FillsUp(content))


class OriginalsDiskFullStorage(AtomicFileSystemStorage):
    """Full only for new originals, so the edit page can still show the existing preview rendition."""

    def _save(self, name, content):
        return super()._save(name, FillsUp(content) if name.startswith("original_images/") else content)


class PlainDiskFullStorage(FileSystemStorage):
    def _save(self, name, content):
        return super()._save(name, FillsUp(content))


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def disk_full(settings, media):
    settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": "tests.test_storage_faults.DiskFullStorage"}}
    return media


def test_plain_storage_leaves_a_partial_file_and_ours_does_not(tmp_path):
    content = ContentFile(PDF, name="report.pdf")
    with pytest.raises(OSError, match="No space left"):
        PlainDiskFullStorage(location=tmp_path / "plain").save("report.pdf", content)
    assert [path.stat().st_size for path in stored_files(tmp_path / "plain")] == [1024]
    with pytest.raises(OSError, match="No space left"):
        DiskFullStorage(location=tmp_path / "ours").save("report.pdf", content)
    assert stored_files(tmp_path / "ours") == []


def test_a_complete_write_lands_under_its_name_with_nothing_else(tmp_path):
    storage = AtomicFileSystemStorage(location=tmp_path)
    name = storage.save("docs/report.pdf", ContentFile(PDF))
    assert (tmp_path / name).read_bytes() == PDF
    assert stored_files(tmp_path) == [tmp_path / name]
    assert storage.save("docs/report.pdf", ContentFile(b"%PDF-2")) != name  # never overwrites


@pytest.mark.django_db
class TestUploadsOnAFullDisk:
    @pytest.mark.parametrize("uploader", IMAGE_UPLOADERS, ids=UPLOADER_IDS)
    def test_image_upload_gives_a_form_error_and_leaves_nothing(self, admin_client, disk_full, uploader):
        status, error = upload(admin_client, uploader, "photo.jpg", JPEG)
        assert status == 200 and STORAGE_FAILED_MESSAGE in error
        assert not Image.objects.exists() and not UploadedFile.objects.exists()
        assert stored_files(disk_full) == []

    @pytest.mark.parametrize("uploader", DOCUMENT_UPLOADERS, ids=UPLOADER_IDS)
    def test_document_upload_gives_a_form_error_and_leaves_nothing(self, admin_client, disk_full, uploader):
        status, error = upload(admin_client, uploader, "report.pdf", PDF)
        assert status == 200 and STORAGE_FAILED_MESSAGE in error
        assert not Document.objects.exists() and not UploadedFile.objects.exists()
        assert stored_files(disk_full) == []

    def test_replacing_an_image_file_on_a_full_disk_keeps_the_old_one(self, admin_client, media, settings):
        upload(admin_client, IMAGE_UPLOADERS[0], "photo.jpg", JPEG)
        image = Image.objects.get()
        admin_client.get(f"/admin/images/{image.pk}/")  # the edit page's preview rendition exists
        before = sorted(stored_files(media))
        backend = "tests.test_storage_faults.OriginalsDiskFullStorage"
        settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": backend}}

        response = admin_client.post(
            f"/admin/images/{image.pk}/",
            {"title": "New", "collection": image.collection_id, "file": SimpleUploadedFile("new.jpg", JPEG)},
        )
        assert response.status_code == 200
        assert STORAGE_FAILED_MESSAGE in " ".join(response.context["form"].errors["file"])
        image.refresh_from_db()
        assert image.title == "photo.jpg" and image.file.name.endswith("photo.jpg")
        assert sorted(stored_files(media)) == before

    def test_a_row_that_cannot_be_saved_takes_its_stored_file_with_it(self, admin_client, media, monkeypatch):
        def database_down(*args, **kwargs):
            raise OperationalError("the database went away")

        monkeypatch.setattr(Document, "save", database_down)
        status, _error = upload(admin_client, DOCUMENT_UPLOADERS[0], "report.pdf", PDF)
        assert status == 503
        assert stored_files(media) == []
