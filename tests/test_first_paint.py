"""What a chapter's first paint waits for (Chromium): nothing but the page itself, its style
inlined, no script and no style sheet; the book face preloaded. And how soon it comes: the
Largest Contentful Paint under Chromium's "Slow 4G" throttling is at most 1.5 s, with the
site served as it is and served gzip-compressed as a web host serves it (docs/benchmark.md,
tools/web_figures.py)."""

from __future__ import annotations

import statistics
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("playwright", reason="the browser tests need Playwright (make venv)")

from tests.helpers.browser import CHAPTERS, OpenPage  # noqa: E402

pytestmark = pytest.mark.browser

#: Each resource the page loaded: name, type, who asked for it, whether it held up rendering.
RESOURCES_JS = """() => performance.getEntriesByType("resource").map((r) => ({
  name: r.name.split("/").pop().split("?")[0], initiator: r.initiatorType, blocking: r.renderBlockingStatus}))"""

#: The issue's target for a chapter page, in ms.
MAX_LCP = 1500


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_first_paint_waits_for_the_page_alone(open_page: OpenPage, chapter: str) -> None:
    visit = open_page(chapter, wait_until="networkidle")
    resources = visit.page.evaluate(RESOURCES_JS)
    blocking = [r["name"] for r in resources if r["blocking"] == "blocking"]
    assert blocking == [], f"{chapter}: the first paint waits for {blocking}"
    sheets = visit.page.evaluate("() => [...document.styleSheets].map((s) => s.href).filter(Boolean)")
    assert sheets == [], f"{chapter}: style sheets linked from the page: {sheets}"
    own = visit.page.evaluate("() => document.head.querySelectorAll('style[data-edition-sheets]').length")
    assert own == 1, f"{chapter}: {own} inlined styles in the head"
    fonts = [r["name"] for r in resources if r["name"].endswith(".woff2") and r["initiator"] == "link"]
    assert "EBGaramond-Regular.woff2" in fonts, f"{chapter}: the book face is not preloaded"
    assert visit.problems() == []


@pytest.mark.parametrize("compressed", [False, True], ids=["served-as-is", "served-gzip"])
def test_largest_contentful_paint_under_slow_4g(browser: Any, site: Path, compressed: bool) -> None:
    """The median of three fresh loads of each chapter paints within 1.5 s, served as is or compressed."""
    from tools.chromium import serve_folder
    from tools.web_figures import slow_4g_lcp

    with serve_folder(site, compress=compressed) as url:
        lcp = {chapter: statistics.median(slow_4g_lcp(browser, f"{url}/{chapter}") for _ in range(3))
               for chapter in CHAPTERS}
    slow = {chapter: ms for chapter, ms in lcp.items() if ms > MAX_LCP}
    assert slow == {}, f"Largest Contentful Paint over {MAX_LCP} ms under Slow 4G: {slow}"


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_a_chapter_needs_no_bold_book_face(open_page: OpenPage, chapter: str) -> None:
    """Labels in a chapter are in the interface's sans: the bold book face (12.6 KiB) is not loaded."""
    visit = open_page(chapter, wait_until="networkidle")
    fonts = visit.page.evaluate(RESOURCES_JS)
    assert "EBGaramond-Bold.woff2" not in [r["name"] for r in fonts]
    assert visit.problems() == []
