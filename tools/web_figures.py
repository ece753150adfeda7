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
DETAIL = """What changed since c9fda6f: each page carries, in its head, the rules of
the site's four style sheets it can use (`edition/writers/cssprune.py`):
those whose classes, ids and elements the page holds, matched against the
page as built with its state left open, or that need a name a script could
add; without the custom properties, keyframes and font faces nobody uses;
written compactly. No page links a style sheet, so the first paint waits
for the page alone. The editors' response labels are set in the interface's
sans, so no chapter loads the bold book face (12.6 KiB), and the site's
scripts lose their comments (rjsmin; `edition.js` 26.4 → 17.9 KiB).

What a chapter page loads now, on `book/humility.html` (raw / gzip, KiB):
the page 102.1 / 22.3, of which its style 67.6 / 13.6; the book's regular
and italic faces 28.4 (compressed already); the theme's script 15.7 / 5.5;
`edition.js` 17.9 / 5.1; three small scripts 5.5 / 2.4; 8 requests. The
readers' responses add 12.9 KiB of page (3.3 compressed).

The trade: a style sheet linked from every page is fetched once and then
read from the browser's cache; a page's own style comes with every page.
A reader who goes through all 14 pages receives about 190 KiB of style
compressed instead of about 23; a reader who opens one chapter from a link
(the case measured here) sees it a round trip sooner (0.56 s under Slow 4G).

LCP: under Slow 4G the page costs one round trip (0.56 s) and its own bytes
(102 KiB, 0.57 s at 180 kB/s; 22 KiB compressed, 0.12 s), then style and
layout, about 0.1 s on this machine."""


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


def section(notes: str, counts: tuple[int, int], pages: str, label: str, detail: str) -> str:
    """The Markdown section, markers included."""
    return f"""{START}
## The margin notes on the website

How far each margin note stands from its phrase: the top of the note minus
the top of its phrase's first line, over the notes of all four chapters
(negative when a note starts above its phrase), and the tallest blank stretch
of the text column. Measured in Chromium on the built site
(`tools/web_figures.py`, with the measure of `tests/test_notes_layout.py`).
f5cd025's notes floated into the margin in the text's flow; it had 51 notes,
{label} had {counts[0]} and now has {counts[1]}. Targets: median at most {MAX_MEDIAN} px, 90% of notes within
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
{label} is the site before each page carried its own style. Targets: at most
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
    counts = (len(next(iter(layouts["before"].values())).offsets), len(next(iter(layouts["now"].values())).offsets))
    text = section(notes_table(layouts["now"], layouts["before"], label), counts,
                   weight_table(now, before, label), label, DETAIL)
    print(text)
    REPORT.write_text(with_section(REPORT.read_text(encoding="utf-8"), text), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
