"""The EPUB a reader downloads: valid, complete, navigable, reproducible.

Reads ``_build/epub`` and the copy on the website (``make book`` makes
both); the reproducibility test builds the e-book twice more on its own.
EPUBCheck is Debian's (``tools/debian-deps epub``).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup

from edition.writers.epub import book_identifier
from edition.text.lemma import lemma
from edition.notes.records import load_file
from edition.text.source import normalize_space

from .conftest import BUILD, EPUB_NAME, HTML, ROOT, built, toc_docnames
from .helpers.text import find_in_order, reading_text

pytestmark = pytest.mark.book

EPUB_DIR = BUILD / "epub"
EPUBCHECK_JAR = Path("/usr/share/java/epubcheck.jar")
NS = {
    "opf": "http://www.idpf.org/2007/opf",
    "dc": "http://purl.org/dc/elements/1.1/",
    "xhtml": "http://www.w3.org/1999/xhtml",
}
EPUB_TYPE = "{http://www.idpf.org/2007/ops}type"


@pytest.fixture(scope="module")
def epub_path() -> Path:
    return built(EPUB_DIR / EPUB_NAME)


@pytest.fixture(scope="module")
def book(epub_path: Path) -> dict[str, bytes]:
    """Every entry of the EPUB by name."""
    with zipfile.ZipFile(epub_path) as epub:
        return {name: epub.read(name) for name in epub.namelist()}


@pytest.fixture(scope="module")
def package(book: dict[str, bytes]) -> ElementTree.Element:
    return ElementTree.fromstring(book["content.opf"])


def spine_files(package: ElementTree.Element) -> list[str]:
    """The EPUB's reading order, as file names."""
    hrefs = {item.get("id"): item.get("href") for item in package.iterfind("opf:manifest/opf:item", NS)}
    return [hrefs[ref.get("idref")] for ref in package.iterfind("opf:spine/opf:itemref", NS)]


def soup(book: dict[str, bytes], name: str) -> BeautifulSoup:
    return BeautifulSoup(book[name].decode("utf-8"), "html.parser")


def epub_text(page: BeautifulSoup) -> str:
    """The reading text of an e-book page: no notes, no paragraph numbers."""
    return reading_text(page.body, "section.notes, aside, span.unit-number")


# --------------------------------------------------------------- the file


def test_epub_is_on_the_website_and_every_page_links_it(epub_path: Path, site: Path) -> None:
    served = site / EPUB_NAME
    assert served.read_bytes() == epub_path.read_bytes(), "the website's EPUB is not the one just built"
    pages = sorted(site.rglob("*.html"))
    checked = 0
    for page in pages:
        html = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        if html.select_one(".edition-buttons") is None:
            continue  # the redirect at the site's root
        links = html.select("a.edition-epub-link")
        assert len(links) == 1, f"{page}: {len(links)} EPUB links"
        assert (page.parent / links[0]["href"]).resolve() == served.resolve(), f"{page}: {links[0]['href']}"
        assert "EPUB" in links[0].get_text()
        pdf = html.select_one("a.edition-pdf-link")
        assert pdf is not None and pdf.find_next_sibling("a") is links[0], f"{page}: EPUB link not next to the PDF's"
        checked += 1
    assert checked >= len(toc_docnames())


def test_epubcheck_finds_no_error_and_no_warning(epub_path: Path) -> None:
    if not EPUBCHECK_JAR.exists():
        pytest.fail("EPUBCheck is missing: run `tools/debian-deps epub` (Debian package epubcheck)")
    result = subprocess.run(
        ["java", "-jar", str(EPUBCHECK_JAR), str(epub_path)],
        capture_output=True, text=True, timeout=300,
    )
    report = result.stdout + result.stderr
    assert "Messages: 0 fatals / 0 errors / 0 warnings / 0 infos" in report, report
    assert result.returncode == 0, report


def test_container_starts_with_the_stored_mimetype(epub_path: Path) -> None:
    with zipfile.ZipFile(epub_path) as epub:
        first = epub.infolist()[0]
        assert first.filename == "mimetype" and first.compress_type == zipfile.ZIP_STORED
        assert epub.read("mimetype") == b"application/epub+zip"


