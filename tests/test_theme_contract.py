"""Contracts with the theme, the bibliography packages and Jupyter Book: what the
edition's overrides assume of pydata-sphinx-theme, sphinx-book-theme, pybtex,
sphinxcontrib-bibtex and Jupyter Book's configuration still holds.

A theme upgrade that breaks an assumption fails here, by name, rather than
as a silently broken page. The overrides live in ``edition/templates/``
(see its README); the icons the edition draws in ``edition/static/edition.css``;
the files the website does not load in ``edition/writers/weight.py``.
"""

from __future__ import annotations

import fnmatch
import re
from pathlib import Path
from urllib.parse import urlsplit

import pydata_sphinx_theme
import pytest
from bs4 import BeautifulSoup

from edition.writers.weight import UNUSED_STATIC

from .conftest import ROOT

TEMPLATES = ROOT / "edition" / "templates"
CSS = ROOT / "edition" / "static" / "edition.css"
UPSTREAM = Path(pydata_sphinx_theme.__file__).parent / "theme" / "pydata_sphinx_theme"
MACRO = re.compile(r"{%-?\s*macro\s+(\w+)\s*\(([^)]*)\)\s*-?%}")


def macros(path: Path) -> dict[str, str]:
    """The Jinja macros a template defines: name → argument list."""
    return {name: " ".join(args.split()) for name, args in MACRO.findall(path.read_text(encoding="utf-8"))}


def block(path: Path, name: str) -> str:
    """The text of one ``{% block name %}`` of a template."""
    text = path.read_text(encoding="utf-8")
    found = re.search(r"{%-?\s*block\s+" + name + r"\s*-?%}(.*?){%-?\s*endblock", text, re.S)
    assert found, f"{path} has no block {name}"
    return found.group(1)


@pytest.mark.fast
def test_copied_macros_still_exist_upstream_with_the_same_signature() -> None:
    ours = macros(TEMPLATES / "static" / "webpack-macros.html")
    upstream = macros(UPSTREAM / "static" / "webpack-macros.html")
    assert ours, "the override defines no macro"
    assert ours == upstream, "pydata-sphinx-theme's webpack-macros.html changed: compare and update the override"


@pytest.mark.fast
def test_layout_extrahead_keeps_everything_upstream_has_but_the_search_scripts() -> None:
    """The override replaces the block to drop the search index and its scripts outside the
    search page; every other tag of the upstream block must be in ours."""
    upstream = block(UPSTREAM / "layout.html", "extrahead")
    ours = block(TEMPLATES / "layout.html", "extrahead")
    dropped = ("searchtools.js", "language_data.js", "searchindex.js")
    tags = re.findall(r"<(?:meta|script|link)\b[^>]*>", upstream)
    assert any(d in upstream for d in dropped), "upstream no longer loads the search scripts here"
    missing = [t for t in tags if not any(d in t for d in dropped) and t not in ours and "viewport" not in t]
    assert not missing, f"upstream's extrahead has tags the override lacks: {missing}"


@pytest.mark.fast
def test_plugin_registries_the_edition_fills_still_exist() -> None:
    """edition.build.bibstyle puts plugins in pybtex's and sphinxcontrib-bibtex's runtime registries
    (their register functions scan all entry points on every call); without them it falls
    back to the slow way, which a clean build would feel."""
    from edition.build.bibstyle import RUNTIME_REGISTRIES

    for module, name in RUNTIME_REGISTRIES:
        assert isinstance(getattr(module, name, None), dict), f"{module.__name__}.{name} is gone"
    import pybtex.plugin
    from edition.build import bibstyle

    bibstyle.register()
    assert pybtex.plugin.find_plugin("pybtex.style.formatting", "edition") is bibstyle.EditionBibliographyStyle


@pytest.mark.book
def test_every_icon_used_in_the_pages_is_drawn(site: Path) -> None:
    """The theme's Font Awesome icons are drawn by edition.css, one rule per icon name."""
    css = CSS.read_text(encoding="utf-8")
    rules = re.findall(r"([^{}]+){\s*--edition-icon:", css)  # selectors of the rules that set a glyph
    drawn = {name for selector in rules for name in re.findall(r"\.(fa-[a-z0-9-]+)", selector)}
    styles = {"fa-solid", "fa-regular", "fa-brands", "fa-lg", "fa-sm", "fa-xs", "fa-fw"}
    used: dict[str, str] = {}
    for page in site.rglob("*.html"):
        for element in BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").select("[class*='fa-']"):
            for name in element.get("class", []):
                if name.startswith("fa-") and name not in styles:
                    used.setdefault(name, page.relative_to(site).as_posix())
    assert used, "no icon found: has the theme stopped using Font Awesome classes?"
    undrawn = {name: page for name, page in used.items() if name not in drawn}
    assert not undrawn, f"icons with no glyph in edition.css: {undrawn}"


@pytest.mark.book
def test_no_page_refers_to_a_removed_file(site: Path) -> None:
    """weight.py deletes the static files it prunes: no page may still ask for one."""
    static = (site / "_static").resolve()
    referenced: dict[str, str] = {}
    for page in site.rglob("*.html"):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for element in soup.find_all(["script", "link", "img", "source"]):
            url = element.get("src") or element.get("href")
            if not url or urlsplit(url).scheme or urlsplit(url).netloc:
                continue
            target = (page.parent / urlsplit(url).path).resolve()
            if target.is_relative_to(static):
                referenced.setdefault(target.relative_to(static).as_posix(), page.relative_to(site).as_posix())
    assert referenced
    pruned = {f: p for f, p in referenced.items() if any(fnmatch.fnmatch(f, pattern) for pattern in UNUSED_STATIC)}
    assert not pruned, f"pages refer to files weight.py removes: {pruned}"
    missing = {f: p for f, p in referenced.items() if not (static / f).exists()}
    assert not missing, f"pages refer to files that are not there: {missing}"


