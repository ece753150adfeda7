"""A text cut into the runs a pattern matches and the runs between them (pure logic)."""

from __future__ import annotations

import re


def split_matches(text: str, pattern: re.Pattern[str]) -> list[tuple[bool, str]]:
    """``text`` cut into pieces, each ``(matched, characters)``; joined, they give back ``text``.

    >>> split_matches("a1b22", re.compile(r"[0-9]+"))
    [(False, 'a'), (True, '1'), (False, 'b'), (True, '22')]
    """
    pieces: list[tuple[bool, str]] = []
    at = 0
    for match in pattern.finditer(text):
        if match.start() > at:
            pieces.append((False, text[at:match.start()]))
        pieces.append((True, match.group()))
        at = match.end()
    if at < len(text):
        pieces.append((False, text[at:]))
    return pieces
