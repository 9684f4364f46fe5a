"""``newsmark agree [FILE...] [--tag T]... [--json]``: agreement between annotators per tag."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from ..common import article_annotations, open_store, read_named_articles, settings_for, tag_names
from ..status import ExitStatus

if TYPE_CHECKING:
    from annotations.config import Settings
    from annotations.model import Article
    from annotations.store.folder import Store
    from annotations.team.agreement import RatedArticle

    from ..parser import Subcommands

NAME = "agree"
SUMMARY = "agreement between annotators per tag (kappa, alpha, disagreements)"
DESCRIPTION = (
    "For each tag, sentence-level agreement between the annotators of the articles (every stored article, "
    "or the FILEs): Cohen's kappa for two annotators (a table per pair for more), Fleiss' kappa for three or "
    "more, Krippendorff's alpha (nominal), the number of items and the sentences where they disagree. An "
    "annotator with a record on an article rates each of its sentences (untagged: no); one without is missing. "
    "The final (adjudicated) layer is left out. Tags on words (spans) are compared apart, per tag: "
    "exact-match F1 (the same words) and token-overlap F1 (the words covered) between annotators. Verdicts "
    "are compared on the claims two or more annotators set a status on: kappa, alpha and the claims whose statuses differ."
)
EXAMPLES = ("newsmark agree", "newsmark agree article.txt --tag claim", "newsmark agree --json | jq '.tags.claim.kappa'")


def register(subparsers: Subcommands) -> None:
    """Add ``agree`` and its arguments."""
    from ..parser import Shared

    parser = subparsers.add(NAME, SUMMARY, DESCRIPTION, EXAMPLES, shared=Shared.READER, lists_tags=True)
    parser.add_argument("files", metavar="FILE", nargs="*", help="only these articles, or folders of them (default: every stored article)")
    parser.add_argument("--tag", action="append", metavar="T", help="only this tag (name or key letter; repeatable)")
    parser.add_argument("--json", action="store_true", help="print JSON: per tag kappa, alpha, items and the disagreements")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> ExitStatus:
    """Print the agreement per tag: tables, or JSON."""
    import json

    from annotations.store.holding import LockMode
    from annotations.team.agreement import agreement, agreement_json
    from annotations.team.span_agreement import span_agreements
    from annotations.team.verdict_agreement import verdict_agreement

    settings = settings_for(args)
    tags = settings.schema.require(tag_names(args.tag, settings.schema)) or list(settings.schema.names)
    named = read_named_articles(args.files, settings)
    with open_store(settings, LockMode.READ) as store:
        articles = rated_files(store, named, settings) if named else rated_store(store, settings)
    articles.sort(key=lambda a: a.path)
    final = {settings.final_annotator}
    figures = agreement(articles, tags, exclude=final)
    spans = span_agreements(articles, tags, exclude=final)
    verdicts = verdict_agreement(articles, settings.schema, exclude=final)
    if args.json:
        on_words = {tag: figure.as_json() for tag, figure in spans.items()}
        document = agreement_json(articles, figures, final, on_words)
        document["verdicts"] = verdicts.as_json()
        sys.stdout.write(json.dumps(document, ensure_ascii=False, indent=2) + "\n")
        return ExitStatus.OK
    from ..agree_table import render_agreement
    from ..printing import print_renderable

    print_renderable(render_agreement(figures, spans))
    if verdicts.items:
        from ..verdict_table import render_verdict_agreement

        print_renderable(render_verdict_agreement(verdicts))
    return ExitStatus.OK


def rated_files(store: Store, named: list[Article], settings: Settings) -> list[RatedArticle]:
    """The named articles (read from disk) as agreement sees them, re-anchored."""
    from annotations.model import storable_path
    from annotations.team.agreement import RatedArticle

    rated = []
    for article in named:
        opened = article_annotations(store, article, settings)
        rated.append(
            RatedArticle(storable_path(str(opened.article.path)), opened.article.title, len(opened.article.sentences), opened.view.all())
        )
    return rated


def rated_store(store: Store, settings: Settings) -> list[RatedArticle]:
    """Every stored article as agreement sees it (:func:`annotations.team.agreement.rated_store`)."""
    from annotations.team.agreement import rated_store as rated

    return rated(store, settings.schema, settings.sentence_cache)
