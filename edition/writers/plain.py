"""Visitors for the plain outputs (text, man, Texinfo): a node is its children.

These builders have no margin, no link and no layout of their own for the
edition's nodes; each shows the words inside a node where the node stands,
and a node with no words for them (a part's start in print) is left out.
"""

from __future__ import annotations

from docutils import nodes


def visit_children_only(self: nodes.NodeVisitor, node: nodes.Element) -> None:
    """Write nothing for the node itself; its children are written as usual."""


def depart_children_only(self: nodes.NodeVisitor, node: nodes.Element) -> None:
    """Nothing to close."""


def skip_node(self: nodes.NodeVisitor, node: nodes.Element) -> None:
    """Leave the node and its children out: the output has no place for it."""
    raise nodes.SkipNode


#: The pair for a node whose words are shown as they are.
CHILDREN = (visit_children_only, depart_children_only)
#: The pair for a node that this output leaves out.
SKIP = (skip_node, None)
