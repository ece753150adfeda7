"""A page's style: the rules of the site's style sheets the page can use, and no more (pure logic).

The theme's style sheet (``pydata-sphinx-theme.css``, about 400 KB) styles
every component the theme offers; a book of prose uses a few. Each page gets
the rules that could apply to it, in three steps:

1. **Rules.** A selector can apply when every class, id and element name it
   requires (outside any pseudo-class function) is in the page or is a word
   of a script the site ships (a script could add it). When all of them are
   in the page itself, the selector must also match the page as built, read
   with its state left open: pseudo-classes and pseudo-elements (``:hover``,
   ``:first-child``, ``::before``), attribute tests (``[open]``,
   ``[data-theme=dark]``), ``:not()`` and ``:has()`` are dropped before it is
   matched, so that a rule of any state the page can reach is kept. When a
   script could add a name the selector needs, the structure it builds is not
   known here, and the rule is kept. A rule goes when none of its selectors
   can apply. ``@media``/``@supports``/``@layer``/``@container`` blocks are
   tested rule by rule; other at-rules are kept (but see step 2).
2. **Definitions nobody uses.** A custom property (``--name``) goes when no
   kept declaration, no other custom property in use, no script and no
   ``style`` attribute of the page refers to it; a ``@keyframes`` goes when
   no kept declaration or script names it; a ``@font-face`` goes when none of
   its files is in the site.
3. **Written compactly**, with every relative ``url()`` made relative to the
   page that holds the style.

Without a page to match (``Presence.dom`` is ``None``), step 1 is the test by
names alone, for the whole site.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from html.parser import HTMLParser

import tinycss2
from tinycss2.ast import (
    AtKeywordToken,
    AtRule,
    Declaration,
    FunctionBlock,
    HashToken,
    IdentToken,
    LiteralToken,
    Node,
    QualifiedRule,
    SquareBracketsBlock,
    StringToken,
    URLToken,
    WhitespaceToken,
)

#: At-rules whose content is a list of rules, tested rule by rule.
GROUPING_AT_RULES = frozenset({"media", "supports", "layer", "container"})

#: Pseudo-class functions whose argument narrows a match: dropped before matching (the selector grows).
NARROWING_FUNCTIONS = frozenset({"not", "has", "nth-child", "nth-last-child", "nth-of-type", "nth-last-of-type",
                                 "lang", "dir", "host", "host-context", "state", "-webkit-any", "-moz-any"})

#: A name a script could set as a class, id or element (any word of the script).
_SCRIPT_WORD = re.compile(r"[A-Za-z_][\w-]*")

#: A custom property named in a value or a script.
_CUSTOM_PROPERTY = re.compile(r"--[\w-]+")

#: The combinators between compound selectors.
_COMBINATORS = frozenset({">", "+", "~"})


def names_in_scripts(scripts: Iterable[str]) -> set[str]:
    """Every word of the given script texts: a superset of the classes, ids and elements they can add."""
    words: set[str] = set()
    for text in scripts:
        words.update(_SCRIPT_WORD.findall(text))
    return words


@dataclass
class Presence:
    """What a selector may rely on: the names and elements of a page, and what the site's scripts could add.

    ``tags`` is ``None`` when element names are not tested (the site-wide
    test by names); ``dom`` tells whether a simplified selector matches the
    page as built, or is ``None`` when there is no one page to match.
    """

    names: set[str]
    script_words: set[str] = field(default_factory=set)
    tags: set[str] | None = None
    dom: Callable[[str], bool] | None = None

    def __post_init__(self) -> None:
        self._names_or_words = self.names | self.script_words
        self._tags_or_words = (self.tags or set()) | self.script_words

    def admits(self, selector: Selector) -> bool:
        """Whether the selector (one of a list) could apply to the page."""
        names, tags = selector.names, selector.tags
        if not names <= self.names and not names <= self._names_or_words:
            return False
        if self.tags is not None and not tags <= self.tags and not tags <= self._tags_or_words:
            return False
        if self.dom is None:
            return True
        if not names <= self.names or (self.tags is not None and not tags <= self.tags):
            return True  # a script could add what it needs, where this cannot tell
        try:
            return self.dom(selector.simplified)
        except Exception:  # noqa: BLE001 - a selector the matcher cannot read is kept
            return True


@dataclass(frozen=True)
class Selector:
    """One selector of a list: the classes and ids and the element names it requires, and its tokens."""

    names: frozenset[str]
    tags: frozenset[str]
    tokens: tuple[Node, ...]

    @functools.cached_property
    def simplified(self) -> str:
        """The selector with its state left open (:func:`simplified_selector`), made when first asked for."""
        return simplified_selector(list(self.tokens))

    @classmethod
    def of(cls, tokens: list[Node]) -> Selector:
        names, tags = required_features(tokens)
        return cls(frozenset(names), frozenset(tags), tuple(tokens))


def _split_selectors(prelude: list[Node]) -> list[list[Node]]:
    """A selector list's tokens, one list per comma-separated selector."""
    selectors: list[list[Node]] = [[]]
    for token in prelude:
        if isinstance(token, LiteralToken) and token.value == ",":
            selectors.append([])
        else:
            selectors[-1].append(token)
    return selectors


