"""``newsmark claims [PATH...] [--status S] [--json]``: every claim with its verdict."""

from __future__ import annotations

import argparse
import json
import os
import sys
from typing import TYPE_CHECKING

from annotations.errors import escape_controls

from ..common import expand_paths, open_store, settings_for
from ..status import ExitStatus

if TYPE_CHECKING:
    from annotations.store.claims import Claim

    from ..parser import Subcommands

NAME = "claims"
SUMMARY = "every claim with its status, evidence, source grade and links"
DESCRIPTION = (
    "List every checkable record (claim and figure by default) of the stored articles, or of the PATHs "
    "(files or folders): its status, how many evidence items it has, the grade of the source it is "
    "attributed to, and its links. --json prints [{path, sentence, text, tags, status, evidence, links, annotator}]."
)
EXAMPLES = ("newsmark claims", "newsmark claims --status false", "newsmark claims articles/ --json")
#: The most characters of a claim's text a line shows.
TEXT_SHOWN = 60


def register(subparsers: Subcommands) -> None:
    """Add ``claims`` and its arguments."""
    from ..parser import Shared

    parser = subparsers.add(NAME, SUMMARY, DESCRIPTION, EXAMPLES, shared=Shared.READER)
    parser.add_argument("paths", metavar="PATH", nargs="*")
    parser.add_argument("--status", metavar="S", help="only claims with this status")
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> ExitStatus:
    """Print the claims: one line each, or JSON."""
    from annotations.model import storable_path
    from annotations.store.claims import claims_in
    from annotations.store.corpus import stored_articles
    from annotations.store.holding import LockMode

    settings = settings_for(args)
    if args.status is not None:
        settings.schema.verdicts.require(args.status)
    paths = {storable_path(os.path.abspath(path)) for path in expand_paths(args.paths)} if args.paths else None
    with open_store(settings, LockMode.READ) as store:
        articles = stored_articles(store, cache=settings.sentence_cache, schema=settings.schema)
        found = [c for c in claims_in(articles, settings.schema, paths=paths) if args.status in (None, c.status)]
    if args.json:
        sys.stdout.write(json.dumps([claim.as_json() for claim in found], ensure_ascii=False, indent=2) + "\n")
        return ExitStatus.OK
    for claim in found:
        print(_line(claim))
    if not found:
        print("no claims" + (f" with status {args.status}" if args.status else ""), file=sys.stderr)
    return ExitStatus.OK


def _line(claim: Claim) -> str:
    """``path#8  false  2 evidence  source B2  1 link  ana  "text…"``."""
    from pathlib import PurePath

    record = claim.record
    evidence = len(record.get("evidence", ()))
    links = len(record.get("links", ()))
    text = " ".join(claim.text.split())
    if len(text) > TEXT_SHOWN:
        text = text[: TEXT_SHOWN - 1] + "…"
    parts = [
        f"{PurePath(claim.path).name}#{record['sentence']}",
        claim.status,
        f"{evidence} evidence",
        f"source {claim.source_grade or '-'}",
        f"{links} link{'s' * (links != 1)}",
        record["annotator"],
        f'"{text}"',
    ]
    return escape_controls("  ".join(parts))
