"""Admin upload forms that check a file's content, not just its name (WAGTAIL*_FORM_BASE settings).

Wagtail checks an image's size, extension and header, and a document's size and extension.
A truncated or damaged image still got through (and a damaged one made the upload view
fail), and any bytes could be uploaded as a document under an allowed name, e.g. a web page
or a program renamed to `.pdf`. These forms refuse both with a message an editor can act on.
"""

import codecs
import logging
from io import BytesIO
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import InMemoryUploadedFile, UploadedFile
from PIL import Image as PILImage
from PIL import ImageOps
from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm
from willow.image import Image as WillowImage

logger = logging.getLogger(__name__)

STORAGE_FAILED_MESSAGE = (
    "The file could not be stored: the server's storage is full or not responding. Nothing has been "
    "saved. Please try again later, and tell the site administrator if it keeps happening."
)
DAMAGED_IMAGE_MESSAGE = (
    "This image is damaged or incomplete, so it cannot be shown. Open it in an image editor, "
    "save it again (or download it again from where it came from), and upload the new file."
)
ZIP_SIGNATURE = b"PK\x03\x04"
PDF_SIGNATURE = b"%PDF-"
# PDF readers accept the signature anywhere in the first kilobyte.
PDF_SIGNATURE_WINDOW = 1024
# What a document with each extension must start with (Office and OpenDocument files are ZIP archives).
SIGNATURES = {
    "pdf": (PDF_SIGNATURE, "a PDF"),
    "docx": (ZIP_SIGNATURE, "a Word document"),
    "xlsx": (ZIP_SIGNATURE, "an Excel workbook"),
    "pptx": (ZIP_SIGNATURE, "a PowerPoint presentation"),
    "odt": (ZIP_SIGNATURE, "an OpenDocument text file"),
}
TEXT_KINDS = {"csv": "a CSV file saved as UTF-8", "txt": "a plain-text file saved as UTF-8"}
# Where cameras put position, device and author data, and how each format is saved again without it.
METADATA_KEYS = {"exif", "xmp", "XML:com.adobe.xmp", "comment", "photoshop"}
METADATA_FORMATS = {"JPEG": {"quality": 95}, "PNG": {"optimize": True}, "WEBP": {"quality": 95}}


class VerifiedImageField(WagtailImageField):
    """Wagtail's image field, which also decodes the whole image with Pillow before accepting it
    and keeps it without camera data. Wagtail refuses an image over WAGTAILIMAGES_MAX_IMAGE_PIXELS
    from its header, before anything is decoded."""

    def to_python(self, data):
        try:
            upload = super().to_python(data)
        except OSError as error:  # Pillow reading a damaged file while Wagtail measures it
            raise ValidationError(DAMAGED_IMAGE_MESSAGE, code="damaged_image") from error
        if upload is not None:
            check_image_decodes(upload)
            upload = without_metadata(upload)
        return upload


def check_image_decodes(upload):
    """Decode every pixel: a header alone says nothing about a file cut short or garbled later on."""
    upload.seek(0)
    try:
        with PILImage.open(upload) as image:
            image.load()
    except Exception as error:  # Pillow raises many exception types for malformed data
        raise ValidationError(DAMAGED_IMAGE_MESSAGE, code="damaged_image") from error
    finally:
        upload.seek(0)


def without_metadata(upload):
    """The upload saved again without what cameras and phones write into it (EXIF with GPS position
    and camera, XMP, comments), turned upright as its orientation tag said; itself if it has none.

    Renditions copy a JPEG's EXIF, and the original is kept, so it is cleaned before either exists.
    """
    upload.seek(0)
    with PILImage.open(upload) as image:
        if image.format not in METADATA_FORMATS or not (set(image.info) & METADATA_KEYS or image.getexif()):
            upload.seek(0)
            return upload
        image_format, icc_profile = image.format, image.info.get("icc_profile")
        upright = ImageOps.exif_transpose(image)
        upright.info = {}
        output = BytesIO()
        options = {"icc_profile": icc_profile} if icc_profile else {}
        upright.save(output, image_format, **options, **METADATA_FORMATS[image_format])
    logger.info("Upload saved without its metadata", extra={"image_format": image_format})
    clean = InMemoryUploadedFile(
        output, "file", upload.name, upload.content_type, output.getbuffer().nbytes, upload.charset
    )
    clean.image = WillowImage.open(clean)  # what Wagtail's field attaches to the file it checked
    clean.seek(0)
    return clean


class StoredOnValidationMixin:
    """Writes a new file to storage as the last step of validation, so a storage failure (disk full,
    object store down) becomes a form error and no row is written.

    Wagtail's upload views (single and multiple) save inside their own code, where an exception
    can only be a 500; `is_valid()` is the last place they ask the form anything. The stored file
    is then committed, so saving the row writes no file again; if the row cannot be saved, the
    file is removed.
    """

    stored_name = None

    def is_valid(self):
        if not super().is_valid():
            return False
        upload = self.cleaned_data.get("file")
        if self.stored_name is None and isinstance(upload, UploadedFile):
            try:
                self.instance.file.save(upload.name, upload, save=False)
            except Exception as error:  # noqa: BLE001  (any storage backend's failure: OSError, S3 errors, ...)
                logger.error("Upload not stored: %s", type(error).__name__, extra={"error": type(error).__name__})
                self.add_error("file", ValidationError(STORAGE_FAILED_MESSAGE, code="storage_failed"))
                return False
            self.stored_name = self.instance.file.name
        return True

    def save(self, commit=True):
        try:
            return super().save(commit=commit)
        except Exception:
            if self.stored_name:
                self.instance.file.storage.delete(self.stored_name)
            raise


class ImageForm(StoredOnValidationMixin, BaseImageForm):
    """The admin image form (single and multiple upload) with a fully decoded file."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Replaced per form, not declared on the class: Wagtail's field reads its size limits
        # from settings when it is created. The multiple uploader's edit step has no file field.
        field = self.fields.get("file")
        if field is not None:
            self.fields["file"] = VerifiedImageField(label=field.label, required=field.required, widget=field.widget)


def document_content_problem(upload):
    """Why the file's content does not match its extension, or None when it does (or is not checked)."""
    extension = PurePath(upload.name).suffix.lower().lstrip(".")
    upload.seek(0)
    try:
        if extension in SIGNATURES:
            signature, kind = SIGNATURES[extension]
            head = upload.read(PDF_SIGNATURE_WINDOW)
            found = signature in head if signature == PDF_SIGNATURE else head.startswith(signature)
            return None if found else mismatch_message(kind, extension)
        if extension in TEXT_KINDS:
            return None if is_utf8_text(upload) else mismatch_message(TEXT_KINDS[extension], extension)
        return None
    finally:
        upload.seek(0)


def is_utf8_text(upload):
    """UTF-8 throughout and no NUL bytes, read in chunks so a large file never sits in memory."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        for chunk in upload.chunks():
            if b"\x00" in chunk:
                return False
            decoder.decode(chunk)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def mismatch_message(kind, extension):
    return (
        f"This file is not {kind}, although its name ends in .{extension}. Open it in the program "
        f"that made it, save or export it as {kind}, and upload that file."
    )


class DocumentForm(StoredOnValidationMixin, BaseDocumentForm):
    """The admin document form (single and multiple upload) that checks new files by content."""

    def clean_file(self):
        upload = self.cleaned_data["file"]
        # Only new uploads: an unchanged document's stored file was checked when it arrived.
        if isinstance(upload, UploadedFile):
            problem = document_content_problem(upload)
            if problem:
                raise ValidationError(problem, code="content_mismatch")
        return upload
