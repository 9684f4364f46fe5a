"""``newsmark add URL...``: fetch pages into the folder of fetched pages without opening
the reader."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from ..status import ExitStatus

if TYPE_CHECKING:
    from ..parser import Subcommands

NAME = "add"
SUMMARY = "fetch web pages into the folder of fetched pages (not opening the reader)"
DESCRIPTION = (
    "Fetch each URL's page and keep a copy in the folder of fetched pages ($NEWSMARK_PAGES, or 'pages' in the "
    "user data folder), printing each copy's path; the last line names the folder, which 'newsmark FOLDER' lists. "
    "A page already kept is not fetched again unless --refresh. Each failure is one line; exit status 2 if any failed. "
    "Every command that takes an article takes its URL too, read from the copy kept."
)
EXAMPLES = (
    "newsmark add https://news.example/2026/03/harbour-dredging https://news.example/live/floods",
    "newsmark https://news.example/2026/03/harbour-dredging",
    "newsmark parse --refresh https://news.example/2026/03/harbour-dredging",
)


def register(subparsers: Subcommands) -> None:
    """Add ``add`` and its arguments."""
    add = subparsers.add(NAME, SUMMARY, DESCRIPTION, EXAMPLES)
    add.add_argument("urls", metavar="URL", nargs="+", help="an http(s):// address of a web page")
    add.add_argument("--refresh", action="store_true", help="fetch pages again even if a copy is kept")
    add.set_defaults(handler=run)


def run(args: argparse.Namespace) -> ExitStatus:
    """``newsmark add URL...``: fetch pages into the folder of fetched pages, with a progress bar."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    from annotations.errors import NewsmarkError, escape_controls
    from annotations.metadata import counted
    from annotations.web.pages import WebPages
    from annotations.web.targets import without_userinfo

    from ..urls import is_url, target_policy

    pages = WebPages.default()
    policy = target_policy(args)
    failures = 0
    kept: list[str] = []
    console = Console(stderr=True)
    # The URL is shown as written: never read as Rich markup ("[bold]" in a URL is part of it).
    columns = (TextColumn("fetching"), BarColumn(), MofNCompleteColumn(), TextColumn("{task.description}", markup=False))
    with Progress(*columns, console=console, transient=True, disable=not console.is_terminal) as progress:
        task = progress.add_task("", total=len(args.urls))
        for url in args.urls:
            progress.update(task, description=escape_controls(without_userinfo(url)))
            try:
                if not is_url(url):
                    raise NewsmarkError(without_userinfo(url), "not an http:// or https:// URL")
                kept.append(str(pages.get(url, refresh=args.refresh, policy=policy)))
            except NewsmarkError as error:
                failures += 1
                # Above the bar on a terminal; a plain line otherwise (str(error) is inert already).
                progress.console.print(f"newsmark: {error}", markup=False, highlight=False, soft_wrap=True, emoji=False)
            progress.advance(task)
    for path in kept:
        sys.stdout.write(f"{escape_controls(path)}\n")
    sys.stdout.flush()
    folder = escape_controls(str(pages.folder))
    print(f"{len(kept)} of {counted(len(args.urls), 'page')} kept in {folder} (newsmark {folder} lists them)", file=sys.stderr)
    return ExitStatus.ERROR if failures else ExitStatus.OK