def required_features(selector: list[Node]) -> tuple[set[str], set[str]]:
    """The classes and ids, and the element names, a selector requires (top level only)."""
    names: set[str] = set()
    tags: set[str] = set()
    for before, token in zip([None, *selector], selector):
        if isinstance(token, HashToken):
            names.add(token.value)
        elif isinstance(token, IdentToken):
            if isinstance(before, LiteralToken) and before.value == ".":
                names.add(token.value)
            elif not (isinstance(before, LiteralToken) and before.value in (":", "|")):
                tags.add(token.value.lower())
    return names, tags


def simplified_selector(selector: list[Node]) -> str:
    """The selector with its state left open, for matching a page as built.

    Pseudo-classes and pseudo-elements, attribute tests, ``:not()``, ``:has()``
    and the ``:nth-*()`` functions are dropped; ``:is()``/``:where()`` keep their
    arguments, each simplified. A compound left empty becomes ``*``.
    """
    out: list[str] = []
    compound: list[str] = []

    def close_compound() -> None:
        out.append("".join(compound) or "*")
        compound.clear()

    tokens = list(selector)
    while tokens and isinstance(tokens[0], WhitespaceToken):
        tokens.pop(0)
    while tokens and isinstance(tokens[-1], WhitespaceToken):
        tokens.pop()
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if isinstance(token, WhitespaceToken) or (isinstance(token, LiteralToken) and token.value in _COMBINATORS):
            combinator = token.value.strip() if isinstance(token, LiteralToken) else " "
            # a run of whitespace and one combinator is one combinator
            while i + 1 < len(tokens) and (
                isinstance(tokens[i + 1], WhitespaceToken)
                or (isinstance(tokens[i + 1], LiteralToken) and tokens[i + 1].value in _COMBINATORS)
            ):
                i += 1
                if isinstance(tokens[i], LiteralToken):
                    combinator = tokens[i].value
            if compound or out:  # a leading combinator (a nested rule's) has nothing before it
                close_compound()
                out.append(combinator)
            i += 1
            continue
        if isinstance(token, LiteralToken) and token.value == ":":
            j = i + 1
            if j < len(tokens) and isinstance(tokens[j], LiteralToken) and tokens[j].value == ":":
                j += 1  # a pseudo-element
            pseudo = tokens[j] if j < len(tokens) else None
            if isinstance(pseudo, FunctionBlock) and pseudo.lower_name in ("is", "where", "matches"):
                inner = ",".join(simplified_selector(s) for s in _split_selectors(pseudo.arguments))
                compound.append(f":is({inner})")
            i = j + 1
            continue
        if isinstance(token, SquareBracketsBlock):
            i += 1
            continue
        compound.append(token.serialize())
        i += 1
    close_compound()
    return "".join(out)


