"""What the website adds for its readers (Sphinx glue, HTML builders only).

* ``{unit}`` references in running text (“¶3”) get a spoken name
  (“Paragraph 3”): after references are resolved, each becomes a
  :class:`~edition.build.nodes.unit_link`, which ``html.visit_unit_link`` writes as a link with an
  ``aria-label``;
* the chapter's introduction is labelled as the editors';
* the search finds each unit by its number, however a reader types it
  (“¶4”, “p4”, “paragraph 4”, “R1.1”, “response 1.1”): each number is an
  entry of the search index (:func:`search_names`), which the search page
  lists first and links to the unit itself;
* the book face: the first EB Garamond file is preloaded;
* the sidebar's table of contents comes from the parts and chapters of
  ``_toc.yml`` (:func:`sidebar_navigation`), in the theme's own markup,
  instead of the theme's navigation, which renders the whole toctree and
  parses it with Beautiful Soup on every page: the slowest part of writing a
  page. A table deeper than parts and chapters keeps the theme's.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform

from ..build import priorities
from ..build.figures import reads_as_unit
from ..build import nodes as ed
from . import html
from ..text import project
from ..build.state import state_of


class NameUnitLinks(SphinxPostTransform):
    """Turn each resolved internal link that reads ``¶n`` or ``Rn`` into a :class:`~edition.build.nodes.unit_link`.

    Both the ``{unit}`` role and ordinary cross-references whose text is a
    unit's number are covered.
    """

    default_priority = priorities.NAME_UNIT_LINKS
    formats = ("html",)

    def run(self, **kwargs: Any) -> None:
        for ref in list(self.document.findall(nodes.reference)):
            if not reads_as_unit(ref) or not ref.get("internal", "refid" in ref):
                continue
            text = ref.astext()
            link = ed.unit_link(text, text, label=text)
            for key in ("refuri", "refid"):
                if key in ref:
                    link[key] = ref[key]
            ref.replace_self(link)


class LabelIntroductions(SphinxPostTransform):
    """Give the editors' introduction of a chapter a visible label, so it is not taken for a quotation."""

    default_priority = priorities.LABEL_INTRODUCTIONS
    formats = ("html",)

    def run(self, **kwargs: Any) -> None:
        for box in list(self.document.findall(nodes.container)):
            if "chapter-intro" in box["classes"]:
                box.insert(0, nodes.paragraph("", INTRO_LABEL, classes=["edition-intro-label"]))


def search_names(label: str) -> list[str]:
    """The ways a reader may type a unit's number into the search box.

    >>> search_names("¶4")
    ['¶4', 'p4', 'paragraph 4', '¶ 4', 'para 4']
    >>> search_names("R1.1")
    ['R1.1', 'r1.1', 'response 1.1', 'comment 1.1']
    """
    number = label[1:]
    if label.startswith("¶"):
        return [label, f"p{number}", f"paragraph {number}", f"¶ {number}", f"para {number}"]
    return [label, f"r{number}", f"response {number}", f"comment {number}"]


class UnitSearchEntries(SphinxPostTransform):
    """Make each unit's number an entry of the search index, pointing at the unit.

    Added after the pages were read, so the entries reach the search index
    (which reads each page's doctree as it is written) but no general index.
    """

    default_priority = priorities.UNIT_SEARCH_ENTRIES
    formats = ("html",)

    def run(self, **kwargs: Any) -> None:
        for number in list(self.document.findall(ed.unit_number)):
            entries = [("single", name, number["refid"], "main", None) for name in search_names(number["label"])]
            number.parent.insert(number.parent.index(number), addnodes.index(entries=entries, inline=False))


#: The label above a chapter's introduction.
INTRO_LABEL = "Editors’ introduction"


def preload_font(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    """Ask for the book face's regular font early on pages with text."""
    if doctree is None:
        return
    href = context["pathto"]("_static/fonts/EBGaramond-Regular.woff2", 1)
    context["metatags"] = context.get("metatags", "") + (
        f'\n<link rel="preload" href="{href}" as="font" type="font/woff2" crossorigin>'
    )


#: The theme's sidebar navigation, and the edition's template that stands in for it.
THEME_NAV = "sbt-sidebar-nav.html"
EDITION_NAV = "edition-nav.html"


def navigation_parts(parts: list[project.TocPart], pagename: str, title_of: Callable[[str], str],
                     href: Callable[[str], str]) -> list[dict[str, Any]]:
    """The sidebar's parts for one page: each part's caption, whether it holds the
    page, and its chapters' titles, links (``#`` for the page itself) and
    whether each is the page."""
    return [
        {
            "caption": part.caption,
            "current": any(docname == pagename for docname, _ in part.chapters),
            "chapters": [
                {"title": title or title_of(docname), "current": docname == pagename,
                 "href": "#" if docname == pagename else href(docname)}
                for docname, title in part.chapters
            ],
        }
        for part in parts
    ]


def sidebar_navigation(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any],
                       doctree: Any) -> None:
    """Put the edition's navigation in the sidebar in place of the theme's
    (before the theme checks which sidebar templates render empty)."""
    parts = state_of(app.env).toc_parts
    if parts is None or THEME_NAV not in context.get("sidebars", ()):
        return
    titles = app.env.titles
    context["edition_nav"] = navigation_parts(parts, pagename, lambda docname: titles[docname].astext(), context["pathto"])
    context["sidebars"] = [EDITION_NAV if name == THEME_NAV else name for name in context["sidebars"]]
