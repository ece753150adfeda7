"""The website's reading figures for docs/benchmark.md: how close the margin notes sit,
how heavy a chapter page is and how soon it paints.

Run after `make html`, with a built site to compare with (an ``_build/html``
folder of an earlier commit, here its label)::

    .venv/bin/python tools/web_figures.py /tmp/before/html 70ee1e1

It measures both sites in Chromium (``tools/notes_layout.py``, the same
measure as the browser test; the weight and Largest Contentful Paint of each
chapter, served as is and gzip-compressed) and writes the section "The
margin notes on the website" of docs/benchmark.md, between its markers;
``tools/benchmark.py`` keeps that section when it rewrites the file. The
figures of f5cd025 (before the notes were laid out by the script) and of
4bfd382 (before the theme's sheets were pruned) are kept here as measured then.
"""

from __future__ import annotations

import gzip
import statistics
import sys
from dataclasses import dataclass
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


#: Notes' layout before (width → median, 90th percentile, largest offset,
#: largest blank gap, in px), all 51 notes of the four chapters, measured by
#: this tool's measure on the build of f5cd025.
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


#: What the weight table leaves to say: where the bytes and the time go.
DETAIL = """What changed since 70ee1e1: the first paint waits for one round trip after
the page instead of three (`basic.css` linked itself, not `@import`ed by the
theme's `theme.css`; the head's four scripts deferred; the deferred theme
script no longer preloaded, so that it does not take bandwidth from the style
sheets; `tests/test_first_paint.py`); `edition.css` pruned with the theme's
sheets (28.6 → 21.0 KiB, its comments and unused rules); the book faces
without the licence's full text (2 KiB a face; it stands in `fonts/OFL.txt`).

What is left, on `book/humility.html` (raw / gzip, KiB): the pruned theme
sheet 78.5 / 14.5, the page 34.7 / 8.8, `edition.js` 26.4 / 7.6, the book's
regular and italic faces 28.4 (already compressed), `edition.css` 21.0 /
4.7, the theme's script 15.7 / 5.5, `sphinx-book-theme.css` 10.3 / 2.4,
`basic.css` 5.7 / 1.6 and three small scripts 7.3 / 3.0; 12 requests. The
readers' responses add 12.7 KiB of page and the bold face (12.6 KiB, for the
run-in "Editors' response to R1." labels). Three chapter pages are within
250 KB raw (230–239 KB); the responses page is 259 KB. None is within 70 KB
compressed (78–94 KB): the fonts alone are 29 KB of it (41 KB on the
responses page), the theme's sheet and script 20 KB.

LCP: under Slow 4G the page costs one round trip (0.56 s) and its style
sheets a second; then the four render-blocking sheets, 115 KiB as they are,
take 0.65 s at 180 kB/s, and Chromium's style and layout of the page some
0.15 s on this machine: about 2.1 s served uncompressed. Served compressed
(22 KiB of style sheets) the same path takes 1.6 s. The 1.5 s target needs
the render-blocking style under about 30 KB as sent: the theme's sheet
pruned by what the pages use in a browser, at every width, mode and state,
rather than by the names they hold (its 78.5 KiB keep the rules of every
element the theme styles and both colour modes' variables), or the style
of the first screen inlined in each page."""


@dataclass
class PageFigures:
    """One chapter page of one build: bytes raw and gzip, LCP served as is and compressed (ms)."""

    raw: int
    packed: int
    lcp: float
    lcp_packed: float


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
    """Largest Contentful Paint (ms) of one fresh load under Slow 4G."""
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


def page_figures(browser: Browser, site: Path, pages: list[str]) -> dict[str, PageFigures]:
    """Weight and LCP (median of three loads, served as is and gzip-compressed) of each page of a built site."""
    from tools.chromium import serve_folder

    lcps: dict[bool, list[float]] = {}
    with serve_folder(site) as url:
        weights = [weight(browser, f"{url}/{p}") for p in pages]
        lcps[False] = [statistics.median(slow_4g_lcp(browser, f"{url}/{p}") for _ in range(3)) for p in pages]
    with serve_folder(site, compress=True) as url:
        lcps[True] = [statistics.median(slow_4g_lcp(browser, f"{url}/{p}") for _ in range(3)) for p in pages]
    return {p: PageFigures(w[0], w[1], plain, packed) for p, w, plain, packed in zip(pages, weights, lcps[False], lcps[True])}


