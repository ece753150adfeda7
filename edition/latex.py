"""LaTeX visitors and layout settings for the edition's PDF.

The visitors write calls to macros defined in ``latex/edition.sty``: the
layout (margins, type, headings, the margin notes themselves) lives there,
so this module only says *what* each node is.
"""

from __future__ import annotations

from pathlib import Path

from docutils import nodes
from sphinx.writers.latex import LaTeXTranslator

from . import elements as ed
from .source import is_passage

#: The project's LaTeX package, copied next to the generated ``.tex``.
STYLE_FILE = Path(__file__).parent / "latex" / "edition.sty"

#: The page, in millimetres (A4, one-sided): a text block of about 62
#: characters a line, paragraph numbers hanging in the left margin and the
#: margin notes in a 50 mm column on the right. Tests read these too.
PAGE_MM: dict[str, float] = {
    "width": 210, "height": 297, "left": 27, "right": 75, "top": 28, "bottom": 30,
    "marginparsep": 6, "marginpar": 50,
}


def visit_unit_number(self: LaTeXTranslator, node: ed.unit_number) -> None:
    target = self.hypertarget(node["refid"], anchor=True)
    macro = r"\edparnum" if is_passage(node["refid"]) else r"\edresponsenum"
    self.body.append(f"{target}{macro}{{{self.encode(node['label'])}}}")
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
    self.body.append(self.hypertarget(node["ids"][0], anchor=True) + r"\edanchor{")


def depart_annotation_anchor(self: LaTeXTranslator, node: ed.annotation_anchor) -> None:
    self.body.append("}")


def visit_annotation_note(self: LaTeXTranslator, node: ed.annotation_note) -> None:
    self.body.append(f"\\ednote{{{self.encode(node['kind_label'])}}}{{")


def depart_annotation_note(self: LaTeXTranslator, node: ed.annotation_note) -> None:
    self.body.append("}")


def visit_annotation_para(self: LaTeXTranslator, node: ed.annotation_para) -> None:
    if node.parent.index(node) > 0:
        self.body.append(r"\par ")


def depart_annotation_para(self: LaTeXTranslator, node: ed.annotation_para) -> None:
    pass


def visit_part_start(self: LaTeXTranslator, node: ed.part_start) -> None:
    self.body.append(f"\n\\edpart{{{self.encode(node['caption'])}}}\n")
    raise nodes.SkipNode


def title_page(title: str, subtitle: str, author: str, editors: str) -> str:
    """The ``maketitle`` element: a title page drawn by ``\\edtitlepage``."""
    return f"\\edtitlepage{{{title}}}{{{subtitle}}}{{{author}}}{{{editors}}}"


def latex_elements(
    title: str, subtitle: str, author: str, editors: str, bibliography_page: str
) -> dict[str, str]:
    """Sphinx ``latex_elements`` that hand the layout to ``edition.sty``.

    Sphinx's own choices that a printed edition does not want are switched
    off: the FreeSerif fonts, fncychap's "Chapter ONE", its title page and
    its coloured boxes.
    """
    return {
        "papersize": "a4paper",
        "pointsize": "11pt",
        "extraclassoptions": "oneside,openany",
        "fontpkg": "",
        "fncychap": "",
        "geometry": "",
        "maketitle": title_page(title, subtitle, author, editors),
        "tableofcontents": r"\edcontents",
        "printindex": "",
        "makeindex": "",
        "sphinxsetup": f"hmargin={{{PAGE_MM['left']}mm,{PAGE_MM['right']}mm}}, "
        f"vmargin={{{PAGE_MM['top']}mm,{PAGE_MM['bottom']}mm}}, marginpar={PAGE_MM['marginpar']}mm, "
        "TitleColor={rgb}{0,0,0}, InnerLinkColor={rgb}{0.1,0.2,0.45}, "
        "OuterLinkColor={rgb}{0.1,0.2,0.45}",
        "preamble": (
            f"\\geometry{{marginparsep={PAGE_MM['marginparsep']}mm}}\n"
            # links to the bibliography page land on the bibliography at the back
            f"\\def\\edbibliographylabel{{\\detokenize{{{bibliography_page}::doc}}}}\n"
            f"\\hypersetup{{pdftitle={{{title}}}, pdfauthor={{{author}; {editors}}}, "
            f"pdfsubject={{{subtitle}}}}}"
        ),
    }
