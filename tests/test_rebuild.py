"""Incremental builds never serve stale output, and the set-up script says
clearly what a machine lacks.

Each test edits one input of a fresh copy of the project after a first
build, builds again and looks at what the second build read and wrote: the
annotation files, the source text, the extension's code, its templates and
style sheets, ``requirements.txt``, and a LaTeX build in between two HTML
builds sharing one environment.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from edition.build.speed import TEMPLATE_CACHE

from .conftest import ROOT

pytestmark = pytest.mark.book

JUPYTER_BOOK = Path(sys.executable).with_name("jupyter-book")
ANSI = re.compile(r"\x1b\[[0-9;]*m")


def run_build(project: Path, builder: str = "html") -> tuple[int, str]:
    """Build a copy of the project as ``make`` does; return the exit code and what was printed."""
    result = subprocess.run(
        [str(JUPYTER_BOOK), "build", str(project), "--builder", builder, "-W", "-n", "--keep-going"],
        capture_output=True, text=True, check=False,
    )
    return result.returncode, ANSI.sub("", result.stdout + result.stderr)


def build(project: Path, builder: str = "html") -> str:
    """Build a copy of the project, which must succeed; return what Sphinx printed."""
    code, output = run_build(project, builder)
    assert code == 0, output[-3000:]
    return output


def pages_read(output: str) -> set[str]:
    return set(re.findall(r"reading sources\.\.\. \[\s*\d+%\] (\S+)", output))


def copy_project(destination: Path) -> Path:
    """A copy of the project's sources (no build, no virtual environment)."""
    project = destination / "book"
    project.mkdir(parents=True)
    for name in ("_config.yml", "_toc.yml", "requirements.txt"):
        shutil.copy(ROOT / name, project / name)
    for folder in ("book", "annotations", "edition"):
        shutil.copytree(ROOT / folder, project / folder, ignore=shutil.ignore_patterns("__pycache__"))
    return project


@pytest.fixture(scope="module")
def copy(tmp_path_factory) -> Path:
    """One copy shared by the annotation tests of this module."""
    return copy_project(tmp_path_factory.mktemp("rebuild"))


@pytest.fixture
def built(tmp_path: Path) -> Path:
    """A fresh copy of the project, its website built once."""
    project = copy_project(tmp_path)
    build(project)
    return project


def edit(path: Path, old: str, new: str) -> None:
    """Replace the first ``old`` in a file by ``new`` (which must be there)."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def add_to_first_body(path: Path, marker: str) -> None:
    """Add a line to the first note body of an annotation file."""
    text = path.read_text(encoding="utf-8")
    body_at = text.index("body: |\n") + len("body: |\n")
    indent = re.match(r"\s*", text[body_at:]).group(0)
    path.write_text(text[:body_at] + f"{indent}{marker}\n" + text[body_at:], encoding="utf-8")


def page(project: Path, name: str = "healing") -> str:
    """A built chapter page's HTML."""
    return (project / "_build" / "html" / "book" / f"{name}.html").read_text(encoding="utf-8")


def test_editing_an_annotation_rebuilds_its_page_only(copy: Path) -> None:
    first = build(copy)
    assert len(pages_read(first)) > 5
    marker = "Zanzibarian-marker"
    add_to_first_body(copy / "annotations" / "healing.yml", marker)
    second = build(copy)
    assert pages_read(second) == {"book/healing"}
    assert marker in (copy / "_build" / "html" / "book" / "healing.html").read_text(encoding="utf-8")


def test_a_new_annotation_file_makes_its_page_be_read_again(copy: Path) -> None:
    """A page with no annotations before is re-read when a file for it appears (here, a faulty one)."""
    build(copy)
    (copy / "annotations" / "content-note.yml").write_text(
        "- id: nothing-here\n  paragraph: p1\n  quote: humble\n  kind: term\n  body: x\n", encoding="utf-8"
    )
    result = subprocess.run(
        [str(JUPYTER_BOOK), "build", str(copy), "--builder", "html", "-W", "-n", "--keep-going"],
        capture_output=True, text=True, check=False,
    )
    output = ANSI.sub("", result.stdout + result.stderr)
    assert result.returncode != 0
    assert (
        "annotations/content-note.yml:1: WARNING: annotation “nothing-here”: paragraph “p1” is not on this page"
        in output
    )
    (copy / "annotations" / "content-note.yml").unlink()


def test_editing_the_source_text_rereads_the_pages_that_quote_it(built: Path) -> None:
    """A changed source is checked again: the chapters quoting it now differ from it, and the build fails."""
    edit(built / "book" / "_source" / "essay-and-comments.txt", "humble", "humbel")
    code, output = run_build(built)
    assert code != 0
    assert "passage p1 differs from the source at character" in output
    assert "[edition.source]" in output


