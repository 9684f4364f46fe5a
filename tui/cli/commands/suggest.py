"""``newsmark suggest``: the tags the suggesters propose for an article, and the
analyst's decisions on each pattern."""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING

from annotations.errors import escape_controls

from ..common import UsageError, article_annotations, leaves_no_new_store, open_store, read_article, settings_for, tag_names
from ..status import ExitStatus
from ..suggest_choices import ALL, decide_chosen, decided_summary, decision_choices, with_verdict

if TYPE_CHECKING:
    from annotations.config import Settings
    from annotations.suggest.decisions import Decisions
    from annotations.suggest.engine import SuggestionEngine
    from annotations.suggest.model import Suggestion

    from ..parser import Subcommands

NAME = "suggest"
SUMMARY = "tags the suggesters propose for an article's sentences (stores nothing unless --accept or --reject)"
DESCRIPTION = (
    "Print the tags the suggestion patterns propose for each sentence of the article, with the pattern and "
    "the words that triggered each; tags the sentence has and suggestions you rejected in the reader are left "
    "out. Stores nothing, unless --accept: then the sentences are tagged as yours, as one change (newsmark undo "
    "takes it back); --accept N takes sentence N's suggestions, --accept N:TAG one of them (repeatable), and "
    "--reject (alone, N or N:TAG) rejects them: never suggested there again (one change too). --explain lists "
    "every pattern with your accepts and rejects and its precision (a pattern mostly rejected stops suggesting), "
    "and says which suggester proposed each tag: the patterns (the pattern and its words) or the learned suggester "
    "(its strongest features), trained on what you and the final layer tagged in this store and used for a tag once "
    "it beats the patterns on the store's held-out sentences. Patterns: the built-in ones, and the config's "
    "suggest_patterns: file over them."
)
EXAMPLES = (
    "newsmark suggest article.txt",
    "newsmark suggest article.txt --tag figure --json",
    "newsmark suggest article.txt --accept",
    "newsmark suggest article.txt --accept 3:figure --accept 5 --reject 3:c",
    "newsmark suggest --explain",
)


def register(subparsers: Subcommands) -> None:
    """Add ``suggest`` and its arguments."""
    from ..parser import Shared

    parser = subparsers.add(NAME, SUMMARY, DESCRIPTION, EXAMPLES, shared=Shared.WRITER, lists_tags=True)
    parser.add_argument("file", metavar="FILE", nargs="?", help="the article (optional with --explain)")
    parser.add_argument("--tag", action="append", metavar="T", help="only this tag (name or key letter; repeatable)")
    parser.add_argument(
        "--json", action="store_true", help='print JSON: a list of {"sentence", "tag", "reason", "patterns"} (and "decision" when decided)'
    )
    parser.add_argument(
        "--accept",
        action="append",
        nargs="?",
        const=ALL,
        metavar="N[:TAG]",
        help="tag the sentences as suggested, as you (newsmark undo FILE takes them off); N: only sentence N's, N:TAG: only that tag there",
    )
    parser.add_argument(
        "--reject",
        action="append",
        nargs="?",
        const=ALL,
        metavar="N[:TAG]",
        help="reject the suggestions (all, sentence N's, or TAG on N): never suggested there again (newsmark undo FILE takes it back)",
    )
    parser.add_argument("--explain", action="store_true", help="also list every pattern with your accepts, rejects and its precision")
    parser.set_defaults(handler=run)


@leaves_no_new_store
def run(args: argparse.Namespace) -> ExitStatus:
    """``newsmark suggest FILE [--tag T]... [--json] [--accept [N[:TAG]]]... [--reject [N[:TAG]]]... [--explain]``."""
    from annotations.store.holding import LockMode
    from annotations.suggest.decisions import read_decisions
    from annotations.suggest.engine import SuggestionEngine

    settings = settings_for(args)
    choices = decision_choices(args, settings.schema)  # before the article: `--accept FILE` names it
    if args.file is None and not args.explain:
        raise UsageError(None, "suggest: name an article (or give --explain alone for the patterns' precision)")
    if args.file is None and choices:
        raise UsageError(None, "suggest: --accept and --reject need an article")
    only = settings.schema.require(tag_names(args.tag, settings.schema)) if args.tag else None
    engine = SuggestionEngine.for_schema(settings.schema, settings.suggest_patterns)
    learned = _learn(settings, engine)
    decisions = read_decisions(settings.store_path)
    found: list[Suggestion] = []
    verdicts: dict[tuple[int, str], str] = {}
    title = ""
    if args.file is not None:
        article = read_article(args.file, settings)
        title = article.title
        with open_store(settings, LockMode.ARTICLES if choices else LockMode.READ) as store:
            annotations = article_annotations(store, article, settings)
            found = engine.suggest(article.sentences, tags_of=annotations.tags, decisions=decisions, only=only)
            if choices:
                found, verdicts, decisions = decide_chosen(annotations, found, choices)
    if args.json:
        listed = [with_verdict(_explained_json(s) if args.explain else s.as_json(), verdicts) for s in found]
        out: object = {"suggestions": listed, "patterns": _pattern_rows(engine, decisions), "learned": learned} if args.explain else listed
        sys.stdout.write(json.dumps(out, ensure_ascii=False, indent=2) + "\n")
        return ExitStatus.OK
    if args.file is not None:
        for suggestion in found:
            decided = verdicts.get((suggestion.sentence, suggestion.tag), "")
            by = f"{suggestion.suggester:<9}" if args.explain else ""
            print(
                f"{suggestion.sentence:>5}  {suggestion.tag:<10} {by}{decided + '  ' if decided else ''}{escape_controls(suggestion.reason)}"
            )
        done = decided_summary(verdicts) if choices else "nothing stored; --accept tags them"
        print(f"{len(found)} suggestion(s) in {escape_controls(title)} ({done})")
    if args.explain:
        _print_patterns(engine, decisions)
        _print_learned(learned)
    return ExitStatus.OK


