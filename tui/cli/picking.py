"""Whose records ``export`` and ``brief`` pick: ``--by NAME`` (repeatable) or ``--all``.

``--annotator NAME`` says who you are on every command; it never picks records. A command
line that used it to pick them (``export --annotator bo``) is refused in one line naming
``--by``; when a pick selects nothing, one warning says whose records the store holds.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Collection, Iterable
from typing import TYPE_CHECKING

from annotations.errors import escape_controls

from .common import UsageError

if TYPE_CHECKING:
    from annotations.exchange.export import ArticleEntry


def add_pick_options(parser: argparse.ArgumentParser, *, default: str) -> None:
    """``--by NAME`` (repeatable) and ``--all``; ``default``: whose records without either."""
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--by", action="append", metavar="NAME", help=f"only records by this annotator (repeatable; default: {default})")
    group.add_argument("--all", action="store_true", help="every annotator's records")


def picked(args: argparse.Namespace, command: str) -> list[str]:
    """The annotators ``--by`` names ([] for everyone). ``--annotator`` alone is refused:
    it used to pick records here and now only says who you are."""
    if args.by:
        return list(args.by)
    given = getattr(args, "annotator_name", None)
    if given is not None and not args.all:
        raise UsageError(
            f"{command} --annotator {given}",
            f"--annotator says who you are and picks no records: use --by {given} for only {given}'s records, --all for everyone's",
        )
    return []


def record_counts(entries: Iterable[ArticleEntry], tags: Collection[str] = ()) -> Counter[str]:
    """How many records (orphans too; only those with one of ``tags`` if any) each
    annotator has in ``entries``."""
    counts: Counter[str] = Counter()
    for entry in entries:
        for record in [*entry["annotations"], *entry.get("orphans", [])]:
            if not tags or set(record["tags"]) & set(tags):
                counts[record["annotator"]] += 1
    return counts


def warn_nothing_picked(annotators: Collection[str], counts: Counter[str], tags: Collection[str] = ()) -> None:
    """One warning: no records by ``annotators``, and whose the store holds (``counts``)."""
    tagged = f" tagged {', '.join(tags)}" if tags else ""
    if counts:
        held = ", ".join(f"{name} ({count})" for name, count in sorted(counts.items(), key=lambda item: (-item[1], item[0])))
        reason = f"the store holds records{tagged} by {held}"
    else:
        reason = f"the store holds no records{tagged} for those articles"
    who = ", ".join(f'"{name}"' for name in annotators)
    line = f"no records by {who}{tagged}; {reason}" if annotators else reason
    print(escape_controls(f"newsmark: warning: {line}"), file=sys.stderr)
