"""How close the margin notes of the website sit to their phrases, measured in Chromium.

Shared by the browser test (``tests/test_notes_layout.py``) and the web
figures of ``docs/benchmark.md`` (``tools/web_figures.py``). For each chapter
at each width where notes stand in the margin, it reads

- each note's *offset*: the top of the note minus the top of its phrase's
  first line (CSS px; negative when the note starts above its phrase);
- the page's largest *blank gap*: the tallest stretch of the text column
  that holds no text, between two blocks of the main text.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from playwright.sync_api import Browser

#: Widths at which the notes stand in the margin and the targets hold.
MARGIN_WIDTHS = (1024, 1280, 1400)

#: Targets of the layout (CSS px).
MAX_MEDIAN = 24
MAX_P90 = 120
MAX_GAP = 150

#: Offsets of every note and the largest blank gap of the text column.
MEASURE_JS = """
() => {
  const shown = [...document.querySelectorAll("span.annotation")].filter((n) => n.getClientRects().length);
  const offsets = shown.map((note) => {
    const anchor = document.getElementById("anchor-" + note.id.replace(/^note-/, ""));
    const line = anchor ? [...anchor.getClientRects()].find((r) => r.width > 0) : null;
    return line ? note.getBoundingClientRect().top - line.top : null;
  }).filter((x) => x !== null);
  const article = document.querySelector("article.bd-article");
  const blocks = [...article.querySelectorAll(
      "h1, h2, h3, p, li, dl, blockquote, table, div.editors-response, div.chapter-intro, div.admonition")]
    .filter((el) => !el.closest("span.annotation, .edition-notes"))
    .map((el) => el.getBoundingClientRect())
    .filter((r) => r.height > 0)
    .sort((a, b) => a.top - b.top);
  let gap = 0, bottom = null;
  for (const r of blocks) {
    if (bottom !== null) gap = Math.max(gap, r.top - bottom);
    bottom = bottom === null ? r.bottom : Math.max(bottom, r.bottom);
  }
  return {offsets, gap};
}
"""


@dataclass
class Layout:
    """Offsets of the notes (px) and the largest blank gap of one or more pages."""

    offsets: list[float]
    gap: float

    @property
    def median(self) -> float:
        """Median offset of a note below its phrase."""
        return statistics.median(self.offsets)

    @property
    def p90(self) -> float:
        """The offset that 90% of notes keep within (absolute value)."""
        ordered = sorted(abs(x) for x in self.offsets)
        return ordered[max(0, -(-9 * len(ordered) // 10) - 1)]

    @property
    def worst(self) -> float:
        """The largest offset, either way."""
        return max(abs(x) for x in self.offsets)

    def faults(self, where: str) -> list[str]:
        """The targets this layout misses, one line each."""
        found = []
        if abs(self.median) > MAX_MEDIAN:
            found.append(f"{where}: median offset {self.median:.0f}px (target ≤ {MAX_MEDIAN})")
        if self.p90 > MAX_P90:
            found.append(f"{where}: 90% of notes within {self.p90:.0f}px (target ≤ {MAX_P90})")
        if self.gap > MAX_GAP:
            found.append(f"{where}: a blank gap of {self.gap:.0f}px (target ≤ {MAX_GAP})")
        return found


def measure(browser: Browser, url: str, width: int, height: int = 900) -> Layout:
    """The layout of the notes of one page at one width."""
    context = browser.new_context(viewport={"width": width, "height": height})
    try:
        page = context.new_page()
        page.goto(url, wait_until="load")
        page.evaluate("document.fonts.ready")
        page.wait_for_timeout(100)
        found = page.evaluate(MEASURE_JS)
    finally:
        context.close()
    return Layout(found["offsets"], found["gap"])


def combined(layouts: list[Layout]) -> Layout:
    """The notes of several pages as one set; the largest gap among them."""
    return Layout([x for layout in layouts for x in layout.offsets], max(layout.gap for layout in layouts))
