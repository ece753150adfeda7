"""The edition's configuration: every ``edition_*`` value declared once, with its type,
its default and what it is for, and checked when the build starts.

``edition/extension.py`` declares each :class:`Setting` to Sphinx and runs
:func:`setting_faults` at ``config-inited``: a fault stops the build there, one
line each, before any page is read. The book's own facts (its title, author,
bylines, imprint, licence and citation wording) have no default here: they are
the book's, in its ``_config.yml``.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ..notes import kinds


@dataclass(frozen=True)
class Setting:
    """One configuration value."""

    name: str
    #: Its value when the book does not set it (a function: read when the build starts).
    default: Any
    #: What a change to it makes Sphinx redo: ``env`` (read every page) or ``html`` (write them).
    rebuild: str
    #: The Python types it may have (the first is its own).
    types: tuple[type, ...]
    #: What it is for (the one line README and a fault quote).
    doc: str
    #: Its only possible values, when it has a few.
    choices: tuple[str, ...] = ()
    #: Whether the book must set it (a fact of the book, with no default).
    required: bool = False
    #: The keys a mapping may hold, with each key's type.
    keys: Mapping[str, type] = field(default_factory=dict)

    def default_value(self) -> Any:
        """The default, read now when it is a function (the environment's paper and sides)."""
        return self.default() if callable(self.default) else self.default


#: The live discussion's settings and their defaults: off, Hypothesis's public client, no group.
HYPOTHESIS_DEFAULTS: dict[str, Any] = {"enabled": False, "group": "", "client": "https://hypothes.is/embed.js"}

#: Every value the edition reads, in the order README lists them.
SETTINGS: tuple[Setting, ...] = (
    # the book's facts
    Setting("edition_title", "", "env", (str,), "the book's title", required=True),
    Setting("edition_subtitle", "", "env", (str,), "the line under the title (title page, imprint, EPUB)"),
    Setting("edition_author", "", "env", (str,), "the text's author, the name alone (citations, PDF and EPUB metadata)",
            required=True),
    Setting("edition_byline", "", "env", (str,), "the title page's line on the text and its author"),
    Setting("edition_editors", "", "env", (str,), "the title page's line on the editors' material"),
    Setting("edition_imprint", {}, "env", (dict,),
            "the imprint's sentences: description (what the edition holds), source (where the text comes from, "
            "PDF), source_brief (the same, EPUB title page), source_description (the EPUB's dc:source while "
            "edition_source_url is unset)",
            keys={"description": str, "source": str, "source_brief": str, "source_description": str}),
    Setting("edition_licence", "", "env", (str,), "the licence statement, one paragraph (footer, imprints, EPUB rights)",
            required=True),
    Setting("edition_independence", "", "env", (str,), "the edition's position: who did not endorse it (imprints)"),
    Setting("edition_citation", {}, "env", (dict,),
            "how a unit is cited: edition (the edition's name in a citation), year, published_in (where the text "
            "was published), signed (each signed comment's label → [signer, date])",
            keys={"edition": str, "year": str, "published_in": str, "signed": dict}),
    Setting("edition_version", "", "env", (str,), "the edition's version: About, the citation and the imprint print it"),
    Setting("edition_source_url", "", "env", (str,), "the source page's address (imprint, EPUB dc:source)"),
    Setting("edition_source_read", "", "env", (str,), "the date the copy of the source was read (imprint)"),
    Setting("edition_contact", "", "env", (str,), "the publisher's address for corrections and removal requests"),
    Setting("edition_epub_editors", "The editors", "env", (str,), "the EPUB's contributor and publisher"),
    Setting("edition_epub_bodymatter", "", "env", (str,), "the page where the EPUB's text begins (its landmark)"),
    Setting("edition_epub_description", "", "env", (str,), "the EPUB's description"),
    # the project's files
    Setting("edition_source_file", "book/_source/essay-and-comments.txt", "env", (str,), "the source text"),
    Setting("edition_annotations_dir", "annotations", "env", (str,), "the folder of annotation files"),
    Setting("edition_pages_dir", "book", "env", (str,), "the folder of the pages that annotation files name"),
    Setting("edition_bibliography_page", "book/bibliography", "env", (str,), "the page of the bibliography"),
    Setting("edition_pdf_name", "", "html", (str,), "the PDF's file name (default: latex_documents' target name)"),
    # how it is built
    Setting("edition_layers", [], "env", (list,), "the layers of notes shown (all when empty)"),
    # `make pdf PAPER=letter` and `SIDES=two` set EDITION_PAPER and EDITION_SIDES
    Setting("edition_paper", lambda: os.environ.get("EDITION_PAPER") or "a4", "env", (str,), "the PDF's paper",
            choices=("a4", "letter")),
    Setting("edition_sides", lambda: os.environ.get("EDITION_SIDES") or "one", "env", (str,),
            "one- or two-sided printing", choices=("one", "two")),
    Setting("edition_hypothesis", dict(HYPOTHESIS_DEFAULTS), "html", (dict,),
            "the opt-in live discussion: {enabled, group, client}", keys={"enabled": bool, "group": str, "client": str}),
    Setting("edition_prune_css", True, "html", (bool,), "prune the theme's style rules no page can match"),
    # set by the edition itself
    Setting("edition_assets_digest", "", "html", (str,), "a digest of the templates and style sheets (set by the build)"),
)

#: Values Jupyter Book always passes that no loaded extension declares.
FOREIGN_SETTINGS: tuple[Setting, ...] = (
    # its comment extension's; that extension is not loaded (no page loads anything from another host)
    Setting("comments_config", {}, "html", (dict,), "Jupyter Book's comments settings (unused)"),
)


def _type_names(types: tuple[type, ...]) -> str:
    return " or ".join({str: "text", bool: "true or false", dict: "a mapping", list: "a list"}.get(t, t.__name__)
                       for t in types)


def setting_faults(values: Mapping[str, Any], settings: tuple[Setting, ...] = SETTINGS) -> list[str]:
    """What is wrong with the configuration, one line a fault (nothing when it is whole).

    >>> setting_faults({"edition_title": "T", "edition_author": "A", "edition_licence": "L", "edition_paper": "a5"})
    ['edition_paper: “a5” is not one of: a4, letter']
    """
    faults = []
    for setting in settings:
        value = values.get(setting.name, setting.default_value())
        if not isinstance(value, setting.types) or (bool not in setting.types and isinstance(value, bool)):
            faults.append(f"{setting.name}: {value!r} is not {_type_names(setting.types)} ({setting.doc})")
            continue
        if setting.required and not value:
            faults.append(f"{setting.name} is not set: {setting.doc} (set it in _config.yml)")
        if setting.choices and value not in setting.choices:
            faults.append(f"{setting.name}: “{value}” is not one of: {', '.join(setting.choices)}")
        if setting.keys and isinstance(value, dict):
            for key, item in value.items():
                if key not in setting.keys:
                    faults.append(f"{setting.name}: unknown setting “{key}” (one of: {', '.join(setting.keys)})")
                elif not isinstance(item, setting.keys[key]):
                    faults.append(f"{setting.name}: {key} must be {_type_names((setting.keys[key],))}")
    faults += hypothesis_faults(values.get("edition_hypothesis", HYPOTHESIS_DEFAULTS))
    faults += kinds.kind_faults(kinds.NOTE_KINDS)  # read now: the table is the one in use
    return faults


def hypothesis_faults(value: Any) -> list[str]:
    """What is wrong with ``edition_hypothesis`` beyond its keys' types: a client that is no URL."""
    if not isinstance(value, dict):
        return []
    settings = {**HYPOTHESIS_DEFAULTS, **value}
    client = str(settings["client"] or "")
    if settings["enabled"] and not client.startswith(("https://", "http://", "/")):
        return [f"edition_hypothesis: client “{client}” is not an http(s) URL"]
    return []


def hypothesis_settings(value: Mapping[str, Any]) -> dict[str, Any]:
    """``edition_hypothesis`` (checked at the start) with its defaults filled in."""
    settings = {**HYPOTHESIS_DEFAULTS, **value}
    settings["enabled"] = bool(settings["enabled"])
    settings["group"] = str(settings["group"] or "")
    settings["client"] = str(settings["client"] or "")
    return settings
