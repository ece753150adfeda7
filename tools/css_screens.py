"""Screenshots of built pages with the pruned theme style sheet and with the theme's own.

The build prunes ``_static/styles/pydata-sphinx-theme.css`` (``edition.cssprune``);
this tool serves the built site twice over, the second time answering that one
request with the theme's unpruned file from the installed package, takes a
full-page screenshot of each page at each width and colour mode both ways, and
reports every pair whose PNG bytes differ (Chromium encodes the same pixels
to the same bytes). Used by ``tests/test_css_prune.py`` on a
sample, and by hand on every page::

    .venv/bin/python -m tools.css_screens _build/html
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path

def theme_stylesheet() -> Path:
    """The unpruned ``pydata-sphinx-theme.css`` of the installed theme."""
    import pydata_sphinx_theme

    return Path(pydata_sphinx_theme.__file__).parent / "theme/pydata_sphinx_theme/static/styles/pydata-sphinx-theme.css"


WIDTHS = (390, 1024, 1400)
MODES = ("light", "dark")


def screenshot(browser, url: str, width: int, mode: str, original_css: Path | None) -> bytes:  # noqa: ANN001
    """A full-page PNG of ``url``; with ``original_css``, the theme's sheet is served from that file."""
    context = browser.new_context(viewport={"width": width, "height": 900}, reduced_motion="reduce")
    context.add_init_script(f"localStorage.setItem('mode', '{mode}'); localStorage.setItem('theme', '{mode}');")
    if original_css is not None:
        body = original_css.read_bytes()
        context.route(
            "**/_static/styles/pydata-sphinx-theme.css*",
            lambda route: route.fulfill(body=body, content_type="text/css"),
        )
    page = context.new_page()
    page.goto(url, wait_until="load")
    page.evaluate("document.fonts.ready")
    page.wait_for_timeout(300)  # the notes' layout settles after the fonts
    png = page.screenshot(full_page=True, animations="disabled")
    context.close()
    return png


def compare(  # noqa: ANN001
    browser, site_url: str, pages: Iterable[str], widths=WIDTHS, modes=MODES, keep: Path | None = None
) -> list[str]:
    """Each page/width/mode whose screenshot differs between the pruned and the theme's sheet.

    With ``keep``, both screenshots of each differing pair are written there.
    """
    original = theme_stylesheet()
    differences = []
    for path in pages:
        for width in widths:
            for mode in modes:
                url = f"{site_url}/{path}"
                pruned = screenshot(browser, url, width, mode, None)
                full = screenshot(browser, url, width, mode, original)
                if pruned != full:  # Chromium encodes the same pixels to the same PNG bytes
                    differences.append(f"{path} at {width}px, {mode}: the screenshots differ")
                    if keep is not None:
                        stem = f"{path.replace('/', '_')}-{width}-{mode}"
                        (keep / f"{stem}-pruned.png").write_bytes(pruned)
                        (keep / f"{stem}-theme.png").write_bytes(full)
    return differences


def main(argv: list[str]) -> int:
    """Compare every HTML page of the built site given as the first argument."""
    from playwright.sync_api import sync_playwright

    from tools.chromium import launch_chromium, serve_folder

    site = Path(argv[0] if argv else "_build/html")
    pages = sorted(
        p.relative_to(site).as_posix()
        for p in site.rglob("*.html")
        if "_static" not in p.parts and "http-equiv=\"Refresh\"" not in p.read_text(encoding="utf-8")
    )
    with serve_folder(site) as url, sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        keep = Path("_build/css-screens")
        keep.mkdir(parents=True, exist_ok=True)
        differences = compare(browser, url, pages, keep=keep)
        browser.close()
    print(f"{len(pages)} pages × {len(WIDTHS)} widths × {len(MODES)} modes compared")
    print("\n".join(differences) or "no pixel differs")
    return 1 if differences else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
