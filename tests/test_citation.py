"""Citing a paragraph: the text the website's “cite” dialog offers (pure functions)."""

from __future__ import annotations

import pytest

from edition.writers.unit_citation import CitationFacts, access_date, unit_citation, unit_url, with_address

from tests.helpers.sphinxproject import BOOK_FACTS

pytestmark = pytest.mark.fast

#: The book's facts as its _config.yml gives them.
FACTS = CitationFacts.from_config(BOOK_FACTS["edition_citation"])
BOOK = {"author": BOOK_FACTS["edition_author"], "title": BOOK_FACTS["edition_title"], "facts": FACTS}


def test_url_is_absolute_under_the_base_url() -> None:
    assert unit_url("https://example.org/ed", "book/healing.html", "p4") == "https://example.org/ed/book/healing.html#p4"
    assert unit_url("https://example.org/ed/", "book/healing.html", "p4") == "https://example.org/ed/book/healing.html#p4"
    assert unit_url("", "book/healing.html", "p4") == "book/healing.html#p4"


def test_paragraph_citation_names_author_paragraph_place_of_publication_and_edition() -> None:
    text = unit_citation(**BOOK, label="¶4")
    assert text == ("Daniel Mackler, ¶4, as quoted on Mad in America, “Around the Web”; in When Psychotherapists "
                    "Are Less Healthy Than Their Clients: An Independent Annotated Edition, version 1.0, 2026.")


def test_comment_is_cited_as_the_commenter_s_words_where_it_was_published() -> None:
    text = unit_citation(**BOOK, label="R1.1")
    assert text.startswith("Unsigned comment R1.1, on a passage by Daniel Mackler, Mad in America, “Around the Web”; "
                           "in When Psychotherapists")


def test_the_signed_comment_is_cited_by_its_signer() -> None:
    text = unit_citation(**BOOK, label="R1")
    assert text.startswith("Magdalene D’Silva, comment R1 (1 Nov 2022), on a passage by Daniel Mackler, ")
    assert "An Independent Annotated Edition, version 1.0, 2026." in text


def test_the_whole_citation_ends_with_the_absolute_address_and_the_access_date() -> None:
    text = with_address(unit_citation(**BOOK, label="¶4"), "https://example.org/book/healing.html#p4",
                        access_date(2, 12, 2026))
    assert text.endswith("version 1.0, 2026. https://example.org/book/healing.html#p4 (accessed 2 December 2026).")


def test_the_signatures_are_the_source_s() -> None:
    """R1 is signed in the kept source exactly as the citation signs it; no other comment is."""
    from pathlib import Path

    from edition.text.source import load_source

    signed = FACTS.signed

    source = load_source(Path(__file__).parents[1] / "book" / "_source" / "essay-and-comments.txt")
    comments = [uid for uid in source.ids if uid.startswith("r")]
    assert comments, "no comments in the source"
    for uid in comments:
        text = source.unit(uid).text
        label = "R" + uid[1:].replace("-", ".")
        if label in signed:
            name, date = signed[label]
            assert f"{name} {date}" in text, f"{label}: the source does not sign it {name} {date}"
        else:
            assert not any(name in text for name, _ in signed.values()), f"{label} carries a signature"
