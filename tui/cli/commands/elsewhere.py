"""``newsmark elsewhere FILE N [PATH…] [--json]``: the sentences of other articles that state
what sentence N of FILE states, best first, each marked by whether its numbers agree."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from annotations.errors import escape_controls

from ..common import UsageError, check_sentences, read_article, settings_for
from ..status import ExitStatus

if TYPE_CHECKING:
    from ..parser import Subcommands

NAME = "elsewhere"
SUMMARY = "find the claim of a sentence in other articles"
DESCRIPTION = (
    "List the sentences of other articles that state what sentence N of FILE states, paraphrased or not, best "
    "first: each with its score (0 to 1) and whether its numbers and dates agree with the sentence's (same), "
    "disagree (differs: 'up to 7,000' against 'about 15,000') or cannot be compared (none). The articles "
    "searched are those in the PATHs (files or folders), by default FILE's folder and the folders the "
    "library was opened on, through the corpus search index (updated first for what changed). --json for other programs: "
    '[{"path", "title", "sentence", "text", "score", "numbers"}].'
)
EXAMPLES = (
    "newsmark elsewhere article.txt 4",
    "newsmark elsewhere article.txt 4 ~/news/strike ~/news/ports",
    "newsmark elsewhere article.txt 4 --json",
)


def register(subparsers: Subcommands) -> None:
    """Add ``elsewhere`` and its arguments."""
    from ..parser import Shared

    parser = subparsers.add(NAME, SUMMARY, DESCRIPTION, EXAMPLES, shared=Shared.STORE)
    parser.add_argument("file", metavar="FILE")
    parser.add_argument("sentence", metavar="N", help="the sentence's number (as the reader and exports number them)")
    parser.add_argument("paths", metavar="PATH", nargs="*", help="articles or folders to search (default: FILE's folder and the library's)")
    parser.add_argument("--json", action="store_true", help="print JSON: a list of results")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> ExitStatus:
    """Print the results: lines, or JSON."""
    from annotations.elsewhere.corpus import default_paths, indexed_source
    from annotations.elsewhere.matching import find_elsewhere
    from annotations.library.text_index import TextIndex, default_search_folder
    from annotations.store.identity import content_hash

    if not args.sentence.isdigit():
        raise UsageError(None, f"elsewhere: N: {args.sentence!r} is not a sentence number")
    settings = settings_for(args)
    article = read_article(args.file, settings)
    number = int(args.sentence)
    check_sentences(article, [number])
    for path in args.paths:
        if not Path(path).exists():
            raise UsageError(path, "no such file or folder to search")
    index = TextIndex(default_search_folder(), sentence_cache=settings.sentence_cache)
    paths = args.paths or default_paths(article.path)
    source = indexed_source(paths, index, depth=settings.library_depth, skip=[settings.store_path])
    for notice in index.notices:
        print(f"newsmark: {escape_controls(notice)}", file=sys.stderr)
    results = find_elsewhere(article.sentence(number).text, article.path, source, content=content_hash(article))
    if args.json:
        import json

        json.dump([result.as_json() for result in results], sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        for result in results:
            print(escape_controls(f"{result.score:.2f} {result.numbers.value:<7} {result.path}:{result.sentence} ({result.title})"))
            print("    " + escape_controls(result.text))
        print(f"{len(results)} sentence(s) elsewhere")
    return ExitStatus.OK
