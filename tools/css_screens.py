"""Screenshots of built pages with their own style and with the site's style sheets whole.

The build gives each page, in its head, the rules of the site's style sheets
it can use (``edition.writers.weight.PRUNED_STYLESHEETS``, ``edition.writers.cssprune``)
and keeps the sheets whole under the doctree folder. This tool serves the
built site twice over, the second time with each page's style replaced by
links to the whole sheets (answered from the kept copies), takes a full-page
screenshot of each page at each width and colour mode both ways, and reports
every pair whose PNG bytes differ (Chromium encodes the same pixels to the
same bytes). Used by ``tests/test_css_prune.py`` on a sample, and by hand on
every page::

    .venv/bin/python -m tools.css_screens _build/html
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path

def unpruned_stylesheets(site: Path) -> dict[str, bytes]:
    """Each pruned sheet's path under ``_static`` and its unpruned text, as the build kept it."""
    from edition.writers.weight import PRUNED_STYLESHEETS, UNPRUNED

    kept = site.parent / ".doctrees" / UNPRUNED  # Jupyter Book's doctree folder
    return {name: (kept / name).read_bytes() for name in PRUNED_STYLESHEETS}


WIDTHS = (390, 1024, 1400)
MODES = ("light", "dark")


def _serve(body: bytes):  # noqa: ANN202
    """A route handler answering with ``body`` as a style sheet."""
    return lambda route: route.fulfill(body=body, content_type="text/css")


def linking_whole_sheets(page: str) -> str:
    """The page with its inlined style replaced by links to the sheets it stands for."""
    import html
    import re

    from edition.writers.weight import INLINED_ATTRIBUTE

    def links(match: re.Match[str]) -> str:
        return "".join(f'<link rel="stylesheet" href="{href}" />\n' for href in html.unescape(match.group(1)).split())

    return re.sub(rf'<style {INLINED_ATTRIBUTE}="([^"]*)">.*?</style>', links, page, flags=re.S)


def _with_whole_sheets(route) -> None:  # noqa: ANN001
    """A route handler: the page as built, its style replaced by links to the whole sheets."""
    response = route.fetch()
    route.fulfill(response=response, body=linking_whole_sheets(response.text()))


def screenshot(browser, url: str, width: int, mode: str, unpruned: dict[str, bytes] | None) -> bytes:  # noqa: ANN001
    """A full-page PNG of ``url``; with ``unpruned``, the page links the whole sheets instead of its own style."""
    context = browser.new_context(viewport={"width": width, "height": 900}, reduced_motion="reduce")
    context.add_init_script(f"localStorage.setItem('mode', '{mode}'); localStorage.setItem('theme', '{mode}');")
    if unpruned:
        context.route("**/*.html*", _with_whole_sheets)
    for name, body in (unpruned or {}).items():
        context.route(f"**/_static/{name}*", _serve(body))
    page = context.new_page()
    page.goto(url, wait_until="load")
    page.evaluate("document.fonts.ready")
    page.wait_for_timeout(300)  # the notes' layout settles after the fonts
    png = page.screenshot(full_page=True, animations="disabled")
    context.close()
    return png


def compare(  # noqa: ANN001
    browser, site: Path, site_url: str, pages: Iterable[str], widths=WIDTHS, modes=MODES, keep: Path | None = None
) -> list[str]:
    """Each page/width/mode whose screenshot differs between the page's own style and the whole sheets.

    With ``keep``, both screenshots of each differing pair are written there.
    """
    original = unpruned_stylesheets(site)
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
        differences = compare(browser, site, url, pages, keep=keep)
        browser.close()
    print(f"{len(pages)} pages × {len(WIDTHS)} widths × {len(MODES)} modes compared")
    print("\n".join(differences) or "no pixel differs")
    return 1 if differences else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))


#: What a reader does on a page, to bring its scripts' states on screen: each
#: step a script of actions run in the page (missing elements are skipped).
INTERACTIONS = [
    "document.querySelector('a.annotation-anchor')?.focus()",
    "document.querySelector('a.unit-number')?.click()",
    "document.querySelector('button[data-edition-toggle]')?.click()",
    "document.querySelector('button[data-edition-toggle]')?.click()",
    "document.querySelector('a.annotation-anchor')?.click()",
    "document.querySelector('.theme-switch-button')?.click()",
    "document.querySelector('.theme-switch-button')?.click()",
    "document.querySelector('.search-button__button, button.search-button')?.click()",
    "document.querySelector('#pst-search-dialog')?.close?.()",
    "document.querySelector('.primary-toggle')?.click()",
    "document.querySelector('dialog[open]')?.close?.()",
    "window.scrollTo(0, document.body.scrollHeight / 2); window.scrollTo(0, 10)",
]