def test_no_scripts_no_remote_resources_no_fonts(book: dict[str, bytes], package: ElementTree.Element) -> None:
    assert not [n for n in book if n.endswith((".js", ".otf", ".ttf", ".woff", ".woff2"))]
    for item in package.iterfind("opf:manifest/opf:item", NS):
        assert "remote-resources" not in (item.get("properties") or "")
        assert "scripted" not in (item.get("properties") or "")
        assert not item.get("media-type", "").startswith("font/")
    for name in (n for n in book if n.endswith(".xhtml")):
        page = soup(book, name)
        assert not page.find_all("script"), name
        assert not [t for t in page.find_all(True) if any(a.startswith("on") for a in t.attrs)], name
        for tag in page.find_all(["link", "img", "iframe", "object", "embed", "source", "audio", "video"]):
            url = tag.get("href") or tag.get("src") or tag.get("data") or ""
            assert "://" not in url, f"{name}: {tag.name} loads {url}"
    for name in (n for n in book if n.endswith(".css")):
        css = book[name].decode("utf-8")
        assert "@import" not in css and "url(" not in css and "@font-face" not in css, name


# --------------------------------------------------------------- metadata


def test_metadata_names_the_book_its_author_and_editors(package: ElementTree.Element, source) -> None:
    meta = package.find("opf:metadata", NS)
    titles = [t.text for t in meta.iterfind("dc:title", NS)]
    assert titles[0] == source.title
    assert "An independent annotated edition" in titles
    creator = meta.find("dc:creator", NS)
    assert creator.text == "Daniel Mackler"
    roles = {m.get("refines"): m.text for m in meta.iterfind("opf:meta[@property='role']", NS)}
    assert roles[f"#{creator.get('id')}"] == "aut"
    editors = meta.find("dc:contributor", NS)
    assert editors.text and roles[f"#{editors.get('id')}"] == "edt"
    assert meta.find("dc:language", NS).text == "en"
    assert meta.find("dc:description", NS).text.strip()
    assert "CC BY 4.0" in meta.find("dc:rights", NS).text
    assert "unknown" not in ElementTree.tostring(meta, encoding="unicode")


def test_identifier_is_stable_and_the_date_is_the_build_date(package: ElementTree.Element, book) -> None:
    uid = package.get("unique-identifier")
    identifier = package.find(f"opf:metadata/dc:identifier[@id='{uid}']", NS).text
    assert identifier == book_identifier("When Psychotherapists Are Less Healthy Than Their Clients")
    assert re.fullmatch(r"urn:uuid:[0-9a-f-]{36}", identifier)
    ncx = book["toc.ncx"].decode("utf-8")
    assert f'name="dtb:uid" content="{identifier}"' in ncx
    modified = package.find("opf:metadata/opf:meta[@property='dcterms:modified']", NS).text
    date = package.find("opf:metadata/dc:date", NS).text
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", modified)
    assert modified.startswith(date)


def test_the_file_is_not_named_by_sphinx_defaults(epub_path: Path, book) -> None:
    assert epub_path.name == "when-psychotherapists-are-less-healthy.epub"
    assert not any("Projectnamenotset" in n for n in book)


# --------------------------------------------------------------- navigation


BIBLIOGRAPHY = "book/bibliography"


def bibliography_last(docnames: list[str]) -> list[str]:
    """The order of ``_toc.yml`` with the bibliography at the back, as in the PDF."""
    return [d for d in docnames if d != BIBLIOGRAPHY] + [d for d in docnames if d == BIBLIOGRAPHY]


