"""The evidence rule in a build: a warning naming the file, the line and the note."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest

from .test_evidence import note

pytestmark = pytest.mark.small


def test_the_rule_is_a_warning_in_the_build(project) -> None:
    from sphinx.testing.util import SphinxTestApp

    project.annotate(note("evidence", "Therapists differ a great deal."))
    warnings = io.StringIO()
    conf = project.root / "conf.py"
    conf.write_text(conf.read_text(encoding="utf-8") + "show_warning_types = True\n", encoding="utf-8")
    app = SphinxTestApp("html", srcdir=project.root, status=None, warning=warnings)
    try:
        app.build()
    finally:
        app.cleanup()
    text = re.sub(r"\x1b\[[0-9;]*m", "", warnings.getvalue())
    lines = [line for line in text.splitlines() if "[edition.evidence]" in line]
    assert lines == [
        "annotations/index.yml:1: WARNING: annotation “a-note”: an evidence note must cite a work of the "
        "bibliography ({cite:t}`key` or {cite:p}`key`) [edition.evidence]"
    ]
    # a warning, not a refusal: without -W the page is written, the note on it
    page = (Path(app.outdir) / "index.html").read_text(encoding="utf-8")
    assert 'id="note-a-note"' in page and "Therapists differ a great deal." in page
