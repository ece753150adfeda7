"""LaTeX visitors and layout settings for the edition's PDF.

The visitors write calls to macros defined in ``latex/edition.sty``: the
layout (margins, type, headings, the margin notes themselves) lives there,
so this module only says *what* each node is.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import texescape
from sphinx.writers.latex import LaTeXTranslator

from ..build import priorities
from ..build import nodes as ed
from ..build.figures import reads_as_unit
from ..notes.kinds import PRINT_MACROS
from ..text.source import is_passage
from ..text.licence import CC_BY_URL, contact_route
from ..text.project import build_date

#: The project's LaTeX package, copied next to the generated ``.tex``.
STYLE_FILE = Path(__file__).parent.parent / "latex" / "edition.sty"

#: The page, in millimetres (A4, one-sided): a text block of about 62
#: characters a line, paragraph numbers hanging in the left margin and the
#: margin notes in a 50 mm column on the right. The left (two-sided: inner)
#: margin is kept wide enough to write in, at least 25 mm clear beside every
#: line even where a paragraph number hangs; the notes' column keeps 13 mm
#: to the paper's edge. Tests read these too.
PAGE_MM: dict[str, float] = {
    "width": 210, "height": 297, "left": 33, "right": 69, "top": 28, "bottom": 30,
    "marginparsep": 6, "marginpar": 50,
}

#: The papers the PDF is made for (``make pdf PAPER=letter``): LaTeX's name, width and height in mm.
PAPERS: dict[str, tuple[str, float, float]] = {"a4": ("a4paper", 210, 297), "letter": ("letterpaper", 215.9, 279.4)}

#: How the PDF is printed (``make pdf SIDES=two``): one-sided (the default: every
#: page a recto, notes on the right) or two-sided (mirrored: notes in the outer
#: margin, on the left of a verso). The value is LaTeX's class option.
SIDES: dict[str, str] = {"one": "oneside", "two": "twoside"}


def page_mm(paper: str = "a4") -> dict[str, float]:
    """The page on ``paper``: A4's margins on the left, top and bottom and its text
    width and note column; the right margin takes what the paper adds in width,
    the text block what it adds or lacks in height (US Letter: 5.9 mm wider,
    17.6 mm shorter, so the folio stays on the sheet).

    >>> page_mm("letter")["right"], page_mm("letter")["bottom"]
    (74.9, 30)
    """
    if paper not in PAPERS:
        raise ValueError(f"unknown paper “{paper}” (the PDF is made for: {', '.join(PAPERS)})")
    _, width, height = PAPERS[paper]
    return dict(PAGE_MM, width=width, height=height, right=round(PAGE_MM["right"] + width - PAGE_MM["width"], 1))


class PrintTypesetting(SphinxPostTransform):
    """What only print needs: tables that may break across pages (the ellipses: :mod:`edition.build.ellipsis`)."""

    default_priority = priorities.PRINT_TYPESETTING
    formats = ("latex",)

    def run(self, **kwargs: object) -> None:
        for table in self.document.findall(nodes.table):
            if "longtable" not in table["classes"]:
                table["classes"].append("longtable")
        for paragraph in list(self.document.findall(nodes.paragraph)):
            keep_last_word_whole(paragraph)
            tie_unit_lists(paragraph)


def keep_last_word_whole(paragraph: nodes.paragraph) -> None:
    """Set a paragraph's last word in a ``nohyphen`` inline (``\\DUrolenohyphen``,
    an unbreakable box), so that no paragraph ends on the rest of a hyphenated
    word. ``\\finalhyphendemerits`` cannot forbid that where every other break of
    a short paragraph is too loose. The text is unchanged, only boxed.

    >>> p = nodes.paragraph("", "", nodes.Text("or complication."))
    >>> keep_last_word_whole(p); p.pformat()
    '<paragraph>\\n    or \\n    <inline classes="nohyphen">\\n        complication.\\n'
    """
    texts = [t for t in paragraph.findall(nodes.Text)
             if not isinstance(t.parent, (nodes.raw, nodes.literal, nodes.math)) and t.strip()]
    for last in reversed(texts):  # the last word may end in a node of its own (a term's link, then “.”)
        head, space, word = str(last).rstrip().rpartition(" ")
        if "/" in word:  # a web address: it breaks after any character (xurl), never hyphenates
            return
        if sum(c.isalpha() for c in word) >= 5:
            break
        if space or str(last) != str(last).lstrip():  # a short last word: nothing to break
            return
    else:
        return
    tail = str(last)[len(str(last).rstrip()):]
    parent = last.parent
    index = parent.index(last)
    replacement: list[nodes.Node] = [nodes.inline("", word, classes=["nohyphen"])]
    if head or space:
        replacement.insert(0, nodes.Text(head + space))
    if tail:
        replacement.append(nodes.Text(tail))
    parent[index:index + 1] = replacement


def tie_unit_lists(paragraph: nodes.paragraph) -> None:
    """Tie a list of paragraph and response numbers (“(¶2, ¶7)”) with
    no-break spaces, so that no line, and so no page, breaks inside it.

    >>> ref = lambda label: nodes.reference("", "", nodes.inline(label, label))
    >>> p = nodes.paragraph("", "", nodes.Text("("), ref("¶2"), nodes.Text(", "), ref("¶7"), nodes.Text(")"))
    >>> tie_unit_lists(p); [str(t) for t in p.findall(nodes.Text)]
    ['(', '¶2', ',\xa0', '¶7', ')']
    """
    for text in list(paragraph.findall(nodes.Text)):
        parent = text.parent
        if str(text) != ", " or not isinstance(parent, nodes.Element):
            continue
        index = parent.index(text)
        if 0 < index < len(parent) - 1 and reads_as_unit(parent[index - 1]) and reads_as_unit(parent[index + 1]):
            parent[index] = nodes.Text(",\u00a0")


def visit_spaced_ellipsis(self: LaTeXTranslator, node: ed.spaced_ellipsis) -> None:
    macro = r"\edellipsis{}" if node.astext().startswith(" ") else r"\edellipsisdots{}"
    self.body.append(macro)
    raise nodes.SkipNode


def visit_unit_number(self: LaTeXTranslator, node: ed.unit_number) -> None:
    target = self.hypertarget(node["refid"], anchor=True)
    macro = r"\edparnum" if is_passage(node["refid"]) else r"\edresponsenum"
    self.body.append(f"{target}{macro}{{{self.encode(node['label'])}}}")
    raise nodes.SkipNode


def visit_lining(self: LaTeXTranslator, node: ed.lining) -> None:
    """Figures that identify something, in the face's lining figures (plain in a heading)."""
    text = self.encode(node.astext())
    self.body.append(text if self.in_title else f"{{\\edlining {text}}}")
    raise nodes.SkipNode


