"""The theme's style sheet loses only the rules no page can match (``edition.writers.cssprune``).

Fast: the conservative test on small sheets. Build: the built sheet is the
pruned one and keeps what the pages use. Browser: a chapter and the teaching
guide look the same, pixel for pixel, at 390 and 1400 px in both colour
modes, with the pruned sheets and with the unpruned ones (served in their place).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from edition.writers.cssprune import names_in_pages, names_in_scripts, prune_stylesheet


@pytest.mark.fast
def test_a_rule_goes_only_when_every_selector_needs_a_missing_name() -> None:
    css = (
        ".gone{color:red}"
        ".gone,.kept{color:blue}"
        "#missing .x{color:green}"
        "p{margin:0}"
        ":root{--pst-x:1}"
        "html[data-theme=dark] .kept::before{content:''}"
        ".kept:not(.gone){top:0}"
        ":is(.gone) p{left:0}"
    )
    out = prune_stylesheet(css, {"kept", "x"})
    assert ".gone{color:red}" not in out
    assert "#missing" not in out
    for kept in (".gone,.kept", "p{margin:0}", ":root{--pst-x:1}", "::before", ":not(.gone)", ":is(.gone) p"):
        assert kept in out, kept


@pytest.mark.fast
def test_grouping_rules_are_pruned_inside_and_other_at_rules_kept() -> None:
    css = (
        "@font-face{font-family:X;src:url(x.woff2)}"
        "@keyframes spin{from{top:0}to{top:1px}}"
        "@media (min-width:960px){.gone{top:0}.kept{top:1px}}"
        "@supports (display:grid){.gone{top:0}}"
    )
    out = prune_stylesheet(css, {"kept"})
    assert "@font-face" in out and "@keyframes spin" in out
    assert "@media (min-width:960px){.kept{top:1px}}" in out
    assert "@supports" not in out and ".gone" not in out


@pytest.mark.fast
def test_names_come_from_classes_ids_and_every_script_word() -> None:
    pages = ['<div class="a  b" id="c"><br class="d"/></div>']
    assert names_in_pages(pages) == {"a", "b", "c", "d"}
    assert {"show", "bd-sidebar"} <= names_in_scripts(['el.classList.add("show"); x = ".bd-sidebar"'])


@pytest.mark.book
def test_the_built_theme_sheet_is_pruned_and_keeps_what_pages_use(site: Path) -> None:
    from tools.css_screens import unpruned_stylesheets

    unpruned = unpruned_stylesheets(site)
    for name, text in unpruned.items():
        # the edition's own sheet holds little it does not use: it loses its comments
        share = 0.8 if name == "edition.css" else 0.7
        assert (site / "_static" / name).stat().st_size < len(text) * share, f"{name} is not pruned"
    assert "/*" not in (site / "_static/edition.css").read_text(encoding="utf-8")
    built = (site / "_static/styles/pydata-sphinx-theme.css").read_text(encoding="utf-8")
    assert len(built) < len(unpruned["styles/pydata-sphinx-theme.css"]) / 3
    assert ".bd-sidebar-primary" in built  # on every page
    assert ".bd-search" in built
    assert ".sd-card" not in built and ".accordion-button" not in built  # on no page


CSS_SAMPLE = ["book/humility.html", "book/teaching-guide.html"]


@pytest.mark.browser
def test_pruning_moves_nothing(browser: Any, site: Path, site_url: str) -> None:
    from tools.css_screens import compare

    pages = [p for p in CSS_SAMPLE if (site / p).is_file()]
    assert len(pages) == len(CSS_SAMPLE), "a sampled page is missing"
    assert compare(browser, site, site_url, pages, widths=(390, 1400)) == []
