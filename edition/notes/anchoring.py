"""Finding the phrase an annotation hangs on. Pure logic, no Sphinx.

The selector follows the W3C Web Annotation ``TextQuoteSelector``: the exact
quote, and optionally the text just before it (``prefix``) and just after it
(``suffix``) to tell apart a phrase that occurs more than once.
"""

from __future__ import annotations

from collections.abc import Sequence


class AnchorError(ValueError):
    """The quote cannot be placed: not found, or found more than once."""


def find_all(text: str, quote: str) -> list[int]:
    """Every start offset of ``quote`` in ``text``, overlapping ones included."""
    starts: list[int] = []
    at = text.find(quote)
    while at != -1:
        starts.append(at)
        at = text.find(quote, at + 1)
    return starts


def _prefix_fits(before: str, prefix: str) -> bool:
    """The text before an occurrence ends with the prefix (a space at the join may be left out,
    as YAML drops trailing spaces from plain strings)."""
    return before.endswith(prefix) or before.rstrip().endswith(prefix.rstrip())


def _suffix_fits(after: str, suffix: str) -> bool:
    """The text after an occurrence starts with the suffix (leading space optional likewise)."""
    return after.startswith(suffix) or after.lstrip().startswith(suffix.lstrip())


def locate_quote(
    text: str, quote: str, prefix: str = "", suffix: str = "", where: str = "the paragraph"
) -> tuple[int, int]:
    """Return ``(start, end)`` of the one occurrence of ``quote`` the selector picks.

    An occurrence matches when ``prefix`` ends right before it and ``suffix``
    starts right after it. Raises :class:`AnchorError` when no occurrence or
    more than one matches; ``where`` names the text in those errors.
    """
    if not quote:
        raise AnchorError("the quote is empty")
    starts = find_all(text, quote)
    if not starts:
        raise AnchorError(f"quote “{quote}” is not in {where}")
    picked = [s for s in starts if _prefix_fits(text[:s], prefix) and _suffix_fits(text[s + len(quote) :], suffix)]
    if not picked:
        raise AnchorError(
            f"quote “{quote}” occurs {len(starts)} time(s) in {where} but never with "
            f"prefix “{prefix}” and suffix “{suffix}”"
        )
    if len(picked) > 1:
        raise AnchorError(
            f"quote “{quote}” occurs {len(picked)} times in {where}; add a prefix or suffix to pick one"
        )
    return picked[0], picked[0] + len(quote)


def locate_in_segments(
    segments: Sequence[str], quote: str, prefix: str = "", suffix: str = "", where: str = "the paragraph"
) -> tuple[int, int, int]:
    """Place a quote in a paragraph made of several text segments (its lines).

    The quote must lie inside one segment; prefix and suffix are matched
    against the segment's own text. Returns ``(segment index, start, end)``.
    Raises :class:`AnchorError` when no segment or more than one holds a match.
    """
    hits: list[tuple[int, int, int]] = []
    errors: list[AnchorError] = []
    for index, segment in enumerate(segments):
        if quote not in segment:
            continue
        try:
            start, end = locate_quote(segment, quote, prefix, suffix, where)
        except AnchorError as err:
            errors.append(err)
            continue
        hits.append((index, start, end))
    if len(hits) == 1:
        return hits[0]
    if len(hits) > 1:
        raise AnchorError(
            f"quote “{quote}” occurs {len(hits)} times in {where}; add a prefix or suffix to pick one"
        )
    if errors:
        raise errors[0]
    hint = " (a quote must lie within one line)" if len(segments) > 1 else ""
    raise AnchorError(f"quote “{quote}” is not in {where}{hint}")
