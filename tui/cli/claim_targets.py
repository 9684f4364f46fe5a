"""What ``check``, ``grade`` and ``link`` read from their arguments: the record a command
is on (``FILE N [--span WORDS]``), evidence (a URL, ``PATH#N`` or text) and the other
end of a link (``[FILE2#]M``). Each bad value is one :class:`~tui.cli.common.UsageError`
or store error line."""

from __future__ import annotations

import argparse
import re
from typing import TYPE_CHECKING

from .common import UsageError, check_sentences, read_article

if TYPE_CHECKING:
    from annotations.config import Settings
    from annotations.model import Article
    from annotations.store.folder import Store
    from annotations.store.records import LinkEnd
    from annotations.store.verdicts import Cited, Target

_SENTENCE_REF = re.compile(r"^(?P<path>.+)#(?P<number>[0-9]+)$")


def add_target_arguments(parser: argparse.ArgumentParser, what: str) -> None:
    """``FILE N [--span WORDS]``: the record a command is on."""
    parser.add_argument("file", metavar="FILE")
    parser.add_argument("sentence", metavar="N", help=f"the sentence {what}")
    parser.add_argument("--span", metavar="WORDS", help="these exact words of the sentence (a span record), not the whole sentence")


def sentence_number(value: str, name: str) -> int:
    """A sentence number given on the command line; one clear error if it is not one."""
    if not value.isdigit() or int(value) < 1:
        raise UsageError(None, f"{name}: {value!r} is not a sentence number (1, 2, ...)")
    return int(value)


def target_of(args: argparse.Namespace, article: Article, command: str) -> Target:
    """The sentence (or, with ``--span``, the words in it) the command is on."""
    from annotations.store.spans import find_words

    number = sentence_number(args.sentence, command)
    check_sentences(article, [number])
    return number if args.span is None else find_words(article, number, args.span)


def evidence_of(value: str, settings: Settings, store: Store) -> Cited:
    """``--evidence``: a web address (``url``), ``PATH#N`` naming a sentence of an article
    in the store (``sentence``, checked), or anything else as ``text`` (the reader's rule too)."""
    from annotations.library.evidence_refs import EvidenceError, evidence_item

    try:
        return evidence_item(value, store, settings.sentence_cache, streams=True)
    except EvidenceError as error:
        raise UsageError(error.path, f"--evidence: {error.reason}") from error


def link_end_of(spec: str, article: Article, settings: Settings, words: str | None) -> LinkEnd:
    """``--to [FILE2#]M`` (and ``--to-span WORDS``): the record at the other end of a link."""
    from annotations.store.links import end_of
    from annotations.store.spans import find_words

    found = _SENTENCE_REF.match(spec)
    other = article
    if found is not None:
        other = read_article(found["path"], settings)
        spec = found["number"]
    elif not spec.isdigit():
        raise UsageError(None, f"--to: {spec!r} is neither a sentence number M nor FILE#M")
    number = sentence_number(spec, "--to")
    _check_in(other, number, "--to")
    return end_of(other, number if words is None else find_words(other, number, words))


def _check_in(article: Article, number: int, option: str) -> None:
    total = len(article.sentences)
    if not 1 <= number <= total:
        raise UsageError(article.path, f"{option}: sentence {number} is out of range 1-{total}")
