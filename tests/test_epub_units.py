"""The e-book's pure parts, without a build: the identifier, the ZIP file (the lemma: test_lemma.py)."""

from __future__ import annotations

import time
import zipfile
from pathlib import Path

import pytest

from xml.etree import ElementTree

from edition.writers.epub import (
    bibliography_last, book_identifier, build_time, cover_svg, file_as, source_statement, write_epub, zip_date,
)

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


def test_the_bibliography_goes_to_the_back_and_the_rest_keep_their_order() -> None:
    entries = [{"refuri": r} for r in ["a.xhtml", "bib.xhtml", "bib.xhtml#refs", "about.xhtml"]]
    assert [e["refuri"] for e in bibliography_last(entries, "bib.xhtml")] == [
        "a.xhtml", "about.xhtml", "bib.xhtml", "bib.xhtml#refs"]


def test_dc_source_is_the_recorded_address_else_a_description() -> None:
    assert source_statement("https://example.org/page", "The page “T”") == "https://example.org/page"
    assert source_statement("", "The page “T & U”") == "The page “T & U”"


def test_cover_sets_the_title_escaped_and_whole() -> None:
    svg = ElementTree.fromstring(cover_svg("Less <Healthy> & Than Their Clients, a title", "Sub", "A. Author"))
    ns = "{http://www.w3.org/2000/svg}"
    lines = [t.text for t in svg.iter(ns + "text")]
    assert " ".join(lines[:-2]) == "Less <Healthy> & Than Their Clients, a title"
    assert lines[-2:] == ["Sub", "A. Author"]
    assert all(len(line) <= 18 for line in lines[:-2])
    assert svg.findtext(ns + "title") == "Less <Healthy> & Than Their Clients, a title"
