"""The registration table (``edition/extension.py``): every node has a visitor pair for
every builder, every transform runs at the priority the table names, and the
sub-modules register nothing of their own."""

from __future__ import annotations

import ast
import inspect
from pathlib import Path

import pytest
from docutils import nodes

from edition import extension
from edition.build import nodes as edition_nodes

pytestmark = pytest.mark.fast

BUILDERS = {"html", "latex", "epub", "text", "man", "texinfo"}
#: What Sphinx offers an extension to register.
REGISTRATIONS = {
    "add_node", "add_directive", "add_role", "add_transform", "add_post_transform", "add_config_value",
    "add_builder", "add_domain", "add_latex_package", "connect", "setup_extension", "add_enumerable_node",
}


def test_every_node_of_the_edition_is_in_the_table_once() -> None:
    defined = {obj for _, obj in inspect.getmembers(edition_nodes, inspect.isclass)
               if issubclass(obj, nodes.Element) and obj.__module__ == edition_nodes.__name__}
    listed = [node for node, _ in extension.NODES]
    assert len(listed) == len(set(listed))
    assert set(listed) == defined


@pytest.mark.parametrize("node, visitors", extension.NODES, ids=[n.__name__ for n, _ in extension.NODES])
def test_every_node_has_a_pair_for_every_builder(node: type, visitors: dict) -> None:
    assert set(visitors) == BUILDERS
    for builder, (visit, depart) in visitors.items():
        assert callable(visit), (node.__name__, builder)
        assert depart is None or callable(depart), (node.__name__, builder)


def test_each_transform_runs_at_the_priority_the_table_names() -> None:
    for transform, priority in (*extension.TRANSFORMS, *extension.POST_TRANSFORMS):
        assert transform.default_priority == priority, transform.__name__


def test_only_the_extension_registers() -> None:
    """No module but extension.py registers a node, directive, role, transform, setting,
    builder, domain or handler (the package's entry point only hands Sphinx to it);
    a handler may still add a script or style sheet that one build needs."""
    package = Path(extension.__file__).parent
    calls = []
    for path in sorted(package.rglob("*.py")):
        if path.name == "extension.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and \
                    isinstance(node.func.value, ast.Name) and node.func.value.id == "app" and \
                    (node.func.attr in REGISTRATIONS):
                calls.append(f"{path.relative_to(package)}:{node.lineno} app.{node.func.attr}")
    assert calls == []
