"""The search page finds units by their numbers and lands each result at its match (Chromium)."""

from __future__ import annotations

import re

from urllib.parse import quote

import pytest

pytest.importorskip("playwright", reason="the browser tests need Playwright (make venv)")

from tests.helpers.browser import OpenPage, Visit  # noqa: E402

pytestmark = pytest.mark.browser

RESULTS_JS = """() => [...document.querySelectorAll("#search-results li")].map((li) => ({
  href: li.querySelector("a").getAttribute("href"),
  text: li.textContent,
}))"""


def search(open_page: OpenPage, query: str) -> tuple[Visit, list[dict[str, str]]]:
    """The search page's results for ``query``, once Sphinx has listed them all."""
    visit = open_page(f"search.html?q={quote(query)}")
    visit.page.wait_for_selector("#search-results p.search-summary:not(:empty)", timeout=15_000)
    visit.page.wait_for_timeout(500)  # Sphinx adds the results one by one
    return visit, visit.page.evaluate(RESULTS_JS)


@pytest.mark.parametrize(
    ("query", "target"),
    [("¶4", "book/healing.html#p4"), ("p4", "book/healing.html#p4"), ("paragraph 4", "book/healing.html#p4"),
     ("Paragraph 8", "book/refusal.html#p8"), ("R1.1", "book/responses.html#r1-1"), ("response 2", "book/responses.html#r2")],
)
def test_a_unit_is_found_by_its_number_and_opens_at_it(open_page: OpenPage, query: str, target: str) -> None:
    visit, results = search(open_page, query)
    assert results and results[0]["href"] == target, f"{query!r}: first results {[r['href'] for r in results[:3]]}"
    visit.page.click("#search-results li a")
    visit.page.wait_for_load_state("load")
    unit = target.split("#")[1]
    assert visit.page.url.endswith(target)
    top = visit.page.evaluate(f"() => document.getElementById('{unit}').getBoundingClientRect().top")
    assert 0 <= top < 300, f"{query!r}: the unit stands at y={top:.0f}"


def test_each_page_is_listed_once_and_snippets_read_as_text(open_page: OpenPage) -> None:
    _, results = search(open_page, "dissociation")
    pages = [r["href"].split("#")[0] for r in results]
    assert len(pages) == len(set(pages)), f"a page listed twice: {pages}"
    assert results[0]["href"] == "book/glossary.html#term-dissociation"
    snippets = " ".join(r["text"] for r in results)
    # Part II's heading, "Dissociation, suffering, grieving", and the sentence after it stay apart
    assert re.search(r"grieving[A-Z]", snippets) is None and re.search(r"grieving\s+[A-Z]", snippets), snippets
    assert "¶paragraph" not in snippets


def test_a_result_opens_at_its_match_highlighted(open_page: OpenPage) -> None:
    """Sphinx 7 passes the words in localStorage, not in the link: the page still marks them and opens there."""
    visit, results = search(open_page, "Winehouse")
    page = visit.page
    page.click("#search-results li a[href='book/note-on-the-text.html']")
    page.wait_for_load_state("load")
    page.locator("span.highlighted").first.wait_for(timeout=5_000)
    page.wait_for_timeout(300)
    found = page.evaluate(
        """() => { const r = document.querySelector("article span.highlighted").getBoundingClientRect();
                   return {text: document.querySelector("article span.highlighted").textContent, top: r.top, scroll: scrollY}; }"""
    )
    assert found["text"].lower() == "winehouse"
    assert found["scroll"] > 0 and 0 < found["top"] < 900, f"the match is not in view: {found}"
    assert visit.problems() == []
