"""Quotations of the source in the editors' text: finding them. Pure logic, no Sphinx.

The role ``{q}`go to war with the client``` (or ``{q}`p7: go to war with the
client```, naming the unit) quotes the essay or a comment. Before it is
rendered, the words are looked up in the source: in the named unit, or else
in the whole text, where they must occur in exactly one unit. The words must
be the source's own, character for character (curly quotes, dashes, spaced
full stops); only runs of white space count as one space, so that a
quotation may be wrapped across lines of Markdown or YAML, and may span a
line break of a comment.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .source import Source, label_for, normalize_space

#: ``p7: words`` or ``r1-1: words``: a unit named before the quoted words.
_UNIT_PREFIX = re.compile(r"^\s*(p\d+|r\d+(?:-\d+)?)\s*:\s+(.*)$", re.S)


@dataclass(frozen=True)
class Quotation:
    """A quotation found in the source: the words and the unit they are in."""

    words: str
    unit: str

    @property
    def label(self) -> str:
        """The unit's number as readers see it (``¶7``, ``R1.1``)."""
        return label_for(self.unit)


class QuotationError(ValueError):
    """A quotation that is not in the source as given; ``str()`` is the fault."""


def parse_role_text(text: str) -> tuple[str, str]:
    """Split role text into (unit id or ``""``, the quoted words with white space collapsed)."""
    match = _UNIT_PREFIX.match(text)
    if match:
        return match.group(1), normalize_space(match.group(2))
    return "", normalize_space(text)


def units_containing(source: Source, words: str) -> list[str]:
    """Ids of the units whose text (white space collapsed) contains ``words``, in reading order."""
    return [unit_id for unit_id, text in source.collapsed_texts.items() if words in text]


def find_quotation(source: Source, text: str) -> Quotation:
    """Find the quotation written as ``text`` (role text) in the source.

    Raises :class:`QuotationError` when the words are empty, when the named
    unit does not exist or does not contain them, when no unit contains
    them, or when several do and no unit is named.
    """
    unit, words = parse_role_text(text)
    if not words:
        raise QuotationError("quotation is empty")
    shown = f"quotation “{words}”"
    if unit:
        if unit not in source.by_id:
            raise QuotationError(f"{shown} names an unknown unit “{unit}” (one of: {', '.join(source.ids)})")
        if words not in source.collapsed_texts[unit]:
            return _not_in(source, words, unit)
        return Quotation(words, unit)
    found = units_containing(source, words)
    if not found:
        raise QuotationError(f"{shown} is not in the text")
    if len(found) > 1:
        places = " and ".join([", ".join(label_for(u) for u in found[:-1]), label_for(found[-1])])
        raise QuotationError(f"{shown} occurs in {places}; name the unit")
    return Quotation(words, found[0])


def _not_in(source: Source, words: str, unit: str) -> Quotation:
    """Raise for words missing from the named unit, saying where they are if elsewhere."""
    elsewhere = units_containing(source, words)
    hint = f" (it is in {', '.join(label_for(u) for u in elsewhere)})" if elsewhere else ""
    raise QuotationError(f"quotation “{words}” is not in {label_for(unit)}{hint}")
