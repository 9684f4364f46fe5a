"""URLs on the command line: every argument that names an article may be an ``http(s)://``
URL, read as the kept copy of its page (fetched first if there is none, or with
``--refresh``); and ``newsmark add URL...``, which fetches pages into the folder of
fetched pages without opening the reader."""

from __future__ import annotations

import argparse
import sys

from annotations.errors import NewsmarkError
from annotations.web import is_url

#: The arguments that name articles, whatever the command (``paths``: ``newsmark PATH...``);
#: a new command that names its article argument so takes URLs with no change here.
ARTICLE_ARGUMENTS = ("file", "files", "paths")
#: Commands whose such arguments are not articles (``import`` reads exports).
NOT_ARTICLES = frozenset({"import", "add"})


def _article_argument(args: argparse.Namespace) -> str | None:
    """The name of the argument of ``args`` that names articles, if any."""
    if getattr(args, "command", None) in NOT_ARTICLES:
        return None
    return next((name for name in ARTICLE_ARGUMENTS if hasattr(args, name)), None)


def needs_resolving(args: argparse.Namespace) -> bool:
    """Whether some argument naming an article is a URL."""
    name = _article_argument(args)
    value = getattr(args, name, None) if name else None
    values = value if isinstance(value, list) else [value]
    return any(isinstance(v, str) and is_url(v) for v in values)


def resolve_urls(args: argparse.Namespace) -> None:
    """Replace each URL that names an article by the path of its page's kept copy.

    Raises :class:`~annotations.web.fetch.WebError` (``URL: reason``) for a page that
    cannot be fetched; nothing is kept then.
    """
    if not needs_resolving(args):
        return
    from annotations.web.pages import WebPages

    name = _article_argument(args)
    if name is None:
        return
    pages = WebPages.default()
    refresh = bool(getattr(args, "refresh", False))
    value = getattr(args, name, None)
    if isinstance(value, str) and is_url(value):
        setattr(args, name, str(pages.get(value, refresh=refresh)))
    elif isinstance(value, list):
        setattr(args, name, [str(pages.get(v, refresh=refresh)) if is_url(v) else v for v in value])


def add_arguments(add: argparse.ArgumentParser) -> None:
    """Give the ``add`` subcommand's parser its arguments."""
    add.add_argument("urls", metavar="URL", nargs="+", help="an http(s):// address of a web page")
    add.add_argument("--refresh", action="store_true", help="fetch pages again even if a copy is kept")
    add.set_defaults(handler=cmd_add)


def cmd_add(args: argparse.Namespace) -> int:
    """``newsmark add URL...``: fetch pages into the folder of fetched pages, with a progress bar."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    from annotations.errors import escape_controls
    from annotations.web.pages import WebPages

    from .cli.status import ExitStatus

    pages = WebPages.default()
    failures = 0
    kept: list[str] = []
    console = Console(stderr=True)
    # The URL is shown as written: never read as Rich markup ("[bold]" in a URL is part of it).
    columns = (TextColumn("fetching"), BarColumn(), MofNCompleteColumn(), TextColumn("{task.description}", markup=False))
    with Progress(*columns, console=console, transient=True, disable=not console.is_terminal) as progress:
        task = progress.add_task("", total=len(args.urls))
        for url in args.urls:
            progress.update(task, description=escape_controls(url))
            try:
                if not is_url(url):
                    raise NewsmarkError(url, "not an http:// or https:// URL")
                kept.append(str(pages.get(url, refresh=args.refresh)))
            except NewsmarkError as error:
                failures += 1
                # Above the bar on a terminal; a plain line otherwise (str(error) is inert already).
                progress.console.print(f"newsmark: {error}", markup=False, highlight=False, soft_wrap=True, emoji=False)
            progress.advance(task)
    for path in kept:
        sys.stdout.write(f"{escape_controls(path)}\n")
    sys.stdout.flush()
    folder = escape_controls(str(pages.folder))
    print(f"{len(kept)} of {len(args.urls)} pages kept in {folder} (newsmark {folder} lists them)", file=sys.stderr)
    return ExitStatus.ERROR if failures else ExitStatus.OK