def rule_key(rule) -> str | None:  # noqa: ANN001
    """A style rule as ``selectors{declarations}``, written compactly, without custom properties
    (which the page's style drops when nothing uses them) and with each address as its file's name;
    ``None`` for a rule with no declaration."""
    import tinycss2

    from edition.writers.cssprune import _compact

    content = tinycss2.parse_blocks_contents(rule.content, skip_comments=True, skip_whitespace=True)
    declarations = [d for d in content if d.type == "declaration" and not d.name.startswith("--")]
    if not declarations or any(d.type == "qualified-rule" for d in content):
        return None
    def name(url: str) -> str:  # addresses are rebased for the page: compare the files' names
        return url.rsplit("/", 1)[-1]

    body = ";".join(f"{d.name}:{_compact(d.value, name)}{'!important' if d.important else ''}" for d in declarations)
    return f"{_compact(rule.prelude, name)}{{{body}}}"


def rule_keys(css: str) -> set[str]:
    """The keys (:func:`rule_key`) of every style rule of a sheet, inside grouping rules too."""
    import tinycss2

    keys: set[str] = set()

    def walk(nodes) -> None:  # noqa: ANN001
        for node in nodes:
            if node.type == "qualified-rule":
                key = rule_key(node)
                if key:
                    keys.add(key)
            elif node.type == "at-rule" and node.content is not None:
                walk(tinycss2.parse_rule_list(node.content, skip_comments=True, skip_whitespace=True))

    walk(tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True))
    return keys


def rules_used_on_whole_sheets(browser, url: str, width: int, whole: dict[str, bytes]) -> set[str]:  # noqa: ANN001
    """The keys (:func:`rule_key`) of the rules of the whole sheets Chromium applied to the page.

    The page is served linking the whole sheets (``whole``, from
    :func:`unpruned_stylesheets`); Chromium tracks which rules matched while
    the page loads, the mouse passes over its links and notes, and the steps
    of :data:`INTERACTIONS` run.
    """
    import tinycss2

    from edition.writers.weight import PRUNED_STYLESHEETS

    context = browser.new_context(viewport={"width": width, "height": 900})
    context.route("**/*.html*", _with_whole_sheets)
    for name, body in whole.items():
        context.route(f"**/_static/{name}*", _serve(body))
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    sheets: dict[str, str] = {}
    cdp.on("CSS.styleSheetAdded", lambda e: sheets.__setitem__(e["header"]["styleSheetId"], e["header"]["sourceURL"]))
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    cdp.send("CSS.startRuleUsageTracking")
    page.goto(url, wait_until="load")
    page.evaluate("document.fonts.ready")
    for anchor in page.locator("a.annotation-anchor, a.unit-number, nav a").all()[:12]:
        if anchor.is_visible():
            anchor.hover()
    for step in INTERACTIONS:
        page.evaluate(f"() => {{ try {{ {step}; }} catch (e) {{}} }}")
        page.wait_for_timeout(80)
    usage = cdp.send("CSS.stopRuleUsageTracking")["ruleUsage"]
    texts = {sid: cdp.send("CSS.getStyleSheetText", {"styleSheetId": sid})["text"] for sid in sheets}
    context.close()
    ours = {sid for sid, source in sheets.items() if source.split("?")[0].endswith(tuple(PRUNED_STYLESHEETS))}
    used: set[str] = set()
    for entry in usage:
        if entry["used"] and entry["styleSheetId"] in ours:
            text = texts[entry["styleSheetId"]][int(entry["startOffset"]): int(entry["endOffset"])]
            rule = tinycss2.parse_one_rule(text, skip_comments=True)
            # a grouping rule is reported from its condition on, and holds rules: its own are reported too
            key = rule_key(rule) if rule.type == "qualified-rule" else None
            if key:
                used.add(key)
    return used


def rules_missing_from_page_style(browser, site: Path, site_url: str, path: str, width: int) -> list[str]:  # noqa: ANN001
    """The rules Chromium applied with the whole sheets that the page's own style lacks (as :func:`rule_key`)."""
    import re
    import urllib.request

    from edition.writers.weight import INLINED_ATTRIBUTE

    with urllib.request.urlopen(f"{site_url}/{path}") as response:  # noqa: S310 - the local test server
        built = response.read().decode("utf-8")
    own = re.search(rf'<style {INLINED_ATTRIBUTE}="[^"]*">(.*?)</style>', built, re.S)
    have = rule_keys(own.group(1) if own else "")
    used = rules_used_on_whole_sheets(browser, f"{site_url}/{path}", width, unpruned_stylesheets(site))
    return sorted(used - have)