def visit_line_break(self: LaTeXTranslator, node: ed.line_break) -> None:
    self.body.append("\\newline{}\n")
    raise nodes.SkipNode


def visit_response(self: LaTeXTranslator, node: ed.response) -> None:
    env = "edreply" if node["reply_to"] else "edresponse"
    self.body.append(f"\n\\begin{{{env}}}\n")


def depart_response(self: LaTeXTranslator, node: ed.response) -> None:
    env = "edreply" if node["reply_to"] else "edresponse"
    self.body.append(f"\n\\end{{{env}}}\n")


def visit_response_byline(self: LaTeXTranslator, node: ed.response_byline) -> None:
    self.body.append(r"\edbyline{")


def depart_response_byline(self: LaTeXTranslator, node: ed.response_byline) -> None:
    self.body.append("}")


def visit_annotation_anchor(self: LaTeXTranslator, node: ed.annotation_anchor) -> None:
    # A phrase cut where another layer's phrase overlaps it (placement.py) is
    # marked once, where it starts: pieces that start no phrase have no ids.
    targets = "".join(self.hypertarget(i, anchor=True) for i in node["ids"])
    self.body.append(targets + (r"\edanchor{" if node["ids"] else "{"))


def depart_annotation_anchor(self: LaTeXTranslator, node: ed.annotation_anchor) -> None:
    self.body.append("}")


def visit_annotation_note(self: LaTeXTranslator, node: ed.annotation_note) -> None:
    kind, phrase = self.encode(node["kind_label"]), self.encode(node.get("lemma", ""))
    if node.get("at_end"):  # at the end of the chapter, keyed to its paragraph (crowding.py)
        self.body.append(f"\\edendnote{{{self.encode(node['at_end'])}}}{{{kind}}}{{{phrase}}}{{")
        return
    macro = PRINT_MACROS.get(node["kind"], "ednote")  # a reply's own kind may be empty
    self.body.append(f"\\{macro}{{{kind}}}{{{phrase}}}{{")


def depart_annotation_note(self: LaTeXTranslator, node: ed.annotation_note) -> None:
    self.body.append("}")


