"""A failed ``make html`` ends with its faults, one line each, not Jupyter Book's traceback."""

from __future__ import annotations

import pytest

from tools.build_summary import fault_lines, summary

pytestmark = pytest.mark.fast

LOG = """\
reading sources... [ 50%] book/healing
\x1b[91mannotations/healing.yml:4: WARNING: annotation “x”: unknown kind “gloss” [edition.kind]\x1b[39;49;00m
/tmp/book/book/healing.md:12: WARNING: passage p4 differs from the source at character 3 [edition.source]
annotations/healing.yml:4: WARNING: annotation “x”: unknown kind “gloss” [edition.kind]
build finished with problems, 2 warnings.
Traceback (most recent call last):
  File "jupyter_book/cli/main.py", line 330, in build
RuntimeError: There was an error in building your book. Look above for the cause.
===============================================================================
"""


def test_fault_lines_are_the_warnings_each_once() -> None:
    assert fault_lines(LOG) == [
        "annotations/healing.yml:4: WARNING: annotation “x”: unknown kind “gloss” [edition.kind]",
        "/tmp/book/book/healing.md:12: WARNING: passage p4 differs from the source at character 3 [edition.source]",
    ]


def test_an_edition_error_keeps_its_message() -> None:
    log = "Edition error:\nbook/_source/x.txt: the source text cannot be read: no such file\nTraceback ...\n"
    assert fault_lines(log) == ["Edition error: book/_source/x.txt: the source text cannot be read: no such file"]


def test_summary_ends_with_the_faults() -> None:
    lines = summary(LOG, "_build/html.log").splitlines()
    assert lines[-3] == "The build failed, 2 faults (full log: _build/html.log):"
    assert "Traceback" not in "\n".join(lines)


def test_a_tex_error_is_in_the_summary() -> None:
    log = "[12] [13]\n! LaTeX Error: Too many unprocessed floats.\n\nSee the LaTeX manual.\nLatexmk: Errors\n"
    assert fault_lines(log) == ["! LaTeX Error: Too many unprocessed floats."]
