"""The website's reading figures for docs/benchmark.md: how close the margin notes sit.

Run after `make html`: ``.venv/bin/python tools/web_figures.py``. It measures
the built site in Chromium (``tools/notes_layout.py``, the same measure as the
browser test) and writes the section "The margin notes on the website" of
docs/benchmark.md, between its markers; ``tools/benchmark.py`` keeps that
section when it rewrites the file. The "before" column is the same measure
taken on the edition as it was at commit f5cd025, before the notes were laid
out by the script.
"""

from __future__ import annotations

import gzip
import statistics
import sys
from pathlib import Path

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Request

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from edition.text import project  # noqa: E402
from tools.notes_layout import MARGIN_WIDTHS, MAX_GAP, MAX_MEDIAN, MAX_P90, Layout, combined, measure  # noqa: E402

REPORT = ROOT / "docs" / "benchmark.md"
START = "<!-- web figures: written by tools/web_figures.py -->"
END = "<!-- end of web figures -->"

#: Commit at which the "before" figures were measured.
BEFORE = "f5cd025"

#: Notes' layout before (width → median, 90th percentile, largest offset,
#: largest blank gap, in px), all 51 notes of the four chapters, measured by
#: this tool's measure on the build of BEFORE.
NOTES_BEFORE: dict[int, tuple[float, float, float, float]] = {
    1024: (94, 231, 512, 641),
    1280: (27, 130, 295, 384),
    1400: (27, 130, 295, 384),
}


#: Chromium DevTools' "Slow 4G" preset: 562.5 ms round trip, 180 kB/s down, 84.4 kB/s up.
SLOW_4G = {"offline": False, "latency": 562.5, "downloadThroughput": 180_000, "uploadThroughput": 84_375}

#: Largest Contentful Paint, as the page's own PerformanceObserver reports it.
LCP_JS = """() => new Promise((resolve) => {
  new PerformanceObserver((list) => { const all = list.getEntries(); resolve(all[all.length - 1].startTime); })
    .observe({type: "largest-contentful-paint", buffered: true});
})"""


#: Each chapter page before the theme's style sheet was pruned (``edition.writers.cssprune``):
#: raw KiB, compressed KiB, LCP under Slow 4G in s, measured by this tool at 4bfd382.
WEIGHT_BEFORE: dict[str, tuple[float, float, float]] = {
    "book/humility.html": (561, 135, 4.26),
    "book/healing.html": (568, 137, 4.31),
    "book/refusal.html": (559, 135, 4.33),
    "book/responses.html": (599, 155, 4.36),
}


def weight(browser: Browser, url: str) -> tuple[int, int]:
    """Bytes of one fresh load of a page, raw and each response gzip-compressed (level 6, as servers do)."""
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    try:
        page = context.new_page()
        finished: list[Request] = []
        page.on("requestfinished", lambda request: finished.append(request))
        page.goto(url, wait_until="networkidle")
        bodies = [r.response().body() for r in finished if r.response() is not None]
        return sum(len(b) for b in bodies), sum(len(gzip.compress(b, 6)) for b in bodies)
    finally:
        context.close()


def slow_4g_lcp(browser: Browser, url: str) -> float:
    """Largest Contentful Paint (ms) of one fresh load under Slow 4G, served uncompressed."""
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    try:
        page = context.new_page()
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.send("Network.emulateNetworkConditions", SLOW_4G)
        page.goto(url, wait_until="load")
        return float(page.evaluate(LCP_JS))
    finally:
        context.close()


def weight_table(pages: list[str], weights: list[tuple[int, int]], lcps: list[float]) -> str:
    """One row a chapter page: bytes raw and compressed, and LCP under Slow 4G."""
    rows = ["| Chapter page | Transferred, raw, before → now | Compressed (gzip), before → now "
            "| LCP, Slow 4G (uncompressed), before → now |",
            "|---|---:|---:|---:|"]
    for page, (raw, packed), lcp in zip(pages, weights, lcps):
        old_raw, old_packed, old_lcp = WEIGHT_BEFORE.get(page, (float("nan"),) * 3)
        rows.append(
            f"| `{page}` | {old_raw:,.0f} → {raw / 1024:,.0f} KiB | {old_packed:,.0f} → {packed / 1024:,.0f} KiB "
            f"| {old_lcp:.2f} → {lcp / 1000:.2f} s |"
        )
    return "\n".join(rows)


