"""Undo and redo where they meet triage: a range's group survives redo, and undo after
``attach`` (or confirm) is one step that brings back the orphan and any record it merged."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotations.errors import StoreError
from annotations.formats.loader import load_article
from annotations.schema import TagSchema
from annotations.store.article_annotations import ArticleAnnotations, open_article, open_in_file
from annotations.store.folder import LockMode, Store

BEFORE = "Title Line\n\nAlpha said one thing today. Bravo said another thing later. Charlie spoke last of all.\n"
AFTER = "Title Line\n\nAlpha said one thing today. Bravo said another thing later. Zulu replaced the last sentence entirely here.\n"


def notes_in(store: Store, article: Path) -> ArticleAnnotations:
    return open_article(store, load_article(article), annotator="ana", schema=TagSchema())


def test_redo_of_a_range_tag_keeps_its_group(store_root: Path, article_copy: Path) -> None:
    with Store(store_root, mode=LockMode.ARTICLES) as store:
        notes = notes_in(store, article_copy)
        notes.add_tags([1, 2, 3], ["claim"])
        before = {r["sentence"]: r["group"] for r in notes.records()}
        notes.undo()
        notes.redo()
        after = {r["sentence"]: r.get("group") for r in notes.file.records()}
    assert len(set(before.values())) == 1
    assert after == before


def test_undo_of_a_range_untag_restores_the_group(store_root: Path, article_copy: Path) -> None:
    with Store(store_root, mode=LockMode.ARTICLES) as store:
        notes = notes_in(store, article_copy)
        notes.add_tags([1, 2], ["claim", "figure"])
        group = {r["group"] for r in notes.records()}
        notes.remove_tags([1], ["figure"])  # one sentence: the record keeps its group
        notes.remove_tags([1, 2], ["claim", "figure"])  # both records go
        notes.undo()
        assert {r["group"] for r in notes.file.records()} == group


def test_attach_is_one_undoable_step_that_brings_back_the_orphan_and_the_merged_record(store_root: Path, tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text(BEFORE, encoding="utf-8")
    with Store(store_root) as store:
        notes = notes_in(store, article)
        notes.toggle([3], "source")  # the older record: kept by the merge
        notes.toggle([1], "claim")
    article.write_text(AFTER, encoding="utf-8")
    with Store(store_root) as store:
        notes = notes_in(store, article)
        (orphan,) = notes.orphans()
        notes.toggle([1], "figure")  # changes the record the merge will delete
        before = sorted((r["id"], r["sentence"], r["tags"], bool(r.get("orphan"))) for r in notes.file.records())
        notes.attach(orphan["id"], 1)
        assert notes.tags(1) == ["claim", "figure", "source"]
        assert len(notes.view.at(1)) == 1
        undone = notes.undo()
        assert undone.label == "undo attach to sentence 1"
        assert sorted((r["id"], r["sentence"], r["tags"], bool(r.get("orphan"))) for r in notes.file.records()) == before
        assert [r["id"] for r in notes.orphans()] == [orphan["id"]]
        assert notes.tags(1) == ["claim", "figure"]
        notes.redo()
        assert notes.tags(1) == ["claim", "figure", "source"] and not notes.orphans()
        notes.undo()
        notes.undo()  # then the figure toggle, made before the attach
        assert notes.tags(1) == ["claim"]
    with Store(store_root, mode=LockMode.READ) as store:
        again = notes_in(store, article)
        assert again.tags(1) == ["claim"]
        assert [r["id"] for r in again.orphans()] == [orphan["id"]]


def test_confirming_a_fuzzy_anchor_is_undoable(store_root: Path, tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("Title Line\n\nAlpha said one thing today in the town hall. Bravo said another thing later.\n", encoding="utf-8")
    with Store(store_root) as store:
        notes_in(store, article).toggle([1], "claim")
    article.write_text(
        "Title Line\n\nAlpha said one other thing today in the town hall. Bravo said another thing later.\n", encoding="utf-8"
    )
    with Store(store_root) as store:
        notes = notes_in(store, article)
        (fuzzy,) = notes.needs_review()
        assert str(fuzzy["anchor"]).startswith("fuzzy")
        notes.confirm(fuzzy["id"])
        assert not notes.needs_review()
        notes.undo()
        (again,) = notes.needs_review()
        assert again["id"] == fuzzy["id"] and again["anchor"] == fuzzy["anchor"]


def test_an_orphans_candidates_include_the_sentence_now_at_its_old_place(store_root: Path, tmp_path: Path) -> None:
    """A sentence rewritten in place is unlike its old text (no candidate over half alike
    listed it), yet it is most often what the sentence became: triage offers it."""
    article = tmp_path / "a.txt"
    article.write_text(BEFORE, encoding="utf-8")
    with Store(store_root) as store:
        notes_in(store, article).toggle([3], "source")
    article.write_text(AFTER, encoding="utf-8")
    with Store(store_root) as store:
        notes = notes_in(store, article)
        (orphan,) = notes.orphans()
        offered = notes.candidates(orphan)
        assert 3 in [c.sentence for c in offered]
        assert len(offered) <= 3 and [c.score for c in offered] == sorted((c.score for c in offered), reverse=True)


def test_undoing_an_attach_never_overwrites_a_later_change_to_the_record(store_root: Path, tmp_path: Path) -> None:
    """bo attached his orphan, then an import of his file (from his other machine) changed
    the record: bo's undo would put back the orphan as it was and lose that change; it is
    refused, naming who changed it (found in a review). ana cannot attach bo's orphan at
    all: it is his (issue 29, item 2)."""
    article = tmp_path / "a.txt"
    article.write_text(BEFORE, encoding="utf-8")
    with Store(store_root) as store:
        open_article(store, load_article(article), annotator="bo", schema=TagSchema()).toggle([3], "claim")
    article.write_text(AFTER, encoding="utf-8")
    with Store(store_root) as store:
        ana = notes_in(store, article)
        (orphan,) = ana.orphans()
        with pytest.raises(StoreError, match="bo's annotation: only bo attaches, confirms or deletes it"):
            ana.attach(orphan["id"], 3)
        assert [r["id"] for r in ana.orphans()] == [orphan["id"]]
        bo = open_in_file(store, ana.article, ana.file, annotator="bo", schema=TagSchema())
        bo.attach(orphan["id"], 3)
        imported = dict(bo.file.record(orphan["id"]) or {})
        imported["tags"] = ["claim", "figure"]
        with bo.file.transaction():
            bo.file.apply([(orphan["id"], imported)])  # as an import writes it
        bo.state.reindex()
        with pytest.raises(StoreError, match="bo changed that annotation since"):
            bo.undo()
        assert bo.file.record(orphan["id"])["tags"] == ["claim", "figure"]  # type: ignore[index]
