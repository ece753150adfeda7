"""Drop the style rules that cannot match any page of the site (pure logic).

The theme's style sheet (``pydata-sphinx-theme.css``, about 400 KB) styles
every component the theme offers; a book of prose uses a few. The test is
cheap and conservative: a rule goes only if *every* selector of its list
names, outside any ``:not()``/``:is()``/``:where()``/``:has()``, a class or an
id that no built page holds and no script of the site could add (every word
of every script counts as a name it could add). Attribute selectors, element
names, ``:root``/``html``/``body`` variables, ``@font-face``, ``@keyframes``
and every other at-rule are kept; ``@media``/``@supports``/``@layer`` blocks
are kept and their rules tested the same way (a block left empty goes).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from html.parser import HTMLParser

import tinycss2
from tinycss2.ast import AtRule, HashToken, IdentToken, LiteralToken, QualifiedRule

#: At-rules whose content is a list of rules, tested rule by rule.
GROUPING_AT_RULES = frozenset({"media", "supports", "layer", "container"})

#: A name a script could set as a class or id (any word of the script).
_SCRIPT_WORD = re.compile(r"[A-Za-z_][\w-]*")


class _NameCollector(HTMLParser):
    """Collect every class and id value of an HTML page."""

    def __init__(self, names: set[str]) -> None:
        super().__init__(convert_charrefs=True)
        self.names = names

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for key, value in attrs:
            if value and key in ("class", "id"):
                self.names.update(value.split())

    handle_startendtag = handle_starttag


def names_in_pages(pages: Iterable[str]) -> set[str]:
    """Every class and id used by the given HTML page texts."""
    names: set[str] = set()
    collector = _NameCollector(names)
    for text in pages:
        collector.feed(text)
        collector.close()
        collector.reset()
    return names


def names_in_scripts(scripts: Iterable[str]) -> set[str]:
    """Every word of the given script texts: a superset of the classes and ids they can add."""
    words: set[str] = set()
    for text in scripts:
        words.update(_SCRIPT_WORD.findall(text))
    return words


def _split_selectors(prelude: list) -> list[list]:
    """A selector list's tokens, one list per comma-separated selector."""
    selectors: list[list] = [[]]
    for token in prelude:
        if isinstance(token, LiteralToken) and token.value == ",":
            selectors.append([])
        else:
            selectors[-1].append(token)
    return selectors


def required_names(selector: list) -> set[str]:
    """The classes and ids a selector requires (top level only: not inside a pseudo-class function)."""
    names: set[str] = set()
    for before, token in zip([None, *selector], selector):
        if isinstance(token, HashToken):
            names.add(token.value)
        elif isinstance(token, IdentToken) and isinstance(before, LiteralToken) and before.value == ".":
            names.add(token.value)
    return names


def can_match(rule: QualifiedRule, present: set[str]) -> bool:
    """Whether some selector of the rule requires only classes and ids that are present."""
    return any(required_names(s) <= present for s in _split_selectors(rule.prelude))


def _prune_rules(rules: list, present: set[str]) -> list[str]:
    """The serialized rules of a rule list that can match, in order."""
    kept: list[str] = []
    for rule in rules:
        if isinstance(rule, QualifiedRule):
            if can_match(rule, present):
                kept.append(rule.serialize())
        elif isinstance(rule, AtRule) and rule.lower_at_keyword in GROUPING_AT_RULES and rule.content is not None:
            inner = _prune_rules(
                tinycss2.parse_rule_list(rule.content, skip_comments=True, skip_whitespace=True), present
            )
            if inner:
                prelude = tinycss2.serialize(rule.prelude)
                kept.append(f"@{rule.at_keyword}{prelude}{{{''.join(inner)}}}")
        elif not getattr(rule, "type", "") == "error":
            kept.append(rule.serialize())
    return kept


def prune_stylesheet(css: str, present: set[str]) -> str:
    """The style sheet without the rules that need a class or id not in ``present``."""
    rules = tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)
    return "\n".join(_prune_rules(rules, present)) + "\n"
