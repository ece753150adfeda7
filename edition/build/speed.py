"""What keeps a build fast without changing what it makes (Sphinx glue).

* **Start-up objects frozen.** The objects made before the first page is read
  (modules, configuration, theme, bibliography, annotations, and in a rebuild
  the environment) live until the process ends, yet every full collection of
  the garbage collector walked them all again: about a quarter of a second of
  CPU time a build in this book. :func:`freeze_startup_objects` moves them
  out of its sight. Frozen objects are still freed when their last reference goes; only
  reference cycles among them wait for the end of the process.
* **Compiled templates kept.** Jinja compiles every page template the first
  time a build renders it, on every build: a rebuild that writes two pages
  spent most of their time compiling. :func:`keep_compiled_templates` gives
  the HTML builder's template engine Jinja's own bytecode cache, in the
  build's cache folder beside the pickled environment and doctrees (not in
  the website). Jinja keys each entry by the template's name and file and
  checks it against the template's text and the Python version, so an edited
  template is compiled anew. A clean build starts without it.
"""

from __future__ import annotations

import gc
from pathlib import Path

import jinja2
from sphinx.application import Sphinx

#: The folder, under Sphinx's doctree folder, that keeps the compiled templates.
TEMPLATE_CACHE = "compiled-templates"

#: Whether this process has already frozen its start-up objects.
_startup_frozen = False


def freeze_startup_objects(app: Sphinx) -> None:
    """Move every object made so far out of the garbage collector's sight, once a
    process: many builds in one process (the tests, a live preview) freeze only
    the first one's start-up, and later builds' garbage stays collectable."""
    global _startup_frozen
    if not _startup_frozen:
        gc.freeze()
        _startup_frozen = True


def keep_compiled_templates(app: Sphinx) -> None:
    """Give the builder's Jinja environment a bytecode cache in the doctree folder
    (builders without a Jinja environment, or with a cache already, are left alone)."""
    environment = getattr(getattr(app.builder, "templates", None), "environment", None)
    if not isinstance(environment, jinja2.Environment) or environment.bytecode_cache is not None:
        return
    folder = Path(app.doctreedir) / TEMPLATE_CACHE
    folder.mkdir(parents=True, exist_ok=True)
    environment.bytecode_cache = jinja2.FileSystemBytecodeCache(str(folder))
