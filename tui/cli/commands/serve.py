"""``newsmark serve [PATH...] [--host H] [--port N] [--token T] [--public-url URL]``: the reader in a
web browser, behind a secret token (see :mod:`tui.cli.serve_guard`)."""

from __future__ import annotations

import argparse
import errno
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from annotations.errors import escape_controls

from ..common import UsageError, named_articles, settings_for
from ..status import ExitStatus

if TYPE_CHECKING:
    from annotations.config import Settings
    from annotations.web.targets import TargetPolicy

    from ..parser import Subcommands

NAME = "serve"
SUMMARY = "the reader in a web browser (textual-serve), on this machine only unless --host"
DESCRIPTION = (
    "Serve the reader in a web browser: each browser tab runs 'newsmark PATH...' with the same --db, --config "
    "and --annotator. The first line printed is the address to open, with a secret token (a new one each time "
    "unless --token or the config's serve_token: fixes it); without it the server answers 403, as it does to "
    "other web sites' pages and to a Host that is not the address served. It listens on 127.0.0.1 (this machine "
    "only) unless --host names another address; then anyone who can reach it and has the token reads and tags "
    "articles in this machine's store, as you."
)
EXAMPLES = ("newsmark serve article.txt", "newsmark serve ~/news/ --port 8080")
#: Addresses that only this machine can reach.
LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})


def register(subparsers: Subcommands) -> None:
    """Add ``serve`` and its arguments."""
    from ..parser import Shared

    parser = subparsers.add(NAME, SUMMARY, DESCRIPTION, EXAMPLES, shared=Shared.WRITER)
    parser.add_argument(
        "paths", metavar="PATH", nargs="*", help="articles or folders, as for newsmark PATH... (default: the current folder)"
    )
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1, this machine only)")
    parser.add_argument("--port", type=int, default=8000, help="port to listen on (default: 8000)")
    parser.add_argument("--token", help="the secret the address must bring (default: the config's serve_token:, else a new random one)")
    parser.add_argument(
        "--public-url",
        metavar="URL",
        help="the address browsers use, when a reverse proxy serves this one (e.g. https://news.example.org)",
    )
    parser.set_defaults(handler=run, target_policy=target_policy)


def target_policy(args: argparse.Namespace, policy: TargetPolicy) -> TargetPolicy:
    """Served to other machines, no URL may lead to a private address (this machine's, its network's)."""
    return policy if args.host in LOCAL_HOSTS else policy.serving_publicly()


def serve_command(paths: list[Path], settings: Settings, args: argparse.Namespace) -> str:
    """The shell command each browser session runs: this newsmark's reader on ``paths``
    (absolute), with the store, config and annotator of this ``serve``."""
    import shlex

    command = [sys.executable, "-m", "tui.cli", f"--db={settings.store_path.resolve()}", f"--annotator={settings.annotator}"]
    if args.config is not None:
        command.append(f"--config={os.path.abspath(args.config)}")
    return shlex.join([*command, "--", *(os.path.abspath(path) for path in paths)])


def served_url(args: argparse.Namespace) -> str:
    """The address browsers open: ``--public-url``, else the one listened on (``--host 0.0.0.0``: this machine's name)."""
    if args.public_url:
        from ..serve_guard import public_url_problem

        if public_url_problem(args.public_url) is not None:
            raise UsageError(None, f"--public-url: {args.public_url} is not an http:// or https:// address without a path")
        return str(args.public_url).rstrip("/")
    host = args.host
    if host in ("0.0.0.0", "::", ""):
        import socket

        host = socket.getfqdn()
    return f"http://[{host}]:{args.port}" if ":" in host else f"http://{host}:{args.port}"


def serve_token(args: argparse.Namespace, settings: Settings) -> str:
    """The secret this ``serve`` requires: ``--token``, the config's ``serve_token:``, else a new one."""
    from ..serve_guard import new_token, token_problem

    token: str | None = args.token if args.token is not None else settings.serve_token
    if token is None:
        return new_token()
    problem = token_problem(token)
    if problem is not None:
        if args.token is not None:
            raise UsageError(None, f"--token: {problem}")
        raise UsageError(settings.config_path, f"serve_token: {problem}")
    return token


def run(args: argparse.Namespace) -> ExitStatus:
    """Serve the reader until interrupted; the first line printed is the address to open."""
    settings = settings_for(args)
    given = args.paths or ["."]
    paths = [Path(path) for path in given]
    missing = next((path for path in paths if not path.exists()), None)
    if missing is not None:
        raise UsageError(missing, "no such file or folder")
    named_articles(given)
    if not 1 <= args.port <= 65535:
        raise UsageError(None, f"--port: {args.port} is not a port (1-65535)")
    from ..serve_guard import Guard, GuardedServer

    guard = Guard(served_url(args), serve_token(args, settings))
    if args.host not in LOCAL_HOSTS:
        print(
            escape_controls(
                f"newsmark: warning: serving on {args.host}: anyone who can reach it and has the address printed "
                f"reads and tags articles in this machine's store ({settings.store_path}) as {settings.annotator}"
            ),
            file=sys.stderr,
        )
    print(guard.url, flush=True)
    command = serve_command(paths, settings, args)
    try:
        GuardedServer(command, guard=guard, host=args.host, port=args.port, title="newsmark").serve()
    except OSError as error:  # aiohttp binds only now
        if error.errno not in (errno.EADDRINUSE, errno.EADDRNOTAVAIL, errno.EACCES):
            raise
        raise UsageError(None, f"cannot listen on {args.host} port {args.port}: {os.strerror(error.errno)}") from error
    return ExitStatus.OK
