"""The evidence rule, in the build: Sphinx glue for ``records.check_evidence``.

An editors' margin note of kind ``evidence``, or one that says what research,
studies or the field find, must cite a work of the bibliography. The rule is
the editors' (see EDITORIAL.md): a teacher's or a class's layer shows what
its writers wrote, and is not held to it. Each note that does
not is a warning (``type="edition"``, ``subtype="evidence"``) naming the
file, the line and the note; under ``-W`` the build fails and lists them all.
"""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx

from . import faults
from ..notes.layers import EDITORS
from ..notes.records import bibliography_keys, check_evidence
from .state import state_of


def check_notes(app: Sphinx) -> None:
    """Warn for every note whose research claim cites nothing in the bibliography."""
    keys: set[str] = set()
    for name in app.config.bibtex_bibfiles or []:
        path = Path(app.srcdir) / name
        if path.exists():
            keys |= bibliography_keys(path.read_text(encoding="utf-8"))
    notes = [note for note in state_of(app.env).annotations.values() if note.layer == EDITORS]
    for err in check_evidence(notes, keys):
        faults.report(err)
