"""``newsmark tag FILE SENTENCES TAG... [--note TEXT] [--remove]``."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from annotations.errors import escape_controls

from ..common import (
    UsageError,
    article_annotations,
    check_sentences,
    leaves_no_new_store,
    open_store,
    parse_sentence_spec,
    read_article,
    settings_for,
    tag_names,
)
from ..status import ExitStatus

if TYPE_CHECKING:
    from ..parser import Subcommands

NAME = "tag"
SUMMARY = "tag sentences: SENTENCES is 5, 1-20 or 3,7,9"
DESCRIPTION = (
    "Tag sentences of an article (and optionally set their note). SENTENCES is a number, a range, "
    "a list or a mix (1-3,7). A TAG is a tag's name or its key letter."
)
EXAMPLES = (
    "newsmark tag article.txt 3-5 claim",
    "newsmark tag article.txt 7 f --note 'Which bank?'",
    "newsmark tag article.txt 3,9 claim --remove",
)


def register(subparsers: Subcommands) -> None:
    """Add ``tag`` and its arguments."""
    from ..parser import Shared

    parser = subparsers.add(NAME, SUMMARY, DESCRIPTION, EXAMPLES, shared=Shared.WRITER, lists_tags=True)
    parser.add_argument("file", metavar="FILE")
    parser.add_argument("sentences", metavar="SENTENCES")
    parser.add_argument("tags", metavar="TAG", nargs="*", help="a tag's name or key letter")
    parser.add_argument("--note", metavar="TEXT", help="set this note on the sentences (with --remove: clear it)")
    parser.add_argument("--remove", action="store_true", help="remove the tags (and the note) instead of adding")
    parser.set_defaults(handler=run)


@leaves_no_new_store
def run(args: argparse.Namespace) -> ExitStatus:
    """Add (or remove) the tags and the note on the sentences, as one change."""
    from annotations.store.holding import LockMode

    settings = settings_for(args)
    sentences = parse_sentence_spec(args.sentences)
    if not args.tags and args.note is None:
        raise UsageError(None, "tag: name at least one tag, or give --note")
    tags = settings.schema.require(tag_names(args.tags, settings.schema))
    article = read_article(args.file, settings)
    check_sentences(article, sentences)
    with open_store(settings, LockMode.ARTICLES) as store:
        annotations = article_annotations(store, article, settings)
        note = None if args.note is None else ("" if args.remove else args.note)
        if args.remove:
            change = annotations.edit(sentences, remove=tags, note=note)
        else:
            change = annotations.edit(sentences, add=tags, note=note)
    print(f"{change.label}: {len(change.sentences)} of {len(sentences)} sentence(s) changed in {escape_controls(article.title)}")
    return ExitStatus.OK
