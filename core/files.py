"""Writing generated files so that nobody ever sees half of one, nor loses an earlier one."""

import contextlib
import hashlib
import os
import tempfile

from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage, default_storage

# Tries at a free name before giving up; each collision means another file took the name.
_NAME_TRIES = 20


def sha256_hex(content: bytes) -> str:
    """Return the SHA-256 of `content` as 64 lower-case hex digits (what a clerk cites)."""
    return hashlib.sha256(content).hexdigest()


def stored_sha256(name: str) -> str | None:
    """Return the SHA-256 of the stored file `name`, or None when it cannot be read."""
    digest = hashlib.sha256()
    try:
        with default_storage.open(name, "rb") as stream:
            for chunk in iter(lambda: stream.read(1 << 16), b""):
                digest.update(chunk)
    except OSError:
        return None
    return digest.hexdigest()


def store_whole(name: str, content: bytes) -> str:
    """Store `content` as a new file in the default storage, whole or not at all; return its name.

    An existing file is never replaced: when `name` is taken the storage picks a free one
    (e.g. `name_a1B2c3D.pdf`), and the name actually used is returned. On a local file system
    the bytes go to a temporary file beside the target, are flushed to disk and then
    hard-linked under the name, which fails if the name exists (so two writers can never both
    take it): a process killed while writing leaves no partial file under that name. Other
    storages (object stores) write an object whole anyway and choose a free name themselves.
    """
    if not isinstance(default_storage, FileSystemStorage):
        return default_storage.save(name, ContentFile(content))
    target_name = name
    folder = os.path.dirname(default_storage.path(name))
    os.makedirs(folder, exist_ok=True)
    handle, partial = tempfile.mkstemp(dir=folder, prefix=".", suffix=".partial")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(content)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(partial, default_storage.file_permissions_mode or 0o644)
        for _ in range(_NAME_TRIES):
            try:
                os.link(partial, default_storage.path(target_name))
                break
            except FileExistsError:
                target_name = default_storage.get_available_name(name)
        else:
            raise FileExistsError(f"No free name for {name} after {_NAME_TRIES} tries.")
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.remove(partial)
    return target_name
