"""The EPUB's pages as a reading system shows them: Debian's Chromium renders
each XHTML file of the e-book (its layout engine is the one most EPUB 3
readers build on), at an e-reader's and a phone's width.

axe-core finds no WCAG 2.1 A/AA violation on any page; nothing is loaded
from anywhere but the book; no line runs off the page; and following a
phrase's note reference lands on its note, whose link leads back.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit
from typing import TYPE_CHECKING

import pytest

from edition.text.lemma import lemma

from .conftest import BUILD, EPUB_NAME, built
from .helpers.browser import NARROW, serve_folder

# Playwright is imported where a browser runs, so that the fast layer collects without it.
if TYPE_CHECKING:
    from playwright.sync_api import Browser

pytestmark = pytest.mark.browser

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
READER = 600  # an e-reader's page width in CSS pixels


@pytest.fixture(scope="module")
def unpacked(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = built(BUILD / "epub" / EPUB_NAME)
    folder = tmp_path_factory.mktemp("epub")
    with zipfile.ZipFile(path) as epub:
        epub.extractall(folder)
    return folder


@pytest.fixture(scope="module")
def book_url(unpacked: Path) -> Iterator[str]:
    with serve_folder(unpacked) as url:
        yield url


@pytest.fixture(scope="module")
def chromium(browser: Browser) -> Browser:
    """The session's Chromium (tests/conftest.py): one Playwright per test run."""
    return browser


def xhtml_pages(unpacked: Path) -> list[str]:
    return sorted(p.relative_to(unpacked).as_posix() for p in unpacked.rglob("*.xhtml"))


def test_every_page_is_accessible_self_contained_and_fits(unpacked: Path, book_url: str, chromium: Browser) -> None:
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    problems: list[str] = []
    for width in (READER, NARROW):
        page = chromium.new_page(viewport={"width": width, "height": 900})
        elsewhere: list[str] = []
        page.on("request", lambda r: elsewhere.append(r.url) if not r.url.startswith(book_url) else None)
        # A browser asks every site for /favicon.ico; a reading system does not.
        page.on("response", lambda r: problems.append(f"{r.status} for {r.url}")
                if r.status >= 400 and not r.url.endswith("/favicon.ico") else None)
        for name in xhtml_pages(unpacked):
            response = page.goto(f"{book_url}/{name}")
            assert response is not None and response.ok, name
            if width == READER:
                results = axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
                for rule in results.response["violations"]:
                    problems += [f"{name}: {rule['id']} at {node['target']}" for node in rule["nodes"]]
            overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
            if overflow > 0:
                problems.append(f"{name} at {width}px: {overflow}px wider than the page")
        problems += [f"request to {url}" for url in elsewhere]
        page.close()
    assert problems == [], "\n".join(problems)


def test_a_note_reference_leads_to_its_note_and_back(book_url: str, chromium: Browser) -> None:
    page = chromium.new_page(viewport={"width": READER, "height": 900})
    page.goto(f"{book_url}/book/humility.xhtml")
    ref = page.locator("a.noteref").first
    ops = "http://www.idpf.org/2007/ops"
    assert ref.evaluate(f"a => a.getAttributeNS('{ops}', 'type')") == "noteref"
    href = ref.get_attribute("href")
    phrase = ref.inner_text()
    ref.click()
    assert urlsplit(page.url).fragment == href.lstrip("#")
    note = page.locator(href)
    assert note.evaluate("n => n.tagName.toLowerCase()") == "aside"
    assert note.evaluate(f"n => n.getAttributeNS('{ops}', 'type')") == "footnote"
    box = note.bounding_box()
    # (a fraction of a pixel above the top is the scroll's rounding)
    assert box is not None and -1 <= box["y"] < 900, "the note is not in view after following its reference"
    assert note.locator(".lemma").inner_text() == lemma(phrase) + "]"
    note.locator("a.note-back").click()
    assert urlsplit(page.url).fragment == href.replace("#note-", "anchor-")
    page.close()


def test_tables_size_their_columns_to_their_content_on_a_phone(book_url: str, chromium: Browser) -> None:
    """Not the print's four fixed 25% columns: the prose column gets the room, and no word is broken."""
    page = chromium.new_page(viewport={"width": NARROW, "height": 900})
    page.goto(f"{book_url}/book/teaching-guide.xhtml")
    tables = page.evaluate("""() => [...document.querySelectorAll('table')].map(t => ({
        width: t.getBoundingClientRect().width,
        heads: [...t.rows[0].cells].map(c => [c.textContent.trim(), c.getBoundingClientRect().width]),
        broken: [...t.querySelectorAll('th, td')].filter(c => c.scrollWidth > c.clientWidth).length}))""")
    course = next(t for t in tables if t["heads"][-1][0] == "Read it for")
    assert course["heads"][-1][1] > 0.4 * course["width"], course
    assert course["heads"][0][1] < 0.25 * course["width"], course
    for table in tables:
        assert table["width"] <= NARROW and table["broken"] == 0, table
    page.close()