def weight_table(now: dict[str, PageFigures], before: dict[str, PageFigures], label: str) -> str:
    """One row a chapter page: bytes raw and compressed, LCP under Slow 4G served as is and compressed."""
    rows = [f"| Chapter page | Raw, 4bfd382 → {label} → now | Compressed (gzip), 4bfd382 → {label} → now "
            f"| LCP, served uncompressed, 4bfd382 → {label} → now | LCP, served gzip-compressed, {label} → now |",
            "|---|---:|---:|---:|---:|"]
    for page, fig in now.items():
        old_raw, old_packed, old_lcp = WEIGHT_BEFORE.get(page, (float("nan"),) * 3)
        was = before[page]
        rows.append(
            f"| `{page}` | {old_raw:,.0f} → {was.raw / 1024:,.0f} → {fig.raw / 1024:,.0f} KiB "
            f"| {old_packed:,.0f} → {was.packed / 1024:,.0f} → {fig.packed / 1024:,.0f} KiB "
            f"| {old_lcp:.2f} → {was.lcp / 1000:.2f} → {fig.lcp / 1000:.2f} s "
            f"| {was.lcp_packed / 1000:.2f} → {fig.lcp_packed / 1000:.2f} s |"
        )
    return "\n".join(rows)


def notes_table(now: dict[int, Layout], before: dict[int, Layout], label: str) -> str:
    """Before and after, one row a width: f5cd025 (51 notes), the build ``label`` and now."""
    rows = [
        f"| Width | Median offset, f5cd025 → {label} → now | 90% of notes within | Largest offset "
        f"| Largest blank gap |",
        "|---:|---:|---:|---:|---:|",
    ]
    for width, layout in now.items():
        median, p90, worst, gap = NOTES_BEFORE[width]
        was = before[width]
        rows.append(
            f"| {width} px | {median:.0f} → {was.median:.0f} → {layout.median:.0f} px "
            f"| {p90:.0f} → {was.p90:.0f} → {layout.p90:.0f} px "
            f"| {worst:.0f} → {was.worst:.0f} → {layout.worst:.0f} px | {gap:.0f} → {was.gap:.0f} → {layout.gap:.0f} px |"
        )
    return "\n".join(rows)


def section(notes: str, notes_count: int, pages: str, label: str, detail: str) -> str:
    """The Markdown section, markers included."""
    return f"""{START}
## The margin notes on the website

How far each margin note stands from its phrase: the top of the note minus
the top of its phrase's first line, over the notes of all four chapters
(negative when a note starts above its phrase), and the tallest blank stretch
of the text column. Measured in Chromium on the built site
(`tools/web_figures.py`, with the measure of `tests/test_notes_layout.py`).
f5cd025's notes floated into the margin in the text's flow; it had 51 notes,
{label} and now have {notes_count}. Targets: median at most {MAX_MEDIAN} px, 90% of notes within
{MAX_P90} px, no blank gap over {MAX_GAP} px.

{notes}

### Weight and first paint of a chapter page

Bytes of all responses of one fresh load of each chapter page (1400 px),
raw as the local test server sends them and as each would be gzip-compressed
(level 6) by a server that compresses; and Largest Contentful Paint under
Chromium's "Slow 4G" throttling (562.5 ms round trip, 180 kB/s), the median
of three loads, served as they are and served gzip-compressed (as GitHub
Pages, Netlify or nginx with `gzip on` send them). 4bfd382 is the site
before the build pruned the theme's style sheets (`edition/writers/cssprune.py`);
{label} is the site before its requests were reordered. Targets: at most
250 KB raw, 70 KB compressed, LCP 1.5 s.

{pages}

{detail}
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


def main(argv: list[str]) -> int:
    """Measure the built site (and a build to compare it with) and write the section into docs/benchmark.md.

    ``web_figures.py BEFORE_SITE LABEL``: BEFORE_SITE is a built site (an ``_build/html``
    folder) of the commit LABEL, measured the same way in the same run.
    """
    from playwright.sync_api import sync_playwright

    from tools.chromium import launch_chromium, serve_folder

    if len(argv) != 2:
        print("usage: web_figures.py BEFORE_SITE LABEL  (a built site of commit LABEL)", file=sys.stderr)
        return 2
    before_site, label = Path(argv[0]), argv[1]
    html = ROOT / "_build" / "html"
    pages = [f"{page}.html" for page in project.unit_pages(ROOT)]
    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        layouts = {}
        for name, site in (("now", html), ("before", before_site)):
            with serve_folder(site) as url:
                layouts[name] = {w: combined([measure(browser, f"{url}/{p}", w) for p in pages]) for w in MARGIN_WIDTHS}
        before = page_figures(browser, before_site, pages)
        now = page_figures(browser, html, pages)
        browser.close()
    notes_count = len(next(iter(layouts["now"].values())).offsets)
    text = section(notes_table(layouts["now"], layouts["before"], label), notes_count,
                   weight_table(now, before, label), label, DETAIL)
    print(text)
    REPORT.write_text(with_section(REPORT.read_text(encoding="utf-8"), text), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
