"""Admin uploads (images, documents, survey CSV): a bad file gets a clear form error, never a
500, and leaves nothing behind (no rows, no file in MEDIA_ROOT or the import folder)."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PILImage
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.models import UploadedFile

from survey.models import Aggregate, PendingSurveyUpload, Survey


def picture(image_format, size=(64, 48)):
    """A small noisy picture (noise keeps it from compressing to almost nothing)."""
    buffer = io.BytesIO()
    PILImage.effect_noise(size, 64).convert("RGB").save(buffer, image_format)
    return buffer.getvalue()


def garbled_png():
    """A PNG whose header is fine but whose pixel data is scrambled halfway through."""
    data = bytearray(picture("PNG"))
    middle = len(data) // 2
    data[middle : middle + 64] = bytes(64)
    return bytes(data)


def office_file():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
    return buffer.getvalue()


JPEG = picture("JPEG", (320, 240))
EXECUTABLE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + bytes(200)
HTML = b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def stored_files(folder):
    return [path for path in folder.rglob("*") if path.is_file()] if folder.exists() else []


IMAGE_UPLOADERS = ["/admin/images/add/", "/admin/images/multiple/add/"]
DOCUMENT_UPLOADERS = ["/admin/documents/add/", "/admin/documents/multiple/add/"]
UPLOADER_IDS = ["single", "multiple"]


def upload(admin_client, url, name, data):
    """Post one file through a single or multiple uploader; (status, the file's error text)."""
    if url.endswith("/multiple/add/"):
        response = admin_client.post(url, {"files[]": SimpleUploadedFile(name, data)})
        body = response.json()
        return response.status_code, "" if body["success"] else body["error_message"]
    response = admin_client.post(url, {"title": name, "file": SimpleUploadedFile(name, data)})
    form = response.context["form"] if response.status_code == 200 else None
    return response.status_code, " ".join(form.errors.get("file", [])) if form else ""


BAD_IMAGES = [
    ("text-named-png", "notes.png", b"Meeting notes, not a picture.\n", "Upload a valid image"),
    ("truncated-jpeg", "photo.jpg", JPEG[: len(JPEG) // 2], "damaged or incomplete"),
    ("garbled-png", "chart.png", garbled_png(), "damaged or incomplete"),
    ("png-named-jpg", "photo.jpg", picture("PNG"), "extension does not match"),
    ("bitmap", "scan.bmp", picture("BMP"), "Not a supported image format"),
    ("web-page-named-gif", "banner.gif", HTML, "Not a valid .gif image"),
]
BAD_DOCUMENTS = [
    ("web-page-named-pdf", "report.pdf", HTML, "This file is not a PDF, although its name ends in .pdf"),
    ("program-named-pdf", "report.pdf", EXECUTABLE, "This file is not a PDF"),
    ("text-named-docx", "minutes.docx", b"Minutes of the meeting\n", "This file is not a Word document"),
    ("binary-named-csv", "figures.csv", b"a,b\n\x00\x01\x02\xff", "This file is not a CSV file saved as UTF-8"),
    ("latin1-named-txt", "notes.txt", "Café au lait".encode("latin-1"), "not a plain-text file saved as UTF-8"),
    ("program", "setup.exe", EXECUTABLE, "is not allowed"),
    ("web-page", "page.html", HTML, "is not allowed"),
]
GOOD_DOCUMENTS = [
    ("report.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n"),
    ("minutes.docx", office_file()),
    ("figures.csv", "group,percent\nÉcole,12.5\n".encode()),
]


@pytest.mark.django_db
class TestImageUploads:
    @pytest.mark.parametrize("uploader", IMAGE_UPLOADERS, ids=UPLOADER_IDS)
    @pytest.mark.parametrize(
        ("name", "data", "message"), [case[1:] for case in BAD_IMAGES], ids=[c[0] for c in BAD_IMAGES]
    )
    def test_bad_image_is_refused_with_a_message_and_nothing_is_stored(
        self, admin_client, media, uploader, name, data, message
    ):
        status, error = upload(admin_client, uploader, name, data)
        assert status == 200 and message in error
        assert not Image.objects.exists() and not UploadedFile.objects.exists()
        assert stored_files(media) == []

    @pytest.mark.parametrize("uploader", IMAGE_UPLOADERS, ids=UPLOADER_IDS)
    def test_image_over_the_size_limit_is_refused(self, admin_client, media, settings, uploader):
        settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 1024
        status, error = upload(admin_client, uploader, "photo.jpg", JPEG)
        assert status == 200 and "This file is too big" in error
        assert not Image.objects.exists() and stored_files(media) == []

    @pytest.mark.parametrize("uploader", IMAGE_UPLOADERS, ids=UPLOADER_IDS)
    def test_sound_image_is_stored(self, admin_client, media, uploader):
        status, error = upload(admin_client, uploader, "photo.jpg", JPEG)
        assert status in (200, 302) and error == ""
        assert Image.objects.count() == 1 and stored_files(media)

    @pytest.mark.parametrize("uploader", IMAGE_UPLOADERS, ids=UPLOADER_IDS)
    def test_an_image_with_more_pixels_than_allowed_is_refused_before_it_is_decoded(
        self, admin_client, media, settings, uploader, monkeypatch
    ):
        """A few kilobytes of PNG can hold a picture that takes gigabytes to decode."""
        settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
        buffer = io.BytesIO()
        PILImage.new("1", (11_000, 11_000)).save(buffer, "PNG")  # 121 megapixels, ~15 KB
        monkeypatch.setattr(PILImage.Image, "load", lambda image: pytest.fail("decoded an oversized image"))
        status, error = upload(admin_client, uploader, "poster.png", buffer.getvalue())
        assert status == 200 and "too many pixels" in error.lower()
        assert not Image.objects.exists() and stored_files(media) == []

    @pytest.mark.parametrize("uploader", IMAGE_UPLOADERS, ids=UPLOADER_IDS)
    def test_camera_data_is_removed_from_the_original_and_so_from_every_rendition(self, admin_client, media, uploader):
        exif = PILImage.Exif()
        exif[0x010F], exif[0x0110], exif[0x0112] = "PhoneMaker", "PhoneModel", 6  # 6: turned on its side
        exif.get_ifd(0x8825).update({1: "N", 2: (38.0, 38.0, 0.0), 3: "W", 4: (90.0, 18.0, 0.0)})
        buffer = io.BytesIO()
        PILImage.effect_noise((320, 240), 64).convert("RGB").save(buffer, "JPEG", exif=exif)
        status, error = upload(admin_client, uploader, "from-my-phone.jpg", buffer.getvalue())
        assert status in (200, 302) and error == ""
        image = Image.objects.get()
        assert (image.width, image.height) == (240, 320)  # stood upright, as the tag said
        for spec in ("original", "fill-1200x630|format-jpeg", "format-webp|width-480"):
            rendition = image.get_rendition(spec) if spec != "original" else image
            with rendition.file.open("rb") as stored, PILImage.open(stored) as saved:
                assert not saved.getexif() and "exif" not in saved.info, spec

    def test_editing_an_image_without_a_new_file_keeps_it(self, admin_client, media):
        upload(admin_client, IMAGE_UPLOADERS[0], "photo.jpg", JPEG)
        image = Image.objects.get()
        response = admin_client.post(
            f"/admin/images/{image.pk}/", {"title": "Renamed", "collection": image.collection_id}
        )
        assert response.status_code == 302
        image.refresh_from_db()
        with image.file.open("rb") as stored:
            assert image.title == "Renamed" and stored.read() == JPEG


@pytest.mark.django_db
class TestDocumentUploads:
    @pytest.mark.parametrize("uploader", DOCUMENT_UPLOADERS, ids=UPLOADER_IDS)
    @pytest.mark.parametrize(
        ("name", "data", "message"), [case[1:] for case in BAD_DOCUMENTS], ids=[c[0] for c in BAD_DOCUMENTS]
    )
    def test_bad_document_is_refused_with_a_message_and_nothing_is_stored(
        self, admin_client, media, uploader, name, data, message
    ):
        status, error = upload(admin_client, uploader, name, data)
        assert status == 200 and message in error
        assert not Document.objects.exists() and not UploadedFile.objects.exists()
        assert stored_files(media) == []

    @pytest.mark.parametrize("uploader", DOCUMENT_UPLOADERS, ids=UPLOADER_IDS)
    def test_document_over_the_size_limit_is_refused(self, admin_client, media, settings, uploader):
        settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 100
        status, error = upload(admin_client, uploader, "report.pdf", b"%PDF-1.7\n" + bytes(200))
        assert status == 200 and "This file is too big" in error
        assert not Document.objects.exists() and stored_files(media) == []

    @pytest.mark.parametrize("uploader", DOCUMENT_UPLOADERS, ids=UPLOADER_IDS)
    @pytest.mark.parametrize(("name", "data"), GOOD_DOCUMENTS, ids=[name for name, _ in GOOD_DOCUMENTS])
    def test_sound_document_is_stored(self, admin_client, media, uploader, name, data):
        status, error = upload(admin_client, uploader, name, data)
        assert status in (200, 302) and error == ""
        assert Document.objects.count() == 1 and stored_files(media)


@pytest.mark.django_db
class TestSurveyCsvUpload:
    @pytest.fixture
    def import_dir(self, media):
        """Nothing of a refused file may be kept: no pending upload row, no file in MEDIA_ROOT."""
        yield media
        assert not PendingSurveyUpload.objects.exists()

    def post(self, admin_client, name, data):
        response = admin_client.post("/admin/survey/import/", {"file": SimpleUploadedFile(name, data)})
        assert response.status_code == 200
        return response

    @pytest.mark.parametrize(
        ("name", "data", "message"),
        [
            ("results.csv", EXECUTABLE, "contains a NUL byte; expected a text (CSV) file"),
            ("results.csv", "record,survey\nprofile,Café".encode("latin-1"), "is not valid UTF-8"),
            ("results.xlsx", office_file(), "This is a .xlsx file; choose a .csv file"),
            ("results.pdf", b"%PDF-1.7\n", "This is a .pdf file; choose a .csv file"),
        ],
        ids=["program-named-csv", "latin1-csv", "workbook", "pdf"],
    )
    def test_wrong_kind_of_file_is_refused_with_a_message(self, admin_client, import_dir, name, data, message):
        response = self.post(admin_client, name, data)
        assert message in response.content.decode()
        assert not response.context.get("token")
        assert not Survey.objects.exists() and not Aggregate.objects.exists()
        assert stored_files(import_dir) == []

    def test_file_over_the_size_limit_is_refused(self, admin_client, import_dir, monkeypatch):
        monkeypatch.setattr("survey.admin_views.MAX_BYTES", 1024 * 1024)
        response = self.post(admin_client, "results.csv", b"record,survey\n" + b"x" * 1024 * 1024)
        assert response.context["form"].errors["file"] == ["The file is larger than 1 MB."]
        assert "The file is larger than 1 MB." in response.content.decode()
        assert not Survey.objects.exists() and stored_files(import_dir) == []
