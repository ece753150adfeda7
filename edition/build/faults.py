"""Faults in the edition's input, reported as Sphinx warnings (Sphinx glue).

Every fault is one warning: its location (the file and line), then what is
wrong, tagged ``[edition.<subtype>]``. The faulty note (or unit) is left out
and the build goes on, so that under ``-W --keep-going`` one run lists every
fault of every file and then fails. Subtypes:

``file``      an annotation file that cannot be read or is not UTF-8
``yaml``      an annotation file that is not a YAML list
``record``    a list item that is not a mapping of fields
``field``, ``unknown-field``, ``id``, ``kind``  a record's fields
``duplicate`` an id used twice in the book
``paragraph`` a record's paragraph that is not in the source, or not on its page
``page``      an annotation file for a page that is not in the book
``quote``     a quote (with its prefix and suffix) not found once in its paragraph
``overlap``   two quotes in one paragraph that overlap
``body``      a note's body that holds what the allow-list refuses (edition/notes/bodies.py)
``layer``     a layer folder's name or its ``layer.yml``
``reply``     a reply that answers no note of its page, or replies in a circle
``evidence``  a note that reports research without citing a work of the bibliography
``quotation`` a ``{q}`` quotation not in the source, or not unique without a unit
``unit``      a ``{passage}`` or ``{response}`` that names no unit of the source
``source``    a ``{passage}`` or ``{response}`` whose text differs from the source
"""

from __future__ import annotations

from sphinx.environment import BuildEnvironment
from sphinx.util import logging

from ..notes.records import AnnotationError
from .state import domain_of

logger = logging.getLogger(__name__)

#: The warning type of every fault the edition reports (``suppress_warnings`` key).
TYPE = "edition"


def report(fault: AnnotationError) -> None:
    """Report a fault in an annotation record or file as a warning at its location.

    A fault of a whole file is located at its first line (Sphinx would read a
    location without a line number as the name of a page).
    """
    location = fault.location if fault.line else f"{fault.path}:1"
    logger.warning(fault.message, location=location, type=TYPE, subtype=fault.subtype)


def report_at(message: str, location: object, subtype: str) -> None:
    """Report a fault found in a page (``location``: a node or ``(docname, line)``)."""
    logger.warning(message, location=location, type=TYPE, subtype=subtype)


def report_reading(env: BuildEnvironment, fault: AnnotationError | str, location: object = None,
                   subtype: str = "") -> None:
    """Report a fault found while reading the current page, and have the page read again
    at the next build (so that the fault is reported until it is mended)."""
    if isinstance(fault, AnnotationError):
        report(fault)
    else:
        report_at(fault, location, subtype)
    domain_of(env).note_fault(env.docname)
