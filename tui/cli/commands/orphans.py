"""``newsmark orphans FILE``: list an article's orphaned annotations (and, with
``--fuzzy``, those re-anchored fuzzily) with their best candidate sentences; attach,
confirm or delete them headless."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, NamedTuple

from annotations.errors import escape_controls

from ..common import UsageError, article_annotations, open_store, read_article, settings_for
from ..status import ExitStatus

if TYPE_CHECKING:
    from annotations.store.article_annotations import ArticleAnnotations
    from annotations.store.records import Record
    from annotations.store.spans import Words

    from ..parser import Subcommands

NAME = "orphans"
SUMMARY = "list an article's orphaned annotations; attach or delete them"
DESCRIPTION = (
    "List the annotations of an article that lost their sentence when its text changed (orphans), each with "
    "its old text, tags, note and the best candidate sentences; --fuzzy adds those re-anchored to a similar "
    "sentence. Attach one to a sentence, confirm a fuzzy one, or delete one (newsmark undo brings it back): "
    "one decision settles every annotation of yours made on that sentence. Another annotator's annotation is "
    "theirs: acting on it is refused (the next import of their file would put it back as it says); the final "
    "layer's is settled as the final layer (--annotator final), then exported again (export --split DIR --by final). "
    "ID is an annotation's id as listed, or its first 4 or more characters. An annotation of words goes on "
    "its words in SENTENCE; when they were reworded, --span WORDS (and --occurrence K) names the words it goes on."
)
EXAMPLES = (
    "newsmark orphans article.txt",
    "newsmark orphans article.txt --fuzzy",
    "newsmark orphans article.txt --attach 3f2a 14",
    "newsmark orphans article.txt --attach 3f2a 6 --span 'some 300,000 shells'",
    "newsmark orphans article.txt --delete 3f2a",
)

#: Candidate sentences listed for each annotation.
CANDIDATES = 3
#: The shortest id prefix that names an annotation.
MIN_PREFIX = 4


def register(subparsers: Subcommands) -> None:
    """Add ``orphans`` and its arguments."""
    from ..parser import Shared

    orphans = subparsers.add(NAME, SUMMARY, DESCRIPTION, EXAMPLES, shared=Shared.WRITER, lists_tags=True)
    orphans.add_argument("file", metavar="FILE")
    orphans.add_argument("--fuzzy", action="store_true", help="list fuzzily re-anchored annotations too")
    action = orphans.add_mutually_exclusive_group()
    action.add_argument("--attach", nargs=2, metavar=("ID", "SENTENCE"), help="put annotation ID (or a prefix of it) on SENTENCE")
    action.add_argument("--confirm", metavar="ID", help="accept a fuzzy anchor as it is")
    action.add_argument("--delete", metavar="ID", help="delete annotation ID (newsmark undo FILE brings it back)")
    orphans.add_argument("--span", metavar="WORDS", help="with --attach: put an annotation of words on these exact words of SENTENCE")
    orphans.add_argument("--occurrence", metavar="K", type=int, default=None, help="with --span: the K-th time the words occur (default 1)")
    orphans.set_defaults(handler=run)


def run(args: argparse.Namespace) -> ExitStatus:
    """``newsmark orphans FILE [--fuzzy] [--attach ID SENTENCE | --confirm ID | --delete ID]``."""
    from annotations.store.holding import LockMode

    settings = settings_for(args)
    _check_span_options(args)
    article = read_article(args.file, settings)
    changing = args.attach or args.confirm or args.delete
    with open_store(settings, LockMode.WRITE if changing else LockMode.READ) as store:
        notes = article_annotations(store, article, settings)
        final = settings.final_annotator
        if args.attach:
            attach(notes, args, final)
        elif args.confirm:
            decision = yours(notes, args.confirm, final)
            if decision.record.get("orphan"):
                raise UsageError(
                    notes.article.path, f"{decision.record['id']} is an orphan: it has no sentence to confirm (--attach ID SENTENCE)"
                )
            notes.triage.attach_all(decision.ids, decision.record["sentence"])
            print(escape_controls(decision.said("confirmed", f"on sentence {decision.record['sentence']}")))
        elif args.delete:
            decision = yours(notes, args.delete, final)
            notes.delete(decision.ids)
            print(escape_controls(decision.said("deleted", "(newsmark undo brings it back)")))
        else:
            listed = notes.needs_review() if args.fuzzy else notes.orphans()
            for record in listed:
                print("\n".join(escape_controls(line) for line in _describe(notes, record, final)))
            what = "orphaned or fuzzy" if args.fuzzy else "orphaned"
            print(f"{len(listed)} {what} annotation(s) in {escape_controls(article.title)}")
    return ExitStatus.OK


def _check_span_options(args: argparse.Namespace) -> None:
    """``--span`` goes with ``--attach``, ``--occurrence`` with ``--span`` (from 1)."""
    if args.span is not None and not args.attach:
        raise UsageError(None, "orphans: --span goes with --attach ID SENTENCE")
    if args.occurrence is not None and args.span is None:
        raise UsageError(None, "orphans: --occurrence goes with --span")
    if args.occurrence is not None and args.occurrence < 1:
        raise UsageError(None, "orphans: --occurrence counts from 1")


def attach(notes: ArticleAnnotations, args: argparse.Namespace, final: str) -> None:
    """``--attach ID SENTENCE [--span WORDS [--occurrence K]]``: put your annotations on
    that old sentence on SENTENCE (those on the named annotation's words on WORDS)."""
    from annotations.store.spans import WordsError, find_words

    decision = yours(notes, args.attach[0], final)
    sentence = _number(args.attach[1])
    span = decision.record.get("span")
    words: dict[str, Words] = {}
    where = f"to sentence {sentence}"
    if args.span is not None:
        if span is None:
            raise UsageError(
                notes.article.path, f"--span: {decision.record['id']} is on a whole sentence, not on words (attach it without --span)"
            )
        named = find_words(notes.article, sentence, args.span, args.occurrence or 1)
        group = notes.triage.group_of(decision.record)
        words = {r["id"]: named for r in group.mine if (own := r.get("span")) is not None and own["quote"] == span["quote"]}
        where = f'to "{notes.article.sentence(sentence).text[named.start : named.end]}" in sentence {sentence}'
    try:
        notes.triage.attach_all(decision.ids, sentence, words)
    except WordsError as error:
        if args.span is not None:
            raise
        raise WordsError(
            notes.article.path, f"{error.reason}: give --span WORDS, the words of sentence {sentence} it is about now"
        ) from None
    print(escape_controls(decision.said("attached", where)))


def find(notes: ArticleAnnotations, wanted: str) -> Record:
    """The orphan or fuzzy record whose id is ``wanted`` or starts with it."""
    matches = [r for r in notes.needs_review() if r["id"] == wanted or (len(wanted) >= MIN_PREFIX and r["id"].startswith(wanted))]
    if len(matches) != 1:
        problem = "no orphaned or fuzzy annotation has that id" if not matches else f"{len(matches)} annotations start with it"
        raise UsageError(notes.article.path, f"{wanted!r}: {problem} (newsmark orphans --fuzzy lists them)")
    return matches[0]


class Decision(NamedTuple):
    """What one decision acts on: the record named, the ids of every record of yours made
    on its sentence, and who else has a record there (left as it is)."""

    record: Record
    ids: list[str]
    others: list[str]

    def said(self, done: str, how: str) -> str:
        """What was ``done`` (``how``), and whose records on that sentence it left as they are."""
        left = f"; left as they are on that sentence: {possessive(self.others)} (theirs to settle)" if self.others else ""
        return f"{done} {', '.join(self.ids)} {how}{left}"


def possessive(names: list[str]) -> str:
    """``["bo", "cy"]`` → ``bo's, cy's``."""
    return ", ".join(f"{name}'s" for name in names)


def yours(notes: ArticleAnnotations, wanted: str, final: str) -> Decision:
    """The record ``wanted`` names and the records one decision on it settles: every one
    of yours made on its sentence; another annotator's record (or the final layer's,
    named ``final``) is refused with the reason."""
    from annotations.store.triage import refusal

    record = find(notes, wanted)
    reason = refusal(record, notes.annotator, final)
    if reason is not None:
        raise UsageError(notes.article.path, reason)
    group = notes.triage.group_of(record)
    return Decision(record, [r["id"] for r in group.mine], sorted({r["annotator"] for r in group.theirs}))


def _number(text: str) -> int:
    if not text.isdigit():
        raise UsageError(None, f"sentence: {text!r} is not a number")
    return int(text)


def _describe(notes: ArticleAnnotations, record: Record, final: str) -> list[str]:
    """One annotation as lines: id, state, tags, annotator, old text, note, candidates."""
    state = "orphan" if record.get("orphan") else f"{record.get('anchor')} on sentence {record['sentence']}"
    whose = "" if record["annotator"] == notes.annotator else " (not yours: theirs to settle)"
    if record["annotator"] == final and final != notes.annotator:
        whose = f" (the final layer: settle it with --annotator {final}, then export --split DIR --by {final})"
    lines = [f"{record['id']}  {state}  [{', '.join(record['tags'])}]  by {record['annotator']}{whose}"]
    span = record.get("span")
    if span is None:
        lines.append(f"    was: {record.get('quote') or record['text']}")
    else:  # words in a sentence: the words as tagged, and the sentence they were tagged in
        from annotations.store.spans import tagged_sentence

        lines += [f"    words: {record.get('quote') or span['quote']}", f"    in: {tagged_sentence(record)}"]
    if record["note"]:
        lines.append("    note: " + " / ".join(record["note"].splitlines()))
    for number, candidate in enumerate(notes.candidates(record, CANDIDATES), start=1):
        text = notes.article.sentence(candidate.sentence).text
        lines.append(f"    candidate {number}: sentence {candidate.sentence} ({candidate.score:.2f}) {text}")
    return lines
