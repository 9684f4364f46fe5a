"""What ``newsmark undo`` and ``newsmark redo`` share: one step back or forward in an
article's history (the reader's and the command line's changes share it)."""

from __future__ import annotations

import argparse

from annotations.errors import escape_controls

from ..common import article_annotations, open_store, read_article, settings_for
from ..status import ExitStatus


def step(args: argparse.Namespace, *, forward: bool) -> ExitStatus:
    """Undo (or, ``forward``, redo) the annotator's last change to ``args.file``."""
    from annotations.store.holding import LockMode

    settings = settings_for(args)
    article = read_article(args.file, settings)
    with open_store(settings, LockMode.ARTICLES) as store:
        annotations = article_annotations(store, article, settings)
        change = annotations.redo() if forward else annotations.undo()
    if not change:
        print(f"nothing to {args.command} in {escape_controls(article.title)}")
        return ExitStatus.NOTHING_TO_DO
    print(f"{change.label} ({escape_controls(article.title)})")
    if change.effects:  # an accept or reject of suggestions: its decisions follow
        from annotations.suggest.deciding import follow

        follow(settings.store_path, change, redo=forward)
    return ExitStatus.OK
