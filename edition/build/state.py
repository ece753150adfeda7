"""The edition's build state, held where Sphinx keeps an extension's data: a domain.

Two kinds of state, kept apart:

* what the build read before any page (the source text, the annotation
  records): :class:`EditionState`, an attribute of the domain object. Sphinx
  makes the domain object afresh for every run and does not pickle it, so
  this state is never stale; parallel readers inherit it when they fork.
* what each page recorded while it was read (the annotation file it was
  given): the domain's ``data``, pickled with the environment, purged when a
  page is re-read and merged back from parallel readers.

Everything reads the state through :func:`state_of` with the environment a
directive, role, transform or event handler already has, never through
``env.app`` or ``Transform.app``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, cast

from sphinx.domains import Domain
from sphinx.environment import BuildEnvironment

from ..notes.layers import Layer
from ..text.project import TocPart, annotated_docname
from ..notes.records import Annotation
from ..text.source import Source


@dataclass
class EditionState:
    """What the edition read before any page: the source, the layers and the annotation records."""

    #: The parsed source text.
    source: Source
    #: The source file, as Sphinx names dependencies (absolute path).
    source_path: str
    #: Every usable annotation record by id (faulty ones are reported and left out).
    annotations: dict[str, Annotation] = field(default_factory=dict)
    #: The usable records of each annotation file, by page (``healing``).
    pages: dict[str, list[Annotation]] = field(default_factory=dict)
    #: Annotation files by page (one a layer), including files whose records were all faulty.
    files: dict[str, list[str]] = field(default_factory=dict)
    #: The layers shown, by name (``editors`` and any folder of ``annotations/``).
    layers: dict[str, Layer] = field(default_factory=dict)
    #: The parts and chapters of ``_toc.yml`` (``None``: no table, or one deeper than that).
    toc_parts: list[TocPart] | None = None


class EditionDomain(Domain):
    """The edition's data in the environment (it defines no directives or roles)."""

    name = "edition"
    label = "Annotated edition"
    #: ``annotated``: docname → the annotation file (project-relative) the page was given;
    #: ``faulty``: docname → the number of faults reported while the page was read.
    initial_data: dict[str, Any] = {"annotated": {}, "faulty": {}}
    #: The state of this run; set at ``builder-inited``.
    state: EditionState | None = None

    @property
    def annotated(self) -> dict[str, str]:
        """Pages that were given annotations when last read, with their file."""
        return self.data["annotated"]

    @property
    def faulty(self) -> dict[str, int]:
        """Pages whose reading reported faults: read again at every build, so the faults
        are reported again until they are mended (Sphinx would otherwise find the page
        up to date and the next build would pass)."""
        return self.data["faulty"]

    def note_fault(self, docname: str) -> None:
        """Record that reading ``docname`` reported a fault."""
        self.faulty[docname] = self.faulty.get(docname, 0) + 1

    def clear_doc(self, docname: str) -> None:
        self.annotated.pop(docname, None)
        self.faulty.pop(docname, None)

    def merge_domaindata(self, docnames: Iterable[str], otherdata: dict[str, Any]) -> None:
        for docname in docnames:
            for key in ("annotated", "faulty"):
                if docname in otherdata[key]:
                    self.data[key][docname] = otherdata[key][docname]

    def resolve_any_xref(self, *args: Any, **kwargs: Any) -> list:
        return []


def domain_of(env: BuildEnvironment) -> EditionDomain:
    """The edition's domain in this environment."""
    return cast(EditionDomain, env.get_domain(EditionDomain.name))


def state_of(env: BuildEnvironment) -> EditionState:
    """The state of the current run (the source and the records)."""
    state = domain_of(env).state
    if state is None:
        raise RuntimeError("the edition's state is read before the builder was set up")
    return state


def page_docname(app: Any, page: str) -> str:
    """The docname of the page an annotation file names (``healing`` → ``book/healing``)."""
    return annotated_docname(app.config.edition_pages_dir, page)
