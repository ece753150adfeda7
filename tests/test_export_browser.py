"""The export's quotes, searched the way Hypothesis's client searches an HTML page.

The client ignores the ``FragmentSelector`` and looks for the quote with its
prefix and suffix in ``document.body.textContent``: each must be there once.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

# Playwright is imported where a browser runs, so that the fast layer collects without it.
if TYPE_CHECKING:
    from playwright.sync_api import Browser

pytestmark = pytest.mark.browser


def test_each_quote_with_its_context_occurs_once_in_the_browsers_text(site: Path, site_url: str, browser: Browser) -> None:
    items = json.loads((site / "annotations.jsonld").read_text(encoding="utf-8"))["first"]["items"]
    page = browser.new_page()
    texts: dict[str, str] = {}
    repeats_alone = 0
    for item in items:
        source = item["target"]["source"]
        if source not in texts:
            page.goto(f"{site_url}/{source}")
            texts[source] = page.evaluate("document.body.textContent")
        quote = item["target"]["selector"]["refinedBy"]
        text = texts[source]
        assert text.count(quote.get("prefix", "") + quote["exact"] + quote.get("suffix", "")) == 1, item["id"]
        repeats_alone += text.count(quote["exact"]) > 1
    page.close()
    assert len(texts) == 4 and repeats_alone >= 2
