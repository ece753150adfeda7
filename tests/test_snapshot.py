"""One small annotated page, as doctree, HTML and LaTeX, compared with outputs
that were read and found right (``tests/snapshots/``).

A change to any of the three shows here as a diff. If the change is
intended, read the new output, then write it with
``EDITION_UPDATE_SNAPSHOTS=1 pytest tests/test_snapshot.py`` and commit it.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from docutils import nodes

from tests.helpers.sphinxproject import note_record

pytestmark = pytest.mark.small

SNAPSHOTS = Path(__file__).parent / "snapshots"

NOTE = note_record('A note with *emphasis*.\n\nA second paragraph.')


def check(name: str, got: str) -> None:
    path = SNAPSHOTS / name
    if os.environ.get("EDITION_UPDATE_SNAPSHOTS"):
        path.write_text(got, encoding="utf-8")
    assert path.exists(), f"no snapshot {name}: read the output, then write it with EDITION_UPDATE_SNAPSHOTS=1"
    assert got == path.read_text(encoding="utf-8")


def passage(doctree: nodes.document) -> nodes.paragraph:
    return next(p for p in doctree.findall(nodes.paragraph) if "p1" in p["ids"])


def test_doctree_html_and_latex_of_an_annotated_paragraph(project) -> None:
    project.annotate(NOTE)
    app = project.build("html")
    check("p1.doctree.txt", passage(app.env.get_doctree("index")).pformat())
    html = (app.outdir / "index.html").read_text(encoding="utf-8")
    check("p1.html", re.search(r'<p class="passage" id="p1">.*?</p>\n', html, re.S).group(0))
    latex = project.build("latex")
    tex = next(latex.outdir.glob("*.tex")).read_text(encoding="utf-8")
    check("p1.tex", re.search(r"\n(\\sphinxAtStartPar\n[^\n]*\\edparnum\{¶1\}.*?)\n\n", tex, re.S).group(1) + "\n")
