"""``newsmark search QUERY [PATH...]``: every sentence of every article that holds the query,
ranked, with where it is, its matched words marked and its tags."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, NoReturn

from ..status import ExitStatus

if TYPE_CHECKING:
    from annotations.config import Settings
    from annotations.library.text_filters import SentenceFilter, StoreFacts
    from annotations.library.text_index import TextIndex
    from annotations.library.text_scope import Scope
    from annotations.library.text_search import Hit

    from ..parser import Subcommands

NAME = "search"
NAME_LINE = f"newsmark {NAME}"
SUMMARY = "find sentences in every article"
DESCRIPTION = (
    "Every sentence holding QUERY in the articles of the PATHs (files or folders; by default the folders the library "
    'has opened and the store\'s articles), best first. QUERY: words (all of them), "quoted phrases", prefix*, -word '
    "to leave out; case and accents do not matter. Filters keep sentences with a record of a tag, by an annotator or "
    "of a verdict status (records of a checkable tag only, claim and figure by default; unverified when one has none). The full-text index is kept in the user cache folder "
    "and brought up to date first (a progress bar when it has much to do)."
)
EXAMPLES = (
    'newsmark search "central bank"',
    "newsmark search 'minist* -denied' reports/ --tag claim",
    "newsmark search '\"7,000 shells\"' --json",
)
#: How matched words are marked where colour means nothing (a pipe, a file).
PLAIN_MARKS = ("«", "»")
BOLD_MARKS = ("\x1b[1m", "\x1b[22m")


def register(subparsers: Subcommands) -> None:
    """Add ``search`` and its arguments."""
    from ..parser import Shared

    parser = subparsers.add(NAME, SUMMARY, DESCRIPTION, EXAMPLES, shared=Shared.STORE, lists_tags=True)
    parser.add_argument("query", metavar="QUERY")
    parser.add_argument("paths", metavar="PATH", nargs="*", default=[])  # a default: PATH is not required
    setattr(parser, "error", _query_explained(parser.error))  # noqa: B010 - the instance's own, not Parser's
    parser.add_argument("--tag", action="append", metavar="TAG", help="only sentences with this tag (name or key; repeatable)")
    parser.add_argument(
        "--annotator",
        "--by",
        dest="by",
        action="append",
        metavar="NAME",
        help="only sentences NAME annotated (repeatable; it picks records here)",
    )
    parser.add_argument("--status", metavar="STATUS", help="only sentences with a claim or figure of this verdict status (e.g. unverified)")
    parser.add_argument("--limit", type=_positive, default=20, metavar="N", help="at most N sentences (default 20)")
    parser.add_argument("--json", action="store_true", help='print JSON: [{"path", "title", "sentence", "text", "tags", "score"}]')
    parser.set_defaults(handler=run)


def _query_explained(error: Callable[[str], NoReturn]) -> Callable[[str], NoReturn]:
    """``error``, saying what QUERY is when it is missing (as when it starts with ``-`` and
    was read as an option: argparse has no other way to tell)."""

    def explained(message: str) -> NoReturn:
        if message.startswith("the following arguments are required"):  # QUERY: the one required
            message = f"QUERY is required: the words to find (one that starts with -, as -word, goes after --: {NAME_LINE} -- '-word')"
        error(message)

    return explained


def _positive(value: str) -> int:
    """A count of at least 1."""
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be a whole number of at least 1, not {value!r}")
    return number


def run(args: argparse.Namespace) -> ExitStatus:
    """Bring the index up to date, search it, print the hits."""
    from annotations.errors import NewsmarkError
    from annotations.library.text_filters import SentenceFilter
    from annotations.library.text_index import IndexDamaged, TextIndex
    from annotations.library.text_query import QuerySyntaxError
    from annotations.store.holding import LockMode

    from ..common import open_store, settings_for, tag_names

    settings = settings_for(args)
    schema = settings.schema
    tags = frozenset(schema.require(tag_names(args.tag, schema)))
    if args.status is not None:
        schema.verdicts.require(args.status)
    wanted = SentenceFilter(tags, frozenset(args.by or ()), args.status, frozenset(schema.checkable), schema.verdicts.default.name)
    with open_store(settings, LockMode.READ) as store:
        from annotations.library.text_filters import StoreFacts

        facts = StoreFacts.read(store, cache=settings.sentence_cache, schema=settings.schema)
    scope = _scope(args.paths, settings, facts)
    index = TextIndex(_index_folder(), sentence_cache=settings.sentence_cache)
    try:
        _update(index, scope)
        try:
            hits = _search(index, args.query, scope, facts, wanted, args.limit)
        except IndexDamaged as damaged:
            index.rebuild(damaged.reason)
            _update(index, scope)
            hits = _search(index, args.query, scope, facts, wanted, args.limit)
    except QuerySyntaxError as error:
        raise NewsmarkError(NAME, error.reason) from None
    finally:
        for notice in index.notices:
            from ..parser import error_line

            error_line(notice)
    _print(hits, facts, as_json=args.json)
    return ExitStatus.OK


def _index_folder() -> str:
    """The index's folder in the user cache folder."""
    from annotations.library.text_index import default_search_folder

    return str(default_search_folder())


