"""Figures that identify something, in lining figures; the ¶ sign heard as “paragraph”.

The pure split (fast), then what the built book gives a reader: the website's
spans and their computed style (browser), the LaTeX source of the PDF and the
EPUB's pages (build).
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from edition.build.figures import LIST_NUMBER, UNIT_NUMBER, YEAR, split_figures
from tests.conftest import BUILD, HTML

LATEX = BUILD / "latex"


@pytest.mark.fast
@pytest.mark.parametrize(
    ("text", "figures"),
    [
        ("reads ¶1–¶3, then R1.1.", ["¶1", "¶3", "R1.1"]),
        ("cited by ¶ and R numbers; “at ¶_ because”", ["¶", "¶"]),
        ("R2’s training, not PR1 or R2D2", ["R2"]),
        ("a 1990s survey of 14,500 people", []),
    ],
)
def test_unit_numbers_are_found(text: str, figures: list[str]) -> None:
    pieces = split_figures(text, UNIT_NUMBER)
    assert "".join(chars for _, chars in pieces) == text
    assert [chars for is_figure, chars in pieces if is_figure] == figures


@pytest.mark.fast
def test_list_numbers_and_years() -> None:
    assert [c for f, c in split_figures("1. Well done Daniel Mackler", LIST_NUMBER) if f] == ["1."]
    assert [c for f, c in split_figures("I said 1. no", LIST_NUMBER) if f] == []
    assert [c for f, c in split_figures("Kübler-Ross (1969, 2013a)", YEAR) if f] == ["1969", "2013a"]


def page(name: str) -> BeautifulSoup:
    path = HTML / "book" / name
    if not path.exists():
        pytest.skip("the website is not built (make html)")
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


@pytest.mark.book
def test_identifying_figures_are_marked_on_the_website() -> None:
    responses = page("responses.html")
    first = responses.find(string=re.compile("Well done Daniel Mackler"))
    assert first.find_previous_sibling("span", class_="lining").get_text() == "1."
    healing = page("healing.html")
    years = [s.get_text() for s in healing.select("span.bibtex-citation span.lining")]
    assert "2007" in years, years
    in_notes = [s.get_text() for name in ("humility.html", "healing.html", "refusal.html", "responses.html")
                for s in page(name).select("span.annotation span.lining")]
    assert any(re.fullmatch(r"¶\d|R\d(\.\d)?", text) for text in in_notes), in_notes


@pytest.mark.book
def test_no_pilcrow_is_read_aloud() -> None:
    """Every ¶ a screen reader meets is hidden from it beside the word “paragraph”, or inside a named link."""
    site = HTML
    if not (site / "index.html").exists():
        pytest.skip("the website is not built (make html)")
    heard: list[str] = []
    for path in sorted(site.rglob("*.html")):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        for text in soup.find_all(string=re.compile("¶")):
            if text.find_parent(["script", "style", "title"]) or text.find_parent(attrs={"aria-hidden": "true"}):
                continue
            link = text.find_parent("a")
            if link is not None and (link.get("aria-label") or "headerlink" in link.get("class", [])):
                continue
            heard.append(f"{path.relative_to(site)}: {text.strip()[:60]!r}")
    assert heard == [], "¶ read as “pilcrow”:\n" + "\n".join(heard[:10])
    guide = page("teaching-guide.html")
    spoken = guide.select("span.lining > span.edition-sr-only")
    assert spoken and all(s.get_text() == "paragraph " for s in spoken)


@pytest.mark.book
def test_pdf_sets_identifying_figures_lining() -> None:
    tex = next(LATEX.glob("*.tex"), None) if LATEX.exists() else None
    if tex is None:
        pytest.skip("the PDF is not built (make pdf)")
    text = tex.read_text(encoding="utf-8")
    # the paragraph's last word is kept whole in print (\DUrole{nohyphen}{…})
    assert re.search(r"\{\\edlining 1\.\} Well done Daniel (\\DUrole\{nohyphen\}\{)?Mackler", text)
    assert re.search(r"\\hyperlink\{cite\.[^}]+\}\{\{\\edlining 1969\}\}", text), "a citation's year is not lining"
    assert r"{\edlining ¶4}" in text
    assert r"\newcommand{\edlining}{\addfontfeatures{Numbers=Lining}}" in (LATEX / "edition.sty").read_text(encoding="utf-8")


@pytest.mark.book
def test_epub_sets_identifying_figures_lining() -> None:
    book = next((BUILD / "epub").glob("*.epub"), None) if (BUILD / "epub").exists() else None
    if book is None:
        pytest.skip("the EPUB is not built (make epub)")
    with zipfile.ZipFile(book) as z:
        pages = {n: z.read(n).decode("utf-8") for n in z.namelist() if n.endswith(".xhtml")}
        css = "".join(z.read(n).decode("utf-8") for n in z.namelist() if n.endswith(".css"))
    assert any('<span class="lining">1.</span> Well done' in p for p in pages.values())
    assert ".lining" in css and "lining-nums" in css
    assert not any("edition-sr-only" in p for p in pages.values()), "hidden words in the e-book"


LINING_JS = """() => [
  ...document.querySelectorAll("span.lining, a.unit-ref"),
].map((el) => [el.textContent, getComputedStyle(el).fontVariantNumeric])"""


@pytest.mark.browser
@pytest.mark.parametrize("chapter", ["book/responses.html", "book/healing.html", "book/teaching-guide.html"])
def test_identifying_figures_are_drawn_lining(open_page, chapter: str) -> None:
    found = open_page(chapter).page.evaluate(LINING_JS)
    assert found, f"{chapter}: no identifying figures"
    old = [text for text, style in found if "lining-nums" not in style]
    assert old == [], f"{chapter}: old-style figures in {old[:5]}"
