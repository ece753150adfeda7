"""The website's book face: EB Garamond subsets that hold every character the text uses."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from fontTools.ttLib import TTFont

from .conftest import ROOT

pytestmark = pytest.mark.book

FONTS = ROOT / "edition" / "static" / "fonts"

#: Elements set in the book face (see edition.css); the rest is the theme's sans.
BOOK_FACE = "article.bd-article p, article.bd-article li, span.annotation"
SANS = "h1, h2, h3, h4, h5, h6, a.unit-number, .response-byline, .edition-intro-label, table, pre, code, .annotation-kind, a.annotation-back"


def covered(face: str) -> set[int]:
    return set(TTFont(FONTS / f"EBGaramond-{face}.woff2").getBestCmap())


def text_in_book_face(page: Path) -> str:
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    for el in soup.select(SANS):
        el.decompose()
    return "".join(el.get_text() for el in soup.select(BOOK_FACE))


def test_fonts_and_licence_are_published(site: Path) -> None:
    for name in ("EBGaramond-Regular.woff2", "EBGaramond-Italic.woff2", "EBGaramond-Bold.woff2", "OFL.txt"):
        assert (site / "_static" / "fonts" / name).is_file(), f"{name} is not in the site"
    assert "SIL OPEN FONT LICENSE Version 1.1" in (FONTS / "OFL.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize("face", ["Regular", "Italic"])
def test_subset_holds_every_character_of_the_book(site: Path, face: str) -> None:
    """A character missing here would fall back to another face: run tools/subset-fonts."""
    cmap = covered(face)
    missing: dict[str, str] = {}
    for page in sorted(site.glob("book/*.html")):
        for ch in set(text_in_book_face(page)):
            # Pictographs (the comments' emoji) are not in EB Garamond at all:
            # they come from the reader's emoji font, by design.
            pictograph = unicodedata.category(ch) == "So"
            if not ch.isspace() and not pictograph and ord(ch) not in cmap and ch not in missing:
                missing[ch] = page.name
    assert missing == {}, f"characters not in EBGaramond-{face}.woff2: {missing}"
