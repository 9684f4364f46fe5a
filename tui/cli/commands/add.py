"""``newsmark add URL...``: fetch pages into the folder of fetched pages without opening
the reader."""

from __future__ import annotations

import argparse
import sys

from ..status import ExitStatus


def add_arguments(add: argparse.ArgumentParser) -> None:
    """Give the ``add`` subcommand's parser its arguments."""
    add.add_argument("urls", metavar="URL", nargs="+", help="an http(s):// address of a web page")
    add.add_argument("--refresh", action="store_true", help="fetch pages again even if a copy is kept")
    add.set_defaults(handler=cmd_add)


def cmd_add(args: argparse.Namespace) -> int:
    """``newsmark add URL...``: fetch pages into the folder of fetched pages, with a progress bar."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    from annotations.errors import NewsmarkError, escape_controls
    from annotations.web.pages import WebPages

    from ..urls import is_url

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
