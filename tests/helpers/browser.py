"""Reading the built website in a real browser: Debian's Chromium driven by Playwright.

The fixtures ``browser``, ``site_url`` and ``open_page`` (in ``tests/conftest.py``)
call the functions here, so that only the browser tests import Playwright.
The site (the ``site`` fixture's folder) is served from a thread on
127.0.0.1 with a free port; every page a test opens is watched for console
errors, failed requests and requests to any other host, and the bytes and
requests it loaded are counted.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup

from tests.conftest import HTML, UNIT_PAGES
from tools.chromium import CHROMIUM, HEIGHT, WIDE, launch_chromium, serve_folder

# Playwright is imported where a browser starts, so that the fast layer collects without it.
if TYPE_CHECKING:
    from playwright.sync_api import Browser, ConsoleMessage, Page, Request, Response

#: Widths the tests read at: a desktop screen with margins (``WIDE``), and a phone.
NARROW = 390

#: The chapter pages, the ones holding the source text and its margin notes.
CHAPTERS = [f"{page}.html" for page in UNIT_PAGES]

#: Colour modes of the theme (pydata-sphinx-theme keeps them in localStorage).
MODES = ["light", "dark"]


def linked_pages(site: Path) -> set[str]:
    """Every page that some page of the site links to with ``<a href>``, site-relative."""
    found: set[str] = set()
    for path in site.rglob("*.html"):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        for a in soup.find_all("a", href=True):
            target = urlsplit(a["href"])
            if not target.scheme and target.path.endswith(".html"):
                found.add((path.parent / target.path).resolve().relative_to(site.resolve()).as_posix())
    return found


def site_pages(site: Path) -> list[str]:
    """All pages of the site, site-relative; the general index only if a page links it."""
    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))
    if "genindex.html" in pages and "genindex.html" not in linked_pages(site):
        pages.remove("genindex.html")
    return pages


def parametrize_site_page(metafunc: pytest.Metafunc) -> None:
    """Tests taking ``site_page`` run once for each page of the built site."""
    if "site_page" in metafunc.fixturenames:
        pages = site_pages(HTML) if (HTML / "index.html").exists() else ["index.html"]
        metafunc.parametrize("site_page", pages)


@dataclass
class Visit:
    """One page as a reader's browser loaded it, with what went wrong on the way."""

    page: Page
    origin: str
    console_errors: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    foreign: list[str] = field(default_factory=list)
    finished: list[Request] = field(default_factory=list)

    def watch(self) -> None:
        """Attach the listeners; call before the first navigation."""
        self.page.on("console", self._on_console)
        self.page.on("pageerror", lambda error: self.console_errors.append(f"uncaught: {error}"))
        self.page.on("request", self._on_request)
        self.page.on("requestfailed", lambda r: self.failed.append(f"{r.url} ({r.failure})"))
        self.page.on("requestfinished", lambda r: self.finished.append(r))
        self.page.on("response", self._on_response)

    def _on_console(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            self.console_errors.append(message.text)

    def _on_request(self, request: Request) -> None:
        parts = urlsplit(request.url)
        if parts.scheme in ("http", "https", "ws", "wss") and f"{parts.scheme}://{parts.netloc}" != self.origin:
            self.foreign.append(request.url)

    def _on_response(self, response: Response) -> None:
        if response.status >= 400:
            self.failed.append(f"{response.url} (HTTP {response.status})")

    def problems(self) -> list[str]:
        """Console errors, failed requests and requests to other hosts, one line each."""
        return (
            [f"console error: {e}" for e in self.console_errors]
            + [f"failed request: {f}" for f in self.failed]
            + [f"request to another host: {u}" for u in self.foreign]
        )

    def transferred(self) -> tuple[int, int]:
        """Bytes of all response bodies and number of requests since the page was opened."""
        total = sum(max(r.sizes()["responseBodySize"], 0) for r in self.finished)
        return total, len(self.finished)

    def transferred_compressed(self) -> int:
        """Bytes of all response bodies since the page was opened, each gzip-compressed as a web host sends it.

        Level 6, as nginx and GitHub Pages compress; a font (WOFF2, compressed
        already) counts as it is, since hosts send it so.
        """
        import gzip

        total = 0
        for request in self.finished:
            response = request.response()
            if response is None:
                continue
            body = response.body()
            total += len(body) if request.url.split("?")[0].endswith(".woff2") else len(gzip.compress(body, 6))
        return total


#: Opens a site page: ``open_page(path, width=..., mode=..., notes=...)``.
OpenPage = Callable[..., Visit]


def serve_site(site: Path) -> Iterator[str]:
    """The built site, served over HTTP on 127.0.0.1 from a thread."""
    with serve_folder(site) as url:
        yield url


def chromium_session() -> Iterator[Browser]:
    """Debian's Chromium, headless, with no background traffic."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} not found: run `make browser-deps` (Debian package chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = launch_chromium(playwright)
        yield chromium
        chromium.close()


def redirect_target(site: Path, path: str) -> str | None:
    """Where a page sends the reader at once (``<meta http-equiv="Refresh">``), site-relative."""
    file = site / urlsplit(path).path
    if not file.is_file():
        return None
    meta = BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser").find(
        "meta", attrs={"http-equiv": lambda v: v and v.lower() == "refresh"}
    )
    if meta is None:
        return None
    url = meta["content"].split("url=", 1)[1].strip()
    return (Path(path).parent / url).as_posix()


def storage_script(mode: str | None, notes: str | None) -> str:
    """A script run before any page script: the reader's stored colour mode and notes setting."""
    lines = []
    if mode:
        lines.append(f"localStorage.setItem('mode', '{mode}'); localStorage.setItem('theme', '{mode}');")
    if notes:
        lines.append(f"localStorage.setItem('edition-notes', '{notes}');")
    return "if (!sessionStorage.getItem('edition-test-seeded')) {" + "".join(lines) + (
        "sessionStorage.setItem('edition-test-seeded', '1');}"
    )


def page_opener(browser: Browser, site: Path, site_url: str) -> Iterator[OpenPage]:
    """Open site pages, each in a fresh browser context (no cache, no stored settings).

    ``mode`` and ``notes`` seed localStorage once, as a returning reader's
    choices; later changes on the page are kept when navigating. A page that
    redirects (the site's entry page) is followed to where it leads.
    """
    contexts = []

    def opener(
        path: str,
        width: int = WIDE,
        height: int = HEIGHT,
        mode: str | None = None,
        notes: str | None = None,
        wait_until: str = "load",
    ) -> Visit:
        context = browser.new_context(viewport={"width": width, "height": height})
        contexts.append(context)
        context.add_init_script(storage_script(mode, notes))
        visit = Visit(context.new_page(), site_url)
        visit.watch()
        visit.page.goto(f"{site_url}/{path}", wait_until=wait_until)  # type: ignore[arg-type]
        target = redirect_target(site, path)
        if target:
            visit.page.wait_for_url(f"{site_url}/{target}")
            visit.page.wait_for_load_state(wait_until)  # type: ignore[arg-type]
        return visit

    yield opener
    for context in contexts:
        context.close()
