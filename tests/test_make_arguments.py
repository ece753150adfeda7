"""The Makefile's targets take what they are given as data: no shell or make function in an
argument runs, and a failed build leaves no PDF that could pass for the new one."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from tests.helpers.layered import VENV, copy_project

pytestmark = pytest.mark.small

ROOT = Path(__file__).resolve().parents[1]


def make(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["make", *args, f"VENV={VENV}"], cwd=cwd, capture_output=True, text=True, timeout=600,
                          env={**os.environ, "PATH": f"{VENV / 'bin'}:{os.environ['PATH']}"})


@pytest.mark.parametrize(
    "arguments",
    [
        ("FILE=x.json", 'LAYER=x";touch {mark};"'),
        ("FILE=x`touch {mark}`.json", "LAYER=class"),
        ("FILE=x$(touch {mark}).json", "LAYER=class"),
        ("FILE=$(shell touch {mark})", "LAYER=class"),
        ("FILE=it's'; touch {mark}; '", "LAYER=class"),
    ],
)
def test_no_argument_of_import_annotations_runs_a_command(arguments: tuple[str, str], tmp_path: Path) -> None:
    mark = tmp_path / "ran"
    done = make(ROOT, "import-annotations", *(a.format(mark=mark) for a in arguments))
    assert done.returncode == 2, done.stdout + done.stderr
    assert not mark.exists()


def test_a_failed_class_copy_leaves_no_old_pdf_and_says_why(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "book", layers=())
    old = project / "_build" / "class-copy.pdf"
    old.parent.mkdir(parents=True)
    old.write_bytes(b"%PDF-1.5 an old copy")
    mark = tmp_path / "ran"
    done = make(project, "class-copy", f"LAYERS=editors,nosuch';touch {mark};'")
    assert done.returncode != 0
    assert not old.exists() and not mark.exists()
    assert "no layer “nosuch';touch" in done.stdout + done.stderr
