"""Snapshot files: an output compared with a copy that was read and found right
(``tests/snapshots/``), so that any change to it shows as a diff.

If a change is intended, read the new output, then write it with
``EDITION_UPDATE_SNAPSHOTS=1 pytest -m small tests/test_snapshot.py`` and
commit it with the change that made it.
"""

from __future__ import annotations

import difflib
import os
import re
from pathlib import Path

SNAPSHOTS = Path(__file__).resolve().parents[1] / "snapshots"

#: What differs between two builds of the same sources and is not the output's
#: content: the digests Sphinx appends to the addresses of style sheets and
#: scripts (``edition.css?v=855759cf``), which change with any edit to them.
VOLATILE = [(re.compile(r"\?v=[0-9a-f]{8,}"), "?v=DIGEST")]

#: What a snapshot leaves out: the style each page carries, the rules of the
#: theme's sheets it can use (about 60 KB of a third party's CSS, which a theme
#: upgrade rewrites), tested by ``tests/test_css_prune.py`` instead.
ELIDED = [(re.compile(r'(<style data-edition-sheets="[^"]*">).*?(</style>)', re.S), r"\1STYLE\2")]


def normalise(text: str, root: Path | None = None) -> str:
    """``text`` with its volatile parts replaced by fixed words, and the project's folder by ``<project>``.

    Dates need no rule: the builds that make snapshots set ``SOURCE_DATE_EPOCH``.
    """
    if root is not None:
        text = text.replace(str(root), "<project>")
    for pattern, word in VOLATILE + ELIDED:
        text = pattern.sub(word, text)
    return text


def check(name: str, got: str) -> None:
    """Compare ``got`` with ``tests/snapshots/<name>``; with ``EDITION_UPDATE_SNAPSHOTS`` set, write it first."""
    path = SNAPSHOTS / name
    if os.environ.get("EDITION_UPDATE_SNAPSHOTS"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(got, encoding="utf-8")
    assert path.exists(), f"no snapshot {name}: read the output, then write it with EDITION_UPDATE_SNAPSHOTS=1"
    want = path.read_text(encoding="utf-8")
    if got != want:
        diff = "".join(difflib.unified_diff(want.splitlines(True), got.splitlines(True), f"snapshot {name}", "built"))
        raise AssertionError(f"the output differs from tests/snapshots/{name}:\n{diff}")
