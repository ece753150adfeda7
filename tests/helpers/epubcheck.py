"""EPUBCheck on a built e-book, and the checks of ids and links it does not make."""

from __future__ import annotations

import re
import subprocess
import zipfile
from pathlib import Path

import pytest

EPUBCHECK_JAR = Path("/usr/share/java/epubcheck.jar")


def epubcheck_report(epub: Path) -> str:
    """EPUBCheck's report on ``epub``; the test fails where EPUBCheck is missing."""
    if not EPUBCHECK_JAR.exists():
        pytest.fail("EPUBCheck is missing: run `tools/debian-deps epub` (Debian package epubcheck)")
    result = subprocess.run(["java", "-jar", str(EPUBCHECK_JAR), str(epub)], capture_output=True, text=True, timeout=600)
    return result.stdout + result.stderr


def id_faults(epub: Path) -> list[str]:
    """Every id that a page of the e-book holds twice, and every link within a page
    (``href="#x"``) whose target is not on it."""
    found: list[str] = []
    with zipfile.ZipFile(epub) as book:
        for name in book.namelist():
            if not name.endswith(".xhtml"):
                continue
            text = book.read(name).decode("utf-8")
            ids = re.findall(r'\sid="([^"]+)"', text)
            found += [f"{name}: id “{i}” twice" for i in sorted({i for i in ids if ids.count(i) > 1})]
            found += [f"{name}: link to missing “#{t}”" for t in sorted(set(re.findall(r'href="#([^"]+)"', text)) - set(ids))]
    return found
