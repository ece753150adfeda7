"""The book with further layers of notes: a copy of the project with fixture layers.

The repository ships only the editors' layer. Tests that need a teacher's
and a class's layer copy the project into a temporary folder, add the
layers kept in ``tests/fixtures/layers/`` under ``annotations/``, and build
the copy with the project's own commands.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
FIXTURE_LAYERS = ROOT / "tests" / "fixtures" / "layers"
VENV = ROOT / ".venv"
COPIED = ["book", "annotations", "edition", "tools", "_config.yml", "_toc.yml", "Makefile", "requirements.txt"]

#: The discussion setting the layered build turns on (a made-up group id).
HYPOTHESIS = {"enabled": True, "group": "Fx7kQm2a", "client": "https://hypothes.is/embed.js"}


def copy_project(dest: Path, layers: tuple[str, ...] = ("teacher", "class"), sphinx_config: dict | None = None) -> Path:
    """Copy the project to ``dest`` with the fixture ``layers`` added; file times are kept
    (so that make finds the virtual environment up to date)."""
    dest.mkdir(parents=True, exist_ok=True)
    ignore = shutil.ignore_patterns("__pycache__", "_build", "*.pyc")
    for name in COPIED:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, dest / name, ignore=ignore)
        else:
            shutil.copy2(source, dest / name)
    for layer in layers:
        shutil.copytree(FIXTURE_LAYERS / layer, dest / "annotations" / layer)
    if sphinx_config:
        config_path = dest / "_config.yml"
        config = yaml.safe_load(config_path.read_text(encoding="utf-8"))
        config["sphinx"]["config"].update(sphinx_config)
        config_path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return dest


def run(args: list[str], cwd: Path) -> subprocess.CompletedProcess:
    """Run a build command; the test fails with its output if the command fails."""
    env = {**os.environ, "PATH": f"{VENV / 'bin'}:{os.environ['PATH']}"}
    done = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=1500)
    if done.returncode != 0:
        pytest.fail(f"{' '.join(args)} failed:\n{done.stdout[-4000:]}\n{done.stderr[-4000:]}")
    return done


def build_html(project: Path) -> Path:
    """Build the copy's website as ``make html`` does; return ``_build/html``."""
    run([str(VENV / "bin" / "jupyter-book"), "build", ".", "--builder", "html", "-W", "-n", "--keep-going"], project)
    return project / "_build" / "html"


@pytest.fixture(scope="session")
def layered_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The website of the book with a teacher's and a class's layer, and the discussion on."""
    project = copy_project(tmp_path_factory.mktemp("layered") / "book", sphinx_config={"edition_hypothesis": HYPOTHESIS})
    return build_html(project)
