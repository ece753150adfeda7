"""The EPUB as Ace by DAISY checks it: 0 violations, conformance declared.

Ace (``@daisy/ace-cli``, installed by ``make ace-deps`` into ``_build/ace``)
runs axe-core on every page of the e-book in Debian's Chromium and checks
the package's accessibility metadata. One run is shared by the tests.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
from pathlib import Path
from typing import Any

import pytest

from .conftest import BUILD, EPUB_NAME, ROOT, built

pytestmark = pytest.mark.book

ACE = ROOT / "_build" / "ace" / "node_modules" / ".bin" / "ace-cli"
CHROMIUM = "/usr/bin/chromium"
CONFORMANCE = "EPUB Accessibility 1.1 - WCAG 2.1 Level AA"
# Ace gives Chromium 5 s to start; the first start on a new, busy machine can
# take longer ("Timed out after 5000 ms while waiting for the WS endpoint").
LAUNCH_TIMEOUT_MS = "60000"


def ace_log(state: Path) -> str:
    """The last lines of the log Ace wrote under ``state`` (its XDG state home)."""
    logs = sorted(state.rglob("*.log"))
    if not logs:
        return "(Ace wrote no log)"
    text = re.sub(r"\x1b\[[0-9;]*m", "", logs[-1].read_text(encoding="utf-8", errors="replace"))
    return "\n".join(text.splitlines()[-20:])


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """Ace's JSON report on the built EPUB."""
    epub = built(BUILD / "epub" / EPUB_NAME)
    if not ACE.exists():
        pytest.fail("Ace by DAISY is missing: run `make ace-deps` (needs npm)")
    out = tmp_path_factory.mktemp("ace")
    state = tmp_path_factory.mktemp("ace-state")
    env = {
        **os.environ,
        "PUPPETEER_EXECUTABLE_PATH": CHROMIUM,
        "ACE_TIMEOUT_INITIAL": LAUNCH_TIMEOUT_MS,
        "XDG_STATE_HOME": str(state),
    }
    result = subprocess.run(
        [str(ACE), "--force", "--silent", "--outdir", str(out), str(epub)],
        capture_output=True, text=True, timeout=300, env=env,
    )
    report_file = out / "report.json"
    assert result.returncode == 0 and report_file.exists(), (
        f"Ace failed (exit {result.returncode}); its log ends:\n{ace_log(state)}"
    )
    return json.loads(report_file.read_text(encoding="utf-8"))


def violations(report: dict[str, Any]) -> list[str]:
    """Each failed check of Ace's report: page, rule, impact."""
    found = []
    for page in report["assertions"]:
        for check in page.get("assertions", []):
            if check["earl:result"]["earl:outcome"] != "pass":
                test = check["earl:test"]
                found.append(f'{page["earl:testSubject"]["url"]}: {test["dct:title"]} ({test["earl:impact"]})')
    return found


def test_ace_reports_no_violation(report: dict[str, Any]) -> None:
    assert violations(report) == []
    assert report["earl:result"]["earl:outcome"] == "pass"
    assert len(report["assertions"]) >= 10, "Ace checked too few pages"


def test_ace_finds_the_conformance_claim_and_the_accessibility_metadata(report: dict[str, Any]) -> None:
    metadata = report["earl:testSubject"]["metadata"]
    assert metadata.get("dcterms:conformsTo") == CONFORMANCE
    present = set(report["a11y-metadata"]["present"])
    assert {"dcterms:conformsTo", "schema:accessMode", "schema:accessModeSufficient",
            "schema:accessibilityFeature", "schema:accessibilityHazard",
            "schema:accessibilitySummary"} <= present
    assert not report["a11y-metadata"]["empty"]
