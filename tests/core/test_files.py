"""Generated files are stored whole or not at all, and never over an existing file."""

import os

import pytest
from django.core.files.storage import default_storage

from core.files import store_whole


def _files(folder) -> list[str]:
    return sorted(os.listdir(folder)) if folder.exists() else []


def test_a_file_is_stored_under_its_name_and_storing_again_never_replaces_it(settings):
    assert store_whole("packs/report-v1.pdf", b"first") == "packs/report-v1.pdf"
    second = store_whole("packs/report-v1.pdf", b"second, longer")
    assert second != "packs/report-v1.pdf"
    assert second.startswith("packs/report-v1") and second.endswith(".pdf")
    assert default_storage.open("packs/report-v1.pdf").read() == b"first"
    assert default_storage.open(second).read() == b"second, longer"
    # Two files, no leftovers of the temporary writes.
    assert _files(settings.MEDIA_ROOT / "packs") == sorted(["report-v1.pdf", second[6:]])
    assert oct(os.stat(default_storage.path("packs/report-v1.pdf")).st_mode & 0o777) == "0o644"


def test_a_write_that_dies_half_way_leaves_nothing_under_the_name(settings, monkeypatch):
    store_whole("packs/report-v1.pdf", b"the complete earlier file")
    real_fsync = os.fsync

    def die_after_half_is_written(fd):
        real_fsync(fd)
        raise OSError("No space left on device")

    monkeypatch.setattr(os, "fsync", die_after_half_is_written)
    with pytest.raises(OSError, match="No space left"):
        store_whole("packs/report-v1.pdf", b"a new file that never finishes")
    with pytest.raises(OSError):
        store_whole("packs/report-v2.pdf", b"nor does this one")
    assert default_storage.open("packs/report-v1.pdf").read() == b"the complete earlier file"
    assert _files(settings.MEDIA_ROOT / "packs") == ["report-v1.pdf"]
