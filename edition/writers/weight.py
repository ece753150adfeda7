"""Page weight: a page loads what a reader of this book uses, and no more.

A plain Jupyter Book page loads notebook styles, a 1.5 MB icon script with
its web fonts, Bootstrap's scripts and the whole search index, none of which
a book of prose needs on every page. This module (Sphinx glue only) keeps the
navigation sidebar, search, the dark-mode switch, the PDF link and the notes
toggle, and drops the rest:

* per page, in ``html-page-context``: style sheets and scripts of notebook
  and code tools, the Pygments style sheet on pages without code, and,
  except on the search page, Sphinx's script that marks the searched words
  (``edition.js`` loads it when a page is reached from a search result);
* in the templates (``templates/layout.html`` and
  ``templates/static/webpack-macros.html``): Font Awesome's and Bootstrap's
  scripts and, except on the search page, the search index and its scripts
  (the search box sends the reader to the search page); the theme's icons are
  drawn by ``edition.css`` instead;
* after the build: the files no page refers to any more (icon fonts, source
  maps, the dropped scripts) go, so that nothing can load them by mistake;
  the scripts lose their comments (rjsmin); each page gets, in its head, the
  rules of the site's style sheets it can use (:mod:`edition.writers.cssprune`),
  instead of links to the sheets, so that its first paint waits for nothing
  but the page; and the site's entry page (``index.html``, a redirect to the
  root page) is written as a small HTML page that asks for no favicon, which
  would be a failed request.
"""

from __future__ import annotations

import fnmatch
import functools
import hashlib
import json
import posixpath
import re
from collections.abc import Callable
from html import escape as html_escape
from html import unescape as html_unescape
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.errors import ExtensionError
from sphinx.util.osutil import relative_uri

from .cssprune import PageTree, Presence, Sheet, names_in_scripts, page_style, parse_sheet, write_items

#: Assets of notebook and code tools; a page of this book never needs them.
NOTEBOOK_ASSETS = ("mystnb.*", "*copybutton*", "*togglebutton*", "*thebe*", "*jupyter-sphinx*")

#: Files under ``_static`` that no page loads after pruning (glob patterns).
UNUSED_STATIC = (
    "vendor/fontawesome/*",
    "scripts/fontawesome.js*",
    "scripts/bootstrap.js*",
    "styles/theme.css",  # only imports basic.css, which the pages link themselves
    "*.map",
    "*webpack-macros.html",
    "images/logo_*",  # notebook launch buttons (Binder, Colab, …)
    *NOTEBOOK_ASSETS,
)
#: :data:`UNUSED_STATIC` as one pattern (a path is tested once, not once per pattern).
_UNUSED_STATIC_PATTERN = re.compile("|".join(fnmatch.translate(p) for p in UNUSED_STATIC))


def filename_of(asset: Any) -> str:
    """The path of a script or style sheet asset, ``""`` for an inline script."""
    return str(getattr(asset, "filename", asset) or "")


def is_notebook_asset(filename: str) -> bool:
    """Whether a ``_static`` file belongs to a notebook or code tool."""
    name = filename.rsplit("/", 1)[-1]
    return any(fnmatch.fnmatch(name, pattern) for pattern in NOTEBOOK_ASSETS)


def page_has_code(context: dict[str, Any]) -> bool:
    """Whether the page body holds highlighted code (so it needs ``pygments.css``)."""
    return 'class="highlight' in context.get("body", "")


#: Loaded on demand (``static/edition.js``): only a visit from a search result needs it.
ON_DEMAND = "sphinx_highlight.js"


def keep_asset(filename: str, has_code: bool, pagename: str = "") -> bool:
    """Whether a page should load this style sheet or script."""
    if filename.endswith("pygments.css"):
        return has_code
    if filename.endswith(ON_DEMAND):
        return pagename == "search"
    return not is_notebook_asset(filename)


