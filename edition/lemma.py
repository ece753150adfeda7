"""The lemma of a note: the phrase it discusses, as a critical edition prints it. Pure logic."""

from __future__ import annotations

#: What stands for the words left out of a long lemma.
ELLIPSIS = "…"


def lemma(quote: str, limit: int = 40) -> str:
    """The lemma of a note on ``quote``: the phrase, shortened when long, then ``]``.

    White space is folded to single spaces. A phrase of at most ``limit``
    characters is given whole (``"being professional]"``). A longer one keeps
    as many whole words from its start as fill half of ``limit``, then "…",
    then as many whole words from its end as fill the rest, so that a reader can
    still find it in the text; a side whose first word alone is too long is
    cut inside the word. The result never exceeds ``limit`` characters before
    the ``]``, unless ``limit`` is too small to hold "x … y".

    >>> lemma("healthier than their therapists")
    'healthier than their therapists]'
    >>> lemma("that therapy clients are healthier than their therapists", 30)
    'that therapy … therapists]'
    """
    words = quote.split()
    text = " ".join(words)
    if len(text) <= limit:
        return text + "]"
    room = limit - len(f" {ELLIPSIS} ")
    head = _take(words, max(1, room // 2))
    tail = _take(words[::-1], max(1, room - len(head)), reverse=True)
    return f"{head} {ELLIPSIS} {tail}]"


def _take(words: list[str], budget: int, reverse: bool = False) -> str:
    """As many whole words from the start of ``words`` as fit in ``budget``
    characters (at least part of the first one); ``reverse`` when ``words``
    runs backwards from the end of the phrase."""
    kept: list[str] = []
    length = 0
    for word in words:
        extra = len(word) + (1 if kept else 0)
        if kept and length + extra > budget:
            break
        kept.append(word)
        length += extra
    if length > budget:  # one word longer than the budget
        word = kept[0]
        return word[-budget:] if reverse else word[:budget]
    return " ".join(kept[::-1] if reverse else kept)
