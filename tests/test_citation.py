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
                    f"An Annotated Edition, 2026. {url}")


def test_comment_is_cited_as_the_commenter_s_words() -> None:
    text = unit_citation(**BOOK, label="R1.1", url="https://example.org/book/responses.html#r1-1", absolute=True)
    assert text.startswith("Unsigned comment R1.1, on a passage by Daniel Mackler, in When Psychotherapists")
    assert text.endswith(" https://example.org/book/responses.html#r1-1")


def test_the_signed_comment_is_cited_by_its_signer() -> None:
    text = unit_citation(**BOOK, label="R1", url="https://example.org/book/responses.html#r1", absolute=True)
    assert text.startswith("Magdalene D’Silva, comment R1 (1 Nov 2022), on a passage by Daniel Mackler, in ")
    assert "An Annotated Edition, 2026." in text


def test_the_signatures_are_the_source_s() -> None:
    """R1 is signed in the kept source exactly as the citation signs it; no other comment is."""
    from pathlib import Path

    from edition.citation import SIGNED_COMMENTS
    from edition.source import load_source

    source = load_source(Path(__file__).parents[1] / "book" / "_source" / "essay-and-comments.txt")
    comments = [uid for uid in source.ids if uid.startswith("r")]
    assert comments, "no comments in the source"
    for uid in comments:
        text = source.unit(uid).text
        label = "R" + uid[1:].replace("-", ".")
        if label in SIGNED_COMMENTS:
            name, date = SIGNED_COMMENTS[label]
            assert f"{name} {date}" in text, f"{label}: the source does not sign it {name} {date}"
        else:
            assert not any(name in text for name, _ in SIGNED_COMMENTS.values()), f"{label} carries a signature"


def test_without_a_stable_address_the_citation_says_so() -> None:
    text = unit_citation(**BOOK, label="¶4", url="book/healing.html#p4", absolute=False)
    assert "book/healing.html#p4" in text and "no stable address" in text

