"""A final decision that no reader gives any more is shown again for adjudication (tryout
6, item 8): both annotators removed the claim the final layer had taken from one of them,
and the view said everything was settled while the brief kept the claim as final."""

from __future__ import annotations

from pathlib import Path

from annotations.formats.loader import load_article
from annotations.schema import TagSchema
from annotations.store.article_annotations import open_article
from annotations.store.folder import LockMode, Store
from annotations.team.adjudication import disputed


def tag(store: Store, article: Path, who: str, sentence: int, tags: list[str]) -> None:
    annotations = open_article(store, load_article(article), annotator=who, schema=TagSchema())
    for name in tags:
        annotations.toggle([sentence], name)
    annotations.release()


def test_a_decision_no_reader_gives_any_more_is_disputed_again(store_root: Path, article_copy: Path) -> None:
    with Store(store_root, mode=LockMode.AUTO) as store:
        tag(store, article_copy, "ana", 3, ["claim"])
        tag(store, article_copy, "bo", 5, ["figure"])  # bo read the article, and left 3 untagged
        view = open_article(store, load_article(article_copy), annotator="ana", schema=TagSchema()).view
        assert disputed(view, "final") == [3, 5]
        tag(store, article_copy, "final", 3, ["claim"])  # the adjudicator takes ana's reading
        tag(store, article_copy, "final", 5, ["figure"])
        tag(store, article_copy, "bo", 3, ["claim"])  # bo comes round: they agree, as final says
        tag(store, article_copy, "ana", 5, ["figure"])
        view = open_article(store, load_article(article_copy), annotator="ana", schema=TagSchema()).view
        assert disputed(view, "final") == []
        tag(store, article_copy, "ana", 3, ["claim"])  # then both drop the claim: final's claim is nobody's now
        tag(store, article_copy, "bo", 3, ["claim"])
        view = open_article(store, load_article(article_copy), annotator="ana", schema=TagSchema()).view
        assert disputed(view, "final") == [3]
