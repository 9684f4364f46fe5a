"""``newsmark tag FILE SENTENCES TAG... [--note TEXT] [--remove] [--span WORDS [--occurrence K]]``."""

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
    from annotations.model import Article
    from annotations.store.spans import Words

    from ..parser import Subcommands

NAME = "tag"
SUMMARY = "tag sentences: SENTENCES is 5, 1-20 or 3,7,9"
DESCRIPTION = (
    "Tag sentences of an article (and optionally set their note). SENTENCES is a number, a range, "
    "a list or a mix (1-3,7). A TAG is a tag's name or its key letter. With --span, tag exactly those "
    "words inside one sentence instead of the whole sentence."
)
EXAMPLES = (
    "newsmark tag article.txt 3-5 claim",
    "newsmark tag article.txt 7 f --note 'Which bank?'",
    "newsmark tag article.txt 3,9 claim --remove",
    "newsmark tag article.txt 19 figure --span 'about 300,000 shells'",
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
    parser.add_argument("--span", metavar="WORDS", help="tag these exact words of the sentence, not the whole sentence")
    parser.add_argument("--occurrence", metavar="K", type=int, default=None, help="with --span: the K-th time the words occur (default 1)")
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
    words = _words(args, article, sentences)
    note = None if args.note is None else ("" if args.remove else args.note)
    added, removed = ((), tags) if args.remove else (tags, ())
    with open_store(settings, LockMode.ARTICLES) as store:
        annotations = article_annotations(store, article, settings)
        if words is not None:
            change = annotations.edits.edit_span(words, add=added, remove=removed, note=note)
        elif removed:  # an accepted suggestion taken off no longer counts for its pattern
            from annotations.suggest.deciding import removing

            change, _ = removing(
                annotations,
                sentences,
                removed,
                lambda effects: annotations.edits.edit(sentences, remove=removed, note=note, effects=effects),
            )
        else:
            change = annotations.edit(sentences, add=added, remove=removed, note=note)
    if words is not None:
        quoted = escape_controls(article.sentence(words.sentence).text[words.start : words.end])
        print(
            f'{change.label}: "{quoted}" in sentence {words.sentence} {"changed" if change else "unchanged"} in {escape_controls(article.title)}'
        )
    else:
        print(f"{change.label}: {len(change.sentences)} of {len(sentences)} sentence(s) changed in {escape_controls(article.title)}")
    return ExitStatus.OK


def _words(args: argparse.Namespace, article: Article, sentences: list[int]) -> Words | None:
    """The words ``--span`` names in the one sentence given (None without ``--span``);
    a one-line error when they are not there."""
    from annotations.store.spans import find_words

    if args.span is None:
        if args.occurrence is not None:
            raise UsageError(None, "tag: --occurrence goes with --span")
        return None
    if len(sentences) != 1:
        raise UsageError(None, f"tag: --span tags words of one sentence, not {args.sentences!r}")
    occurrence = 1 if args.occurrence is None else args.occurrence
    if occurrence < 1:
        raise UsageError(None, "tag: --occurrence counts from 1")
    return find_words(article, sentences[0], args.span, occurrence)
