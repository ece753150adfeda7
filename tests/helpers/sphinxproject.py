"""A small Sphinx project using the edition extension, built with ``sphinx.testing``.

Each test writes its own pages and annotation files, builds, and looks at the
doctree, the HTML or the LaTeX, or at the error that stopped the build.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from sphinx.testing.util import SphinxTestApp

ROOT = Path(__file__).resolve().parents[2]
SOURCE = ROOT / "book" / "_source" / "essay-and-comments.txt"

CONF = f"""
extensions = ["myst_parser", "sphinxcontrib.bibtex", "edition"]
bibtex_bibfiles = [{str(ROOT / "book" / "references.bib")!r}]
edition_source_file = {str(SOURCE)!r}
edition_pages_dir = ""
smartquotes = False
exclude_patterns = ["annotations"]
latex_engine = "xelatex"
"""


def passage_block(unit_id: str) -> str:
    """A ``{passage}`` directive holding the unit's verbatim text."""
    from edition.source import load_source

    return f"```{{passage}} {unit_id}\n{load_source(SOURCE).unit(unit_id).text}\n```\n"


class Project:
    """A throwaway book: ``index.md`` with ¶1–¶3 plus whatever a test adds."""

    def __init__(self, root: Path):
        self.root = root
        (root / "annotations").mkdir(parents=True)
        (root / "conf.py").write_text(CONF, encoding="utf-8")
        self.write(
            "index.md",
            "# Test page\n\n" + "\n".join(passage_block(u) for u in ("p1", "p2", "p3")),
        )

    def write(self, name: str, text: str) -> Path:
        path = self.root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path

    def annotate(self, text: str, page: str = "index") -> Path:
        """Write ``annotations/<page>.yml``."""
        return self.write(f"annotations/{page}.yml", text)

    def build(self, builder: str = "html") -> SphinxTestApp:
        """Build the project; errors propagate to the test."""
        app = SphinxTestApp(builder, srcdir=self.root, status=None, warning=None)
        try:
            app.build()
        finally:
            app.cleanup()
        return app


@pytest.fixture
def project(tmp_path: Path) -> Callable[[], Project]:
    """A fresh small project in a temporary folder."""
    return Project(tmp_path / "book")
