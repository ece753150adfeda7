"""Printing from either theme gives dark text on white, with notes beside their paragraphs (Chromium).

Each page of the site is printed (``page.pdf``, background graphics on, as a
reader may have them) with the site in light and in dark mode; every span of
printed text, the notes' included, must keep a contrast of at least 4.5:1
with what is printed behind it. On a chapter each paragraph prints whole,
its notes after it, whether the page was read on a wide screen or a phone.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

from tests.helpers.lazy import pymupdf
import pytest

pytest.importorskip("playwright", reason="the browser tests need Playwright (make venv)")

from tests.helpers.browser import CHAPTERS, MODES, NARROW, OpenPage, Visit  # noqa: E402

pytestmark = pytest.mark.browser

#: WCAG 2 AA for body text.
MIN_CONTRAST = 4.5

#: Pixels a point when reading what a span stands on: fine enough that few are the glyphs' edges.
SCALE = 2


def luminance(rgb: tuple[float, float, float]) -> float:
    """Relative luminance of an sRGB colour with channels in 0..1."""
    def linear(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (linear(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: tuple[float, float, float], b: tuple[float, float, float]) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def printed(visit: Visit) -> pymupdf.Document:
    """The page printed as a reader with background graphics on prints it."""
    return pymupdf.open(stream=visit.page.pdf(format="A4", print_background=True), filetype="pdf")


def paper_behind(pix: pymupdf.Pixmap, bbox: tuple[float, float, float, float], ink: tuple[int, ...]) -> tuple[float, float, float]:
    """What a span stands on: the commonest colour of its box, leaving out the ink and its anti-aliased edges."""
    x0, y0, x1, y1 = (v * SCALE for v in bbox)
    counts = pix.color_count(colors=True, clip=pymupdf.IRect(int(x0), int(y0), int(x1) + 1, int(y1) + 1))
    seen: Counter[tuple[int, ...]] = Counter()
    for key, n in counts.items():
        colour = tuple(key[:3]) if isinstance(key, (bytes, bytearray)) else tuple(bytes.fromhex(key)[:3])
        if sum(abs(a - b) for a, b in zip(colour, ink)) > 90:
            seen[colour] += n
    if not seen:
        return (1.0, 1.0, 1.0)
    colour = seen.most_common(1)[0][0]
    return (colour[0] / 255, colour[1] / 255, colour[2] / 255)


def low_contrast(pdf: pymupdf.Document) -> list[str]:
    """Printed spans under 4.5:1 against what is printed behind them."""
    faults = []
    for page in pdf:
        pix = page.get_pixmap(dpi=72 * SCALE)
        for block in page.get_text("dict")["blocks"]:
            for line in block.get("lines", []):
                for span in line["spans"]:
                    if not span["text"].strip():
                        continue
                    c = span["color"]
                    rgb = (c >> 16 & 255, c >> 8 & 255, c & 255)
                    ink = (rgb[0] / 255, rgb[1] / 255, rgb[2] / 255)
                    ratio = contrast(ink, paper_behind(pix, span["bbox"], rgb))
                    if ratio < MIN_CONTRAST:
                        faults.append(f"page {page.number + 1}: {span['text'][:40]!r} at {ratio:.1f}:1")
    return faults


@pytest.mark.parametrize("mode", MODES)
def test_print_palette_in_either_theme(open_page: OpenPage, site_page: str, mode: str) -> None:
    visit = open_page(site_page, mode=mode)
    assert visit.page.evaluate("() => document.documentElement.dataset.theme") == mode
    faults = low_contrast(printed(visit))
    assert faults == [], f"{site_page} printed from {mode} mode:\n" + "\n".join(faults[:10])


def squeeze(text: str) -> str:
    """Text compared without white space or ligatures (line breaks differ in print)."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


PARAGRAPHS_JS = """() => [...document.querySelectorAll("p")].filter((p) => p.querySelector("a.annotation-anchor"))
  .map((p) => { const c = p.cloneNode(true);
                c.querySelectorAll("span.annotation, a.unit-number, .edition-sr-only, [aria-hidden=true]").forEach((n) => n.remove());
                return c.textContent; })"""


@pytest.mark.parametrize("width", [NARROW, 1400])
@pytest.mark.parametrize("chapter", CHAPTERS)
def test_printed_notes_do_not_interrupt_sentences(open_page: OpenPage, chapter: str, width: int) -> None:
    visit = open_page(chapter, width=width)
    paragraphs = visit.page.evaluate(PARAGRAPHS_JS)
    assert paragraphs, f"{chapter} has no annotated paragraph"
    text = squeeze("".join(page.get_text(sort=True) for page in printed(visit)))  # in reading order, not painting order
    broken = [p[:60] for p in paragraphs if squeeze(p) not in text]
    assert broken == [], f"{chapter} printed from {width}px: paragraphs cut by notes: {broken[:3]}"
