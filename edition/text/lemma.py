"""The lemma of a note: the phrase it discusses, as a critical edition cites it.

A note in the PDF's margin (and in the EPUB's pop-up footnotes) opens with
its lemma, so a reader can match the note to its phrase even when the note
had to move away from the phrase's line. A short phrase is its own lemma; a
long one is shortened to its first and last words around an ellipsis, as in
“so many therapists … very arrogant”.

Pure: no Sphinx or docutils import, so every output format can use it.
"""

from __future__ import annotations

#: Phrases of at most this many words are quoted whole.
MAX_WORDS = 5

#: How many words a shortened lemma keeps at each end.
KEEP_WORDS = 2

#: The mark of an omission inside a lemma (one character, as editions set it).
ELLIPSIS = "…"

#: Punctuation taken off the ends of a lemma: the note's "]" follows the words.
_TRIM = " \t\n,;:.!?—–-" + ELLIPSIS


def lemma(phrase: str, max_words: int = MAX_WORDS, keep: int = KEEP_WORDS) -> str:
    """The lemma of ``phrase``: whole when short, else first and last words.

    White space is folded to single spaces and punctuation at either end is
    dropped. A phrase of more than ``max_words`` words keeps its first and
    last ``keep`` words around “…”, so the lemma stays a few words long
    whatever the length of the phrase.

    >>> lemma("therapy clients so often are humble")
    'therapy clients … are humble'
    >>> lemma("perhaps most, are very arrogant.")
    'perhaps most, are very arrogant'
    >>> lemma("  the   song below ")
    'the song below'
    """
    words = phrase.split()
    if len(words) <= max_words:
        return " ".join(words).strip(_TRIM)
    head = " ".join(words[:keep]).rstrip(_TRIM)
    tail = " ".join(words[-keep:]).strip(_TRIM)
    return f"{head} {ELLIPSIS} {tail}"
