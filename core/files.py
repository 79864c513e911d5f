"""Writing generated files so that nobody ever sees half of one."""

import contextlib
import os
import tempfile

from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage, default_storage


def store_whole(name: str, content: bytes) -> str:
    """Store `content` under `name` in the default storage, whole or not at all; return the name.

    On a local file system the bytes go to a temporary file beside the target, are flushed to
    disk and renamed over `name` in one step: a process killed while writing leaves no partial
    file under that name, and storing again (a retried pack) replaces the file instead of adding
    a copy. Other storages (object stores) write an object whole anyway; there the storage's own
    naming applies and the name it chose is returned.
    """
    if not isinstance(default_storage, FileSystemStorage):
        return default_storage.save(name, ContentFile(content))
    target = default_storage.path(name)
    folder = os.path.dirname(target)
    os.makedirs(folder, exist_ok=True)
    handle, partial = tempfile.mkstemp(dir=folder, prefix=".", suffix=".partial")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(content)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(partial, default_storage.file_permissions_mode or 0o644)
        os.replace(partial, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.remove(partial)
        raise
    return name
