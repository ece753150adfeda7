"""The editorial apparatus as the reader gets it: structure and rules, not quotas.

Checked on the built pages (what a reader gets), not the sources. There is no
quota of notes per paragraph, per response, per kind or per work: a note earns
its place by what it says (``../shared/EDITORIAL.md``), so the number of notes
is whatever the text needs. What is checked here are rules every note and page
keeps: a note is short, each chapter opens with an introduction and ends with
questions, each comment gets a response, the glossary's terms are all used,
and the bibliography lists checked works, each cited somewhere.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from edition.notes.records import KINDS
from edition.text.source import is_passage

from .conftest import ROOT, UNIT_PAGES, toc_docnames

pytestmark = pytest.mark.book

ESSAY_PAGES = {page: units for page, units in UNIT_PAGES.items() if all(map(is_passage, units))}
RESPONSES = [unit for units in UNIT_PAGES.values() for unit in units if not is_passage(unit)]
CHAPTERS = list(UNIT_PAGES)


def soup(site: Path, name: str) -> BeautifulSoup:
    return BeautifulSoup((site / f"{name}.html").read_text(encoding="utf-8"), "html.parser")


def notes_by_unit(site: Path) -> dict[str, list[str]]:
    """Kinds of the margin notes in each unit, as the reader sees them."""
    found: dict[str, list[str]] = {}
    for name in CHAPTERS:
        for note in soup(site, name).select("span.annotation"):
            unit = note.find_parent(id=re.compile(r"^(p\d|r\d(-\d)?)$"))
            found.setdefault(unit["id"], []).append(note["data-kind"])
    return found


def words(text: str) -> int:
    return len(text.split())


def test_every_note_has_a_valid_kind(site) -> None:
    kinds = [kind for unit in notes_by_unit(site).values() for kind in unit]
    assert kinds, "no margin notes"
    assert set(kinds) <= set(KINDS), f"unknown kinds: {set(kinds) - set(KINDS)}"


def test_notes_are_short(site) -> None:
    for name in CHAPTERS:
        for note in soup(site, name).select("span.annotation"):
            body = " ".join(p.get_text() for p in note.select(".annotation-para"))
            assert 8 <= words(body) <= 90, f"{note['id']}: {words(body)} words"


@pytest.mark.parametrize("name", CHAPTERS)
def test_chapter_opens_with_an_introduction(site, name: str) -> None:
    intro = soup(site, name).select_one("div.chapter-intro")
    assert intro is not None, f"{name}: no editors' introduction"
    assert words(intro.get_text()) <= 220, f"{name}: introduction of {words(intro.get_text())} words"


@pytest.mark.parametrize("name", CHAPTERS)
def test_chapter_ends_with_questions(site, name: str) -> None:
    page = soup(site, name)
    heading = next((h for h in page.select("article h2") if "For discussion" in h.get_text()), None)
    assert heading is not None, f"{name}: no “For discussion” section"
    questions = heading.find_parent("section").select("ol > li")
    assert questions, f"{name}: no questions"
    for question in questions:
        assert "?" in question.get_text()
    if name in ESSAY_PAGES:
        cited = {a["href"].split("#")[-1] for q in questions for a in q.select("a.reference")}
        assert cited & set(ESSAY_PAGES[name]), f"{name}: questions cite none of the chapter's paragraphs"


def test_every_response_gets_an_editors_response(site) -> None:
    page = soup(site, "book/responses")
    responses = page.select("div.editors-response")
    assert len(responses) == len(RESPONSES)
    for block, uid in zip(responses, RESPONSES):
        label = uid.upper().replace("-", ".")
        assert f"Editors’ response to {label}." in block.get_text()
        assert "?" in block.get_text(), f"{label}: no question for class"


def links_between(site: Path, source: str, target: str) -> set[str]:
    """Unit ids on ``target`` that ``source`` links to."""
    found = set()
    for a in soup(site, source).select("a[href]"):
        href = a["href"]
        if href.startswith(Path(target).name + ".html#"):
            found.add(href.split("#", 1)[1])
    return found


@pytest.mark.parametrize("page", list(ESSAY_PAGES))
def test_passages_and_responses_point_at_each_other(site, page: str) -> None:
    to_responses = links_between(site, page, "book/responses") & set(RESPONSES)
    assert to_responses, f"{page} points to no reader response"
    back = links_between(site, "book/responses", page) & set(ESSAY_PAGES[page])
    assert back, f"the responses point back to no paragraph of {page}"


def test_r2_and_p7_are_linked_both_ways(site) -> None:
    assert "r2" in links_between(site, "book/refusal", "book/responses")
    assert "p7" in links_between(site, "book/responses", "book/refusal")


def test_every_glossary_term_is_used(site) -> None:
    glossary = soup(site, "book/glossary")
    terms = {dt["id"]: dt.get_text().rstrip("¶#").strip() for dt in glossary.select("dl.glossary dt[id]")}
    assert terms, "no glossary terms"
    used = set()
    for name in toc_docnames():
        if name == "book/glossary":
            continue
        for a in soup(site, name).select("a[href*='glossary.html#term-']"):
            used.add(a["href"].split("#", 1)[1])
    unused = {terms[t] for t in terms if t not in used}
    assert not unused, f"glossary terms never linked from the text or notes: {sorted(unused)}"


def test_every_bibliography_entry_is_cited_and_only_checked_works_are_listed(site) -> None:
    bib = (ROOT / "book" / "references.bib").read_text(encoding="utf-8")
    keys = set(re.findall(r"@\w+\{(\w+),", bib))
    allowed = set(re.findall(r"^\| (\w+) \|", (ROOT / "docs" / "references.md").read_text(encoding="utf-8"), re.M))
    assert keys and keys <= allowed, f"not in the checked list: {keys - allowed}"
    cited = set()
    for path in [*(ROOT / "book").glob("*.md"), *(ROOT / "annotations").glob("*.yml")]:
        for group in re.findall(r"\{cite(?::\w+)?\}`([^`]+)`", path.read_text(encoding="utf-8")):
            cited.update(k.strip() for k in group.split(","))
    assert cited <= keys, f"cited but not in references.bib: {cited - keys}"
    assert keys <= cited, f"never cited: {sorted(keys - cited)}"
    entries = soup(site, "book/bibliography").select("div.citation")
    assert len(entries) == len(keys)
