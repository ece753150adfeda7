"""Accessibility: axe-core finds no WCAG 2.1 A or AA violation, in light and dark mode.

axe-core is the copy that axe-playwright-python ships, run offline in the
same Chromium as the other browser tests. No rule is excluded: failures of
the theme are fixed in the edition's templates and style sheet.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("playwright", reason="the browser tests need Playwright (make venv)")

from axe_playwright_python.sync_playwright import Axe  # noqa: E402
from playwright.sync_api import Browser, BrowserContext, Page  # noqa: E402

from tests.helpers.browser import (  # noqa: E402
    CHAPTERS,
    HEIGHT,
    MODES,
    NARROW,
    WIDE,
    OpenPage,
    Visit,
    redirect_target,
    storage_script,
)

pytestmark = pytest.mark.browser

pytestmark = pytest.mark.browser

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@pytest.fixture(scope="session")
def axe() -> Axe:
    """axe-core, loaded from the Python package (no network)."""
    return Axe()


def violations(axe: Axe, visit: Visit) -> list[str]:
    """axe's WCAG 2.1 A/AA violations on the page, one line per element."""
    results = axe.run(visit.page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    lines: list[str] = []
    for rule in results.response["violations"]:
        for node in rule["nodes"]:
            summary = " ".join(node.get("failureSummary", "").split())
            lines.append(f"{rule['id']} ({rule['impact']}) at {node['target']}: {summary[:240]}")
    return lines


def assert_clean(axe: Axe, visit: Visit, mode: str, what: str) -> None:
    """The page is in ``mode`` and axe reports nothing."""
    theme = visit.page.evaluate("() => document.documentElement.dataset.theme")
    assert theme == mode, f"{what}: page is in {theme!r} mode, not {mode!r}"
    found = violations(axe, visit)
    assert found == [], f"{what} ({mode}):\n" + "\n".join(found)


@pytest.fixture(scope="module")
def page_in_mode(browser: Browser, site: Path, site_url: str) -> Iterator[Callable[[str, str], Visit]]:
    """Open a site page in one browser context per colour mode, kept for the whole module:
    a new context for each of the site's pages in each mode is most of the axe runs' time."""
    contexts: dict[str, BrowserContext] = {}
    pages: dict[str, Page] = {}

    def opener(mode: str, path: str) -> Visit:
        if mode not in pages:
            contexts[mode] = browser.new_context(viewport={"width": WIDE, "height": HEIGHT})
            contexts[mode].add_init_script(storage_script(mode, None))
            pages[mode] = contexts[mode].new_page()
        page = pages[mode]
        page.goto(f"{site_url}/{path}", wait_until="networkidle")
        target = redirect_target(site, path)
        if target:
            page.wait_for_url(f"{site_url}/{target}")
            page.wait_for_load_state("networkidle")
        return Visit(page, site_url)

    yield opener
    for context in contexts.values():
        context.close()


@pytest.mark.parametrize("mode", MODES)
def test_no_wcag_violations(axe: Axe, page_in_mode: Callable[[str, str], Visit], site_page: str, mode: str) -> None:
    visit = page_in_mode(mode, site_page)
    assert_clean(axe, visit, mode, site_page)


@pytest.mark.parametrize("mode", MODES)
def test_no_wcag_violations_on_a_phone(axe: Axe, open_page: OpenPage, mode: str) -> None:
    """Margin notes become boxes in the text on a phone: a chapter page there."""
    visit = open_page("book/healing.html", width=NARROW, mode=mode, wait_until="networkidle")
    assert_clean(axe, visit, mode, "book/healing.html at 390px")


@pytest.mark.parametrize("mode", MODES)
def test_no_wcag_violations_in_search_results(axe: Axe, open_page: OpenPage, mode: str) -> None:
    visit = open_page("search.html?q=dissociation", mode=mode)
    visit.page.locator("#search-results li a").first.wait_for(timeout=15_000)
    assert_clean(axe, visit, mode, "search results")


KIND_LABELS_JS = """
() => [...document.querySelectorAll("span.annotation")].map((note) => {
  const label = note.querySelector(".annotation-kind");
  const style = label && getComputedStyle(label);
  return {
    id: note.id,
    kind: note.dataset.kind,
    label: label ? label.innerText.trim() : "",
    shown: !!label && style.display !== "none" && style.visibility !== "hidden"
           && parseFloat(style.fontSize) >= 10 && label.getBoundingClientRect().width > 0,
  };
})
"""


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_note_kinds_are_told_apart_by_words(open_page: OpenPage, chapter: str) -> None:
    visit = open_page(chapter, width=WIDE)
    notes: list[dict[str, Any]] = visit.page.evaluate(KIND_LABELS_JS)
    assert notes, f"{chapter} has no notes"
    unlabeled = [n["id"] for n in notes if not (n["label"] and n["shown"])]
    assert unlabeled == [], f"{chapter}: notes whose kind is not shown in words: {unlabeled}"
    words: dict[str, set[str]] = {}
    for note in notes:
        words.setdefault(note["kind"], set()).add(note["label"].lower())
    for kind, labels in words.items():
        assert len(labels) == 1, f"{chapter}: kind {kind} is labelled in several ways: {labels}"
    all_labels = [next(iter(labels)) for labels in words.values()]
    assert len(set(all_labels)) == len(all_labels), f"{chapter}: two kinds share a label: {words}"


@pytest.mark.parametrize("mode", MODES)
def test_no_wcag_violations_with_a_note_open_on_a_phone(axe: Axe, open_page: OpenPage, mode: str) -> None:
    """At 390 px the phrases are disclosure buttons; with one note open, axe still finds nothing."""
    visit = open_page("book/responses.html", width=NARROW, mode=mode, wait_until="networkidle")
    anchor = visit.page.locator("a.annotation-anchor").first
    anchor.click()
    assert anchor.get_attribute("aria-expanded") == "true"
    assert_clean(axe, visit, mode, "book/responses.html at 390px, a note open")


@pytest.mark.parametrize("width", [NARROW, WIDE])
@pytest.mark.parametrize("mode", MODES)
def test_no_wcag_violations_with_a_citation_open(axe: Axe, open_page: OpenPage, mode: str, width: int) -> None:
    visit = open_page("book/humility.html", width=width, mode=mode, wait_until="networkidle")
    visit.page.locator("#p2 a.unit-number").click()
    assert visit.page.locator("#edition-cite").is_visible()
    assert_clean(axe, visit, mode, f"book/humility.html at {width}px, citation of ¶2 open")


@pytest.mark.parametrize("width", [NARROW, WIDE])
def test_everything_stands_in_a_landmark(axe: Axe, open_page: OpenPage, width: int) -> None:
    """axe's best practice "region": the sidebar's title (the link home) is inside a landmark."""
    visit = open_page(CHAPTERS[0], width=width)
    results = axe.run(visit.page, options={"runOnly": {"type": "rule", "values": ["region"]}})
    stray = [str(node["target"]) for rule in results.response["violations"] for node in rule["nodes"]]
    assert stray == [], f"outside any landmark at {width}px: {stray}"
