"""Layers and the opt-in discussion in a real browser (Debian's Chromium).

The book is built with a teacher's and a class's fixture layer and with the
Hypothesis setting on (``tests/helpers/layered.py``). Every request to
another host is stubbed and recorded: the page must make none until the
reader has asked for the discussion and agreed.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from tests.helpers.browser import NARROW, WIDE, OpenPage, serve_folder
from tests.helpers.layered import HYPOTHESIS

# Playwright is imported where a browser runs, so that the fast layer collects without it.
if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page, Route

pytestmark = pytest.mark.browser

PAGE = "book/humility.html"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@pytest.fixture(scope="module")
def layered_url(layered_site: Path) -> Iterator[str]:
    with serve_folder(layered_site) as url:
        yield url


class Reader:
    """A page of the layered site in a fresh context, with other hosts stubbed and recorded."""

    def __init__(self, browser: Browser, url: str, width: int = WIDE, mode: str = "light"):
        self.url = url
        self.context = browser.new_context(viewport={"width": width, "height": 900})
        self.context.add_init_script(
            f"if (!localStorage.getItem('mode')) {{ localStorage.setItem('mode', '{mode}'); "
            f"localStorage.setItem('theme', '{mode}'); }}"
        )
        self.foreign: list[str] = []
        self.errors: list[str] = []
        self.context.route("**/*", self._route)
        self.page: Page = self.context.new_page()
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))

    def _route(self, route: Route) -> None:
        if route.request.url.startswith(self.url):
            route.continue_()
        else:
            self.foreign.append(route.request.url)
            route.fulfill(status=200, content_type="application/javascript", body="window.stubbedClient = true;")

    def open(self, path: str = PAGE) -> Page:
        self.page.goto(f"{self.url}/{path}", wait_until="networkidle")
        return self.page

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def reader(browser: Browser, layered_url: str) -> Iterator[Reader]:
    opened = Reader(browser, layered_url)
    yield opened
    assert opened.errors == [], opened.errors
    opened.close()


def visible_notes(page: Page, layer: str) -> int:
    return page.evaluate(
        "(layer) => [...document.querySelectorAll(`span.annotation[data-layer='${layer}']`)]"
        ".filter(n => n.offsetParent !== null).length",
        layer,
    )


def visible_marks(page: Page, layer: str) -> int:
    """How many phrase marks of a layer are drawn."""
    return page.evaluate(
        "(layer) => [...document.querySelectorAll(`span.annotation-mark[data-layer='${layer}']`)]"
        ".filter(m => m.getClientRects().length > 0).length",
        layer,
    )


def axe_violations(page: Page) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    return [
        f"{rule['id']} at {node['target']}: {' '.join(node.get('failureSummary', '').split())[:200]}"
        for rule in results.response["violations"]
        for node in rule["nodes"]
    ]


def test_every_layer_is_shown_and_labelled(reader: Reader) -> None:
    page = reader.open()
    for layer in ("editors", "teacher", "class"):
        assert visible_notes(page, layer) > 0, layer
    label = page.locator("#note-t-arrogant .annotation-kind").inner_text()
    assert label.lower().startswith("teacher")
    # the note that follows the phrase names the layer in its accessible text
    assert page.locator("#anchor-t-arrogant").get_attribute("href") == "#note-t-arrogant"
    shapes = page.evaluate(
        "() => ['editors', 'class', 'teacher'].map(l => getComputedStyle("
        "document.querySelector(`a.annotation-anchor[data-layer='${l}']`)).textDecorationStyle)"
    )
    assert len(set(shapes)) == 3, shapes


def test_a_layer_can_be_hidden_and_the_choice_is_remembered(reader: Reader) -> None:
    page = reader.open()
    button = page.get_by_role("button", name="Layers")
    assert button.get_attribute("aria-expanded") == "false"
    button.click()
    assert button.get_attribute("aria-expanded") == "true"
    boxes = page.get_by_role("checkbox")
    assert [boxes.nth(i).is_checked() for i in range(boxes.count())] == [True, True, True]
    page.get_by_role("checkbox", name="Teacher").uncheck()
    assert visible_notes(page, "teacher") == 0
    assert visible_notes(page, "class") > 0 and visible_notes(page, "editors") > 0
    assert page.locator("#anchor-t-arrogant").get_attribute("tabindex") == "-1"
    # the hidden layer's phrases lose their marks; the others keep theirs
    assert visible_marks(page, "teacher") == 0
    assert visible_marks(page, "class") > 0 and visible_marks(page, "editors") > 0
    # where the teacher's phrase overlapped the editors', the editors' mark stays whole
    shared = page.locator("#anchor-t-ready-to-learn")
    assert shared.inner_text() == "their therapists"
    assert "edition-layer-off" not in (shared.get_attribute("class") or "")
    assert shared.get_attribute("href") == "#note-p1-healthier"
    # remembered on the next page and after a reload
    reader.open("book/humility.html")
    assert visible_notes(page, "teacher") == 0
    page.get_by_role("button", name="Layers").click()
    assert not page.get_by_role("checkbox", name="Teacher").is_checked()
    page.get_by_role("checkbox", name="Teacher").check()
    assert visible_notes(page, "teacher") > 0
    assert page.locator("#anchor-t-arrogant").get_attribute("tabindex") is None
    assert shared.get_attribute("href") == "#note-t-ready-to-learn"
    assert shared.get_attribute("data-notes") == "note-c-healthier note-p1-healthier note-t-ready-to-learn"


def test_replies_sit_inside_their_note(reader: Reader) -> None:
    page = reader.open()
    replies = page.locator("#note-c-healthier span.annotation-reply")
    assert replies.count() == 2
    assert replies.nth(0).locator(".annotation-kind").inner_text().lower() == "reply · student 2 · 2026-10-01"
    assert replies.nth(1).get_attribute("data-depth") == "2"


@pytest.mark.parametrize("mode", ["light", "dark"])
def test_no_wcag_violations_with_layers(browser: Browser, layered_url: str, mode: str) -> None:
    reader = Reader(browser, layered_url, mode=mode)
    try:
        page = reader.open()
        page.get_by_role("button", name="Layers").click()
        assert axe_violations(page) == []
        page.keyboard.press("Escape")
        page.get_by_role("button", name="Discuss").click()
        assert page.locator("dialog.edition-discuss-dialog").is_visible()
        assert axe_violations(page) == []
    finally:
        reader.close()


def test_no_wcag_violations_with_layers_on_a_phone(browser: Browser, layered_url: str) -> None:
    reader = Reader(browser, layered_url, width=NARROW)
    try:
        page = reader.open()
        assert axe_violations(page) == []
        # the two extra header buttons still fit: the page does not scroll sideways
        assert page.evaluate("() => document.documentElement.scrollWidth") <= NARROW
    finally:
        reader.close()


def test_discussion_loads_nothing_until_the_reader_agrees(reader: Reader) -> None:
    page = reader.open()
    assert reader.foreign == []
    assert page.locator("script.js-hypothesis-config").count() == 0
    page.get_by_role("button", name="Discuss").click()
    dialog = page.locator("dialog.edition-discuss-dialog")
    assert dialog.is_visible()
    assert "hypothes.is" in dialog.inner_text() and "Nothing has been sent yet" in dialog.inner_text()
    page.get_by_role("button", name="Not now").click()
    assert not dialog.is_visible()
    page.wait_for_timeout(300)
    assert reader.foreign == []
    page.get_by_role("button", name="Discuss").click()
    with page.expect_request(HYPOTHESIS["client"]):
        page.get_by_role("button", name="Load Hypothesis").click()
    page.wait_for_function("() => window.stubbedClient === true")
    assert reader.foreign == [HYPOTHESIS["client"]]
    config = json.loads(page.locator("script.js-hypothesis-config").text_content())
    assert config["group"] == HYPOTHESIS["group"]
    assert page.evaluate("() => window.hypothesisConfig().group") == HYPOTHESIS["group"]
    assert page.get_by_role("button", name="Discuss").get_attribute("aria-pressed") == "true"


def test_the_default_book_has_no_discussion_and_one_layer(open_page: OpenPage) -> None:
    """The repository's own build: the setting is off and only the editors' notes are there."""
    visit = open_page(PAGE, wait_until="networkidle")
    assert visit.foreign == []
    assert visit.page.get_by_role("button", name="Discuss").count() == 0
    assert visit.page.locator("script[src*='discuss.js'], script[src*='layers.js']").count() == 0
    layers = visit.page.evaluate("() => [...new Set([...document.querySelectorAll('[data-layer]')].map(n => n.dataset.layer))]")
    assert layers == ["editors"]


def test_the_readers_consent_is_remembered_for_the_site_and_can_be_withdrawn(reader: Reader) -> None:
    page = reader.open()
    page.get_by_role("button", name="Discuss").click()
    with page.expect_request(HYPOTHESIS["client"]):
        page.get_by_role("button", name="Load Hypothesis").click()
    # the route that records the request may run just after the request event: wait for it,
    # so that this page's request is not counted as the next page's
    for _ in range(100):
        if reader.foreign:
            break
        page.wait_for_timeout(20)
    # another page of the site: the client loads without asking again
    reader.foreign.clear()
    page = reader.open("book/index.html")
    assert reader.foreign == [HYPOTHESIS["client"]]
    assert page.locator("dialog.edition-discuss-dialog[open]").count() == 0
    # withdrawn on the page: the page comes back without the client, and so do the others
    page.get_by_role("button", name="Discuss").click()
    assert page.locator("dialog.edition-discuss-withdraw").is_visible()
    with page.expect_navigation():
        page.get_by_role("button", name="Turn off").click()
    page.wait_for_load_state("networkidle")
    reader.foreign.clear()
    reader.open()
    page.wait_for_timeout(300)
    assert reader.foreign == []
    assert page.get_by_role("button", name="Discuss").get_attribute("aria-pressed") == "false"