# ------------------------------------------------------------------ a page as built, for matching

#: Elements that have no end tag.
VOID_ELEMENTS = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                           "param", "source", "track", "wbr"})

#: A compound of a simplified selector: an element name or ``*``, then classes and ids.
_COMPOUND = re.compile(r"(?P<tag>[A-Za-z][\w-]*|\*)?(?P<rest>(?:[.#][\w-]+)*)")


@dataclass(eq=False)
class Element:
    """An element of a page: its name, classes and id, its parent and the element before it."""

    tag: str
    classes: frozenset[str]
    id: str | None
    parent: Element | None
    previous: Element | None


class PageTree(HTMLParser):
    """A page's elements, indexed by name, class and id, to match simplified selectors against.

    Only what :func:`simplified_selector` leaves is understood: element
    names, classes, ids, ``*`` and the four combinators (``:is()`` is set
    aside, so that the selector grows). A selector with anything else raises
    ``ValueError``, and its rule is kept.
    """

    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[Element] = []
        self.index: dict[str, list[Element]] = {}
        self._open: list[Element] = []
        self._last_child: dict[int, Element | None] = {}
        self.feed(page)
        self.close()

    @property
    def names(self) -> set[str]:
        """The classes and ids of the page."""
        return {key[1:] for key in self.index if key[0] in ".#"}

    @property
    def tags(self) -> set[str]:
        """The element names of the page."""
        return {key for key in self.index if key[0] not in ".#"}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        parent = self._open[-1] if self._open else None
        element = Element(tag, frozenset((values.get("class") or "").split()), values.get("id"), parent,
                          self._last_child.get(id(parent)))
        self._last_child[id(parent)] = element
        self.elements.append(element)
        for key in (tag, *(f".{c}" for c in element.classes), *([f"#{element.id}"] if element.id else [])):
            self.index.setdefault(key, []).append(element)
        if tag not in VOID_ELEMENTS:
            self._open.append(element)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in VOID_ELEMENTS and self._open and self._open[-1].tag == tag:
            self._open.pop()

    def handle_endtag(self, tag: str) -> None:
        for depth in range(len(self._open) - 1, -1, -1):
            if self._open[depth].tag == tag:
                del self._open[depth:]
                return

    def matches(self, selector: str) -> bool:
        """Whether some element of the page matches the simplified selector."""
        compounds, combinators = _parse_simplified(selector)
        tag, classes, ids = compounds[-1]
        keys = [f".{c}" for c in classes] + [f"#{i}" for i in ids] + ([tag] if tag != "*" else [])
        candidates = min((self.index.get(k, []) for k in keys), key=len) if keys else self.elements
        tried: dict[tuple[int, int], bool] = {}
        return any(_matches_from(e, len(compounds) - 1, compounds, combinators, tried) for e in candidates)


@functools.lru_cache(maxsize=None)
def _parse_simplified(selector: str) -> tuple[list[tuple[str, frozenset[str], frozenset[str]]], list[str]]:
    """A simplified selector as its compounds (name, classes, ids) and the combinators between them."""
    outside = re.sub(r":is\([^()]*\)", "", selector)
    parts = re.split(r"([ >+~])", outside)
    compounds, combinators = [], []
    for n, part in enumerate(parts):
        if n % 2:
            combinators.append(part)
            continue
        found = _COMPOUND.fullmatch(part)
        if found is None or not part:
            raise ValueError(f"not a simplified selector: {selector!r}")
        rest = found.group("rest")
        compounds.append(((found.group("tag") or "*").lower(),
                          frozenset(re.findall(r"\.([\w-]+)", rest)), frozenset(re.findall(r"#([\w-]+)", rest))))
    return compounds, combinators


