"""Verdicts on claims, stored in a real TinyDB file: status with its history, evidence,
rationale, undo and redo of each, and the one clear error for a record that takes none."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotations.errors import ConfigError, StoreError
from annotations.formats.loader import load_article
from annotations.schema import TagSchema
from annotations.store.article_annotations import ArticleAnnotations, open_article
from annotations.store.folder import LockMode, Store
from annotations.store.spans import find_words

BODY = (
    "The minister said unemployment fell to 4 percent last year.\n"
    "According to the statistics office, the figure was 5.2 percent.\n"
    "The opposition said the minister was wrong.\n"
)


def opened(store: Store, path: Path, annotator: str = "ana") -> ArticleAnnotations:
    return open_article(store, load_article(path), annotator=annotator, schema=TagSchema())


def reread(root: Path, path: Path, annotator: str = "ana") -> ArticleAnnotations:
    with Store(root, mode=LockMode.READ) as store:
        return opened(store, path, annotator)


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "jobs.txt"
    path.write_text(BODY, encoding="utf-8")
    return path


def test_a_status_change_is_kept_with_its_history_rationale_and_evidence(tmp_path: Path, article: Path) -> None:
    root = tmp_path / "store"
    with Store(root) as store, opened(store, article) as notes:
        notes.edit([1], add=["claim"])
        assert notes.assessment(1).status == "unverified"  # where every claim starts
        notes.set_status(1, "checking")
        change = notes.set_status(1, "false", note="The office says 5.2 percent.")
        assert change.sentences == (1,)
        notes.add_evidence(1, "url", "https://stats.example.org/2026/jobs")
        notes.add_evidence(1, "text", "Phone call with the office, 3 Dec.")
    done = reread(root, article).assessment(1)
    assert done.status == "false"
    assert done.rationale == "The office says 5.2 percent."
    assert [(h["by"], h["from"], h["to"]) for h in done.history] == [("ana", "unverified", "checking"), ("ana", "checking", "false")]
    assert [(e["kind"], e["value"], e["by"]) for e in done.evidence] == [
        ("url", "https://stats.example.org/2026/jobs", "ana"),
        ("text", "Phone call with the office, 3 Dec.", "ana"),
    ]
    assert all(h["at"].endswith("Z") for h in done.history)


def test_undo_and_redo_take_a_status_back_and_forth_named_by_what_changed(tmp_path: Path, article: Path) -> None:
    root = tmp_path / "store"
    with Store(root) as store, opened(store, article) as notes:
        notes.edit([1], add=["claim"], note="check with the office")
        notes.set_status(1, "false", note="wrong figure")
        notes.set_status(1, "unverified")
        undone = notes.undo()
        assert undone.label == "undo status of sentence 1: false → unverified"
        assert notes.assessment(1).status == "false"
        notes.undo()
        back = notes.assessment(1)
        assert (back.status, back.rationale, back.history) == ("unverified", "", ())
        assert notes.note(1) == "check with the office"  # the note is not the rationale
        assert notes.redo().label == "redo status of sentence 1: unverified → false"
    again = reread(root, article).assessment(1)
    assert (again.status, again.rationale, len(again.history)) == ("false", "wrong figure", 1)


def test_evidence_is_removed_and_undone_and_a_tag_toggle_keeps_the_verdict(tmp_path: Path, article: Path) -> None:
    root = tmp_path / "store"
    with Store(root) as store, opened(store, article) as notes:
        notes.edit([1], add=["claim"])
        notes.set_status(1, "verified")
        notes.add_evidence(1, "url", "https://a.example/one")
        notes.add_evidence(1, "url", "https://a.example/two")
        assert notes.remove_evidence(1, 0).label == "evidence on sentence 1: remove item 1"
        assert [e["value"] for e in notes.assessment(1).evidence] == ["https://a.example/two"]
        notes.undo()
        assert len(notes.assessment(1).evidence) == 2
        notes.toggle([1], "figure")
        notes.undo()  # a tag's undo leaves the verdict as it is
        assert (notes.assessment(1).status, len(notes.assessment(1).evidence)) == ("verified", 2)
        with pytest.raises(StoreError, match="has no evidence item 3"):
            notes.remove_evidence(1, 2)


def test_a_span_takes_a_verdict_of_its_own(tmp_path: Path, article: Path) -> None:
    root = tmp_path / "store"
    with Store(root) as store, opened(store, article) as notes:
        words = find_words(notes.article, 2, "5.2 percent")
        notes.edit_span(words, add=["figure"])
        change = notes.set_status(words, "verified")
        assert change.label == 'status of "5.2 percent" in sentence 2: unverified → verified'
    notes = reread(root, article)
    assert notes.assessment(find_words(notes.article, 2, "5.2 percent")).status == "verified"
    assert notes.assessment(2).status == "unverified"


@pytest.mark.parametrize(
    ("tags", "match"),
    [([], "sentence 3 is not tagged claim or figure by you: only a claim takes a status"), (["source"], "not tagged claim or figure")],
)
def test_a_status_on_an_untagged_or_uncheckable_record_is_one_clear_error(
    tmp_path: Path, article: Path, tags: list[str], match: str
) -> None:
    root = tmp_path / "store"
    with Store(root) as store, opened(store, article) as notes:
        if tags:
            notes.edit([3], add=tags)
        with pytest.raises(StoreError, match=match):
            notes.set_status(3, "false")
        with pytest.raises(StoreError, match="not tagged claim or figure"):
            notes.add_evidence(3, "text", "x")
        assert notes.assessment(3).history == ()


def test_an_unknown_status_or_bad_evidence_changes_nothing(tmp_path: Path, article: Path) -> None:
    root = tmp_path / "store"
    with Store(root) as store, opened(store, article) as notes:
        notes.edit([1], add=["claim"])
        with pytest.raises(ConfigError, match=r"unknown status 'wrong' \(known: unverified, checking, verified, false"):
            notes.set_status(1, "wrong")
        with pytest.raises(StoreError, match="is not a web address"):
            notes.add_evidence(1, "url", "ftp:/nowhere")
        with pytest.raises(StoreError, match=r"is not a sentence of an article \(PATH#N\)"):
            notes.add_evidence(1, "sentence", "jobs.txt")
        with pytest.raises(StoreError, match="unknown evidence kind 'photo'"):
            notes.add_evidence(1, "photo", "x")
        assert notes.assessment(1) == ("unverified", "", (), ())


def test_another_annotators_verdict_is_their_own(tmp_path: Path, article: Path) -> None:
    root = tmp_path / "store"
    with Store(root) as store, opened(store, article) as notes:
        notes.edit([1], add=["claim"])
        notes.set_status(1, "false")
    with Store(root) as store, opened(store, article, "ben") as notes:
        with pytest.raises(StoreError, match="not tagged claim or figure by you"):
            notes.set_status(1, "verified")
        notes.edit([1], add=["claim"])
        notes.set_status(1, "verified")
    assert reread(root, article).assessment(1).status == "false"
    assert reread(root, article, "ben").assessment(1).status == "verified"
