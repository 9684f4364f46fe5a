"""``newsmark serve [PATH...] [--host H] [--port N]``: the reader in a web browser."""

from __future__ import annotations

import argparse
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
    "and --annotator. It listens on 127.0.0.1 (this machine only) unless --host names another address; then "
    "anyone who can reach it reads and tags articles in this machine's store, as you."
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


def run(args: argparse.Namespace) -> ExitStatus:
    """Serve the reader until interrupted."""
    settings = settings_for(args)
    given = args.paths or ["."]
    paths = [Path(path) for path in given]
    missing = next((path for path in paths if not path.exists()), None)
    if missing is not None:
        raise UsageError(missing, "no such file or folder")
    named_articles(given)
    if not 1 <= args.port <= 65535:
        raise UsageError(None, f"--port: {args.port} is not a port (1-65535)")
    public_url = None
    if args.host not in LOCAL_HOSTS:
        print(
            escape_controls(
                f"newsmark: warning: serving on {args.host}: anyone who can reach it reads and tags articles "
                f"in this machine's store ({settings.store_path}) as {settings.annotator}"
            ),
            file=sys.stderr,
        )
        if args.host in ("0.0.0.0", "::", ""):
            import socket

            public_url = f"http://{socket.getfqdn()}:{args.port}"
    from textual_serve.server import Server

    Server(serve_command(paths, settings, args), host=args.host, port=args.port, title="newsmark", public_url=public_url).serve()
    return ExitStatus.OK
