"""Annotation files are dependencies of their page, and the set-up script says
clearly what a machine lacks."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT

JUPYTER_BOOK = Path(sys.executable).with_name("jupyter-book")
ANSI = re.compile(r"\x1b\[[0-9;]*m")


def build(project: Path) -> str:
    """Build the website of a copy of the project; return what Sphinx printed."""
    result = subprocess.run(
        [str(JUPYTER_BOOK), "build", str(project), "--builder", "html", "-W", "-n", "--keep-going"],
        capture_output=True, text=True, check=False,
    )
    output = ANSI.sub("", result.stdout + result.stderr)
    assert result.returncode == 0, output[-3000:]
    return output


def pages_read(output: str) -> set[str]:
    return set(re.findall(r"reading sources\.\.\. \[\s*\d+%\] (\S+)", output))


@pytest.fixture(scope="module")
def copy(tmp_path_factory) -> Path:
    project = tmp_path_factory.mktemp("rebuild") / "book"
    project.mkdir()
    for name in ("_config.yml", "_toc.yml"):
        shutil.copy(ROOT / name, project / name)
    for folder in ("book", "annotations", "edition"):
        shutil.copytree(ROOT / folder, project / folder, ignore=shutil.ignore_patterns("__pycache__"))
    return project


def test_editing_an_annotation_rebuilds_its_page_only(copy: Path) -> None:
    first = build(copy)
    assert len(pages_read(first)) > 5
    path = copy / "annotations" / "healing.yml"
    text = path.read_text(encoding="utf-8")
    marker = "Zanzibarian-marker"
    body_at = text.index("body: |\n") + len("body: |\n")
    indent = re.match(r"\s*", text[body_at:]).group(0)
    path.write_text(text[:body_at] + f"{indent}{marker}\n" + text[body_at:], encoding="utf-8")
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
    assert "annotations/content-note.yml:1: annotation “nothing-here”: paragraph “p1” is not on this page" in output
    (copy / "annotations" / "content-note.yml").unlink()


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