def notes_table(now: dict[int, Layout]) -> str:
    """Before and after, one row a width."""
    rows = [
        "| Width | Notes | Median offset, before → now | 90% of notes within, before → now "
        "| Largest offset, before → now | Largest blank gap, before → now |",
        "|---:|---:|---:|---:|---:|---:|",
    ]
    for width, layout in now.items():
        median, p90, worst, gap = NOTES_BEFORE[width]
        rows.append(
            f"| {width} px | {len(layout.offsets)} | {median:.0f} → {layout.median:.0f} px | {p90:.0f} → {layout.p90:.0f} px "
            f"| {worst:.0f} → {layout.worst:.0f} px | {gap:.0f} → {layout.gap:.0f} px |"
        )
    return "\n".join(rows)


def section(now: dict[int, Layout], page_table: str = "") -> str:
    """The Markdown section, markers included."""
    return f"""{START}
## The margin notes on the website

How far each margin note stands from its phrase: the top of the note minus
the top of its phrase's first line, over the notes of all four chapters
(negative when a note starts above its phrase), and the tallest blank stretch
of the text column. Measured in Chromium on the built site
(`tools/web_figures.py`, with the measure of `tests/test_notes_layout.py`);
"before" is the edition at {BEFORE}, whose notes floated into the margin in
the text's flow. Targets: median at most {MAX_MEDIAN} px, 90% of notes within
{MAX_P90} px, no blank gap over {MAX_GAP} px.

{notes_table(now)}

### Weight and first paint of a chapter page

Bytes of all responses of one fresh load of each chapter page (1400 px),
raw as the local test server sends them and as each would be gzip-compressed
(level 6) by a server that compresses; and Largest Contentful Paint under
Chromium's "Slow 4G" throttling (562.5 ms round trip, 180 kB/s), the median
of three loads, served uncompressed. "Before" is the site at 4bfd382, before
the build pruned the theme's style sheets (`edition/writers/cssprune.py`: of the theme's 397 KB
sheet, 80 KB can match a page; of sphinx-book-theme's 17 KB, 11; of
Sphinx's `basic.css`, 15 KB, 6). Targets: at most 250 KB raw, 70 KB
compressed, LCP 1.5 s.

{page_table}

What is left after the pruning, on `book/humility.html` (raw / gzip): the
pruned theme sheet 79 / 15 KiB, the page 34 / 9 KiB, `edition.css` 27 / 7 KiB,
`edition.js` 25 / 7 KiB, the two subset book faces 33 KiB (already
compressed), the theme's script 16 / 6 KiB, the pruned `sphinx-book-theme.css`
10 / 2 KiB and `basic.css` 6 / 2 KiB; 13 requests. Three chapter pages are
within 250 KB raw; the readers' responses, the longest page, is not. Under
Slow 4G each round trip costs 0.56 s and every 180 kB a second more, so the
first paint waits for the page, then its style sheets, then the fonts: three
round trips and some 240 KB. Meeting 70 KB compressed and 1.5 s needs a
server that compresses (the page's 83 KiB instead of 237), fewer
render-blocking requests (the style sheets the text needs inlined or merged
into one, the fonts preloaded) and the scripts deferred. The pruning moves nothing: `tools/css_screens.py` took full-page
screenshots of all 14 pages at 390, 1024 and 1400 px in both colour modes
with the pruned sheets and with the unpruned ones, and all 84 pairs are
byte-identical; it runs in 0.4 s of CPU in a clean build.
{END}"""


def kept_section(text: str) -> str:
    """The web figures' section of an existing report, markers included, or ""."""
    if START in text and END in text:
        return text[text.index(START): text.index(END) + len(END)]
    return ""


def with_section(text: str, new: str) -> str:
    """The report with its web figures' section replaced by ``new`` (or added at the end)."""
    old = kept_section(text)
    if not new:
        return text
    return text.replace(old, new) if old else text.rstrip("\n") + "\n\n" + new + "\n"


def main() -> int:
    """Measure the built site and write the section into docs/benchmark.md."""
    from playwright.sync_api import sync_playwright

    from tools.chromium import launch_chromium, serve_folder

    html = ROOT / "_build" / "html"
    pages = [f"{page}.html" for page in project.unit_pages(ROOT)]
    with serve_folder(html) as url, sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        now = {w: combined([measure(browser, f"{url}/{p}", w) for p in pages]) for w in MARGIN_WIDTHS}
        weights = [weight(browser, f"{url}/{p}") for p in pages]
        lcps = [statistics.median(slow_4g_lcp(browser, f"{url}/{p}") for _ in range(3)) for p in pages]
        browser.close()
    text = section(now, weight_table(pages, weights, lcps))
    print(text)
    REPORT.write_text(with_section(REPORT.read_text(encoding="utf-8"), text), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
