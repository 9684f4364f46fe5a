"""What the commands share: their settings, reading an article, opening the store and
an article's annotations in it, sentence and tag arguments, the files a command names,
and writing a result.

Light to import (the parser imports every command, and every command this): the store,
the loader and the config are imported by the functions that use them.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from annotations.errors import NewsmarkError, escape_controls
from annotations.patterns import text_pattern

from .status import ExitStatus

if TYPE_CHECKING:
    import argparse

    from annotations.config import Settings
    from annotations.model import Article
    from annotations.schema import TagSchema
    from annotations.store.article_annotations import ArticleAnnotations
    from annotations.store.folder import Store
    from annotations.store.holding import LockMode

#: A command's ``run``.
Handler = Callable[["argparse.Namespace"], ExitStatus]
#: Seconds a command waits for another writer (another command) to finish.
WRITER_WAIT = 3.0
_RANGE = r"^(\d+)(?:-(\d+))?$"


class UsageError(NewsmarkError):
    """A command-line value that makes no sense."""


def parse_sentence_spec(spec: str) -> list[int]:
    """``5``, ``1-20``, ``3,7,9`` or a mix (``1-3,7``) → sorted sentence numbers."""
    numbers: set[int] = set()
    for part in spec.replace(" ", "").split(","):
        match = text_pattern(_RANGE).match(part)
        if not match:
            raise UsageError(None, f"sentences: {spec!r} is not a number, a range like 1-20, or a list like 3,7,9")
        first = int(match.group(1))
        last = int(match.group(2) or first)
        if first < 1 or last < first:
            raise UsageError(None, f"sentences: {part!r} is not a valid range")
        if last - first > 1_000_000:
            raise UsageError(None, f"sentences: {part!r} is too large a range")
        numbers.update(range(first, last + 1))
    return sorted(numbers)


def tag_names(values: list[str] | None, schema: TagSchema) -> list[str]:
    """Tags named on the command line by name or key letter, as names (unknown ones kept,
    for :meth:`TagSchema.require` to refuse naming them)."""
    by_key = {tag.key: tag.name for tag in schema.tags}
    return [value if schema.get(value) is not None else by_key.get(value, value) for value in values or []]


def settings_for(args: argparse.Namespace) -> Settings:
    """Settings from the options every command shares."""
    from annotations.config import resolve_settings

    from ..colours import is_terminal_colour
    from ..reserved_keys import tag_key_problem

    return resolve_settings(
        db=args.db,
        annotator=getattr(args, "annotator_name", None),
        config=args.config,
        is_colour=is_terminal_colour,
        key_check=tag_key_problem,
    )


def read_article(path: str | Path, settings: Settings, *, first_part_only: bool = False, named: bool = True) -> Article:
    """Load an article, its sentence boundaries cached where the settings say. A path the
    user ``named`` may be a pipe (``<(command)``); any other (the store's) only a regular file."""
    from annotations.formats.loader import load_article

    return load_article(path, cache=settings.sentence_cache, first_part_only=first_part_only, streams=named)


@contextmanager
def open_store(settings: Settings, mode: LockMode, *, saves_as_annotator: bool = True) -> Iterator[Store]:
    """Open the store (a writer waits its turn briefly) and always release its locks.
    ``saves_as_annotator``: whether a write saves records under the annotator's name
    (then, under a login name nobody chose, the first such write says so once); an
    import of newsmark files keeps each record's own annotator."""
    from annotations.store.folder import Store
    from annotations.store.holding import LockMode

    store = Store(settings.store_path, mode=mode, wait=0.0 if mode is LockMode.READ else WRITER_WAIT)
    try:
        yield store
    finally:
        store.close()
    if mode is not LockMode.READ and saves_as_annotator and settings.annotator_defaulted:
        from annotations.store.annotator_notice import first_notice

        notice = first_notice(store.root, settings.annotator)
        if notice is not None:
            print(f"newsmark: {notice}", file=sys.stderr)


def article_annotations(store: Store, article: Article, settings: Settings) -> ArticleAnnotations:
    """``article``'s annotations in ``store``, as the settings' annotator edits them."""
    from annotations.store.article_annotations import open_article

    return open_article(store, article, annotator=settings.annotator, schema=settings.schema)


def check_sentences(article: Article, sentences: list[int]) -> None:
    """Refuse sentence numbers the article does not have, before any store is opened."""
    total = len(article.sentences)
    wrong = next((n for n in sentences if not 1 <= n <= total), None)
    if wrong is not None:
        raise UsageError(article.path, f"sentence {wrong} is out of range 1-{total}")


def leaves_no_new_store(handler: Handler) -> Handler:
    """A store command that, when it fails, leaves no store folder it created behind
    (see :func:`annotations.store.creation.discard_new_store`)."""

    @functools.wraps(handler)
    def run(args: argparse.Namespace) -> ExitStatus:
        from annotations.store.creation import discard_new_store, first_missing

        root = settings_for(args).store_path
        created = first_missing(root)
        code = ExitStatus.ERROR
        try:
            code = handler(args)
            return code
        finally:
            if created is not None and code != ExitStatus.OK:
                discard_new_store(root, created)

    return run


def write_result(data: bytes, output: str, summary: Callable[[str], str], what: str) -> None:
    """Write an export or brief to stdout (``-``) or atomically to ``output``, then say so on stderr."""
    from annotations.exchange.export import write_output

    if output == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    try:
        write_output(data, output)
    except OSError as error:
        raise NewsmarkError(output, f"cannot write the {what}: {error.strerror or error}") from None
    print(escape_controls(summary(output)), file=sys.stderr)


def named_articles(paths: list[str], *, keep_unreadable: bool = False, depth: int = 0, skip: Sequence[Path] = ()) -> list[Path]:
    """The article files of ``paths`` (see :func:`expand_paths`); naming only folders
    without articles is a mistake, said in one line."""
    return [path for path, _ in _named_entries(paths, keep_unreadable=keep_unreadable, depth=depth, skip=skip)]


def read_named_articles(paths: list[str], settings: Settings) -> list[Article]:
    """The articles of ``paths`` read from disk, for a command on the FILEs and FOLDERs named.

    A file named on the command line that cannot be read is an error (raised). A folder
    stands for its readable articles, as in the library: one of its files that cannot be
    read as an article (empty, binary, ...) is left out, named with its reason in one
    line on stderr, and the rest goes on; a folder none of whose files could be read is
    a mistake, said in one line, never an empty list (that would mean every stored article).
    """
    from annotations.errors import ArticleError

    articles: list[Article] = []
    for path, named in _named_entries(paths):
        try:
            articles.append(read_article(path, settings))
        except ArticleError as error:
            if named:
                raise
            print(f"newsmark: {escape_controls(f'{path}: left out: {error.reason}')}", file=sys.stderr)
    if paths and not articles:
        raise UsageError(paths[0], "no readable article here (each is left out, as said above)")
    return articles


def open_articles(store: Store, articles: list[Article], settings: Settings) -> list[ArticleAnnotations]:
    """Each of ``articles`` (read by :func:`read_named_articles`) opened in ``store``, re-anchored to its text."""
    return [article_annotations(store, article, settings) for article in articles]


def _named_entries(
    paths: list[str], *, keep_unreadable: bool = False, depth: int = 0, skip: Sequence[Path] = ()
) -> list[tuple[Path, bool]]:
    """:func:`expand_paths`'s files, each with whether it was named itself (not found in
    a folder); naming only folders without articles is a mistake, said in one line."""
    from annotations.formats.registry import article_suffixes

    entries = _expanded(paths, keep_unreadable=keep_unreadable, depth=depth, skip=skip)
    if paths and not entries:
        raise UsageError(paths[0], f"no articles here ({', '.join(sorted(article_suffixes()))})")
    return entries


def expand_paths(paths: list[str], *, keep_unreadable: bool = False, depth: int = 0, skip: Sequence[Path] = ()) -> list[Path]:
    """Files as given; folders become the article files inside them (by the format registry),
    and inside their subfolders ``depth`` levels down, but for the folders in ``skip`` (see
    :func:`annotations.library.folders.library_articles`).

    An entry of a folder that has an article's name but is no readable file (a pipe, a
    dangling link, a symlink loop) is never opened: it is named with its reason in a
    warning line and left out, or, with ``keep_unreadable`` (the library, which lists it
    as unreadable), kept in its place.
    """
    return [path for path, _ in _expanded(paths, keep_unreadable=keep_unreadable, depth=depth, skip=skip)]


def _expanded(paths: list[str], *, keep_unreadable: bool, depth: int, skip: Sequence[Path]) -> list[tuple[Path, bool]]:
    """:func:`expand_paths`, each file with whether it was named itself."""
    result: list[tuple[Path, bool]] = []
    for value in paths:
        path = Path(value)
        if not path.is_dir():
            result.append((path, True))
            continue
        from annotations.library.folders import library_articles  # only for a folder

        found = library_articles(path, depth, skip=skip)
        if keep_unreadable:
            every = [*found.files, *(bad for bad, _ in found.unreadable)]
            result.extend((file, False) for file in sorted(every, key=lambda p: (p.parent.parts, p.name)))  # each folder's files by name
            continue
        result.extend((file, False) for file in found.files)
        for bad, reason in found.unreadable:
            print(f"newsmark: warning: {escape_controls(f'{bad}: {reason} (skipped)')}", file=sys.stderr)
    return result