def test_editing_the_extension_rewrites_every_page(built: Path) -> None:
    """A change to the extension's code reaches the pages (the environment is made afresh)."""
    edit(built / "edition" / "writers" / "html.py", 'class="annotation-back"', 'class="annotation-back edited-back"')
    output = build(built)
    assert len(pages_read(output)) > 5
    assert "edited-back" in page(built)


def test_editing_requirements_rereads_every_page(built: Path) -> None:
    """Other pinned versions may render differently: every page is read again."""
    with (built / "requirements.txt").open("a", encoding="utf-8") as pins:
        pins.write("# edited\n")
    assert len(pages_read(build(built))) > 5


def test_editing_a_template_or_stylesheet_rewrites_pages_without_reading_them(built: Path) -> None:
    """Templates and style sheets only change how pages are written: none is read again.
    The first build kept its compiled templates (edition/build/speed.py); the edited one is
    compiled anew."""
    assert list((built / "_build" / ".doctrees" / TEMPLATE_CACHE).glob("*.cache")), "no compiled template was kept"
    edit(built / "edition" / "templates" / "edition-buttons.html", "Margin </span>notes", "Margin </span>notes!")
    with (built / "edition" / "static" / "edition.css").open("a", encoding="utf-8") as css:
        css.write("p.passage { outline-offset: 7.25px; }\n")  # a rule the pages use: pruning keeps it
    output = build(built)
    assert pages_read(output) == set()
    assert "Margin </span>notes!" in page(built)
    assert "p.passage{outline-offset:7.25px}" in page(built)  # in the style the page carries


def test_editing_an_epub_template_rewrites_the_epub(tmp_path: Path) -> None:
    """The EPUB's own templates count among the assets: an edit reaches the next EPUB."""
    import zipfile

    project = copy_project(tmp_path)
    command = [str(JUPYTER_BOOK), "build", str(project), "--builder", "custom", "--custom-builder", "epub",
               "-W", "-n", "--keep-going"]
    for _ in range(2):
        result = subprocess.run(command, capture_output=True, text=True, check=False)
        assert result.returncode == 0, (result.stdout + result.stderr)[-3000:]
        if _ == 0:
            with (project / "edition" / "epub" / "templates" / "titlepage.xhtml.jinja").open("a", encoding="utf-8") as f:
                f.write("<!-- edited template -->\n")
    (epub,) = (project / "_build" / "epub").glob("*.epub")
    with zipfile.ZipFile(epub) as book:
        (name,) = [n for n in book.namelist() if n.endswith("titlepage.xhtml")]
        assert "edited template" in book.read(name).decode("utf-8")


def test_html_after_latex_shows_an_annotation_edit(built: Path) -> None:
    """The HTML and LaTeX builders share the environment: after a LaTeX build has re-read
    the edited page, the next HTML build must still write it."""
    marker = "Editedbetweenbuilders"
    add_to_first_body(built / "annotations" / "healing.yml", marker)
    build(built, "latex")
    assert marker in (built / "_build" / "latex" / "when-psychotherapists-are-less-healthy.tex").read_text(
        encoding="utf-8"
    )
    build(built)
    assert marker in page(built)


def test_missing_tex_is_named_in_one_line(tmp_path: Path) -> None:
    """With TeX hidden from PATH (and installing forbidden), the check names what to install."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for tool in ("bash", "dpkg-query", "grep", "id"):
        (bin_dir / tool).symlink_to(shutil.which(tool))
    result = subprocess.run(
        [str(bin_dir / "bash"), str(ROOT / "tools" / "debian-deps"), "tex"],
        capture_output=True, text=True, env={"PATH": str(bin_dir), "EDITION_NO_INSTALL": "1"}, check=False,
    )
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("error: xelatex latexmk")
    assert "install the Debian packages: sudo apt-get install texlive-xetex" in lines[0]


def test_make_pdf_stops_on_missing_tex(tmp_path: Path) -> None:
    """`make pdf` runs the check first, so a machine without TeX gets the one line, not a traceback."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for tool in ("bash", "dpkg-query", "grep", "id", "make", "git", "python3", "touch", "cp", "env", "sh"):
        found = shutil.which(tool)
        if found:
            (bin_dir / tool).symlink_to(found)
    env = {"PATH": str(bin_dir), "EDITION_NO_INSTALL": "1", "HOME": os.environ.get("HOME", "/root")}
    result = subprocess.run(["make", "-s", "tex-deps"], cwd=ROOT, capture_output=True, text=True, env=env,
                            executable=str(bin_dir / "make"), check=False)
    assert result.returncode != 0
    assert "install the Debian packages" in result.stderr