def _scope(paths: list[str], settings: Settings, facts: StoreFacts) -> Scope:
    """What to search: the PATHs, or the library's folders and the store's articles."""
    import os

    from annotations.library.text_scope import Scope

    from ..common import UsageError, read_article

    for path in paths:
        if not os.path.exists(path):
            raise UsageError(path, "no such file or folder")
        if not os.path.isdir(path):
            read_article(path, settings)  # a file named that is no article: one line, as parse says it (not "No sentence matches")
    named = paths or _library_paths(facts)
    return Scope.of(named, depth=settings.library_depth, skip=[settings.store_path])


def _library_paths(facts: StoreFacts) -> list[str]:
    """What a search with no PATH covers: the folders the library has opened, and the store's articles."""
    from annotations.library.index import default_index_folder
    from annotations.library.text_scope import opened_folders

    return [*opened_folders(default_index_folder()), *facts.paths]


def _update(index: TextIndex, scope: Scope) -> None:
    """Index what changed in ``scope``; a progress bar on a terminal's stderr while it does."""
    stamps = index.stamps_of(scope)  # looked at once: a library of 10,000 files is 10,000 stats
    todo, gone = index.outdated(scope, stamps)
    if not todo and not gone:
        return
    progress = _bar if sys.stderr.isatty() and todo else None
    index.update(scope, progress, stamps)
    if progress is not None:
        sys.stderr.write("\r\x1b[2K")
        sys.stderr.flush()


def _bar(done: int, total: int, width: int = 30) -> None:
    """One line redrawn: how many articles are indexed of how many."""
    filled = width * done // max(total, 1)
    sys.stderr.write(f"\rindexing articles [{'#' * filled}{'.' * (width - filled)}] {done:,}/{total:,}")
    sys.stderr.flush()


def _search(index: TextIndex, query: str, scope: Scope, facts: StoreFacts, wanted: SentenceFilter, limit: int) -> list[Hit]:
    """The best ``limit`` hits, those the filters keep (in the files of the stored articles
    holding a record they keep, wherever those files are in ``scope``: by content, as the store finds them)."""
    from annotations.library.text_search import search

    if not wanted.active:
        return search(index, query, scope, limit)
    sentences = facts.matching(wanted)
    if not sentences:
        search(index, query, scope, 1)  # a query that cannot be read says so all the same
        return []
    return search(index, query, scope, limit, among=facts.articles(sentences))


def _print(hits: list[Hit], facts: StoreFacts, *, as_json: bool) -> None:
    """The hits as JSON, or as lines: where, then the sentence with its words marked, then its tags."""
    if as_json:
        import json

        rows = [
            {
                "path": hit.path,
                "title": hit.title,
                "sentence": hit.sentence,
                "text": hit.text,
                "tags": facts.tags(hit),
                "score": hit.score,
            }
            for hit in hits
        ]
        sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
        return
    from annotations.errors import escape_controls
    from annotations.library.text_query import marked

    start, end = BOLD_MARKS if sys.stdout.isatty() else PLAIN_MARKS
    lines: list[str] = []
    for hit in hits:
        where = f"{hit.title} › {hit.section_label}" if hit.section_label else hit.title
        lines.append(f"{escape_controls(hit.path)}:{hit.sentence}  {escape_controls(where)}")
        pieces = [escape_controls(piece) for piece in _split(hit.text, hit.marks)]
        lines.append("    " + marked("".join(pieces), _spans(pieces), start, end))
        tags = facts.tags(hit)
        if tags:
            lines.append(f"    tags: {', '.join(tags)}")
    if not hits:
        lines.append("No sentence matches.")
    sys.stdout.write("\n".join(lines) + "\n")


def _split(text: str, marks: tuple[tuple[int, int], ...]) -> list[str]:
    """``text`` cut at the marks: outside, inside, outside, ... (inside pieces at odd places)."""
    pieces: list[str] = []
    position = 0
    for start, end in marks:
        pieces += [text[position:start], text[start:end]]
        position = end
    pieces.append(text[position:])
    return pieces


def _spans(pieces: list[str]) -> list[tuple[int, int]]:
    """Where the odd (marked) pieces are once joined."""
    spans: list[tuple[int, int]] = []
    position = 0
    for number, piece in enumerate(pieces):
        if number % 2:
            spans.append((position, position + len(piece)))
        position += len(piece)
    return spans