def prune_assets(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    """Drop the style sheets and scripts a page does not use from its context."""
    has_code = page_has_code(context)
    for key in ("css_files", "script_files"):
        if key in context:
            context[key] = [a for a in context[key] if keep_asset(filename_of(a), has_code, pagename)]
    # The head's scripts wait until the page is read (defer, in order), so that the
    # text is drawn as soon as its style sheets are in; templates/layout.html sets
    # at once the classes edition.js would set. The search page keeps them as they
    # are: its own scripts, not deferred, need them first.
    if pagename != "search" and "script_files" in context:
        context["script_files"] = [
            type(a)(a.filename, priority=a.priority, **{**a.attributes, "defer": "defer"})
            if getattr(a, "filename", None) and not {"async", "defer"} & set(getattr(a, "attributes", {})) else a
            for a in context["script_files"]
        ]


def unused_files(static: Path) -> list[Path]:
    """Files under ``static`` that match :data:`UNUSED_STATIC`, sorted."""
    found = {
        path
        for path in static.rglob("*")
        if path.is_file()
        and _UNUSED_STATIC_PATTERN.match(path.relative_to(static).as_posix())
    }
    return sorted(found)


def remove_unused_static(app: Sphinx, exception: Exception | None) -> None:
    """After an HTML build, delete the static files no page refers to."""
    if exception or app.builder.format != "html":
        return
    static = Path(app.outdir) / "_static"
    for path in unused_files(static):
        path.unlink()
    for folder in sorted((p for p in static.rglob("*") if p.is_dir()), reverse=True):
        if not any(folder.iterdir()):
            folder.rmdir()  # deepest first, so emptied parents go too


ENTRY_PAGE = """<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<title>{title}</title>
<link rel="icon" href="data:,">
<meta http-equiv="Refresh" content="0; url={target}">
</head>
<body><p><a href="{target}">{title}</a></p></body>
</html>
"""


def write_entry_page(app: Sphinx, exception: Exception | None) -> None:
    """Write ``index.html`` as a redirect to the root page when the root page is elsewhere.

    Runs after every other handler (priority 900) and writes the file whatever
    was there, so it does not depend on whether or when sphinx-external-toc
    writes its own redirect, a bare ``<meta>`` line.
    """
    if exception or app.builder.name != "html" or app.config.root_doc == "index":
        return
    target = relative_uri("index.html", app.builder.get_target_uri(app.config.root_doc))
    title = html_escape(app.config.html_title or app.config.project)
    text = ENTRY_PAGE.format(lang=app.config.language or "en", title=title, target=target)
    (Path(app.outdir) / "index.html").write_text(text, encoding="utf-8")


#: The builders that write the website (an e-book, also written as HTML, has its
#: own style sheet and no script).
WEBSITE_BUILDERS = ("html", "dirhtml", "singlehtml")

#: Scripts left as they are: the theme's (under ``scripts/``) come minified.
MINIFIED_ALREADY = ("scripts/*", "*.min.js")


def minify_scripts(app: Sphinx, exception: Exception | None) -> None:
    """After an HTML build, write the site's scripts without comments and spare spaces (rjsmin).

    The edition's scripts and Sphinx's are shipped as written, with their
    comments; each page loads some of them. Comments that begin ``/*!`` (a
    licence) stay. The theme's scripts, already minified, are left as they are.
    """
    if exception or app.builder.name not in WEBSITE_BUILDERS:
        return
    import rjsmin

    static = Path(app.outdir) / "_static"
    for path in sorted(static.rglob("*.js")):
        name = path.relative_to(static).as_posix()
        if any(fnmatch.fnmatch(name, pattern) for pattern in MINIFIED_ALREADY):
            continue
        text = path.read_text(encoding="utf-8")
        small = rjsmin.jsmin(text, keep_bang_comments=True)
        if small != text:
            path.write_text(small, encoding="utf-8")


#: The site's style sheets (under ``_static``, in the pages' order) that each page
#: carries in its head instead of linking: the rules it can use, from the theme's,
#: sphinx-book-theme's, Sphinx's own and the edition's sheets.
PRUNED_STYLESHEETS = ("basic.css", "styles/pydata-sphinx-theme.css", "styles/sphinx-book-theme.css", "edition.css")

#: Where, under the doctree folder (not published), the sheets are kept as the
#: build copied them, for the next build and for ``tools/css_screens.py``.
UNPRUNED = "unpruned-css"

#: Classes and ids the theme's scripts add only to components this edition does
#: not configure: the version switcher, the button of the version warning (whose
#: empty box every page holds), the announcement banner, drop-down menus, notebook
#: outputs and Thebe. They are not counted as names a script could add, so their
#: rules go; ``tests/test_css_prune.py`` checks in Chromium that no page holds
#: them, before or after its controls are used.
UNUSED_THEME_COMPONENTS = frozenset({
    "version-switcher__menu", "version-switcher__button", "pst-button-link-to-stable-version", "bd-header-announcement", "dropdown-menu", "dropdown-menu-dark",
    "dropdown-item", "list-group-item", "list-group-item-action", "cell_output", "jp-RenderedHTMLCommon",
    "thebe-launch-button",
})

#: The attribute of a page's inlined style that names the sheets it stands for
#: (their addresses, as the page linked them).
INLINED_ATTRIBUTE = "data-edition-sheets"

_LINK = re.compile(r"[ \t]*<link\b[^>]*>\n?")
_HREF = re.compile(r'\bhref="([^"]*)"')
_INLINED = re.compile(rf'<style {INLINED_ATTRIBUTE}="([^"]*)">.*?</style>', re.S)

#: Addresses a style sheet keeps as they are.
_ABSOLUTE = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|/|#)", re.I)


def sheet_links(page: str, page_dir: str) -> list[tuple[str, str, str]]:
    """The page's links to :data:`PRUNED_STYLESHEETS`: (the tag, its address, the sheet's name), in order."""
    found = []
    for match in _LINK.finditer(page):
        tag = match.group(0)
        href = _HREF.search(tag)
        if 'rel="stylesheet"' not in tag or href is None:
            continue
        target = posixpath.normpath(posixpath.join(page_dir, href.group(1).split("?")[0]))
        name = target.removeprefix("_static/")
        if target.startswith("_static/") and name in PRUNED_STYLESHEETS:
            found.append((tag, href.group(1), name))
    return found


@functools.lru_cache(maxsize=None)
def rebase_for(sheet: str, page_dir: str) -> Callable[[str], str]:
    """How an address in the sheet ``sheet`` (under ``_static``) is written in a page of ``page_dir``."""
    sheet_dir = posixpath.dirname(f"_static/{sheet}")

    def rebase(url: str) -> str:
        if not url or _ABSOLUTE.match(url):
            return url
        return posixpath.relpath(posixpath.normpath(posixpath.join(sheet_dir, url)), page_dir or ".")

    return rebase


def inline_page_styles(app: Sphinx, exception: Exception | None) -> None:
    """After an HTML build, give each page the rules of :data:`PRUNED_STYLESHEETS` it can use, in its head.

    Each page's links to those sheets become one ``<style>`` holding the
    rules that can apply to that page (:func:`edition.writers.cssprune.page_style`),
    so that its first paint waits for nothing but the page itself. The sheets
    as the build copied them are kept under the doctree folder (:data:`UNPRUNED`)
    and leave ``_static``: no page links them. A page an incremental build did
    not write again has its style made anew from the kept sheets.
    ``edition_prune_css = False`` turns this off (the pages link the sheets whole).
    """
    if exception or app.builder.name not in WEBSITE_BUILDERS or not app.config.edition_prune_css:
        return
    outdir = Path(app.outdir)
    static = outdir / "_static"
    kept = Path(app.doctreedir) / UNPRUNED
    for name in PRUNED_STYLESHEETS:
        copied = static / name
        if copied.is_file():  # this build copied it: keep it as copied
            (kept / name).parent.mkdir(parents=True, exist_ok=True)
            (kept / name).write_bytes(copied.read_bytes())
            copied.unlink()
            if copied.parent != static and not any(copied.parent.iterdir()):
                copied.parent.rmdir()  # styles/, emptied
    scripts = [p.read_text(encoding="utf-8") for p in sorted(static.rglob("*.js"))]
    script_words = names_in_scripts(scripts) - UNUSED_THEME_COMPONENTS
    # a page whose style was made from the same page, sheets, scripts and code is left as it is
    inputs = hashlib.sha256()
    for part in [*(kept / n for n in PRUNED_STYLESHEETS if (kept / n).is_file()), Path(__file__),
                 Path(__file__).with_name("cssprune.py")]:
        inputs.update(part.read_bytes())
    inputs.update(" ".join(sorted(script_words)).encode("utf-8"))
    made_file = kept / "made.json"
    made: dict[str, str] = json.loads(made_file.read_text(encoding="utf-8")) if made_file.is_file() else {}
    pages: dict[Path, str] = {}
    for path in sorted(outdir.rglob("*.html")):
        if static not in path.parents:
            page = path.read_text(encoding="utf-8")
            if made.get(path.relative_to(outdir).as_posix()) != _made_key(inputs, page):
                pages[path] = page
    trees = {path: PageTree(text) for path, text in pages.items()}
    # what none of these pages can use goes first, once
    site = Presence(names=set().union(set(), *(t.names for t in trees.values())), script_words=script_words,
                    tags=set().union(set(), *(t.tags for t in trees.values())))
    sheets = site_sheets(kept, site, inputs.hexdigest(), every_page=len(pages) == len(made) or not made) \
        if pages else {}
    for path, page in pages.items():
        written = with_inlined_style(page, path.parent.relative_to(outdir).as_posix().removeprefix("."),
                                     sheets, script_words, static, trees[path])
        if written != page:
            path.write_text(written, encoding="utf-8")
        made[path.relative_to(outdir).as_posix()] = _made_key(inputs, written)
    made_file.parent.mkdir(parents=True, exist_ok=True)
    made_file.write_text(json.dumps(made, indent=0, sort_keys=True), encoding="utf-8")


def site_sheets(kept: Path, site: Presence, inputs: str, every_page: bool) -> dict[str, list[Any]]:
    """The kept sheets, parsed, without the rules ``site`` does not admit.

    The theme's sheet takes a quarter of a second to read. What every page of
    the site admits is kept beside the sheets (``site.json`` and ``*.site.css``),
    and read instead when the pages of this build hold no name or element the
    site did not: a rebuild after one edit reads a fifth of the text.
    """
    record = kept / "site.json"
    saved = json.loads(record.read_text(encoding="utf-8")) if record.is_file() else {}
    if (saved.get("inputs") == inputs and site.names <= set(saved["names"])
            and site.tags is not None and site.tags <= set(saved["tags"])):
        return {name: parse_sheet((kept / f"{name}.site.css").read_text(encoding="utf-8"))
                for name in PRUNED_STYLESHEETS if (kept / f"{name}.site.css").is_file()}
    sheets = {name: parse_sheet((kept / name).read_text(encoding="utf-8"), site)
              for name in PRUNED_STYLESHEETS if (kept / name).is_file()}
    if every_page:
        for name, items in sheets.items():
            written = write_items(items, lambda url: url, None, None, lambda url: True)
            (kept / f"{name}.site.css").write_text("\n".join(written) + "\n", encoding="utf-8")
        record.write_text(json.dumps({"inputs": inputs, "names": sorted(site.names),
                                      "tags": sorted(site.tags or ())}), encoding="utf-8")
    return sheets


def _made_key(inputs: Any, page: str) -> str:
    """What a page's style is made from: the page without its style's rules, and ``inputs`` (a hash)."""
    key = inputs.copy()
    key.update(_INLINED.sub(lambda m: f'<style {INLINED_ATTRIBUTE}="{m.group(1)}"></style>', page).encode("utf-8"))
    return key.hexdigest()


def with_inlined_style(page: str, page_dir: str, sheets: dict[str, list[Any]], script_words: set[str],
                       static: Path, tree: PageTree | None = None) -> str:
    """The page with its links to the sheets (or its earlier inlined style) as one inlined style.

    ``tree`` is the page read for matching (read here when not given).
    """
    earlier = _INLINED.search(page)
    if earlier:
        hrefs = html_unescape(earlier.group(1)).split()
        names = [posixpath.normpath(posixpath.join(page_dir, h.split("?")[0])).removeprefix("_static/") for h in hrefs]
        start, end = earlier.span()
    else:
        links = sheet_links(page, page_dir)
        if not links:
            return page
        hrefs = [href for _, href, _ in links]
        names = [name for _, _, name in links]
        first = page.index(links[0][0])
        for tag, _, _ in links[1:]:
            page = page.replace(tag, "", 1)
        start, end = first, first + len(links[0][0])
    missing = [n for n in names if n not in sheets]
    if missing:
        raise ExtensionError(f"edition: the style sheets {missing} are neither in _static nor kept from a build")
    tree = tree or PageTree(page)
    presence = Presence(names=tree.names, script_words=script_words, tags=tree.tags, dom=tree.matches)
    parts = [
        Sheet(sheets[name], rebase_for(name, page_dir),
              lambda url, d=posixpath.dirname(name): (static / d / url.split("?")[0].split("#")[0]).is_file())
        for name in names
    ]
    css = page_style(parts, presence, elsewhere=page)
    if "</style" in css.lower():
        raise ExtensionError("edition: a style sheet holds '</style', which cannot stand inside a page")
    element = f'<style {INLINED_ATTRIBUTE}="{html_escape(" ".join(hrefs))}">\n{css}</style>\n'
    return page[:start] + element + page[end:].lstrip("\n")