def _matches_from(element: Element | None, i: int, compounds: list[tuple[str, frozenset[str], frozenset[str]]],
                  combinators: list[str], tried: dict[tuple[int, int], bool]) -> bool:
    """Whether ``element`` matches compound ``i`` and what lies left of it (right-to-left matching).

    ``tried`` keeps each (element, compound) already answered, so that a long
    chain of descendant combinators walks each ancestor once.
    """
    if element is None:
        return False
    key = (id(element), i)
    if key in tried:
        return tried[key]
    tag, classes, ids = compounds[i]
    if (tag != "*" and element.tag != tag) or not classes <= element.classes or (ids and element.id not in ids):
        found = False
    elif i == 0:
        found = True
    elif combinators[i - 1] == ">":
        found = _matches_from(element.parent, i - 1, compounds, combinators, tried)
    elif combinators[i - 1] == "+":
        found = _matches_from(element.previous, i - 1, compounds, combinators, tried)
    else:
        found = False
        other = element.parent if combinators[i - 1] == " " else element.previous
        while other is not None and not found:
            found = _matches_from(other, i - 1, compounds, combinators, tried)
            other = other.parent if combinators[i - 1] == " " else other.previous
    tried[key] = found
    return found


# ------------------------------------------------------------------ parsing, once per sheet


@dataclass
class Rule:
    """A style rule as parsed: its selectors and declarations (``None``: write it as it came).

    ``refers`` holds the custom properties its other declarations name,
    ``defines`` each custom property it sets and those its value names, and
    ``animates`` the words of its ``animation``/``animation-name`` values.
    """

    node: QualifiedRule
    selectors: list[Selector]
    declarations: list[Declaration] | None
    refers: set[str] = field(default_factory=set)
    defines: dict[str, set[str]] = field(default_factory=dict)
    animates: set[str] = field(default_factory=set)

    def written(self, rebase: Callable[[str], str]) -> tuple[str, str | list[tuple[str, str]]]:
        """The selectors written compactly, and each declaration's name and text (the body's text when
        the rule is kept as it came); kept for the next page with the same ``rebase``."""
        cache = self.__dict__.setdefault("_written", {})
        if rebase not in cache:
            prelude = _compact(self.node.prelude, rebase)
            if self.declarations is None:
                cache[rebase] = (prelude, _compact(self.node.content, rebase))
            else:
                cache[rebase] = (prelude, [
                    (d.name, f"{d.name}:{_compact(d.value, rebase)}{'!important' if d.important else ''}")
                    for d in self.declarations])
        return cache[rebase]

    @classmethod
    def of(cls, node: QualifiedRule) -> Rule:
        content = tinycss2.parse_blocks_contents(node.content, skip_comments=True, skip_whitespace=True)
        plain = all(isinstance(d, Declaration) for d in content)
        rule = cls(node, [Selector.of(s) for s in _split_selectors(node.prelude)], content if plain else None)
        if not plain:  # kept as it came: everything it names counts as used
            rule.refers = _custom_properties_in(node.content)
            rule.animates = set(_SCRIPT_WORD.findall(tinycss2.serialize(node.content)))
            return rule
        for declaration in content:
            named = _custom_properties_in(declaration.value)
            if declaration.name.startswith("--"):
                rule.defines.setdefault(declaration.name, set()).update(named)
            else:
                rule.refers |= named
            if declaration.lower_name in ("animation", "animation-name"):
                rule.animates.update(_SCRIPT_WORD.findall(tinycss2.serialize(declaration.value)))
        return rule


@dataclass
class Block:
    """A grouping at-rule (``@media`` …) and its rules."""

    node: AtRule
    items: list[Rule | Block | AtRule]


def parse_sheet(css: str, presence: Presence | None = None) -> list[Rule | Block | AtRule]:
    """A style sheet as rules, grouping blocks and other at-rules (comments and parse errors dropped).

    With ``presence``, a rule none of whose selectors it admits is left out
    before its declarations are read (most of the theme's sheet): the sheet
    is cut into its rules first (:func:`_top_level_rules`), and only the
    selectors of each are parsed to test it.
    """
    if presence is None:
        return _parse_items(tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True))
    try:
        return _parse_admitted(css, presence)
    except ValueError:  # a rule the cutting could not isolate: read the sheet whole, then test it
        return select_rules(parse_sheet(css), presence)


