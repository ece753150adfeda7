"""The kinds of note: one table, one row a kind (pure).

Each kind has the word a reader sees (web, print, EPUB), the W3C motivation
its notes carry in the Web Annotation export
(https://www.w3.org/TR/annotation-vocab/#motivation), and the LaTeX macro
that prints it in the margin (``latex/edition.sty``). A new kind is one row
here; :func:`kind_faults` runs when the build starts (``config-inited``), so a
row without a motivation or a print macro stops it with one line, before any
page is read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: The motivations of the W3C vocabulary (``replying`` is a reply's, never a kind's).
W3C_MOTIVATIONS: tuple[str, ...] = (
    "assessing", "bookmarking", "classifying", "commenting", "describing", "editing",
    "highlighting", "identifying", "linking", "moderating", "questioning", "tagging",
)


@dataclass(frozen=True)
class Kind:
    """One kind of note."""

    #: The name an annotation file gives (``kind: context``).
    name: str
    #: The word a reader sees before the note.
    label: str
    #: The W3C motivation closest to the kind.
    motivation: str
    #: The LaTeX macro (``edition.sty``) that sets the note in the margin.
    print_macro: str = "ednote"


#: The edition's kinds of note.
NOTE_KINDS: tuple[Kind, ...] = (
    Kind("context", "Context", "commenting"),  # background around the phrase: a comment about it
    Kind("term", "Term", "describing"),  # what a word means: a description of the target
    Kind("evidence", "Evidence", "commenting"),  # what research says: a comment, with its sources
    Kind("counterpoint", "Counterpoint", "assessing"),  # the other side: an assessment of the claim
    Kind("connection", "Connection", "linking"),  # a link to another paragraph or response
    Kind("question", "Question", "questioning"),  # a question for discussion
)

#: Annotation kinds and the word a reader sees for each.
LABELS: dict[str, str] = {kind.name: kind.label for kind in NOTE_KINDS}
#: The W3C motivation of each kind.
MOTIVATIONS: dict[str, str] = {kind.name: kind.motivation for kind in NOTE_KINDS}
#: The print macro of each kind.
PRINT_MACROS: dict[str, str] = {kind.name: kind.print_macro for kind in NOTE_KINDS}

_NAME = re.compile(r"^[a-z][a-z-]*$")
_MACRO = re.compile(r"^[A-Za-z]+$")


def kind_faults(kinds: tuple[Kind, ...] = NOTE_KINDS) -> list[str]:
    """What is wrong with a table of kinds, one line each (nothing when it is whole).

    >>> kind_faults((Kind("aside", "Aside", ""),))
    ['note kind “aside” has no W3C motivation (one of: assessing, bookmarking, classifying, commenting, describing, editing, highlighting, identifying, linking, moderating, questioning, tagging)']
    """
    faults = []
    seen: set[str] = set()
    for kind in kinds:
        if not _NAME.match(kind.name):
            faults.append(f"note kind “{kind.name}”: a name is lower-case letters and hyphens")
        if kind.name in seen:
            faults.append(f"note kind “{kind.name}” is in the table twice")
        seen.add(kind.name)
        if not kind.label.strip():
            faults.append(f"note kind “{kind.name}” has no label")
        if not kind.motivation:
            faults.append(f"note kind “{kind.name}” has no W3C motivation (one of: {', '.join(W3C_MOTIVATIONS)})")
        elif kind.motivation not in W3C_MOTIVATIONS:
            faults.append(f"note kind “{kind.name}”: “{kind.motivation}” is not a W3C motivation "
                          f"(one of: {', '.join(W3C_MOTIVATIONS)})")
        if not _MACRO.match(kind.print_macro):
            faults.append(f"note kind “{kind.name}”: print macro “{kind.print_macro}” is not a LaTeX macro name")
    return faults
