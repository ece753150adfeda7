"""The examples in the extension's docstrings run as written: each is a small
test of a pure function, and one that no longer holds misleads its reader."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import edition

MODULES = sorted(m.name for m in pkgutil.walk_packages(edition.__path__, "edition."))


@pytest.mark.fast
@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples_hold(name: str) -> None:
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS, verbose=False)
    assert result.failed == 0, f"{result.failed} of {result.attempted} examples in {name} fail (run pytest --doctest-modules {name.replace('.', '/')}.py)"
