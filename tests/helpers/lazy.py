"""PyMuPDF, imported where a test first uses it rather than where its module is read.

pytest imports every test module to collect it, also those that ``-m fast``
then deselects; a module that reads PDFs imports ``pymupdf`` from here, so the
fast layer collects and runs with the pure-Python packages alone.
"""

from __future__ import annotations

import importlib
from types import ModuleType
from typing import Any


class LazyModule(ModuleType):
    """A stand-in for a module that imports it on the first attribute asked of it."""

    def __getattr__(self, name: str) -> Any:
        return getattr(importlib.import_module(self.__name__), name)


#: PyMuPDF (``import pymupdf``) on first use.
pymupdf: Any = LazyModule("pymupdf")