#: What the cutting of a sheet into rules must see: strings, comments, braces and semicolons.
_SCAN = re.compile(r'"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|/\*.*?\*/|[{};]', re.S)


def _top_level_rules(css: str) -> list[tuple[str, str]]:
    """Each rule or at-rule of a sheet's text: (its text before the block, its whole text)."""
    rules: list[tuple[str, str]] = []
    depth, start, opened = 0, 0, -1
    for match in _SCAN.finditer(css):
        token = match.group(0)
        if token == "{":
            if depth == 0:
                opened = match.start()
            depth += 1
        elif token == "}":
            depth -= 1
            if depth < 0:
                raise ValueError("a closing brace with no block")
            if depth == 0:
                rules.append((css[start:opened], css[start: match.end()]))
                start = match.end()
        elif token == ";" and depth == 0:
            rules.append((css[start: match.end()], css[start: match.end()]))
            start = match.end()
    if depth or css[start:].strip() and tinycss2.parse_stylesheet(css[start:], skip_comments=True,
                                                                  skip_whitespace=True):
        raise ValueError("a block left open, or text after the last rule")
    return rules


_GROUPED = re.compile(r"\([^()]*\)|\[[^\[\]]*\]")
_NAME_IN_TEXT = re.compile(r"[.#](-?[_a-zA-Z][\w-]*)")


def _surely_refused(prelude: str, presence: Presence) -> bool:
    """Whether every selector of a style rule, read from its text, needs a class or id ``presence`` lacks.

    The quick test before the tokens are read: what lies in brackets or
    parentheses is set aside (it never adds a required name), so the names
    found are among those the selector requires. ``False`` whenever unsure
    (an at-rule, an escape, a comment).
    """
    text = prelude.strip()
    if not text or text.startswith("@") or "\\" in text or "/*" in text:
        return False
    while True:
        shorter = _GROUPED.sub("", text)
        if shorter == text:
            break
        text = shorter
    if any(mark in text for mark in "()[]\"'"):
        return False
    known = presence._names_or_words
    return all(not set(_NAME_IN_TEXT.findall(selector)) <= known for selector in text.split(","))


def _parse_admitted(css: str, presence: Presence) -> list[Rule | Block | AtRule]:
    items: list[Rule | Block | AtRule] = []
    for prelude, whole in _top_level_rules(css):
        if _surely_refused(prelude, presence):
            continue
        head = tinycss2.parse_component_value_list(prelude, skip_comments=True)
        first = next((t for t in head if not isinstance(t, WhitespaceToken)), None)
        if first is None:
            continue
        if isinstance(first, AtKeywordToken):
            node = tinycss2.parse_one_rule(whole, skip_comments=True)
            if not isinstance(node, AtRule):
                raise ValueError(f"not an at-rule: {whole[:60]!r}")
            if node.lower_at_keyword in GROUPING_AT_RULES and node.content is not None:
                inner = _parse_admitted(whole[whole.index("{", len(prelude)) + 1: whole.rindex("}")], presence)
                if inner:
                    items.append(Block(node, inner))
            else:
                items.append(node)
            continue
        if not any(presence.admits(Selector.of(s)) for s in _split_selectors(head)):
            continue
        node = tinycss2.parse_one_rule(whole, skip_comments=True)
        if not isinstance(node, QualifiedRule):
            raise ValueError(f"not a style rule: {whole[:60]!r}")
        items.append(Rule.of(node))
    return items


def _parse_items(nodes: list[Node]) -> list[Rule | Block | AtRule]:
    items: list[Rule | Block | AtRule] = []
    for node in nodes:
        if isinstance(node, QualifiedRule):
            items.append(Rule.of(node))
        elif isinstance(node, AtRule) and node.lower_at_keyword in GROUPING_AT_RULES and node.content is not None:
            items.append(Block(node, _parse_items(
                tinycss2.parse_rule_list(node.content, skip_comments=True, skip_whitespace=True))))
        elif isinstance(node, AtRule):
            items.append(node)
    return items


