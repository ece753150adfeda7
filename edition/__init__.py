"""The annotated edition's Sphinx extension, laid out by layer.

Each layer may use the ones before it, never one after it
(``tests/test_layout.py`` checks every import):

- ``text``: the source text and what is read from the project's files (pure);
- ``notes``: annotation records, their bodies, layers and anchoring (pure);
- ``build``: Sphinx glue that turns them into the doctree (nodes, directives,
  transforms, the build's state and faults);
- ``writers``: each output format's visitors and its own steps (HTML, LaTeX,
  EPUB, the website's extras);
- ``classroom``: a class's layers, the W3C export and import, the class report;
- ``extension``: everything the extension registers with Sphinx, in one table.
"""

from __future__ import annotations

from typing import Any

__version__ = "1.0.0"


def setup(app: Any) -> dict[str, Any]:
    """Sphinx's entry point: :func:`edition.extension.setup` registers everything.

    Imported here, not at the top, so that the pure layers load without Sphinx.
    """
    from .extension import setup as register

    return register(app)
