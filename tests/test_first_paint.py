"""What a chapter's first paint waits for (Chromium): its style sheets, each asked for by the
page itself, and no script; the book face preloaded. Under Slow 4G every round trip before
the first paint costs 0.56 s (docs/benchmark.md, tools/web_figures.py)."""

from __future__ import annotations

import pytest

pytest.importorskip("playwright", reason="the browser tests need Playwright (make venv)")

from tests.helpers.browser import CHAPTERS, OpenPage  # noqa: E402

pytestmark = pytest.mark.browser

#: Each resource the page loaded: name, type, who asked for it, whether it held up rendering.
RESOURCES_JS = """() => performance.getEntriesByType("resource").map((r) => ({
  name: r.name.split("/").pop().split("?")[0], initiator: r.initiatorType, blocking: r.renderBlockingStatus}))"""


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_first_paint_waits_for_the_pages_style_sheets_only(open_page: OpenPage, chapter: str) -> None:
    visit = open_page(chapter, wait_until="networkidle")
    resources = visit.page.evaluate(RESOURCES_JS)
    blocking = [r for r in resources if r["blocking"] == "blocking"]
    assert blocking, f"{chapter}: no render-blocking style sheet reported"
    scripts = [r["name"] for r in blocking if r["name"].endswith(".js")]
    assert scripts == [], f"{chapter}: the first paint waits for the scripts {scripts}"
    imported = [r["name"] for r in blocking if r["initiator"] != "link"]
    assert imported == [], f"{chapter}: style sheets asked for by another sheet (a second round trip): {imported}"
    fonts = [r["name"] for r in resources if r["name"].endswith(".woff2") and r["initiator"] == "link"]
    assert "EBGaramond-Regular.woff2" in fonts, f"{chapter}: the book face is not preloaded"
    assert visit.problems() == []
