"""The publishing workflow: valid for GitHub Actions, and it publishes what ``make book`` makes.

actionlint (the PyPI wheel pinned in requirements.txt, which ships the
binary) checks the workflow's syntax, expressions, action inputs and action
versions; the other tests read the workflow as data.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml


from .conftest import EPUB_NAME, PDF_NAME, ROOT

pytestmark = pytest.mark.fast

WORKFLOW = ROOT / ".github" / "workflows" / "publish.yml"
ACTIONLINT = Path(sys.executable).with_name("actionlint")


def actionlint(path: Path) -> subprocess.CompletedProcess[str]:
    """Run actionlint on one file; shellcheck and pyflakes off, so every machine checks the same."""
    if not ACTIONLINT.exists():
        pytest.fail(f"actionlint is missing from {ACTIONLINT.parent}: run `make venv`")
    return subprocess.run(
        [str(ACTIONLINT), "-no-color", "-oneline", "-shellcheck=", "-pyflakes=", str(path)],
        capture_output=True, text=True, timeout=60, cwd=ROOT,
    )


@pytest.fixture(scope="module")
def workflow() -> dict:
    data = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key `on` as true
    return data


def steps_using(job: dict, action: str) -> list[dict]:
    return [s for s in job["steps"] if s.get("uses", "").split("@")[0] == action]


def test_actionlint_passes_the_workflow() -> None:
    result = actionlint(WORKFLOW)
    assert result.returncode == 0, result.stdout + result.stderr


def test_actionlint_catches_a_broken_workflow(tmp_path: Path) -> None:
    broken = tmp_path / ".github" / "workflows" / "publish.yml"
    broken.parent.mkdir(parents=True)
    text = WORKFLOW.read_text(encoding="utf-8").replace("path: _build/html", "folder: _build/html")
    broken.write_text(text, encoding="utf-8")
    result = actionlint(broken)
    assert result.returncode != 0 and '"folder" is not defined' in result.stdout


def test_it_builds_with_make_book_on_a_fresh_runner(workflow: dict) -> None:
    assert "main" in workflow["on"]["push"]["branches"]
    assert "workflow_dispatch" in workflow["on"]
    build = workflow["jobs"]["build"]
    assert build["runs-on"].startswith("ubuntu-")
    runs = [s.get("run", "") for s in build["steps"]]
    assert "make book" in runs
    assert steps_using(build, "actions/checkout")
    assert steps_using(build, "actions/configure-pages")


def test_it_publishes_the_site_with_both_downloads(workflow: dict) -> None:
    build = workflow["jobs"]["build"]
    (upload,) = steps_using(build, "actions/upload-pages-artifact")
    assert upload["with"]["path"] == "_build/html"
    checks = " ".join(s.get("run", "") for s in build["steps"])
    assert f"_build/html/{PDF_NAME}" in checks and f"_build/html/{EPUB_NAME}" in checks
    names = [s.get("name", s.get("uses")) for s in build["steps"]]
    assert names.index("Build the website, the PDF and the EPUB") < names.index("Upload the site")


def test_only_the_deploy_job_may_write_to_pages(workflow: dict) -> None:
    assert workflow["permissions"] == {"contents": "read"}
    deploy = workflow["jobs"]["deploy"]
    assert deploy["needs"] == "build"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"
    assert steps_using(deploy, "actions/deploy-pages")
    assert "permissions" not in workflow["jobs"]["build"]


def contact_check(build: dict) -> str:
    """The shell script of the step that refuses to publish without a contact."""
    [step] = [s for s in build["steps"] if "edition_contact" in s.get("run", "")]
    return step["run"]


@pytest.mark.parametrize(("contact", "publishes"), [('""', False), ('"editors@example.org"', True)])
def test_it_refuses_to_publish_without_a_contact(
    workflow: dict, tmp_path: Path, contact: str, publishes: bool
) -> None:
    build = workflow["jobs"]["build"]
    script = contact_check(build)
    names = [s.get("name", "") for s in build["steps"]]
    check_at = next(i for i, s in enumerate(build["steps"]) if s.get("run") == script)
    assert check_at < names.index("Build the website, the PDF and the EPUB")
    config = (ROOT / "_config.yml").read_text(encoding="utf-8")
    assert 'edition_contact: ""' in config
    (tmp_path / "_config.yml").write_text(
        config.replace('edition_contact: ""', f"edition_contact: {contact}"), encoding="utf-8"
    )
    run = subprocess.run(["bash", "-e", "-c", script], cwd=tmp_path, capture_output=True, text=True)
    assert (run.returncode == 0) is publishes
    if not publishes:
        assert run.stdout.strip().splitlines() == [
            "::error file=_config.yml::edition_contact is empty: set it to an address "
            "that answers removal requests before publishing"
        ]
