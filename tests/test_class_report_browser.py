"""The class report in Chromium: no WCAG 2.1 A/AA violation, no script needed, no overflow on a phone.

The report of a generated class of 30 is made in a copy of the project
(the page and its charts; its PDF is tested in ``test_class_report_page.py``).
"""

from __future__ import annotations

import contextlib
import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("playwright", reason="the browser tests need Playwright (make venv)")

from axe_playwright_python.sync_playwright import Axe  # noqa: E402

from edition.classroom import importer, reportpage  # noqa: E402
from tests.helpers import classgen  # noqa: E402
from tests.helpers.browser import HEIGHT, NARROW, WIDE  # noqa: E402
from tests.helpers.layered import copy_project  # noqa: E402
from tests.test_accessibility import WCAG_TAGS  # noqa: E402

pytestmark = pytest.mark.browser

CLASS = {"students": 30, "rows": 750, "seed": 1, "reply_share": 0.2, "page_notes": 0, "hidden": 0, "private": 0}


@pytest.fixture(scope="module")
def report_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("class-report-browser") / "book", layers=())
    export = project / "class.json"
    export.write_text(json.dumps(classgen.hypothesis_export(**CLASS)), encoding="utf-8")
    with contextlib.redirect_stdout(io.StringIO()):
        assert importer.main([str(export), "class"], {}, project) == 0
    out = project / "_build" / "class-report"
    reportpage.write_report(project, ["class"], out, pdf=False)
    return out / reportpage.PAGE


@pytest.fixture
def open_report(browser: Any, report_page: Path) -> Iterator[Any]:
    """Open the report at a width, with or without JavaScript, in a fresh context."""
    contexts = []

    def visit(width: int, javascript: bool = True) -> Any:
        context = browser.new_context(viewport={"width": width, "height": HEIGHT}, java_script_enabled=javascript)
        contexts.append(context)
        page = context.new_page()
        page.goto(report_page.as_uri())
        return page

    yield visit
    for context in contexts:
        context.close()


@pytest.mark.parametrize("width", [WIDE, 1024, NARROW])
def test_no_wcag_violations(open_report: Any, width: int) -> None:
    results = Axe().run(open_report(width), options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    found = [f"{rule['id']} at {node['target']}" for rule in results.response["violations"] for node in rule["nodes"]]
    assert found == []


def test_it_works_without_javascript_and_fits_a_phone(open_report: Any) -> None:
    page = open_report(NARROW, javascript=False)
    assert page.evaluate("document.scripts.length") == 0
    assert page.evaluate("document.documentElement.scrollWidth") <= NARROW
    shade = page.evaluate("getComputedStyle(document.querySelector('mark.heat-5')).backgroundColor")
    assert shade not in ("rgba(0, 0, 0, 0)", "transparent")
    loaded = page.evaluate("[...document.images].every(i => i.complete && i.naturalWidth > 0)")
    assert loaded and page.evaluate("document.images.length") == 14  # 13 units and the chart per day
