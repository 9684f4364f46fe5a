"""``newsmark import FILE... [--take-file]``: merge exports into the store; ``newsmark
import FILE --from w3c|hypothesis [--article PATH|URL] [--tag-map THEIRS=OURS]...
[--annotator NAME]``: another tool's annotations (the module's name has a trailing
underscore: ``import`` is a keyword)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from annotations.errors import escape_controls

from ..common import UsageError, leaves_no_new_store, open_store, settings_for
from ..status import ExitStatus

if TYPE_CHECKING:
    from ..parser import Subcommands

NAME = "import"
SUMMARY = "merge newsmark exports into the store (by id; newer wins)"
DESCRIPTION = (
    "Merge exports into the store: by record id, the newer 'updated' wins. A record that is not newer but whose "
    "tags or note differ (edited by hand) is reported and the store's version kept, unless --take-file. "
    "A tag this newsmark does not know is refused, as 'tag' refuses it. A record stamped more than a day ahead of "
    "this machine's clock is refused (one line per file says how many); the file's other records are imported. "
    "A split file (export --split) is complete: its annotator's records of its article that it no longer holds are "
    "removed (never yours, nor anyone else's); any other export only adds and updates. "
    "With --from, FILE is another tool's annotations (W3C Web Annotation JSON-LD, or the Hypothesis API's JSON), "
    "anchored on the article by their quotes: words inside a sentence become a span, words across sentences a "
    "record on each sentence (a range), a quote not found an orphan (newsmark orphans); tags match the schema's "
    "names in any case or through --tag-map, others are listed and left out."
)
EXAMPLES = (
    "newsmark import colleague.yaml",
    "newsmark import ~/team-repo",
    "newsmark import --take-file edited.yaml",
    "newsmark import annotations.jsonld --from w3c",
    "newsmark import hypothesis.json --from hypothesis --article https://news.example/a --tag-map Fact=claim",
)


def register(subparsers: Subcommands) -> None:
    """Add ``import`` and its arguments."""
    from ..parser import Shared

    parser = subparsers.add(NAME, SUMMARY, DESCRIPTION, EXAMPLES, shared=Shared.STORE, lists_tags=True)
    parser.add_argument(
        "files", metavar="FILE", nargs="+", help="an export file, or a folder: every export file in it (.yaml, .yml, .json), at any depth"
    )
    parser.add_argument(
        "--take-file",
        action="store_true",
        help="where a record differs from the store's but is not newer (e.g. a note edited by hand), take the file's version",
    )
    add_foreign_options(parser)
    parser.set_defaults(handler=run)


def add_foreign_options(parser: argparse.ArgumentParser) -> None:
    """``--from``, ``--article`` and ``--tag-map``: importing another tool's annotations."""
    from annotations.exchange.formats import IMPORT_FROM

    from ..parser import OneName

    parser.add_argument(
        "--from",
        dest="from_tool",
        choices=tuple(IMPORT_FROM),
        help="FILE is another tool's annotations: W3C Web Annotation JSON-LD or the Hypothesis API's JSON",
    )
    parser.add_argument(
        "--article",
        metavar="PATH|URL",
        help="with --from: the article the annotations are on (default: found by their page's URL or content IRI)",
    )
    parser.add_argument(
        "--tag-map",
        action="append",
        metavar="THEIRS=OURS",
        help="with --from: take their tag THEIRS (any case) as our tag OURS (name or key letter; repeatable)",
    )
    parser.add_argument(
        "--annotator",
        dest="annotator_name",
        metavar="NAME",
        action=OneName,
        help="who you are; with --from also the annotator of every imported record (default: each annotation's author, "
        "acct:NAME@host as NAME)",
    )


@leaves_no_new_store
def run(args: argparse.Namespace) -> ExitStatus:
    """Validate every file first, then merge them."""
    from annotations.exchange.import_review import refuse_unknown_tags
    from annotations.exchange.importing import import_articles, load_export_file, refused_line
    from annotations.store.holding import LockMode
    from annotations.team.folders import export_files

    settings = settings_for(args)
    if args.from_tool is not None:
        from ..foreign_import import import_foreign

        return import_foreign(args, settings)
    given = [name for name, value in (("--article", args.article), ("--tag-map", args.tag_map)) if value]
    if given:
        raise UsageError(args.files[0], f"{' and '.join(given)} {'need' if len(given) > 1 else 'needs'} --from w3c|hypothesis")
    imports = []
    found = export_files(args.files)
    for skipped, reason in found.skipped:
        print(f"newsmark: warning: {escape_controls(f'{skipped}: {reason} (skipped)')}", file=sys.stderr)
    named = {Path(file) for file in args.files}
    for file in found.files:
        loaded = load_export_file(file, streams=file in named)
        if (refused := refused_line(file, loaded)) is not None:
            print(f"newsmark: warning: {escape_controls(refused)}", file=sys.stderr)
        refuse_unknown_tags(file, ((article.path, article.records) for article in loaded), settings.schema)
        imports.extend(loaded)
    with open_store(settings, LockMode.ARTICLES, saves_as_annotator=False) as store:
        summary = import_articles(store, imports, take_file=args.take_file, keep=settings.annotator, final=settings.final_annotator)
    print(summary.line())
    for difference in summary.kept:
        print(escape_controls(difference.line()))
    others = sorted({a.complete_for for a in imports if a.complete_for is not None} - {settings.annotator, settings.final_annotator})
    if settings.annotator_defaulted and others:
        # who "you" are decides whose removals stay removed: say so when nobody chose it
        print(
            escape_controls(
                f'newsmark: imported as "{settings.annotator}" (the login name): complete files of {", ".join(others)} '
                "made their records equal the files; if one of them is you, import with --annotator NAME so that "
                "what you removed in this store stays removed"
            ),
            file=sys.stderr,
        )
    if summary.final_kept:
        print(
            f"newsmark: {summary.final_kept} final-layer decision(s) of this store kept that the final file no longer holds "
            "(you adjudicate here: made since its export, or removed by another adjudicator: then remove them here too)",
            file=sys.stderr,
        )
    made_elsewhere = summary.added_by.get(settings.annotator, 0)
    if settings.annotator_defaulted and made_elsewhere:
        # two analysts who never chose a name tag as the same login name: one annotator to newsmark
        print(
            escape_controls(
                f'newsmark: warning: {made_elsewhere} record(s) under "{settings.annotator}" (the login name, yours here) were '
                "made in another store: if a colleague's login name is the same, each of you should choose a name "
                "(--annotator NAME, or annotator: in the config), or your readings merge into one and removals stop "
                "reaching each other"
            ),
            file=sys.stderr,
        )
    return ExitStatus.OK