def test_contents_list_the_parts_with_their_chapters(book, package) -> None:
    import yaml

    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    nav = soup(book, "nav.xhtml").find("nav", attrs={"epub:type": "toc"})
    assert nav is not None
    top = nav.find("ol").find_all("li", recursive=False)
    assert top[0].find("a")["href"] == toc["root"] + ".xhtml"
    # the root page opens with this section; the book's title is the title page's
    first_heading = soup(book, toc["root"] + ".xhtml").find("h2").get_text()
    assert top[0].find("a").get_text() == first_heading == "How to use this edition"
    parts = [li for li in top if li.find("span", recursive=False)]
    assert [li.span.get_text() for li in parts] == [p["caption"] for p in toc["parts"]]
    for li, part in zip(parts, toc["parts"]):
        hrefs = [a["href"] for a in li.find("ol").find_all("a")]
        assert hrefs == [c + ".xhtml" for c in bibliography_last([c["file"] for c in part["chapters"]])]
        for a in li.find("ol").find_all("a"):
            assert a.get_text().strip(), a
    assert spine_files(package)[:3] == ["titlepage.xhtml", "nav.xhtml", toc["root"] + ".xhtml"]
    chapters = spine_files(package)[2:]
    assert chapters == [name + ".xhtml" for name in bibliography_last(toc_docnames())]
    assert chapters[-2:] == ["book/about.xhtml", BIBLIOGRAPHY + ".xhtml"]
    ncx = [c.get("src") for c in ElementTree.fromstring(book["toc.ncx"]).iter("{http://www.daisy.org/z3986/2005/ncx/}content")]
    assert ncx[-1] == BIBLIOGRAPHY + ".xhtml"
    ncx_root = ElementTree.fromstring(book["toc.ncx"]).find(".//{http://www.daisy.org/z3986/2005/ncx/}navPoint[2]")
    assert "How to use this edition" in "".join(ncx_root.itertext())


def test_package_declares_conformance_source_and_cover(package: ElementTree.Element, book) -> None:
    metas = {m.get("property"): m.text for m in package.iterfind("opf:metadata/opf:meta", NS)}
    assert metas["dcterms:conformsTo"] == "EPUB Accessibility 1.1 - WCAG 2.1 Level AA"
    source = package.findtext("opf:metadata/dc:source", namespaces=NS)
    # no address is recorded for the source page: dc:source describes it, and invents none
    assert "Mad in America" in source and "Around the Web" in source and "http" not in source
    covers = [i for i in package.iterfind("opf:manifest/opf:item", NS) if "cover-image" in (i.get("properties") or "")]
    assert len(covers) == 1 and covers[0].get("media-type") == "image/svg+xml"
    svg = ElementTree.fromstring(book[covers[0].get("href")])
    words = " ".join(" ".join(t.itertext()) for t in svg.iter("{http://www.w3.org/2000/svg}text"))
    assert normalize_space(words).startswith("When Psychotherapists Are Less Healthy Than Their Clients")
    assert svg.findtext("{http://www.w3.org/2000/svg}title") == "When Psychotherapists Are Less Healthy Than Their Clients"


def test_each_comment_is_a_heading_with_its_label(book) -> None:
    page = soup(book, "book/responses.xhtml")
    heads = {h.find_parent("section")["id"]: h for h in page.select("h2.response-byline, h3.response-byline")}
    assert sorted(heads) == ["r1", "r1-1", "r2", "r3", "r4"]
    assert heads["r1-1"].name == "h3" and heads["r1"].name == "h2"
    for uid, head in heads.items():
        assert head.select_one("span.unit-number").get_text() == uid.upper().replace("-", ".")
        assert head.select_one("span.byline-text").get_text().startswith("Reply to comment 1" if uid == "r1-1" else "Comment")
        # the comment's own words follow the heading; none is inside it
        assert not head.select("p") and head.find_next_sibling("p", class_="response-text") is not None


def test_title_page_names_the_book_its_author_editors_licence_and_date(book, package, source) -> None:
    page = soup(book, "titlepage.xhtml")
    text = normalize_space(page.body.get_text(" "))
    assert page.select_one("p.book-title").get_text() == source.title
    # the editors sign collectively: the line under the author says the notes are theirs
    assert "An independent annotated edition" in text and "Text by Daniel Mackler" in text
    assert "With comments by readers" in text
    assert "Neither Daniel Mackler, nor the Mad in America website, nor the commenters reviewed" in text
    assert "Corrections and removal" in text
    assert "Notes, responses, a glossary and a teaching guide by the editors" in text
    assert "Text by Daniel Mackler, as quoted on Mad in America" in text
    assert "issue tracker of the repository" in text  # no edition_contact set: the plain routes
    assert "CC BY 4.0" in text and "Mad in America" in text
    date = package.find("opf:metadata/dc:date", NS).text
    assert f"built {date}" in text


# --------------------------------------------------------------- the text


def test_epub_has_every_unit_verbatim_in_order(book, package, source) -> None:
    text = " ".join(epub_text(soup(book, name)) for name in spine_files(package)[2:])
    find_in_order(text, [normalize_space(unit.text) for unit in source.units])
    assert " . . . " in text and "‘psy-professional’" in text


