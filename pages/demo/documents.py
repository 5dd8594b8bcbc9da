"""The demo's document library: small, valid files made in code (a one-page PDF with real text, a
minimal Word document), saved under the meaningful names visitors download them by.

Documents are matched by title, so a second run reuses them instead of uploading copies.
"""

import zipfile
from io import BytesIO
from xml.sax.saxutils import escape

from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.models import Collection
from wagtail.utils.file import hash_filelike

PAGE_WIDTH, PAGE_HEIGHT = 612, 792  # US Letter, in points
MARGIN, LEADING = 72, 16


def pdf_text(value):
    """A PDF literal string: backslashes and parentheses escaped, Latin-1 only (the base fonts' set)."""
    value = value.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    return value.encode("latin-1", "replace").decode("latin-1")


def wrap(text, width=80):
    lines, line = [], ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return [*lines, line] if line else lines


def render_pdf(title, paragraphs):
    """A one-page PDF: the title in bold, then the paragraphs, as selectable text (Helvetica)."""
    commands = [f"BT /F2 18 Tf {MARGIN} {PAGE_HEIGHT - MARGIN} Td ({pdf_text(title)}) Tj ET"]
    y = PAGE_HEIGHT - MARGIN - 2 * LEADING
    for paragraph in paragraphs:
        for line in wrap(paragraph):
            commands.append(f"BT /F1 11 Tf {MARGIN} {y} Td ({pdf_text(line)}) Tj ET")
            y -= LEADING
        y -= LEADING // 2
    stream = "\n".join(commands).encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R /Lang (en-US) >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        (
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {PAGE_WIDTH} {PAGE_HEIGHT}] "
            "/Resources << /Font << /F1 4 0 R /F2 5 0 R >> >> /Contents 6 0 R >>"
        ).encode(),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        f"<< /Title ({pdf_text(title)}) /Producer (odi-site demo content) >>".encode("latin-1"),
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R /Info 7 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


DOCX_CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
</Types>"""
DOCX_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
</Relationships>"""
DOCX_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def render_docx(title, paragraphs):
    """A minimal Word document: the title as a heading paragraph, then the paragraphs."""

    def paragraph(text, style=None):
        properties = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
        return f'<w:p>{properties}<w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r></w:p>'

    body = paragraph(title, "Title") + "".join(paragraph(text) for text in paragraphs)
    document = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<w:document xmlns:w="{DOCX_NS}"><w:body>{body}</w:body></w:document>'
    )
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", DOCX_CONTENT_TYPES)
        archive.writestr("_rels/.rels", DOCX_RELS)
        archive.writestr("word/document.xml", document)
    return buffer.getvalue()


RENDERERS = {"pdf": render_pdf, "docx": render_docx}


def ensure_document(title, filename, paragraphs):
    """The document titled `title`, made as `filename` (its extension picks the format) if missing."""
    Document = get_document_model()
    document = Document.objects.filter(title=title).first()
    if document is None:
        data = RENDERERS[filename.rsplit(".", 1)[-1]](title, paragraphs)
        document = Document(title=title, collection=Collection.get_first_root_node())
        document.file.save(filename, ContentFile(data), save=False)
        # Size and hash, as Wagtail's upload form records them: listings read the size.
        document.file_size = len(data)
        document.file_hash = hash_filelike(BytesIO(data))
        document.save()
    return document
