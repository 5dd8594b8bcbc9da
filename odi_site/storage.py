"""Media storage that never leaves a partial file behind (disk full, quota, I/O error).

Django's FileSystemStorage writes straight into the destination and leaves whatever it wrote
when a write fails. This one writes to a hidden temporary file in the destination folder,
flushes it to disk, and renames it into place (one atomic step on the same filesystem); on any
error the temporary file is removed and the error propagates to the caller.
"""

import contextlib
import os
import tempfile

from django.core.files import File
from django.core.files.storage import FileSystemStorage

STAGING_PREFIX = ".partial-"


class StagedFile(File):
    """A complete file on disk: FileSystemStorage moves it into place instead of copying."""

    def __init__(self, path):
        super().__init__(None, name=path)
        self.path = path

    def temporary_file_path(self):
        return self.path


class AtomicFileSystemStorage(FileSystemStorage):
    def _save(self, name, content):
        directory = os.path.dirname(self.path(name))
        if self.directory_permissions_mode is not None:
            os.makedirs(directory, self.directory_permissions_mode, exist_ok=True)
        else:
            os.makedirs(directory, exist_ok=True)
        descriptor, staged = tempfile.mkstemp(dir=directory, prefix=STAGING_PREFIX)
        try:
            with os.fdopen(descriptor, "wb") as out:
                for chunk in content.chunks():
                    out.write(chunk.encode() if isinstance(chunk, str) else chunk)
                out.flush()
                os.fsync(out.fileno())
            return super()._save(name, StagedFile(staged))
        finally:
            with contextlib.suppress(FileNotFoundError):
                os.remove(staged)
