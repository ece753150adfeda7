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
* after the build: the theme's style sheet loses the rules no page can
  match (:mod:`edition.writers.cssprune`), and the files no page refers to any more (icon fonts, source
  maps, the dropped scripts), so that nothing can load them by mistake; and
  the site's entry page (``index.html``, a redirect to the root page) is
  written as a small HTML page that asks for no favicon, which would be a
  failed request.
"""

from __future__ import annotations

import fnmatch
import hashlib
import re
from html import escape as html_escape
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.util.osutil import relative_uri

from .cssprune import names_in_pages, names_in_scripts, prune_stylesheet

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


#: Style sheets pruned after the build (under the same names), under ``_static``:
#: the theme's, sphinx-book-theme's, Sphinx's own and the edition's (which
#: loses its comments and the rules of what this book does not use).
PRUNED_STYLESHEETS = ("styles/pydata-sphinx-theme.css", "styles/sphinx-book-theme.css", "basic.css", "edition.css")

#: Where, under the doctree folder (not published), the unpruned sheets are kept
#: for ``tools/css_screens.py`` to compare the pages with.
UNPRUNED = "unpruned-css"


def prune_theme_stylesheet(app: Sphinx, exception: Exception | None) -> None:
    """After an HTML build, drop the style rules of :data:`PRUNED_STYLESHEETS` that no page can match.

    The classes and ids of every built page, and every word of every script
    the site ships (which could add a class or id at run time), count as
    present; see :mod:`edition.writers.cssprune`. The unpruned sheets are kept under
    the doctree folder (:data:`UNPRUNED`). ``edition_prune_css = False``
    turns this off (to compare the pages with and without it).
    """
    if exception or app.builder.format != "html" or not app.config.edition_prune_css:
        return
    outdir = Path(app.outdir)
    sheets = [outdir / "_static" / name for name in PRUNED_STYLESHEETS if (outdir / "_static" / name).is_file()]
    if not sheets:
        return
    present = names_in_pages(p.read_text(encoding="utf-8") for p in outdir.rglob("*.html"))
    present |= names_in_scripts(p.read_text(encoding="utf-8") for p in (outdir / "_static").rglob("*.js"))
    for sheet in sheets:
        text = sheet.read_text(encoding="utf-8")
        kept = Path(app.doctreedir) / UNPRUNED / sheet.relative_to(outdir / "_static")
        written = kept.with_name(kept.name + ".pruned-sha256")  # what this step wrote last time
        if kept.is_file() and written.is_file() and written.read_text(encoding="utf-8") == _sha256(text):
            # Sphinx did not copy the theme's sheet again (an incremental build leaves an
            # existing file): prune the kept original, with this build's pages, not the
            # pruned sheet, which could never get back a rule a page now needs
            text = kept.read_text(encoding="utf-8")
        else:
            kept.parent.mkdir(parents=True, exist_ok=True)
            kept.write_text(text, encoding="utf-8")
        pruned = prune_stylesheet(text, present)
        sheet.write_text(pruned, encoding="utf-8")
        written.write_text(_sha256(pruned), encoding="utf-8")


def _sha256(text: str) -> str:
    """The SHA-256 of ``text`` in UTF-8, in hex."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