def visit_annotation_para(self: LaTeXTranslator, node: ed.annotation_para) -> None:
    if node.parent.index(node) > 0:
        self.body.append(r"\par ")


def depart_annotation_para(self: LaTeXTranslator, node: ed.annotation_para) -> None:
    pass


def visit_annotation_reply(self: LaTeXTranslator, node: ed.annotation_reply) -> None:
    self.body.append(f"\\edlayerreply{{{node['depth']}}}{{{self.encode(node['label'])}}}{{")


def depart_annotation_reply(self: LaTeXTranslator, node: ed.annotation_reply) -> None:
    self.body.append("}")


def visit_endnotes(self: LaTeXTranslator, node: ed.endnotes) -> None:
    """The heading of a chapter's notes that did not fit in the margin (``writers/crowding.py``)."""
    self.body.append("\n\\edendnoteshead\n")


def depart_endnotes(self: LaTeXTranslator, node: ed.endnotes) -> None:
    self.body.append("\n\\par\\medskip\n")


def visit_more_notes(self: LaTeXTranslator, node: ed.more_notes) -> None:
    self.body.append(f"\\edmorenotes{{{self.encode(node['label'])}}}")
    raise nodes.SkipNode


def part_label(caption: str) -> str:
    """What print shows of a part's caption: “Part I” of “Part I · Humble clients, arrogant
    therapists”. Each part holds one chapter of the name after the “·”, whose title
    follows at once; a caption without one is shown whole."""
    return caption.split(" · ", 1)[0]


def visit_part_start(self: LaTeXTranslator, node: ed.part_start) -> None:
    self.body.append(f"\n\\edpart{{{self.encode(part_label(node['caption']))}}}\n")
    raise nodes.SkipNode


def escape(text: str, engine: str) -> str:
    """Text from the configuration made safe for LaTeX (``&`` → ``\\&``).

    Sphinx fills its escape tables only when a LaTeX builder starts, after the
    configuration has been read; the edition escapes while reading it, so it
    fills them first (filling them again changes nothing).
    """
    texescape.init()
    return texescape.escape(text, engine)


def balanced_title(title: str) -> str:
    r"""The title in two lines of about equal length (LaTeX ``\\`` at the word space that
    makes the longer line shortest), so that no line holds a word or two alone.

    >>> balanced_title("When Psychotherapists Are Less Healthy Than Their Clients")
    'When Psychotherapists Are Less\\\\ Healthy Than Their Clients'
    """
    words = title.split()
    if len(words) < 4:
        return title
    best = min(range(1, len(words)), key=lambda k: max(len(" ".join(words[:k])), len(" ".join(words[k:]))))
    return " ".join(words[:best]) + "\\\\ " + " ".join(words[best:])


def title_page(title: str, subtitle: str, byline: str, editors: str, imprint_text: str = "") -> str:
    """The ``maketitle`` element: a title page drawn by ``\\edtitlepage``, then the imprint
    (:func:`imprint`). Every argument is LaTeX already (escaped)."""
    return (f"\\edtitlepage{{{balanced_title(title)}}}{{{subtitle}}}{{{byline}}}"
            f"{{{editors}}}\n"
            f"\\edimprint{{{imprint_text}}}")


@dataclass(frozen=True)
class Imprint:
    """What the imprint says of this book, from its ``_config.yml`` (LaTeX, escaped):
    ``edition_imprint``'s ``description`` (what the edition holds) and ``source``
    (where its text comes from), ``edition_independence`` and ``edition_licence``."""

    description: str = ""
    source: str = ""
    independence: str = ""
    licence: str = ""


@dataclass(frozen=True)
class Edition:
    """What the imprint says of this edition and its copy of the source, from the
    configuration: ``edition_version`` (About and the citation print it too),
    ``edition_source_url`` and ``edition_source_read`` (the source page's address
    and the date the copy was read; empty while the project has no record of them)."""

    version: str = ""
    source_url: str = ""
    source_read: str = ""

    def source_sentence(self) -> str:
        """Where and when the copy was read, or, while unrecorded, that it is not known (LaTeX)."""
        if self.source_url:
            read = f", read on {self.source_read}" if self.source_read else ""
            return f"The copy was taken from \\url{{{self.source_url}}}{read}."
        return "The copy was received without its address or the date it was read; the edition records neither."


def print_date(epoch: str | None = None) -> str:
    """The date of this printing, “26 November 2026”, from ``SOURCE_DATE_EPOCH``.

    Reproducible builds set the variable (the Makefile takes it from the last
    commit); without it, today's date.
    """
    when = build_date(epoch)
    return f"{when.day} {when.strftime('%B %Y')}"


