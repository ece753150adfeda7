"""Debian's Chromium driven by Playwright, and a local server for a built site.

Shared by the browser tests (``tests/helpers/browser.py``) and the benchmark
(``tools/benchmark.py``): never a downloaded browser, no background traffic,
the site served from a thread on 127.0.0.1.
"""

from __future__ import annotations

import contextlib
import functools
import gzip
import io
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

# Only types: the caller brings Playwright (the tests' fast layer imports this module without it).
if TYPE_CHECKING:
    from playwright.sync_api import Browser, Playwright, Request

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]

#: The viewport of a desktop screen with margins.
WIDE = 1400
HEIGHT = 900


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves files without logging each request to the test output."""

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


#: What a compressing server (GitHub Pages, Netlify, nginx's gzip on) sends gzip-compressed.
COMPRESSED_TYPES = ("text/", "application/javascript", "application/json", "image/svg+xml")


class GzipHandler(QuietHandler):
    """Serves text files gzip-compressed (level 6) to a browser that accepts it, as web hosts do."""

    def send_head(self):  # noqa: ANN201 — SimpleHTTPRequestHandler's own hook
        path = self.translate_path(self.path)
        ctype = self.guess_type(path)
        if (
            "gzip" not in self.headers.get("Accept-Encoding", "")
            or not Path(path).is_file()
            or not ctype.startswith(COMPRESSED_TYPES)
        ):
            return super().send_head()
        body = gzip.compress(Path(path).read_bytes(), 6)
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


class QuietServer(http.server.ThreadingHTTPServer):
    """A threaded server that does not print a browser's dropped connections."""

    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        pass


@contextlib.contextmanager
def serve_folder(folder: Path, compress: bool = False) -> Iterator[str]:
    """Serve ``folder`` over HTTP on 127.0.0.1 (a free port) from a thread; yield its URL.

    With ``compress``, text files go gzip-compressed, as a web host sends them.
    """
    handler = GzipHandler if compress else QuietHandler
    server = QuietServer(("127.0.0.1", 0), functools.partial(handler, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def launch_chromium(playwright: Playwright) -> Browser:
    """Debian's Chromium, headless, with no background traffic (never a downloaded browser)."""
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)


def page_weight(browser: Browser, url: str, width: int = WIDE, height: int = HEIGHT) -> tuple[int, int]:
    """Bytes of all response bodies and number of requests of one fresh page load."""
    context = browser.new_context(viewport={"width": width, "height": height})
    try:
        page = context.new_page()
        finished: list[Request] = []
        page.on("requestfinished", lambda request: finished.append(request))
        page.goto(url, wait_until="networkidle")
        return sum(max(r.sizes()["responseBodySize"], 0) for r in finished), len(finished)
    finally:
        context.close()
