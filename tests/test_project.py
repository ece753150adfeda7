"""The facts read from the project's files (``edition/text/project.py``): the parts and
chapters the website's sidebar lists."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from edition.text.project import TocPart, build_date, toc_docnames, toc_parts

from .conftest import ROOT

pytestmark = pytest.mark.fast


def write_toc(folder: Path, text: str) -> Path:
    (folder / "_toc.yml").write_text(text, encoding="utf-8")
    return folder


def test_the_books_parts_follow_its_table_of_contents() -> None:
    parts = toc_parts(ROOT)
    assert parts is not None
    assert [docname for part in parts for docname, _ in part.chapters] == toc_docnames(ROOT)[1:]
    assert all(part.caption for part in parts)
    assert parts[1].caption == "Part I · Humble clients, arrogant therapists"


def test_parts_keep_captions_and_titles_given_in_the_table(tmp_path: Path) -> None:
    write_toc(tmp_path, "root: index\nparts:\n  - caption: A\n    chapters:\n      - file: one\n        title: First\n"
                        "      - file: two\n")
    assert toc_parts(tmp_path) == [TocPart("A", (("one", "First"), ("two", None)))]


def test_a_book_without_parts_is_one_part_without_caption(tmp_path: Path) -> None:
    write_toc(tmp_path, "root: index\nchapters:\n  - file: one\n  - file: two\n")
    assert toc_parts(tmp_path) == [TocPart(None, (("one", None), ("two", None)))]


@pytest.mark.parametrize(
    "chapters",
    [
        "  - file: one\n    sections:\n      - file: one-a\n",  # deeper than chapters
        "  - url: https://example.org\n    title: Elsewhere\n",  # not a page of the book
        "  - glob: extra/*\n",
    ],
)
def test_a_deeper_or_other_table_keeps_the_themes_navigation(tmp_path: Path, chapters: str) -> None:
    write_toc(tmp_path, "root: index\nchapters:\n" + chapters)
    assert toc_parts(tmp_path) is None


def test_no_table_no_parts(tmp_path: Path) -> None:
    assert toc_parts(tmp_path) is None



def test_every_page_of_a_deeper_table_in_reading_order(tmp_path: Path) -> None:
    """Sections count as pages too, and a file's suffix is not part of its docname."""
    write_toc(tmp_path, "root: index.md\nchapters:\n  - file: one\n    sections:\n      - file: one-a.md\n  - file: two\n")
    assert toc_docnames(tmp_path) == ["index", "one", "one-a", "two"]


def test_units_are_found_behind_either_fence(tmp_path: Path) -> None:
    from edition.text.project import page_units

    (tmp_path / "page.md").write_text("# P\n\n```{passage} p1\ntext\n```\n\n:::{response} r2\ntext\n:::\n", encoding="utf-8")
    assert page_units(tmp_path, "page") == ("p1", "r2")
    assert page_units(tmp_path, "missing") == ()


def test_one_build_date_in_three_forms(monkeypatch: pytest.MonkeyPatch) -> None:
    """``SOURCE_DATE_EPOCH`` is read once (``project.build_date``): the imprint's day,
    the EPUB's time and the export's time are forms of the same moment."""
    from edition.writers.epub import build_time
    from edition.writers.latex import print_date
    from edition.classroom.webannotation import generated_time

    monkeypatch.setenv("SOURCE_DATE_EPOCH", " 1764115200 ")
    assert build_date().isoformat() == "2025-11-26T00:00:00+00:00"
    assert print_date() == "26 November 2025"
    assert build_time() == time.gmtime(1764115200)
    assert generated_time() == "2025-11-26T00:00:00Z"
    assert generated_time({}) != "2025-11-26T00:00:00Z"  # an environment without it: now


@pytest.mark.parametrize("value", ["soon", "1764115200.5", "-1"])
def test_a_malformed_build_date_is_refused(value: str) -> None:
    with pytest.raises(ValueError, match="SOURCE_DATE_EPOCH is"):
        build_date(value)


def test_no_build_date_means_now() -> None:
    assert abs(build_date("").timestamp() - time.time()) < 60
