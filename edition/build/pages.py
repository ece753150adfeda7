"""What the edition does to the book's pages as Sphinx reads them (Sphinx glue).

Which pages are stale (their annotation files changed, or a fault must be
reported again), the ``{annotation}`` directives appended to each annotated
page, the parts of the book marked for print, and the bibliography moved to
the back of the PDF.
"""

from __future__ import annotations

from pathlib import Path

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from . import faults
from . import nodes as ed
from .state import domain_of, page_docname, state_of
from ..notes.records import AnnotationError
from ..text.project import annotated_page


def check_pages_exist(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """Report an annotation file whose page is not in the book."""
    for page, paths in state_of(env).files.items():
        if page_docname(app, page) not in env.found_docs:
            for path in paths:
                fault = AnnotationError(path, f"annotations for page “{page}”, which is not in the book", subtype="page")
                faults.report(fault)


def outdated_pages(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    """Pages whose annotation file appeared or disappeared since the last build, and pages
    whose reading reported a fault (so that every build reports it until it is mended)."""
    now = {page_docname(app, p) for p, r in state_of(env).pages.items() if r}
    before = set(domain_of(env).annotated)
    return sorted(((now ^ before) | set(domain_of(env).faulty) | stale_outputs(app)) & env.found_docs)


def stale_outputs(app: Sphinx) -> set[str]:
    """Pages whose annotation file is newer than this builder's output of the page.

    The HTML and LaTeX builders share one environment: after one of them has
    re-read a page for its changed annotations, the other would otherwise see
    nothing to do, as it only compares the page's own source with its output.
    """
    output_of = getattr(app.builder, "get_outfilename", None)
    if output_of is None:
        return set()
    stale = set()
    for page, records in state_of(app.env).pages.items():
        if not records:
            continue
        docname = page_docname(app, page)
        output = Path(output_of(docname))
        newest = max((Path(app.srcdir) / p).stat().st_mtime for p in {r.path for r in records})
        if not output.exists() or newest > output.stat().st_mtime:
            stale.add(docname)
    return stale


def append_annotation_directives(app: Sphinx, docname: str, source: list[str]) -> None:
    """Append one ``{annotation}`` directive per record to the page it annotates."""
    page = annotated_page(app.config.edition_pages_dir, docname)
    records = state_of(app.env).pages.get(page, []) if page is not None else []
    if not records:
        return
    for path in sorted({r.path for r in records}):
        app.env.note_dependency(str(Path(app.srcdir) / path))
    domain_of(app.env).annotated[docname] = records[0].path
    calls = "".join(f"\n\n```{{annotation}} {r.id}\n```\n" for r in records)
    source[0] = source[0] + "\n" + calls


def mark_parts(app: Sphinx, doctree: nodes.document) -> None:
    """Put a ``part_start`` before each captioned toctree of the root page (LaTeX parts).

    The first part is the front matter: in print it follows the title page and
    contents without a part title page of its own.
    """
    if app.env.docname != app.config.root_doc:
        return
    captioned = [t for t in doctree.findall(addnodes.toctree) if t.get("caption")]
    for toctree in captioned[1:]:
        wrapper = toctree.parent
        wrapper.parent.insert(wrapper.parent.index(wrapper), ed.part_start(caption=toctree["caption"]))


def move_bibliography_to_the_back(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """In the PDF, keep the bibliography page's entries but not its heading and prose.

    Sphinx's LaTeX writer gathers every citation into one bibliography at the
    end of the book, which would leave the bibliography chapter empty.
    """
    if app.builder.format != "latex":
        return
    for chapter in doctree.findall(addnodes.start_of_file):
        if chapter["docname"] != app.config.edition_bibliography_page:
            continue
        # inline_all_toctrees gives start_of_file its page's children without
        # re-parenting them, so walk the children, not parent links.
        for section in [child for child in chapter.children if isinstance(child, nodes.section)]:
            kept = [child for child in section.children if any(child.findall(nodes.citation))]
            chapter.replace(section, kept)
