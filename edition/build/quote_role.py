"""The ``{q}`` role: a checked quotation of the source, linked to the words it quotes.

Sphinx glue only; finding the words is ``quotes.find_quotation``. The role
renders the words in curly double quotation marks, as a link to their unit
(a cross-reference to the unit's label, so it resolves to the right page in
the website and to the paragraph's label in the PDF). On the website the
link also carries the words, ``?quote=…#p7``, and ``edition-quote.js``
highlights them in their paragraph on arrival.

Words that are not in the source, or that occur in several units when no
unit is named, are a warning (``type="edition"``, ``subtype="quotation"``)
naming the file and line; under ``-W`` the build fails.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote as url_quote

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxRole

from . import faults
from ..text.quotations import QuotationError, find_quotation
from .state import state_of

#: The query parameter that carries the quoted words to the page they quote.
QUERY = "quote"


class QuoteRole(SphinxRole):
    """``{q}`words``` or ``{q}`p7: words```: the words, checked, in quotation marks, linked."""

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        state = state_of(self.env)
        source = state.source
        # A page that quotes the source is read again when the source changes.
        self.env.note_dependency(state.source_path)
        try:
            found = find_quotation(source, self.text)
        except QuotationError as err:
            # Reported once the page is read, when a node in an annotation body
            # knows its place in the YAML file (see ``report_faults``).
            shown = f"“{' '.join(self.text.split())}”"
            failed = nodes.inline(
                shown, shown, classes=["quotation-fault"], quotation_fault=str(err), rawtext=self.rawtext
            )
            self.set_source_info(failed)
            return [failed], []
        ref = addnodes.pending_xref(
            self.rawtext,
            refdomain="std",
            reftype="ref",
            reftarget=found.unit,
            refexplicit=True,
            refwarn=True,
            refdoc=self.env.docname,
        )
        ref += nodes.inline(found.words, found.words)
        holder = nodes.inline("", "", ref, classes=["quotation"], quoted_words=found.words)
        return [nodes.Text("“"), holder, nodes.Text("”")], []


def report_faults(app: Sphinx, doctree: nodes.document) -> None:
    """Warn, with file and line, for each quotation the role could not find; the page
    is read again at the next build, so that the fault is reported until it is mended."""
    for node in doctree.findall(nodes.inline):
        fault = node.get("quotation_fault")
        if fault:
            where = f"{node.source}:{line_of(node.source, node.line, node.get('rawtext', ''))}"
            faults.report_reading(app.env, fault, where, "quotation")


def line_of(path: str | None, start: int | None, rawtext: str) -> int | None:
    """The line of ``path``, at or after ``start``, where ``rawtext`` begins.

    MyST gives a role the line its paragraph starts on; a quotation further
    down a wrapped paragraph is reported at its own line.
    """
    if not path or not start:
        return start
    try:
        lines = Path(path).read_text(encoding="utf-8").split("\n")
    except OSError:
        return start
    # MyST writes the role's raw text as ``:q:`…```; the file has ``{q}`…```.
    first = rawtext.split("`", 1)[-1].split("\n", 1)[0]
    for number in range(start, len(lines) + 1):
        if first and first in lines[number - 1]:
            return number
    return start


def quotation_url(words: str, fragment: str, page: str = "") -> str:
    """The link to quoted words on a page: ``page?quote=<words>#<fragment>``."""
    return f"{page}?{QUERY}={url_quote(words, safe='')}#{fragment}"


def add_words_to_links(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """On the website, make each quotation's link carry its words for highlighting.

    Not in the EPUB (an ``html`` format too): a reading system has no script
    to read the query, and a link with one names no file of the book.
    """
    if app.builder.format != "html" or app.builder.name == "epub":
        return
    for holder in doctree.findall(nodes.inline):
        words = holder.get("quoted_words")
        ref = holder.children[0] if holder.children else None
        if not words or not isinstance(ref, nodes.reference):
            continue
        if ref.get("refid"):
            ref["refuri"] = quotation_url(words, ref["refid"])
            del ref["refid"]
            ref["internal"] = True
        elif "#" in ref.get("refuri", ""):
            page, fragment = ref["refuri"].split("#", 1)
            ref["refuri"] = quotation_url(words, fragment, page)
        ref["classes"].append("quotation-link")


#: In the PDF a quotation is set upright like the text around it (Sphinx sets
#: cross-reference text in italics, which would read as emphasis); added to
#: ``latex_elements``' preamble by ``edition/extension.py``.
LATEX_PREAMBLE = "\\makeatletter\\providecommand\\DUrolequotation[1]{{\\let\\sphinxcrossref\\@firstofone#1}}\\makeatother\n"