def imprint(
    title: str, facts: Imprint = Imprint(), date: str | None = None, edition: Edition | None = None,
    contact: str = "",
) -> str:
    """The imprint page's paragraphs (LaTeX): edition, source, independence, licence, date.

    The imprint is the PDF's copyright page: it prints the book's
    ``edition_licence``, the same words as the website's footer and the EPUB, once.
    """
    edition = edition or Edition()
    version = f" Version {edition.version}." if edition.version else ""
    return "\\par ".join([
        f"\\emph{{{title}}}. {facts.description}{version}",
        f"Source: {facts.source} " + edition.source_sentence(),
        f"{facts.independence} {contact_route(contact)}",
        facts.licence + " \\url{" + CC_BY_URL + "}",
        "For reading with assistive technology, use the EPUB or the website, both linked from "
        "every page of the website: this PDF is not tagged, so a screen reader meets its text "
        "and notes without their structure.",
        f"This printing: {date or print_date()}.",
    ])


def imprint_of(config: Any) -> str:
    """The imprint of the book the configuration describes (its values escaped)."""
    engine = config.latex_engine
    facts = config.edition_imprint
    return imprint(
        escape(config.edition_title, engine),
        Imprint(
            description=escape(facts.get("description", ""), engine),
            source=escape(facts.get("source", ""), engine),
            independence=escape(config.edition_independence, engine),
            licence=escape(config.edition_licence, engine),
        ),
        edition=Edition(
            escape(config.edition_version, engine),
            config.edition_source_url,
            escape(config.edition_source_read, engine),
        ),
        contact=escape(config.edition_contact.strip(), engine),
    )


def latex_elements_of(config: Any) -> dict[str, str]:
    """:func:`latex_elements` for the book the configuration describes (its values escaped)."""
    engine = config.latex_engine
    return latex_elements(
        escape(config.edition_title, engine),
        escape(config.edition_subtitle, engine),
        escape(config.edition_author, engine),
        escape(config.edition_editors, engine),
        config.edition_bibliography_page,
        config.edition_paper,
        config.edition_sides,
        byline=escape(config.edition_byline, engine),
        imprint_text=imprint_of(config),
    )


def latex_elements(
    title: str, subtitle: str, author: str, editors: str, bibliography_page: str, paper: str = "a4",
    sides: str = "one", byline: str = "", imprint_text: str = "",
) -> dict[str, str]:
    """Sphinx ``latex_elements`` that hand the layout to ``edition.sty``.

    Sphinx's own choices that a printed edition does not want are switched
    off: the FreeSerif fonts, fncychap's "Chapter ONE", its title page and
    its coloured boxes.
    """
    page = page_mm(paper)
    if sides not in SIDES:
        raise ValueError(f"unknown sides “{sides}” (the PDF is printed: {', '.join(SIDES)})")
    return {
        "papersize": PAPERS[paper][0],
        "pointsize": "11pt",
        "extraclassoptions": f"{SIDES[sides]},openany",
        "fontpkg": "",
        "fncychap": "",
        "geometry": "",
        "maketitle": title_page(title, subtitle, byline, editors, imprint_text),
        "tableofcontents": r"\edcontents",
        "printindex": "",
        "makeindex": "",
        "sphinxsetup": f"hmargin={{{page['left']}mm,{page['right']}mm}}, "
        f"vmargin={{{page['top']}mm,{page['bottom']}mm}}, marginpar={page['marginpar']}mm, "
        # links print in the text's colour: on paper a blue word is only a fainter one
        "TitleColor={rgb}{0,0,0}, InnerLinkColor={rgb}{0,0,0}, OuterLinkColor={rgb}{0,0,0}",
        "preamble": (
            f"\\geometry{{marginparsep={page['marginparsep']}mm}}\n"
            # links to the bibliography page land on the bibliography at the back
            f"\\def\\edbibliographylabel{{\\detokenize{{{bibliography_page}::doc}}}}\n"
            # the Author field holds names, each with its part, so that it does not present
            # the quoted text's author as the edition's; /Lang and DisplayDocTitle are set
            f"\\hypersetup{{pdftitle={{{title}}}, pdfauthor={{{author} (quoted text); the editors (notes)}}, "
            f"pdfsubject={{{subtitle}, with the reader comments that followed the passage}}, "
            f"pdflang={{en}}, pdfdisplaydoctitle=true}}"
        ),
    }
