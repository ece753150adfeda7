"""A small Sphinx project using the edition extension, built with ``sphinx.testing``.

Each test writes its own pages and annotation files, builds, and looks at the
doctree, the HTML or the LaTeX, or at the error that stopped the build.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from io import StringIO
from pathlib import Path

import pytest
import yaml
from sphinx.testing.util import SphinxTestApp

ROOT = Path(__file__).resolve().parents[2]
SOURCE = ROOT / "book" / "_source" / "essay-and-comments.txt"

#: The book's facts (title, author, bylines, imprint, licence, citation), as its _config.yml gives them.
BOOK_FACTS = {
    name: value for name, value in yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))["sphinx"]["config"].items()
    if name in ("edition_title", "edition_subtitle", "edition_author", "edition_byline", "edition_editors",
                "edition_imprint", "edition_licence", "edition_independence", "edition_citation",
                "edition_epub_bodymatter", "edition_epub_description")
}

CONF = "".join(f"{name} = {value!r}\n" for name, value in BOOK_FACTS.items()) + f"""
extensions = ["myst_parser", "sphinxcontrib.bibtex", "edition"]
bibtex_bibfiles = [{str(ROOT / "book" / "references.bib")!r}]
edition_source_file = {str(SOURCE)!r}
edition_pages_dir = ""
edition_version = "1.0"
smartquotes = False
exclude_patterns = ["annotations"]
latex_engine = "xelatex"
"""


def passage_block(unit_id: str) -> str:
    """A ``{passage}`` directive holding the unit's verbatim text."""
    from edition.text.source import load_source

    return f"```{{passage}} {unit_id}\n{load_source(SOURCE).unit(unit_id).text}\n```\n"


def note_record(body: str = "A note on humility.") -> str:
    """One annotation record as YAML: the note ``humble`` (context) on ¶1's
    “therapy clients so often are humble”, with ``body`` as its MyST body."""
    indented = "\n".join(f"    {line}" if line else "" for line in body.splitlines())
    return (
        "- id: humble\n  paragraph: p1\n  quote: therapy clients so often are humble\n"
        f"  kind: context\n  body: |\n{indented}\n"
    )


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
        # Citations in notes need a bibliography somewhere in the project.
        self.write("references.md", "---\norphan: true\n---\n# References\n\n```{bibliography}\n```\n")

    def write(self, name: str, text: str) -> Path:
        path = self.root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path

    def annotate(self, text: str, page: str = "index") -> Path:
        """Write ``annotations/<page>.yml``."""
        return self.write(f"annotations/{page}.yml", text)

    def build(self, builder: str = "html") -> SphinxTestApp:
        """Build the project and assert that it gave no warning, as the real build does with ``-W``."""
        app, warnings = self.build_with_warnings(builder)
        assert not warnings, "\n".join(warnings)
        return app

    def build_with_warnings(self, builder: str = "html") -> tuple[SphinxTestApp, list[str]]:
        """Build the project; return it with its warnings, one line each (errors propagate)."""
        warning = StringIO()
        app = SphinxTestApp(builder, srcdir=self.root, status=None, warning=warning)
        try:
            app.build()
        finally:
            app.cleanup()
        return app, warning_lines(warning.getvalue(), self.root)


ANSI = re.compile(r"\x1b\[[0-9;]*m")


def warning_lines(log: str, root: Path) -> list[str]:
    """The warnings of a build log, one line each, with the project's folder taken off their paths."""
    prefix = str(root) + "/"
    return [line.replace(prefix, "") for line in ANSI.sub("", log).splitlines() if "WARNING:" in line]


@pytest.fixture
def project(tmp_path: Path) -> Callable[[], Project]:
    """A fresh small project in a temporary folder."""
    return Project(tmp_path / "book")
