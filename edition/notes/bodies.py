"""Annotation bodies are untrusted input: what a body may hold. Pure logic.

A body is MyST Markdown, and MyST Markdown can do far more than a margin
note needs: a directive such as ``include`` reads a file of the build
machine while the page is parsed, a relative link to a file that is not a
page copies that file into the site as a download, raw HTML reaches the page
as it is. Bodies may come from people outside the project (a class's
imported annotations), so every body, in every layer, is checked against an
allow-list **before** it is parsed into the page:

- paragraphs, bullet and numbered lists, block quotes;
- inline text: emphasis, strong emphasis, inline code, line breaks;
- links to ``http:``, ``https:`` or ``mailto:`` URLs, to a page of the book
  (``glossary.md``, ``glossary.md#dissociation``) or to an anchor on the
  same page (``#p4``);
- the roles in :data:`ROLES`.

Everything else is refused: any directive (a fenced block, with or without
``{name}``, is a directive in MyST), any other role, substitutions, raw
HTML, images, headings, tables, footnotes, comments, targets, and links to
any other scheme (``file:``, ``javascript:``, ``data:``, ``path:`` …) or to
a path that is not a page of the book.

The check reads the token stream of the same Markdown parser that MyST uses
(markdown-it with MyST's plugins, configured as the project is), so it sees
the body exactly as the page's parser will, and nothing in it runs.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Collection, Iterable
from functools import lru_cache
from urllib.parse import urlsplit

from markdown_it import MarkdownIt
from markdown_it.renderer import RendererHTML
from markdown_it.token import Token

#: Roles a body may use: citations, glossary terms, paragraph links, quotations,
#: links to pages and to labels of the book.
ROLES: frozenset[str] = frozenset({"cite", "cite:p", "cite:t", "term", "unit", "q", "doc", "ref"})

#: Block-level tokens that may appear in a body.
BLOCK_TOKENS: frozenset[str] = frozenset(
    {
        "paragraph_open", "paragraph_close", "inline",
        "bullet_list_open", "bullet_list_close", "ordered_list_open", "ordered_list_close",
        "list_item_open", "list_item_close", "blockquote_open", "blockquote_close",
    }
)

#: Inline tokens that may appear in a body (links and roles are checked further).
INLINE_TOKENS: frozenset[str] = frozenset(
    {
        "text", "text_special", "softbreak", "hardbreak",
        "em_open", "em_close", "strong_open", "strong_close", "code_inline",
        "link_open", "link_close", "myst_role",
    }
)

#: Attributes a token may carry (an attributes extension could add others).
ALLOWED_ATTRS: dict[str, frozenset[str]] = {
    "link_open": frozenset({"href", "title"}),
    "ordered_list_open": frozenset({"start"}),
}

#: URL schemes a link may use.
SCHEMES: frozenset[str] = frozenset({"http", "https", "mailto"})

#: Names for refused tokens, as a reader of the error knows them.
_NAMES: dict[str, str] = {
    "fence": "a directive or fenced code block",
    "colon_fence": "a directive (::: fence)",
    "code_block": "an indented code block",
    "html_block": "raw HTML",
    "html_inline": "raw HTML",
    "image": "an image",
    "heading_open": "a heading",
    "hr": "a horizontal rule",
    "table_open": "a table",
    "myst_target": "a target label",
    "myst_line_comment": "a comment",
    "myst_block_break": "a block break",
    "front_matter": "front matter",
    "footnote_ref": "a footnote",
    "footnote_reference_open": "a footnote",
    "substitution_inline": "a substitution",
    "substitution_block": "a substitution",
    "math_inline": "math",
    "math_block": "math",
    "dl_open": "a definition list",
    "field_list_open": "a field list",
}


def default_parser() -> MarkdownIt:
    """MyST's Markdown parser with MyST's default configuration plus ``colon_fence``."""
    from myst_parser.config.main import MdParserConfig
    from myst_parser.parsers.mdit import create_md_parser

    return create_md_parser(MdParserConfig(enable_extensions={"colon_fence"}), RendererHTML)


@lru_cache(maxsize=1)
def _reading_parser() -> MarkdownIt:
    """One :func:`default_parser` kept for reading bodies (never changed after it is made)."""
    return default_parser()


def role_contents(body: str, names: Collection[str]) -> list[str]:
    """The contents of the roles called one of ``names`` in ``body``, in order.

    The body is read by the page's own parser, so a role shown as text
    (``\\{cite}`key```) is not one, as on the page.
    """
    return [
        token.content
        for token, inline in _walk(_reading_parser().parse(body, {}))
        if inline and token.type == "myst_role" and token.meta.get("name") in names
    ]


def _describe(token: Token) -> str:
    """What a refused token is, in a reader's words, with the directive's name."""
    if token.type in ("fence", "colon_fence"):
        info = token.info.strip()
        if info.startswith("{") and "}" in info:
            return f"directive “{info[1:info.index('}')]}”"
        return "a fenced code block (a directive in MyST)"
    return _NAMES.get(token.type, f"“{token.type}” markup")


def link_fault(href: str, page_dir: str, docnames: Collection[str]) -> str | None:
    """Why a link target is refused, or ``None`` when a body may link there.

    ``page_dir`` is the folder of the page the body is parsed on (``book``)
    and ``docnames`` the book's pages (``book/glossary``); a relative link is
    allowed only to one of them (with or without ``.md``, with an anchor).
    """
    parts = urlsplit(href)
    if parts.scheme:
        if parts.scheme.lower() in SCHEMES and (parts.netloc or parts.scheme.lower() == "mailto"):
            return None
        return f"link to a “{parts.scheme.lower()}:” URL"
    if parts.netloc:  # //host/path
        return "link without a scheme to another host"
    if not parts.path:
        return None if href.startswith("#") else "empty link"
    if parts.path.startswith("/"):
        return f"link to a path outside the book ({parts.path})"
    target = posixpath.normpath(posixpath.join(page_dir, parts.path))
    for suffix in (".md", ".html", ".ipynb", ".rst"):
        if target.endswith(suffix):
            target = target[: -len(suffix)]
            break
    if target.startswith("..") or target not in docnames:
        return f"link to a path that is not a page of the book ({parts.path})"
    return None


def _walk(tokens: Iterable[Token]) -> Iterable[tuple[Token, bool]]:
    """Every token with whether it is inline (a child of an ``inline`` token)."""
    for token in tokens:
        yield token, False
        for child in token.children or []:
            yield child, True


def body_faults(
    body: str,
    *,
    page_dir: str = "",
    docnames: Collection[str] = (),
    parser: MarkdownIt | None = None,
) -> list[str]:
    """Every construct of ``body`` outside the allow-list, in order, described in one phrase each.

    An empty list means the body is safe to parse into the page. ``parser``
    should be configured as the project's MyST parser (see
    :func:`default_parser`); tokens it makes that this module does not know
    are refused, so a syntax extension turned on later is refused until it is
    added here on purpose.
    """
    md = parser or default_parser()
    # See every link as written: markdown-it would silently leave a
    # ``javascript:`` link as text; here it is reported instead.
    md.validateLink = lambda url: True  # type: ignore[method-assign]
    faults: list[str] = []
    inside_refused: int | None = None  # level of a refused block being skipped
    for token, inline in _walk(md.parse(body, {})):
        if inside_refused is not None and not inline:
            if token.level == inside_refused and token.nesting == -1:
                inside_refused = None
            continue
        allowed = INLINE_TOKENS if inline else BLOCK_TOKENS
        if token.type not in allowed:
            if token.nesting == -1:
                continue
            faults.append(_describe(token))
            if token.nesting == 1 and not inline:
                inside_refused = token.level
            continue
        extra = sorted(set(token.attrs) - ALLOWED_ATTRS.get(token.type, frozenset()))
        if extra:
            faults.append(f"attribute “{extra[0]}”")
            continue
        if token.type == "myst_role":
            name = str(token.meta.get("name", ""))
            if name not in ROLES:
                faults.append(f"role “{name}”")
        elif token.type == "link_open":
            fault = link_fault(str(token.attrGet("href") or ""), page_dir, docnames)
            if fault:
                faults.append(fault)
        elif token.type == "inline" and re.search(r"(?<!\\)\{(?<!\\)\{", token.content) and "}}" in token.content:
            # read in the source as written: ``\{\{x\}\}`` shows braces, ``{{x}}`` substitutes
            faults.append("a substitution")
    return faults


def refusal(faults: list[str]) -> str:
    """One line saying what a body holds that it may not."""
    unique = list(dict.fromkeys(faults))
    return (
        "body refused, it holds " + "; ".join(unique)
        + " (a note may hold paragraphs, lists, block quotes, inline Markdown, links to "
        "http(s)/mailto or to pages of the book, and the roles " + ", ".join(sorted(ROLES)) + ")"
    )
