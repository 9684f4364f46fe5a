"""``newsmark PATH...``, the default action: one article file opens the reader; a folder,
or several paths, the library."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from ..common import UsageError, article_annotations, named_articles, read_article, settings_for
from ..status import ExitStatus

if TYPE_CHECKING:
    import argparse


def opens_reader(paths: list[str]) -> bool:
    """Whether ``newsmark PATH...`` opens the reader (one article file) rather than the
    library (a folder, even of one article, or several paths)."""
    return len(paths) == 1 and not Path(paths[0]).is_dir()


def library_roots(paths: list[str]) -> list[Path]:
    """The folders named for a library: its articles' paths are shown from them
    (``a/grid-outage.txt`` for ``newsmark lib/``, even when it is the only article)."""
    return [Path(p) for p in paths if Path(p).is_dir()]


#: Why the app is not started without a terminal (it drew into a pipe and spun a core).
NO_TERMINAL = (
    'the reader needs a terminal (standard input and output are not one); use a newsmark command such as "newsmark stats FILE" instead'
)


def has_terminal() -> bool:
    """Whether the app has a terminal to run in: standard input and output are one, or
    another Textual driver is named (``newsmark serve`` runs the app under textual-serve's
    web driver, over pipes)."""
    if os.environ.get("TEXTUAL_DRIVER"):
        return True
    return all(stream is not None and stream.isatty() for stream in (sys.stdin, sys.stdout))


def run(args: argparse.Namespace) -> ExitStatus:
    """Run the app on ``args.paths`` until it exits; its exit status (128 + a signal after one)."""
    from annotations.store.folder import Store
    from annotations.store.holding import LockMode

    if not has_terminal():  # before anything is read or written
        raise UsageError(None, NO_TERMINAL)
    settings = settings_for(args)
    library = not opens_reader(args.paths)
    depth = settings.library_depth if library else 0  # a library lists subfolders too
    paths = named_articles(args.paths, keep_unreadable=True, depth=depth, skip=[settings.store_path])
    article = read_article(paths[0], settings, first_part_only=True) if not library else None
    store = Store(settings.store_path, mode=LockMode.AUTO)
    # Textual paints at most 60 frames a second, so a key waits up to 17 ms for its frame.
    # At 240 the wait is at most 4 ms (cursor p90 16 -> 10 ms, measured), at no cost in
    # CPU: the screen timer sleeps when nothing changes, and a key repaints one frame
    # either way (0.2% idle, 16% holding j down, at 60, 120 and 240). TEXTUAL_FPS overrides.
    os.environ.setdefault("TEXTUAL_FPS", "240")
    try:
        from ...app import NewsmarkApp

        # the article's records are read before the app starts: a store file that cannot
        # be read is one error line and status 2, not a traceback from inside the app
        opened = article_annotations(store, article, settings) if article is not None else None
        app = NewsmarkApp(settings, store, article=article, paths=paths, roots=library_roots(args.paths) if library else [], opened=opened)
        app.run()
    finally:
        store.close()
    return ExitStatus(app.return_code or ExitStatus.OK)
