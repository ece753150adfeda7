"""The web figures' section of docs/benchmark.md survives the benchmark's rewrite; the
search names of a unit; the notes' layout statistics (pure)."""

from __future__ import annotations

import pytest

from edition.writers.webextras import search_names
from tools.notes_layout import Layout
from tools.web_figures import END, START, kept_section, with_section

pytestmark = pytest.mark.fast


def test_the_section_is_kept_and_replaced() -> None:
    section = f"{START}\n## Web\n\nfigures\n{END}"
    report = f"# Benchmark\n\nbuild times\n\n{section}\n"
    assert kept_section(report) == section
    rewritten = with_section("# Benchmark\n\nnew build times\n", kept_section(report))
    assert rewritten.endswith(section + "\n") and "new build times" in rewritten
    newer = f"{START}\nnewer\n{END}"
    assert with_section(rewritten, newer).count(START) == 1 and "newer" in with_section(rewritten, newer)
    assert with_section("# Benchmark\n", "") == "# Benchmark\n"


def test_units_are_named_as_readers_type_them() -> None:
    assert search_names("¶4")[:3] == ["¶4", "p4", "paragraph 4"]
    assert search_names("R1.1")[:3] == ["R1.1", "r1.1", "response 1.1"]


def test_layout_statistics() -> None:
    layout = Layout([0, 0, 5, -10, 30, 40, 60, 80, 100, 300], gap=20)
    assert layout.median == 35
    assert layout.p90 == 100
    assert layout.worst == 300
    assert layout.faults("x") == ["x: median offset 35px (target ≤ 24)"]