# ------------------------------------------------------------------ step 1: rules that can apply


def select_rules(items: list[Rule | Block | AtRule], presence: Presence) -> list[Rule | Block | AtRule]:
    """The rules of a parsed sheet that can apply (a grouping block left empty goes)."""
    kept: list[Rule | Block | AtRule] = []
    for item in items:
        if isinstance(item, Rule):
            if any(presence.admits(s) for s in item.selectors):
                kept.append(item)
        elif isinstance(item, Block):
            inner = select_rules(item.items, presence)
            if inner:
                kept.append(Block(item.node, inner))
        else:
            kept.append(item)
    return kept


# ------------------------------------------------------------------ step 2: definitions nobody uses


def _walk_rules(items: list[Rule | Block | AtRule]) -> Iterable[Rule]:
    for item in items:
        if isinstance(item, Rule):
            yield item
        elif isinstance(item, Block):
            yield from _walk_rules(item.items)


def _custom_properties_in(tokens: list[Node]) -> set[str]:
    """The custom properties a value refers to with ``var()``."""
    return set(_CUSTOM_PROPERTY.findall(tinycss2.serialize(tokens)))


def used_custom_properties(items: list[Rule | Block | AtRule], elsewhere: str,
                           words: set[str] = frozenset()) -> set[str]:  # type: ignore[assignment]
    """Custom properties in use: named by a kept declaration or ``elsewhere`` (``--name``), or one of
    ``words`` without its dashes (a script's words), and those their values name."""
    values: dict[str, set[str]] = {}
    used = set(_CUSTOM_PROPERTY.findall(elsewhere))
    for rule in _walk_rules(items):
        used |= rule.refers
        for name, named in rule.defines.items():
            values.setdefault(name, set()).update(named)
    used |= {name for name in values if name[2:] in words}
    for item in items:
        if isinstance(item, AtRule):
            used |= _custom_properties_in(item.content or [])
    pending = list(used)
    while pending:
        for name in values.get(pending.pop(), ()):
            if name not in used:
                used.add(name)
                pending.append(name)
    return used


def named_animations(items: list[Rule | Block | AtRule], elsewhere: str) -> set[str]:
    """The words of every kept ``animation``/``animation-name`` value and of ``elsewhere``: the animations named."""
    words = set(_SCRIPT_WORD.findall(elsewhere))
    for rule in _walk_rules(items):
        words |= rule.animates
    return words


def font_face_urls(rule: AtRule) -> list[str]:
    """The relative and absolute addresses of a ``@font-face``'s files."""
    return [_url_value(t) for t in _all_tokens(rule.content or []) if _url_value(t) is not None]  # type: ignore[misc]


# ------------------------------------------------------------------ step 3: written compactly


def _all_tokens(tokens: Iterable[Node]) -> Iterable[Node]:
    for token in tokens:
        yield token
        if isinstance(token, (FunctionBlock,)):
            yield from _all_tokens(token.arguments)
        elif hasattr(token, "content") and isinstance(getattr(token, "content"), list):
            yield from _all_tokens(token.content)


def _url_value(token: Node) -> str | None:
    """The address of a ``url()`` token, or ``None``."""
    if isinstance(token, URLToken):
        return token.value
    if isinstance(token, FunctionBlock) and token.lower_name == "url":
        strings = [a for a in token.arguments if isinstance(a, StringToken)]
        return strings[0].value if strings else None
    return None


def _compacted(tokens: list[Node], rebase: Callable[[str], str]) -> list[Node]:
    """Tokens with each run of whitespace as one space and each ``url()`` rebased (``url("…")`` as ``url(…)``)."""
    out: list[Node] = []
    for token in tokens:
        url = _url_value(token)
        if isinstance(token, WhitespaceToken):
            out.append(WhitespaceToken(token.source_line, token.source_column, " "))
        elif url is not None:
            target = rebase(url)
            out.append(URLToken(token.source_line, token.source_column, target, f'url("{_escape_url(target)}")'))
        elif isinstance(token, FunctionBlock):
            out.append(FunctionBlock(token.source_line, token.source_column, token.name, _compacted(token.arguments, rebase)))
        else:
            out.append(token)
    return out


