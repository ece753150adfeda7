"""A quotation in the editors' text, followed in a real browser (Debian's Chromium).

Clicking a ``{q}`` quotation lands on the quoted paragraph of another page
with exactly the quoted words marked and in view, across margin notes and
line breaks; nothing else on that page is marked.
"""

from __future__ import annotations

import pytest

from tests.helpers.browser import NARROW, WIDE, OpenPage

pytestmark = pytest.mark.browser


def marked(visit) -> dict:
    return visit.page.evaluate(
        """() => {
             const marks = [...document.querySelectorAll("mark.quoted-words")];
             const unit = marks.length ? marks[0].closest("[id]") : null;
             const r = marks.length ? marks[0].getBoundingClientRect() : null;
             return {text: marks.map(m => m.textContent).join(""),
                     units: [...new Set(marks.map(m => m.closest("p.passage, article.response")?.id))],
                     inView: r ? r.top >= 0 && r.bottom <= innerHeight : false};
           }"""
    )


@pytest.mark.parametrize("width", [WIDE, NARROW])
def test_a_quotation_in_a_handout_lands_on_its_words(open_page: OpenPage, width: int) -> None:
    visit = open_page("book/handouts.html", width=width)
    link = visit.page.locator('a.quotation-link[href*="refusal.html?quote="][href$="#p7"]').first
    words = link.inner_text()
    link.click()
    visit.page.wait_for_url("**/book/refusal.html?quote=*#p7")
    visit.page.wait_for_selector("mark.quoted-words")
    found = marked(visit)
    assert found["text"] == words
    assert found["units"] == ["p7"]
    assert found["inView"]
    assert visit.problems() == []


def test_a_quotation_that_spans_a_line_break_of_a_comment(open_page: OpenPage) -> None:
    visit = open_page("book/responses.html?quote=My%20god!%20This%20line%20rocks!#r2")
    visit.page.wait_for_selector("mark.quoted-words")
    found = marked(visit)
    # the line break between the two lines is a space in the quotation, and no character of the page
    assert found["text"] == "My god!This line rocks!"
    assert found["units"] == ["r2"]


def test_a_quotation_across_a_margin_note_marks_only_the_text(open_page: OpenPage) -> None:
    # “they go to war with the client” carries a note; the quotation runs on past it.
    visit = open_page("book/refusal.html?quote=they%20go%20to%20war%20with%20the%20client%2C%20and%20they%20try#p7")
    visit.page.wait_for_selector("mark.quoted-words")
    found = marked(visit)
    assert found["text"] == "they go to war with the client, and they try"
    assert visit.page.locator(".annotation mark.quoted-words").count() == 0


def test_words_not_in_the_paragraph_mark_nothing(open_page: OpenPage) -> None:
    visit = open_page("book/refusal.html?quote=not%20in%20the%20text#p7")
    assert visit.page.locator("mark.quoted-words").count() == 0
    assert visit.problems() == []
