"""Articles from the web: fetching a page by URL (:mod:`~annotations.web.fetch`) and the
folder of fetched pages, one copy per URL (:mod:`~annotations.web.pages`), which later
reads and annotations use offline."""

from __future__ import annotations

#: What an argument naming a web page starts with.
URL_SCHEMES = ("http://", "https://")


def is_url(text: str) -> bool:
    """Whether a command-line argument is an ``http(s)://`` URL rather than a path."""
    return text[:8].lower().startswith(URL_SCHEMES)