def _compact(tokens: list[Node], rebase: Callable[[str], str]) -> str:
    """Tokens written with each run of whitespace as one space and each ``url()`` rebased."""
    return tinycss2.serialize(_compacted(tokens, rebase)).strip()


def _escape_url(url: str) -> str:
    return url.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\a ")


def write_items(items: list[Rule | Block | AtRule], rebase: Callable[[str], str], used: set[str] | None,
                animations: set[str] | None, file_exists: Callable[[str], bool]) -> list[str]:
    """The items written compactly, without the definitions nobody uses.

    ``used`` and ``animations`` are the custom properties and the words that
    may name an animation; ``None`` keeps every definition of that kind.
    """
    written: list[str] = []
    for item in items:
        if isinstance(item, Rule):
            prelude, declarations = item.written(rebase)
            if isinstance(declarations, str):
                written.append(f"{prelude}{{{declarations}}}")
                continue
            body = ";".join(text for name, text in declarations
                            if used is None or not name.startswith("--") or name in used)
            if body:
                written.append(f"{prelude}{{{body}}}")
        elif isinstance(item, Block):
            inner = write_items(item.items, rebase, used, animations, file_exists)
            if inner:
                written.append(f"@{item.node.at_keyword} {_compact(item.node.prelude, rebase)}{{{''.join(inner)}}}")
        elif item.lower_at_keyword == "keyframes" or item.lower_at_keyword.endswith("-keyframes"):
            if animations is None or _compact(item.prelude, rebase) in animations:
                written.append(item.serialize())
        elif item.lower_at_keyword == "font-face":
            urls = font_face_urls(item)
            if not urls or any(file_exists(u) for u in urls):
                written.append(f"@font-face{{{_compact(item.content or [], rebase)}}}")
        elif item.lower_at_keyword in ("charset", "import"):
            continue  # meaningless in a page's own style; the site's sheets import nothing
        else:
            written.append(item.serialize())
    return written


# ------------------------------------------------------------------ the whole


@dataclass
class Sheet:
    """A parsed style sheet and how to rebase its relative addresses for a page."""

    items: list[Rule | Block | AtRule]
    rebase: Callable[[str], str] = field(default=lambda url: url)
    file_exists: Callable[[str], bool] = field(default=lambda url: True)


def page_style(sheets: list[Sheet], presence: Presence, elsewhere: str = "") -> str:
    """One page's style: the rules of ``sheets`` that can apply to it, in order, compactly written.

    ``elsewhere`` is the text outside these sheets and the site's scripts that
    may name a custom property or an animation (the page); the scripts' words
    (``presence.script_words``) count as naming them too. Each sheet's
    ``file_exists`` tells whether a ``@font-face`` file (its address as in the
    sheet) is in the site.
    """
    selected = [Sheet(select_rules(sheet.items, presence), sheet.rebase, sheet.file_exists) for sheet in sheets]
    everything = [item for sheet in selected for item in sheet.items]
    used = used_custom_properties(everything, elsewhere, presence.script_words)
    animations = named_animations(everything, elsewhere) | presence.script_words
    written: list[str] = []
    for sheet in selected:
        written += write_items(sheet.items, sheet.rebase, used, animations, sheet.file_exists)
    return "\n".join(written) + "\n"


def prune_stylesheet(css: str, present: set[str]) -> str:
    """The style sheet without the rules that need a class or id not in ``present`` (step 1 by names alone).

    Every definition stays: without the rest of the site, this cannot tell what is used.
    """
    items = select_rules(parse_sheet(css), Presence(names=set(present)))
    return "\n".join(write_items(items, lambda url: url, None, None, lambda url: True)) + "\n"
