"""The e-book's pure parts, without a build: the identifier, the ZIP file (the lemma: test_lemma.py)."""

from __future__ import annotations

import time
import zipfile
from pathlib import Path

import pytest

from edition.epub import book_identifier, build_time, file_as, write_epub, zip_date

pytestmark = pytest.mark.fast


def test_identifier_is_a_stable_uuid_urn() -> None:
    first = book_identifier("A title")
    assert first == book_identifier("A title") != book_identifier("Another title")
    assert first.startswith("urn:uuid:") and len(first) == len("urn:uuid:") + 36


def test_build_time_follows_source_date_epoch() -> None:
    assert time.strftime("%Y-%m-%dT%H:%M:%SZ", build_time("1764115200")) == "2025-11-26T00:00:00Z"


def test_zip_dates_start_in_1980() -> None:
    assert zip_date(build_time("0")) == (1980, 1, 1, 0, 0, 0)
    assert zip_date(build_time("1764115200")) == (2025, 11, 26, 0, 0, 0)


def test_file_as() -> None:
    assert file_as("Daniel Mackler") == "Mackler, Daniel"
    assert file_as("Editors") == "Editors"


def test_write_epub_is_byte_identical_whatever_the_file_times(tmp_path: Path) -> None:
    folder = tmp_path / "book"
    (folder / "META-INF").mkdir(parents=True)
    (folder / "mimetype").write_bytes(b"application/epub+zip")
    (folder / "META-INF" / "container.xml").write_text("<container/>")
    (folder / "a.xhtml").write_text("<html/>")
    files = ["META-INF/container.xml", "a.xhtml"]
    when = build_time("1764115200")
    write_epub(tmp_path / "one.epub", folder, files, when)
    time.sleep(1.1)
    (folder / "a.xhtml").touch()
    write_epub(tmp_path / "two.epub", folder, files, when)
    assert (tmp_path / "one.epub").read_bytes() == (tmp_path / "two.epub").read_bytes()
    with zipfile.ZipFile(tmp_path / "one.epub") as epub:
        infos = epub.infolist()
    assert [i.filename for i in infos] == ["mimetype", *files]
    assert infos[0].compress_type == zipfile.ZIP_STORED
    assert {i.date_time for i in infos} == {(2025, 11, 26, 0, 0, 0)}