def _learn(settings: Settings, engine: SuggestionEngine) -> dict[str, object]:
    """Train the learned suggester on what the store's analyst and final layer tagged
    since the last run (the model is a cache; the store is only read), and its figures."""
    from annotations.suggest.training import figures, update_from_store

    annotators = (settings.annotator, settings.final_annotator)
    return figures(update_from_store(settings.store_path, settings.schema, engine.patterns, annotators))


def _explained_json(suggestion: Suggestion) -> dict[str, object]:
    """A suggestion as ``--json --explain`` lists it: with the suggester that proposed it."""
    return {**suggestion.as_json(), "suggester": suggestion.suggester, "certainty": round(suggestion.certainty, 3)}


#: What ``--explain`` says of a tag, by how its gate has it proposed.
_LEARNED_STATUS = {"either": "patterns or learned", "model": "learned decides"}


def _print_learned(learned: dict[str, object]) -> None:
    """The learned suggester's table: per tag, its examples and its held-out F1 against the patterns'."""
    from annotations.suggest.gating import MARGIN, MIN_ADDED
    from annotations.suggest.learner import MIN_EXAMPLES, MIN_HELD_POSITIVES

    tags = learned.get("tags")
    assert isinstance(tags, dict)
    print(f"learned suggester: {learned.get('examples')} example(s) from the store, {learned.get('held_out')} held out")
    print(f"{'tag':<10}  with  without  held-out F1 learned  patterns  status")
    for tag, row in tags.items():
        mode = _LEARNED_STATUS.get(str(row.get("mode")))
        status = f"{mode} (p >= {row.get('threshold')})" if mode else "patterns decide"
        print(f"{tag:<10}  {row['positives']:>4}  {row['negatives']:>7}  {row['learned_f1']:>18.2f}  {row['patterns_f1']:>8.2f}  {status}")
    print(
        f"A tag is learned once it has {MIN_EXAMPLES} trained sentences with and without it and {MIN_HELD_POSITIVES} stored "
        f"with it, and at some threshold what the model adds beside the patterns is at least as precise as the patterns' own hits, "
        f"adds at least {MIN_ADDED} right tags and raises the tag's out-of-fold F1 by {MARGIN} (checked on each update; "
        "the model never decides a tag alone)."
    )


def _pattern_rows(engine: SuggestionEngine, decisions: Decisions) -> list[dict[str, object]]:
    """Every pattern in force with the analyst's decisions on it."""
    rows: list[dict[str, object]] = []
    for patterns in engine.patterns.values():
        for pattern in patterns:
            record = decisions.patterns.get(pattern.name)
            accepted, rejected = (record.accepted, record.rejected) if record else (0, 0)
            precision = record.precision if record else None
            muted = bool(record and record.muted)
            rows.append({"pattern": pattern.name, "accepted": accepted, "rejected": rejected, "precision": precision, "muted": muted})
    return rows


def _print_patterns(engine: SuggestionEngine, decisions: Decisions) -> None:
    """The patterns' table: decisions, precision, and whether it still suggests."""
    from annotations.suggest.decisions import MIN_DECISIONS, MIN_PRECISION

    rows = _pattern_rows(engine, decisions)
    width = max((len(str(row["pattern"])) for row in rows), default=7)
    print(f"{'pattern':<{width}}  accepted  rejected  precision  status")
    for row in rows:
        precision = row["precision"]
        shown = "-" if precision is None else f"{precision:.2f}"
        status = "muted" if row["muted"] else "suggests"
        print(f"{row['pattern']!s:<{width}}  {row['accepted']!s:>8}  {row['rejected']!s:>8}  {shown:>9}  {status}")
    print(f"A pattern stops suggesting after {MIN_DECISIONS} decisions if under {MIN_PRECISION:.0%} of them were accepts.")
