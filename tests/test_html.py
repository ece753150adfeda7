"""What a reader of the website gets: numbers, links, the PDF, notes, no outside hosts."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup

from edition.notes.records import anchor_id, note_id
from edition.text.source import label_for

from .conftest import PDF_NAME, ROOT, UNIT_PAGES, annotation_records, toc_docnames

pytestmark = pytest.mark.book

CHAPTERS = UNIT_PAGES


def soup_of(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def all_pages(site: Path) -> list[Path]:
    """Every page of the site: not the theme's template fragments in _static,
    nor the root's redirect to the welcome page."""
    return sorted(
        p for p in site.rglob("*.html")
        if "_static" not in p.relative_to(site).parts and 'http-equiv="Refresh"' not in p.read_text(encoding="utf-8")
    )


@pytest.mark.parametrize("docname, ids", CHAPTERS.items())
def test_units_have_ids_and_visible_numbers(site, docname: str, ids: list[str]) -> None:
    soup = soup_of(site / f"{docname}.html")
    for uid in ids:
        unit = soup.find(id=uid)
        assert unit is not None, f"{docname}: no element with id {uid}"
        number = unit.select_one("a.unit-number")
        assert number is not None and number.get_text() == label_for(uid)
        assert number["href"] == f"#{uid}"


def test_reply_is_threaded_under_its_comment(site) -> None:
    soup = soup_of(site / "book" / "responses.html")
    order = [a["id"] for a in soup.select("article.response")]
    assert order == ["r1", "r1-1", "r2", "r3", "r4"]
    assert "reply" in soup.find(id="r1-1")["class"]


def test_bylines_say_what_the_source_gives(site) -> None:
    soup = soup_of(site / "book" / "responses.html")
    bylines = {a["id"]: a.select_one(".byline-text").get_text() for a in soup.select("article.response")}
    assert "Magdalene D’Silva" in bylines["r1"] and "1 Nov 2022" in bylines["r1"]
    for uid in ("r1-1", "r2", "r3", "r4"):
        assert "unsigned" in bylines[uid]


def test_every_page_links_the_pdf_and_it_resolves(site, pdf_path) -> None:
    for page in all_pages(site):
        links = soup_of(page).select("a.edition-pdf-link")
        assert len(links) == 1, f"{page}: {len(links)} PDF links"
        target = (page.parent / links[0]["href"]).resolve()
        assert target == pdf_path.resolve(), f"{page}: PDF link points to {target}"
    assert pdf_path.read_bytes()[:5] == b"%PDF-"


RESOURCE_ATTRS = {"script": "src", "img": "src", "iframe": "src", "source": "src",
                  "audio": "src", "video": "src", "embed": "src", "object": "data"}


def test_no_page_loads_anything_from_another_host(site) -> None:
    for page in all_pages(site):
        soup = soup_of(page)
        urls = [tag.get(attr) for name, attr in RESOURCE_ATTRS.items() for tag in soup.find_all(name)]
        urls += [link.get("href") for link in soup.find_all("link")
                 if set(link.get("rel", [])) & {"stylesheet", "preload", "icon", "prefetch", "modulepreload", "manifest"}]
        for url in filter(None, urls):
            parts = urlsplit(url)
            local = (not parts.scheme and not parts.netloc) or parts.scheme == "data"
            assert local, f"{page.name} loads {url}"
        for style in soup.find_all("style"):
            assert not re.search(r"url\(\s*['\"]?(https?:)?//", style.get_text()), page.name
    for css in site.rglob("*.css"):
        assert not re.search(r"@import\s+url\(\s*['\"]?(https?:)?//", css.read_text(encoding="utf-8", errors="ignore")), css


def test_every_annotation_is_beside_its_phrase(site) -> None:
    """Each record's note follows the anchor that holds exactly its quote, inside its unit."""
    records = annotation_records()
    assert records, "no annotations in the book"
    for page, record in records:
        soup = soup_of(site / f"{page}.html")
        anchor = soup.find(id=anchor_id(record.id))
        note = soup.find(id=note_id(record.id))
        assert anchor is not None and note is not None, record.id
        assert anchor.get_text() == record.quote, record.id
        assert anchor["href"] == f"#{note_id(record.id)}"
        assert note.select_one("a.annotation-back")["href"] == f"#{anchor_id(record.id)}"
        mark = anchor.find_next_sibling()
        assert mark is not None and "annotation-mark" in mark.get("class", []), f"{record.id}: no mark after its phrase"
        between = ""
        for sibling in anchor.next_siblings:
            if sibling is mark:
                break
            between += str(sibling)
        assert all(not c.isalnum() and not c.isspace() for c in between), (
            f"{record.id}: only the phrase's closing punctuation stands before its mark, not {between!r}")
        assert mark.find_next_sibling() is note, f"{record.id}: note not right after its phrase's mark"
        assert note.find_parent(id=record.paragraph) is not None, f"{record.id}: outside {record.paragraph}"
        assert note["data-kind"] == record.kind
        label = note.select_one(".annotation-kind").get_text()
        assert label == record.kind.capitalize(), "the kind is shown in words"


def test_annotations_export_as_web_annotations(site) -> None:
    data = json.loads((site / "annotations.jsonld").read_text(encoding="utf-8"))
    assert data["@context"] == "http://www.w3.org/ns/anno.jsonld"
    assert data["type"] == "AnnotationCollection"
    items = data["first"]["items"]
    records = {record.id: (page, record) for page, record in annotation_records()}
    assert data["total"] == len(items) == len(records)
    for item in items:
        page, record = records[item["id"].rsplit("#" + note_id(""), 1)[1]]
        target = item["target"]
        assert target["source"] == f"{page}.html"
        assert (site / target["source"]).exists()
        selector = target["selector"]
        assert selector["type"] == "FragmentSelector" and selector["value"] == record.paragraph
        quote = selector["refinedBy"]
        assert quote["type"] == "TextQuoteSelector" and quote["exact"] == record.quote
        # Prefix and suffix come from the built page: see tests/test_export.py.
        assert item["body"][-1]["format"] == "text/markdown"
        assert item["body"][-1]["value"].strip() == record.body.strip()


def test_every_page_has_search_and_theme_switch(site) -> None:
    for name in toc_docnames():
        soup = soup_of(site / f"{name}.html")
        assert soup.select_one(".theme-switch-button"), name
        assert soup.select_one("button.search-button, .search-button-field"), name
        assert soup.select_one("button[data-edition-toggle]"), name
