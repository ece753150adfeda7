"""The test layers a newcomer runs: every test in exactly one of them, and the fast
layer collected with the pure-Python packages alone."""

from __future__ import annotations

import subprocess
import sys

import pytest

from .conftest import ROOT

pytestmark = pytest.mark.fast

#: Packages with compiled code (or a browser driver) that only the build and
#: browser layers need. The fast layer is collected with each of them refused.
NOT_FOR_THE_FAST_LAYER = ("pymupdf", "fitz", "playwright", "axe_playwright_python", "greenlet", "numpy",
                          "matplotlib", "PIL", "Stemmer", "brotli", "kiwisolver", "contourpy", "zmq", "psutil")

#: Run pytest's collection in a fresh interpreter where importing any of the
#: packages named in argv[1] fails, as on a machine without them.
COLLECT_WITHOUT = """
import sys
for name in sys.argv[1].split(","):
    sys.modules[name] = None  # "import name" now raises ImportError
import pytest
sys.exit(pytest.main(["--collect-only", "-q", "-p", "no:cacheprovider", *sys.argv[2:]]))
"""


def collect(refused: tuple[str, ...], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", COLLECT_WITHOUT, ",".join(refused), *args],
                          cwd=ROOT, capture_output=True, text=True, timeout=300)


def test_the_fast_layer_collects_without_compiled_packages() -> None:
    done = collect(NOT_FOR_THE_FAST_LAYER, "-m", "fast")
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    assert "error" not in done.stdout.splitlines()[-1], done.stdout[-3000:]
    assert " tests collected" in done.stdout.splitlines()[-1]


def test_the_check_would_see_a_module_that_needs_one(tmp_path) -> None:
    """The same collection fails where a test module imports PyMuPDF at its top."""
    (tmp_path / "test_x.py").write_text("import pymupdf\n\ndef test_x():\n    pass\n", encoding="utf-8")
    done = collect(NOT_FOR_THE_FAST_LAYER, "--rootdir", str(tmp_path), "-c", "/dev/null", str(tmp_path))
    assert done.returncode != 0 and "pymupdf" in done.stdout


#: Collect the whole suite and print each test that is not in exactly one layer.
LAYER_CHECK = """
import sys
import pytest

class Check:
    def pytest_collection_modifyitems(self, items):
        for item in items:
            layers = sorted({m.name for m in item.iter_markers()} & {"fast", "small", "book", "browser"})
            if len(layers) != 1:
                print("WRONG", item.nodeid, ",".join(layers) or "no layer")

sys.exit(pytest.main(["--collect-only", "-q", "-p", "no:cacheprovider"], plugins=[Check()]))
"""


def test_every_test_is_in_exactly_one_layer() -> None:
    done = subprocess.run([sys.executable, "-c", LAYER_CHECK], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    wrong = [line for line in done.stdout.splitlines() if line.startswith("WRONG ")]
    assert not wrong, "\n".join(wrong)
