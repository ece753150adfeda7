"""Addresses on the published site. Pure logic."""

from __future__ import annotations

from urllib.parse import urljoin


def join_url(base: str, uri: str) -> str:
    """``uri`` (relative to the site's root) joined to the site's base URL.

    The base names a folder, with or without its closing slash, as Sphinx's
    ``html_baseurl`` does; without a base URL, the URI as it is.

    >>> join_url("https://example.org/edition", "book/healing.html#p4")
    'https://example.org/edition/book/healing.html#p4'
    >>> join_url("", "book/healing.html")
    'book/healing.html'
    """
    return urljoin(base.rstrip("/") + "/", uri) if base else uri
