"""A parallel build (``-j 2``) writes the same bytes as a serial one."""

from __future__ import annotations

import re
from io import StringIO
from pathlib import Path

import pytest
from sphinx.testing.util import SphinxTestApp

from edition.text.source import load_source
from tests.helpers.sphinxproject import ANSI, SOURCE, Project, passage_block, warning_lines

pytestmark = pytest.mark.small

UNITS = ("p4", "p5", "p6", "p7", "p8")


def make_project(root: Path) -> Project:
    """Six annotated pages, so that Sphinx reads and writes them in two processes (it needs more than five)."""
    project = Project(root)
    index = (root / "index.md").read_text(encoding="utf-8")
    project.write("index.md", index + "\n```{toctree}\n" + "\n".join(UNITS) + "\n```\n")
    project.annotate(
        "- id: humble\n  paragraph: p1\n  quote: therapy clients so often are humble\n  kind: context\n"
        "  body: |\n    On humility, with {cite:p}`miller1997`.\n"
    )
    for unit in UNITS:
        project.write(f"{unit}.md", f"# Page {unit}\n\n" + passage_block(unit))
        quote = " ".join(load_source(SOURCE).unit(unit).text.split()[:4])
        project.annotate(
            f"- id: note-on-{unit}\n  paragraph: {unit}\n  quote: \"{quote}\"\n  kind: term\n  body: |\n    On {unit}.\n",
            unit,
        )
    return project


def build(project: Project, parallel: int) -> Path:
    warning, status = StringIO(), StringIO()
    app = SphinxTestApp("html", srcdir=project.root, status=status, warning=warning, parallel=parallel)
    try:
        app.build()
    finally:
        app.cleanup()
    assert not warning_lines(warning.getvalue(), project.root)
    if parallel > 1:
        # A parallel build reads its pages in chunks: "reading sources... [ 33%] index .. p5".
        log = ANSI.sub("", status.getvalue())
        assert re.search(r"reading sources\.\.\. \[[ \d]+%\] \S+ \.\. \S+", log), "the build did not run in parallel"
    return Path(app.outdir)


def written(outdir: Path) -> dict[str, bytes]:
    """Every file of the output except Sphinx's own build records."""
    return {
        path.relative_to(outdir).as_posix(): path.read_bytes()
        for path in sorted(outdir.rglob("*"))
        if path.is_file() and ".doctrees" not in path.parts and path.name != ".buildinfo"
    }


def test_parallel_build_is_byte_identical_to_serial(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # one build date for both, whether or not the caller set one (the export records it)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764115200")
    serial = written(build(make_project(tmp_path / "serial"), 1))
    parallel = written(build(make_project(tmp_path / "parallel"), 2))
    assert sorted(serial) == sorted(parallel)
    assert 'id="note-note-on-p8"' in serial["p8.html"].decode()
    differ = [name for name in serial if serial[name] != parallel[name]]
    assert not differ, differ
