"""Each page carries the rules of the site's style sheets it can use, and no more (``edition.writers.cssprune``).

Fast: the tests of a rule, of a definition nobody uses and of the written
form, on small sheets. Book: every built page has one style of its own, and
links none of the sheets. Browser: pages look the same, pixel for pixel, with
their own style and with the sheets whole (served in its place); and no page
ever holds a component whose rules the build drops.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from edition.writers.cssprune import (
    Presence,
    Sheet,
    names_in_scripts,
    page_style,
    parse_sheet,
    prune_stylesheet,
    simplified_selector,
)


def _selectors(text: str) -> list[str]:
    import tinycss2

    from edition.writers.cssprune import _split_selectors

    return [simplified_selector(s) for s in _split_selectors(tinycss2.parse_component_value_list(text))]


def _page_style(css: str, page: str, scripts: str = "", **sheet: Any) -> str:
    """``css`` as the style of ``page``, the page matched with BeautifulSoup as the build matches it."""
    from edition.writers.cssprune import PageTree

    tree = PageTree(page)
    presence = Presence(names=tree.names, script_words=names_in_scripts([scripts]), tags=tree.tags, dom=tree.matches)
    return page_style([Sheet(parse_sheet(css), **sheet)], presence, elsewhere=page + scripts)


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
    from edition.writers.cssprune import PageTree

    pages = ['<div class="a  b" id="c"><br class="d"/></div>']
    assert PageTree(pages[0]).names == {"a", "b", "c", "d"}
    assert {"show", "bd-sidebar"} <= names_in_scripts(['el.classList.add("show"); x = ".bd-sidebar"'])


@pytest.mark.fast
def test_a_selector_is_matched_with_its_state_left_open() -> None:
    assert _selectors(" a.b:hover > .c ") == ["a.b>.c"]
    assert _selectors("html[data-theme=dark] .x::before") == ["html .x"]
    assert _selectors(".table>:not(caption)>*>*") == [".table>*>*>*"]
    assert _selectors(":root, div:not(.x):first-child") == ["*", "div"]
    assert _selectors("a:is(.x:hover, .y) b") == ["a:is(.x,.y) b"]
    assert _selectors(".a + .b:nth-child(2n) ~ p") == [".a+.b~p"]


@pytest.mark.fast
def test_a_simplified_selector_is_matched_against_the_page_as_built() -> None:
    from edition.writers.cssprune import PageTree

    tree = PageTree('<div class="a"><br><p class="b c" id="d">x</p><span>y</span></div><p class="e">z</p>')
    assert tree.names == {"a", "b", "c", "d", "e"} and tree.tags == {"div", "br", "p", "span"}
    for selector in ("div.a>p.b.c#d", "div p.b", "p.b+span", "br~span", "div.a span", "*", ".e", "div+p.e"):
        assert tree.matches(selector), selector
    for selector in ("p.b>span", "span+p", "div.a>p.e", "p.e span", "#d.e", "div>div"):
        assert not tree.matches(selector), selector
    assert tree.matches("div:is(.x,.y) span")  # what lies in :is() is set aside: the selector grows
    with pytest.raises(ValueError):
        tree.matches(r".x\:y")  # not a simplified selector: the build keeps its rule


@pytest.mark.fast
def test_a_page_keeps_the_rules_its_elements_can_match_in_any_state() -> None:
    page = '<html><body><nav class="side"><a class="link" href="#">x</a></nav><p class="lead">y</p></body></html>'
    css = (
        ".side .link:hover{color:red}"          # the page's structure, in a state it can reach
        ".side > .lead{color:green}"            # names the page has, in a structure it has not
        "table{border:0}"                       # an element the page has not, nor any script
        "mark{background:yellow}"               # an element a script can make
        ".lead.open{top:0}"                     # a class a script can add: kept whatever the structure
        "p:first-child::before{content:'>'}"    # structural and generated: kept
        "[data-theme=dark] .lead{color:white}"  # an attribute a script sets
    )
    out = _page_style(css, page, scripts='el.classList.add("open"); document.createElement("mark")')
    assert ".side .link:hover{color:red}" in out
    assert ".side > .lead" not in out
    assert "table{" not in out
    for kept in ("mark{", ".lead.open{", "p:first-child::before{", "[data-theme=dark] .lead{"):
        assert kept in out, kept


@pytest.mark.fast
def test_definitions_nobody_uses_go() -> None:
    css = (
        ":root{--used:1px;--chained:var(--used);--unused:2px;--in-script:3px;--in-page:4px}"
        "p{margin:var(--chained)}"
        "@keyframes spin{from{top:0}to{top:1px}}"
        "@keyframes never{from{top:0}to{top:1px}}"
        "p{animation:spin 1s}"
        "@font-face{font-family:Gone;src:url(fonts/gone.woff2)}"
        "@font-face{font-family:Here;src:url(fonts/here.woff2)}"
    )
    page = '<p style="width:var(--in-page)">x</p>'
    out = _page_style(css, page, scripts='s.setProperty("--in-script", "0")',
                      file_exists=lambda url: url == "fonts/here.woff2")
    assert "--used:1px" in out and "--chained:var(--used)" in out
    assert "--in-script" in out and "--in-page" in out
    assert "--unused" not in out
    assert "@keyframes spin" in out and "@keyframes never" not in out
    assert "Here" in out and "Gone" not in out


@pytest.mark.fast
def test_the_style_is_written_compactly_with_addresses_for_the_page() -> None:
    css = "/* a comment */\n.lead  {\n  background: url(file.png)  no-repeat;\n  src: url('data:x,y');\n}\n"
    out = _page_style(css, '<p class="lead">x</p>', rebase=lambda url: url if ":" in url else "../_static/" + url)
    assert out == '.lead{background:url("../_static/file.png") no-repeat;src:url("data:x,y")}\n'


@pytest.mark.fast
def test_cutting_a_sheet_into_rules_first_reads_what_the_whole_parse_reads() -> None:
    """Rules left out before their declarations are read are those the whole parse would drop."""
    from edition.writers.cssprune import select_rules, write_items

    css = (
        '/* a comment { with a brace */\n@charset "utf-8";\n'
        '.kept{content:"}{;"}\n.gone{color:red}\n'
        "/* before a block */ @media print { .kept { top: 0 } .gone { top: 1px } }\n"
        "@supports (display:grid){@media (min-width:1px){.kept{left:0}.gone{left:1px}}}\n"
        "@font-face{font-family:X;src:url('a{b}.woff2')}\n"
        ".kept:not(.gone) > p, .gone p{margin:0}\n"
    )
    presence = Presence(names={"kept"}, tags={"p"})

    def written(items: list) -> list[str]:  # noqa: ANN001
        return write_items(items, str, None, None, lambda url: True)

    cut = written(parse_sheet(css, presence))
    assert cut == written(select_rules(parse_sheet(css), presence))
    assert ".kept{top:0}" in "".join(cut) and ".gone{top:1px}" not in "".join(cut)
    assert any("@supports" in rule and ".kept{left:0}" in rule for rule in cut)
    assert '.kept{content:"}{;"}' in cut


@pytest.mark.fast
def test_addresses_are_rebased_from_the_sheet_to_the_page() -> None:
    from edition.writers.weight import rebase_for

    assert rebase_for("basic.css", "book")("file.png") == "../_static/file.png"
    assert rebase_for("edition.css", "")("fonts/x.woff2") == "_static/fonts/x.woff2"
    assert rebase_for("styles/theme.css", "book")("../fonts/x.woff2") == "../_static/fonts/x.woff2"
    for kept in ("data:image/svg+xml,<svg/>", "https://example.org/x.png", "#mask", "/x.png"):
        assert rebase_for("edition.css", "book")(kept) == kept


# ---------------------------------------------------------------------- the built site

_STYLE = re.compile(r'<style data-edition-sheets="([^"]*)">(.*?)</style>', re.S)


def _pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if "_static" not in p.parts and "Refresh" not in p.read_text("utf-8"))


@pytest.mark.book
def test_every_page_has_its_own_style_and_links_no_sheet(site: Path) -> None:
    from tools.css_screens import unpruned_stylesheets

    from edition.writers.weight import PRUNED_STYLESHEETS

    whole = sum(len(text) for text in unpruned_stylesheets(site).values())
    for page in _pages(site):
        text = page.read_text(encoding="utf-8")
        styles = _STYLE.findall(text)
        assert len(styles) == 1, f"{page.name}: {len(styles)} inlined styles"
        hrefs, css = styles[0]
        assert [h.split("?")[0].rsplit("_static/", 1)[1] for h in hrefs.split()] == list(PRUNED_STYLESHEETS)
        assert not re.search(r'<link[^>]+rel="stylesheet"[^>]+(basic|pydata-sphinx-theme|sphinx-book-theme|edition)\.css',
                             text), f"{page.name} still links a sheet it carries"
        assert len(css) < whole / 4, f"{page.name}: {len(css):,} bytes of style"
        assert "/*" not in css
    for name in PRUNED_STYLESHEETS:
        assert not (site / "_static" / name).exists(), f"_static/{name} is published but no page links it"


@pytest.mark.book
def test_a_page_keeps_what_it_uses_and_drops_what_no_page_of_its_kind_has(site: Path) -> None:
    chapter = _STYLE.search((site / "book/humility.html").read_text(encoding="utf-8")).group(2)
    search = _STYLE.search((site / "search.html").read_text(encoding="utf-8")).group(2)
    assert ".bd-sidebar-primary" in chapter and "span.annotation" in chapter
    assert ".bd-search" in chapter  # the search dialog is on every page
    assert "ul.search li" in search  # search results are drawn by the search page's script
    for gone in (".sd-card", ".accordion-button", ".version-switcher__menu", ".dropdown-menu{", "table.indextable"):
        assert gone not in chapter, gone
    assert 'url("../_static/fonts/EBGaramond-Regular.woff2")' in chapter  # the book face, from the page's folder
    assert "fa-solid-900" not in chapter  # the theme's icon font is not published


@pytest.mark.book
def test_the_theme_sheets_cut_into_rules_read_as_the_whole_parse_reads_them(site: Path) -> None:
    from tools.css_screens import unpruned_stylesheets

    from edition.writers.cssprune import PageTree, select_rules, write_items

    trees = [PageTree(p.read_text(encoding="utf-8")) for p in _pages(site)]
    scripts = [p.read_text(encoding="utf-8") for p in (site / "_static").rglob("*.js")]
    presence = Presence(names=set().union(*(t.names for t in trees)), script_words=names_in_scripts(scripts),
                        tags=set().union(*(t.tags for t in trees)))
    for name, text in unpruned_stylesheets(site).items():
        css = text.decode("utf-8")
        cut = write_items(parse_sheet(css, presence), str, None, None, lambda url: True)
        whole = write_items(select_rules(parse_sheet(css), presence), str, None, None, lambda url: True)
        assert cut == whole, name


CSS_SAMPLE = ["book/humility.html", "book/teaching-guide.html"]


@pytest.mark.browser
def test_pruning_moves_nothing(browser: Any, site: Path, site_url: str) -> None:
    from tools.css_screens import compare

    pages = [p for p in CSS_SAMPLE if (site / p).is_file()]
    assert len(pages) == len(CSS_SAMPLE), "a sampled page is missing"
    assert compare(browser, site, site_url, pages, widths=(390, 1400)) == []


@pytest.mark.browser
@pytest.mark.parametrize("path", ["book/humility.html", "search.html?q=therapist"])
@pytest.mark.parametrize("width", [390, 1400])
def test_no_page_holds_a_component_whose_rules_are_dropped(open_page: Any, path: str, width: int) -> None:
    """The theme's version switcher, banners, drop-downs and notebook parts never appear, even after use."""
    from edition.writers.weight import UNUSED_THEME_COMPONENTS

    selector = ", ".join(f".{n}, #{n}" for n in sorted(UNUSED_THEME_COMPONENTS))
    visit = open_page(path, width=width, wait_until="networkidle")
    page = visit.page
    found = [page.evaluate("(s) => document.querySelectorAll(s).length", selector)]
    page.locator(".theme-switch-button").first.click()  # the colour mode cycles
    page.keyboard.press("Control+k")  # the search dialog opens
    page.keyboard.press("Escape")
    if width < 992:
        page.locator(".bd-header-article .primary-toggle, button.primary-toggle").first.click()
        page.wait_for_timeout(200)
    found.append(page.evaluate("(s) => document.querySelectorAll(s).length", selector))
    assert found == [0, 0], f"{path} at {width}px holds {found} of {sorted(UNUSED_THEME_COMPONENTS)}"
    assert visit.problems() == []


@pytest.mark.browser
@pytest.mark.parametrize("path", ["book/humility.html", "book/teaching-guide.html", "search.html?q=therapist"])
@pytest.mark.parametrize("width", [390, 1400])
def test_every_rule_chromium_applies_in_use_is_in_the_pages_style(browser: Any, site: Path, site_url: str,
                                                                  path: str, width: int) -> None:
    """With the whole sheets linked, Chromium tracks the rules it applies while the page loads, the
    mouse passes over its notes and links, and a reader opens the cite box, hides and shows the
    notes, changes the colour mode, opens search and the sidebar: each is in the page's own style."""
    from tools.css_screens import rules_missing_from_page_style

    assert rules_missing_from_page_style(browser, site, site_url, path, width) == []