def test_every_unit_carries_its_number(book, source) -> None:
    pages = {name: soup(book, name) for name in book if name.endswith(".xhtml")}
    for unit in source.units:
        found = [page.find(id=unit.id) for page in pages.values() if page.find(id=unit.id)]
        assert len(found) == 1, f"{unit.label}: {len(found)} elements with id {unit.id}"
        number = found[0].select_one("span.unit-number")
        assert number is not None and number.get_text() == unit.label, unit.label


# --------------------------------------------------------------- the notes


def annotation_records() -> dict[str, list]:
    """Annotation records by page name (``humility``)."""
    folder = ROOT / "annotations"
    return {path.stem: load_file(path, ROOT) for path in sorted(folder.glob("*.yml"))}


def test_every_note_is_a_footnote_with_kind_and_lemma(book) -> None:
    total = 0
    for page_name, records in annotation_records().items():
        name = f"book/{page_name}.xhtml"
        tree = ElementTree.fromstring(book[name])  # well-formed XHTML, namespaces as a reader sees them
        refs = {a.get("id"): a for a in tree.iter("{%s}a" % NS["xhtml"]) if a.get(EPUB_TYPE) == "noteref"}
        asides = {a.get("id"): a for a in tree.iter("{%s}aside" % NS["xhtml"]) if a.get(EPUB_TYPE) == "footnote"}
        assert len(refs) == len(asides) == len(records), name
        for record in records:
            ref = refs[f"anchor-{record.id}"]
            assert ref.get("href") == f"#note-{record.id}"
            assert normalize_space("".join(ref.itertext())) == normalize_space(record.quote)
            aside = asides[f"note-{record.id}"]
            head = normalize_space("".join(aside.itertext()))
            expected = f"{record.kind_label}. {lemma(record.quote)}]"
            assert head.startswith(expected), f"{record.id}: note begins {head[:80]!r}"
            total += 1
    assert total > 0


def test_notes_leave_the_paragraphs(book) -> None:
    """Asides may not stand inside a paragraph; they follow the chapter's text."""
    for name in (n for n in book if n.endswith(".xhtml")):
        page = soup(book, name)
        for aside in page.find_all("aside"):
            assert aside.find_parent("p") is None, f"{name}: {aside.get('id')} inside a paragraph"
            assert aside.find_parent("section", class_="notes") is not None, name


# --------------------------------------------------------------- reproducible


JUPYTER_BOOK = Path(sys.executable).with_name("jupyter-book")
EPOCH = "1764115200"  # 2025-11-26 00:00:00 UTC


def test_two_builds_give_the_same_file(tmp_path: Path) -> None:
    sources = tmp_path / "book"
    shutil.copytree(ROOT, sources, ignore=shutil.ignore_patterns(
        "_build", ".venv", ".git", ".pytest_cache", "__pycache__", "conf.py"))
    epubs = []
    for run in ("one", "two"):
        result = subprocess.run(
            [str(JUPYTER_BOOK), "build", ".", "--builder", "custom", "--custom-builder", "epub",
             "-W", "-n", "--keep-going", "--path-output", str(tmp_path / run)],
            cwd=sources, env={**os.environ, "SOURCE_DATE_EPOCH": EPOCH},
            capture_output=True, text=True, timeout=600,
        )
        assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
        epubs.append(tmp_path / run / "_build" / "epub" / EPUB_NAME)
    assert epubs[0].read_bytes() == epubs[1].read_bytes()
    with zipfile.ZipFile(epubs[0]) as epub:
        assert {info.date_time for info in epub.infolist()} == {(2025, 11, 26, 0, 0, 0)}
        opf = epub.read("content.opf").decode("utf-8")
    assert "<meta property=\"dcterms:modified\">2025-11-26T00:00:00Z</meta>" in opf
    assert "<dc:date>2025-11-26</dc:date>" in opf


def test_every_back_link_has_a_spoken_name(book, package) -> None:
    """The ↩ after each note is named for assistive technology by the phrase it returns to."""
    links = [a for name in spine_files(package) for a in soup(book, name).select("a.note-back")]
    assert links, "no back-links in the notes"
    unnamed = [a.get("href") for a in links if not (a.get("aria-label") or "").startswith("Back to the phrase")]
    assert unnamed == [], f"back-links without a name: {unnamed[:5]}"
    assert any("“" in a["aria-label"] for a in links), "no back-link names its phrase"
