"""A quiet build (``tools/stage.py``): one line per stage with its time, the whole
output in the stage's log, and all of it on the terminal with ``V=1``."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT

pytestmark = pytest.mark.fast

STAGE = ROOT / "tools" / "stage.py"
#: A stand-in for a noisy build: a thousand lines of output, then the given status.
NOISY = "import sys\nfor i in range(1000): print('line', i)\nprint('to stderr', file=sys.stderr)\nsys.exit({status})"


def stage(tmp_path: Path, status: int, *options: str) -> tuple[subprocess.CompletedProcess[str], Path]:
    log = tmp_path / "_build" / "html.log"
    done = subprocess.run(
        [sys.executable, str(STAGE), *options, "HTML", str(log), sys.executable, "-c", NOISY.format(status=status)],
        capture_output=True, text=True, timeout=60,
    )
    return done, log


def test_a_stage_prints_one_line_and_keeps_the_whole_log(tmp_path: Path) -> None:
    done, log = stage(tmp_path, 0)
    assert done.returncode == 0
    assert done.stderr == ""
    (line,) = done.stdout.splitlines()
    assert line.startswith("HTML   done in ") and line.endswith(f" s   (log: {log})"), line
    kept = log.read_text(encoding="utf-8").splitlines()
    assert len(kept) == 1001 and kept[0] == "line 0" and "to stderr" in kept


def test_a_failed_stage_says_so_and_keeps_its_status(tmp_path: Path) -> None:
    done, log = stage(tmp_path, 3)
    assert done.returncode == 3
    (line,) = done.stdout.splitlines()
    assert line.startswith("HTML   failed (status 3) after "), line
    assert "line 999" in log.read_text(encoding="utf-8")


def test_verbose_shows_the_whole_output_too(tmp_path: Path) -> None:
    done, log = stage(tmp_path, 0, "--verbose")
    lines = done.stdout.splitlines()
    assert len(lines) == 1002 and lines[0] == "line 0" and lines[-1].startswith("HTML   done in ")
    assert len(log.read_text(encoding="utf-8").splitlines()) == 1001


def test_a_missing_command_fails_its_stage(tmp_path: Path) -> None:
    log = tmp_path / "x.log"
    done = subprocess.run([sys.executable, str(STAGE), "PDF", str(log), str(tmp_path / "no-such-program")],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 127
    assert "PDF    failed (status 127)" in done.stdout
    assert "no-such-program" in log.read_text(encoding="utf-8")


@pytest.mark.parametrize(("verbose", "option"), [("", "tools/stage.py  "), ("V=1", "tools/stage.py --verbose ")])
def test_make_book_runs_each_stage_quietly_unless_v_is_given(verbose: str, option: str) -> None:
    """``make -n book``: the commands ``make book`` would run, none of them run."""
    # not what a calling make passes down (`make test V=1` exports V and MAKEFLAGS)
    env = {k: v for k, v in os.environ.items() if k not in ("V", "MAKEFLAGS", "MFLAGS", "MAKELEVEL")}
    done = subprocess.run(["make", "-n", "--no-print-directory", "book", *([verbose] if verbose else [])],
                          cwd=ROOT, capture_output=True, text=True, timeout=60, env=env)
    assert done.returncode == 0, done.stderr
    stages = [line.split(option, 1)[1].split()[:2] for line in done.stdout.splitlines() if option in line]
    assert stages == [["HTML", "_build/html.log"], ["PDF", "_build/pdf.log"], ["EPUB", "_build/epub.log"],
                      ["copies", "_build/copies.log"]]
    assert " | tee " not in done.stdout
