"""Citing a paragraph: the text the website's “cite” dialog offers (pure functions)."""

from __future__ import annotations

import pytest

from edition.citation import unit_citation, unit_url

pytestmark = pytest.mark.fast

BOOK = {"author": "Daniel Mackler", "title": "When Psychotherapists Are Less Healthy Than Their Clients"}


def test_url_is_absolute_under_the_base_url() -> None:
    assert unit_url("https://example.org/ed", "book/healing.html", "p4") == "https://example.org/ed/book/healing.html#p4"
    assert unit_url("https://example.org/ed/", "book/healing.html", "p4") == "https://example.org/ed/book/healing.html#p4"
    assert unit_url("", "book/healing.html", "p4") == "book/healing.html#p4"


def test_paragraph_citation_names_author_paragraph_edition_and_url() -> None:
    url = "https://example.org/book/healing.html#p4"
    text = unit_citation(**BOOK, label="¶4", url=url, absolute=True)
    assert text == ("Daniel Mackler, ¶4, in When Psychotherapists Are Less Healthy Than Their Clients: "
                    f"An Annotated Edition. {url}")


def test_comment_is_cited_as_the_commenter_s_words() -> None:
    text = unit_citation(**BOOK, label="R1.1", url="https://example.org/book/responses.html#r1-1", absolute=True)
    assert text.startswith("Reader comment R1.1, on a passage by Daniel Mackler, in When Psychotherapists")
    assert text.endswith(" https://example.org/book/responses.html#r1-1")


def test_without_a_stable_address_the_citation_says_so() -> None:
    text = unit_citation(**BOOK, label="¶4", url="book/healing.html#p4", absolute=False)
    assert "book/healing.html#p4" in text and "no stable address" in text

