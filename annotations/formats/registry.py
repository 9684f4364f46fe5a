"""Every input format newsmark reads, in one table.

A format names the file suffixes it owns, optionally a test that recognises its content
when the suffix says nothing, and the module whose ``parse(lines)`` turns the decoded
lines (front matter removed) into a :class:`~annotations.model.ParsedBody`. The same
table decides how a file opens and which files of a folder are articles.

A new input format is one module with a ``parse`` function plus one entry in
:data:`FORMATS`. Parser modules are imported only when a file of their format is read,
so a format with a heavy dependency costs nothing to readers of other formats.
"""

from __future__ import annotations

import importlib
import os
import re
import stat
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import NamedTuple, Protocol, cast

from annotations.files import cannot_read, file_kind
from annotations.formats.sniffing import looks_like_html
from annotations.model import ParsedBody


class Parser(Protocol):
    """The ``parse`` function of a format's module."""

    def __call__(self, lines: list[str]) -> ParsedBody: ...


class ArticleFormat(NamedTuple):
    """One input format: its name, the suffixes it owns, its parser module."""

    name: str
    suffixes: frozenset[str]
    module: str
    """Dotted name of the module whose ``parse(lines)`` reads this format."""
    sniff: Callable[[str], bool] | None = None
    """Whether decoded text that came without a known suffix is in this format."""
    empty_reason: str = "no paragraphs: nothing to read"
    """What a file of this format in which the parser found nothing is told."""

    @property
    def parse(self) -> Parser:
        """The format's parser (its module is imported on first use)."""
        return cast(Parser, importlib.import_module(self.module).parse)


#: The formats in the order their ``sniff`` tests are tried; the first is the default.
FORMATS: tuple[ArticleFormat, ...] = (
    ArticleFormat("text", frozenset({".txt", ".text"}), "annotations.formats.sectioned"),
    ArticleFormat("markdown", frozenset({".md", ".markdown", ".mdown", ".mkd"}), "annotations.formats.markdown"),
    ArticleFormat(
        "html",
        frozenset({".html", ".htm", ".xhtml"}),
        "annotations.formats.html",
        sniff=looks_like_html,
        empty_reason="no article found in the web page",
    ),
)
DEFAULT_FORMAT = FORMATS[0]


def format_named(name: str) -> ArticleFormat:
    """The format called ``name``; ``KeyError`` naming the known ones if there is none."""
    for article_format in FORMATS:
        if article_format.name == name:
            return article_format
    raise KeyError(f"unknown article format {name!r} (known: {', '.join(f.name for f in FORMATS)})")


def format_for(path: str | Path, text: str | None = None) -> ArticleFormat:
    """The format of the file at ``path``: by its suffix, else by its decoded ``text``
    (each format's ``sniff``), else the default (sectioned text)."""
    suffix = Path(path).suffix.lower()
    for article_format in FORMATS:
        if suffix in article_format.suffixes:
            return article_format
    if text is not None:
        for article_format in FORMATS:
            if article_format.sniff is not None and article_format.sniff(text):
                return article_format
    return DEFAULT_FORMAT


def article_suffixes() -> frozenset[str]:
    """Every suffix some format owns."""
    return frozenset(suffix for article_format in FORMATS for suffix in article_format.suffixes)


def is_article_file(path: Path) -> bool:
    """Whether a file found in a folder is an article: not hidden, and a suffix some format owns."""
    return not path.name.startswith(".") and path.suffix.lower() in article_suffixes()


#: newsmark's own briefs (``<article>.newsmark.brief.md``, ``.newsmark-2.brief.html``, …:
#: see :func:`annotations.exchange.brief.default_brief_path`), written beside articles in
#: formats that are article formats too, but never articles themselves.
GENERATED_NAME = re.compile(r"\.newsmark(-[0-9]+)?\.brief\.[A-Za-z]+$")


class FolderArticles(NamedTuple):
    """What a folder holds by the article suffixes: the regular files, and the rest with why
    each cannot be read (a pipe, a device, a dangling link, a symlink loop)."""

    files: list[Path]
    unreadable: list[tuple[Path, str]]
    folders: list[Path]
    """The folders in it (hidden ones left out), by name: where a library looks further."""


def articles_in(folder: Path) -> Iterator[Path]:
    """The article files directly inside ``folder`` that are regular files (or links to
    them), sorted by name: see :func:`scan_folder`."""
    yield from scan_folder(folder).files


def scan_folder(folder: Path) -> FolderArticles:
    """The article files directly inside ``folder``, sorted by name (newsmark's own
    briefs, :data:`GENERATED_NAME`, left out), and apart the entries with an article's
    name that are no readable file, each with its reason: nothing but a regular file is
    ever opened, and one bad entry never stops the others being listed; and apart the
    folders in it (a library lists them too: :mod:`annotations.library.folders`).

    One ``scandir``: its entries know whether they are files without a ``stat`` each
    (a folder of 10,000 articles is listed in ~20 ms instead of ~90 ms).
    """
    suffixes = article_suffixes()
    found = FolderArticles([], [], [])
    with os.scandir(folder) as entries:
        for entry in sorted(entries, key=lambda e: e.name):
            if entry.name.startswith("."):
                continue
            if os.path.splitext(entry.name)[1].lower() not in suffixes or GENERATED_NAME.search(entry.name):
                if _is_folder(entry):
                    found.folders.append(folder / entry.name)
                continue
            reason = _not_a_file(entry)
            if reason is None:
                found.files.append(folder / entry.name)
            elif reason:
                found.unreadable.append((folder / entry.name, reason))
            else:
                found.folders.append(folder / entry.name)
    return found


def _is_folder(entry: os.DirEntry[str]) -> bool:
    """Whether ``entry`` is a folder (or a link to one); no for what cannot be looked at."""
    try:
        return entry.is_dir()
    except OSError:
        return False


def _not_a_file(entry: os.DirEntry[str]) -> str | None:
    """None for a regular file (or a link to one), "" for a folder, else why it is no article."""
    try:
        if entry.is_file():
            return None
        mode = os.stat(entry.path).st_mode
    except FileNotFoundError:
        return "a symbolic link to a missing file" if entry.is_symlink() else "no such file (deleted since listed)"
    except OSError as problem:
        return cannot_read(problem)
    return "" if stat.S_ISDIR(mode) else f"is not a regular file ({file_kind(mode)}), not an article file"