#: A small book with parts, for the sidebar contract: a caption with markup
#: characters, a chapter titled in ``_toc.yml``, a part of two chapters.
NAV_TOC = """format: jb-book
root: index
parts:
  - caption: "Part I · Words & <marks>"
    chapters:
      - file: one
      - file: two
        title: "Two, as the table names it"
  - caption: Reference
    chapters:
      - file: three
"""

NAV_CONF = """
extensions += ["sphinx_external_toc"]
external_toc_path = "_toc.yml"
html_theme = "sphinx_book_theme"
html_theme_options = {"home_page_in_toc": True}
"""


def sidebar_navigation(page: Path) -> list[tuple[str, tuple[str, ...], str, str]]:
    """The sidebar's navigation as a reader's browser gets it: each element in
    order, with its classes, its link and its own text, white space aside."""
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    nav = soup.select_one("nav.bd-docs-nav")
    assert nav is not None, f"{page.name} has no sidebar navigation"
    return [
        (
            element.name,
            tuple(sorted(element.get("class", []))),
            element.get("href", ""),
            " ".join("".join(element.find_all(string=True, recursive=False)).split()),
        )
        for element in nav.find_all(True)
    ]


@pytest.mark.small
def test_the_edition_sidebar_navigation_is_the_themes_own(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """edition-nav.html stands in for sphinx-book-theme's sbt-sidebar-nav.html (which
    renders and parses the whole toctree on every page): on every page it must list
    the same captions, chapters, links and current-page marks, in the same markup."""
    from edition.writers import webextras
    from tests.helpers.sphinxproject import Project

    def build(name: str) -> Path:
        project = Project(tmp_path / name)
        project.write("conf.py", (project.root / "conf.py").read_text(encoding="utf-8") + NAV_CONF)
        project.write("_toc.yml", NAV_TOC)
        for page, title in (("one", "One & only"), ("two", "Two"), ("three", "Three")):
            project.write(f"{page}.md", f"# {title}\n\nText.\n")
        project.build()
        return project.root / "_build" / "html"

    made: list[str] = []
    real_parts = webextras.navigation_parts
    monkeypatch.setattr(
        webextras, "navigation_parts",
        lambda parts, pagename, *rest: made.append(pagename) or real_parts(parts, pagename, *rest),
    )
    ours = build("edition-nav")
    from edition import extension

    # the theme's own navigation: the edition's handler left out of the table of events
    monkeypatch.setattr(extension, "EVENTS", tuple(row for row in extension.EVENTS
                                                   if row[1] is not webextras.sidebar_navigation))
    theirs = build("theme-nav")
    pages = ["index.html", "one.html", "two.html", "three.html", "search.html", "genindex.html"]
    assert sorted(made) == sorted(["index", "one", "two", "three", "search", "genindex", "references"])
    for page in pages:
        assert sidebar_navigation(ours / page) == sidebar_navigation(theirs / page), page
    links = {(href, text): classes for name, classes, href, text in sidebar_navigation(ours / "two.html") if name == "a"}
    assert "current" in links[("#", "Two, as the table names it")]


@pytest.mark.fast
def test_jupyter_books_notebook_settings_are_all_declared() -> None:
    """The book reads Markdown with myst-parser, not myst-nb; Jupyter Book still passes
    its ``execute:`` settings as myst-nb's configuration, and the edition declares
    them (edition.NOTEBOOK_SETTINGS) so that Sphinx has nothing unknown to warn about.
    Every ``nb_`` key Jupyter Book makes of this book's _config.yml, and of a fuller
    ``execute:`` section, must be among them."""
    import yaml
    from jupyter_book.config import get_final_config

    from edition.extension import NOTEBOOK_SETTINGS

    book = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    fuller = {**book, "execute": {"execute_notebooks": "off", "raise_on_error": True, "eval_regex": "x", "show_tb": True}}
    for user in (book, fuller):
        config, _ = get_final_config(user_yaml=user, cli_config={"latex_individualpages": False}, sourcedir=ROOT)
        assert "myst_nb" not in config["extensions"] and "myst_parser" in config["extensions"]
        passed = {key for key in config if key.startswith("nb_")}
        assert passed, "Jupyter Book no longer passes notebook settings: the declarations can go"
        assert passed <= set(NOTEBOOK_SETTINGS), f"undeclared: {sorted(passed - set(NOTEBOOK_SETTINGS))}"


@pytest.mark.fast
def test_the_logo_override_is_the_themes_own_inside_a_landmark() -> None:
    """``navbar-logo.html`` is upstream's component, line for line, wrapped in a ``<nav>``."""
    ours = (TEMPLATES / "navbar-logo.html").read_text(encoding="utf-8").splitlines()
    upstream = (UPSTREAM / "components" / "navbar-logo.html").read_text(encoding="utf-8").splitlines()
    assert ours[2].startswith("<nav ") and ours[-1] == "</nav>"
    assert ours[3:-1] == upstream[1:]


@pytest.mark.book
def test_the_sidebar_names_the_book_once(site: Path) -> None:
    """The sidebar's title is the link home; the navigation does not repeat it."""
    soup = BeautifulSoup((site / "book/humility.html").read_text(encoding="utf-8"), "html.parser")
    sidebar = soup.select_one("#pst-primary-sidebar")
    title = " ".join(soup.select_one(".logo__title").get_text().split())
    texts = [" ".join(a.get_text().split()) for a in sidebar.find_all("a")]
    assert texts.count(title) == 1, texts
    assert sidebar.select_one("nav[aria-label] .logo__title") is not None, "the title stands outside a landmark"
