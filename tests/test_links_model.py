"""Links between records: stored once on the claim they start from, shown from both ends
(in the same article and from another article of the store), undoable."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotations.errors import StoreError
from annotations.formats.loader import load_article
from annotations.schema import TagSchema
from annotations.store.article_annotations import ArticleAnnotations, open_article
from annotations.store.folder import LockMode, Store
from annotations.store.links import end_of

ONE = "The minister said unemployment fell to 4 percent.\nThe claim came from a party leaflet.\n"
TWO = "The statistics office put unemployment at 5.2 percent.\nA union said the same.\n"


def opened(store: Store, path: Path, annotator: str = "ana") -> ArticleAnnotations:
    return open_article(store, load_article(path), annotator=annotator, schema=TagSchema())


@pytest.fixture
def articles(tmp_path: Path) -> tuple[Path, Path]:
    one, two = tmp_path / "one.txt", tmp_path / "two.txt"
    one.write_text(ONE, encoding="utf-8")
    two.write_text(TWO, encoding="utf-8")
    return one, two


def test_a_claim_attributed_to_its_source_shows_from_both_ends(tmp_path: Path, articles: tuple[Path, Path]) -> None:
    root, (one, _) = tmp_path / "store", articles
    with Store(root) as store, opened(store, one) as notes:
        notes.edit([1], add=["claim"])
        notes.edit([2], add=["source"])
        change = notes.link(1, notes.link_end(2), "attributed-to")
        assert change.label == "link sentence 1 attributed-to sentence 2"
    with Store(root, mode=LockMode.READ) as store:
        notes = opened(store, one)
        [out] = notes.links(1)
        assert (out.kind, out.outgoing, out.annotator, out.other["sentence"]) == ("attributed-to", True, "ana", 2)
        [back] = notes.links(2)
        assert (back.kind, back.outgoing, back.other["sentence"], back.other["path"]) == ("attributed-to", False, 1, str(one))
        stored = notes.view.at(1)[0]["links"]
        assert len(stored) == 1 and notes.view.at(2)[0].get("links") is None  # stored once


def test_a_claim_contradicting_one_in_another_article_shows_there_too(tmp_path: Path, articles: tuple[Path, Path]) -> None:
    root, (one, two) = tmp_path / "store", articles
    with Store(root) as store, opened(store, two) as there:
        there.edit([1], add=["claim"])
        target = there.link_end(1)
    with Store(root) as store, opened(store, one) as notes:
        notes.edit([1], add=["claim"])
        notes.link(1, target, "contradicts")
        notes.link(1, target, "contradicts")  # twice is once
        assert len(notes.links(1)) == 1
    with Store(root, mode=LockMode.READ) as store:
        [back] = opened(store, two).incoming_links(1)
        assert (back.kind, back.other["path"], back.other["sentence"]) == ("contradicts", str(one), 1)
    with Store(root) as store, opened(store, one) as notes:
        assert notes.unlink(1, target, "contradicts").label == "unlink sentence 1 contradicts two.txt#1"
        assert notes.links(1) == []
        notes.undo()
        assert [link.kind for link in notes.links(1)] == ["contradicts"]


def test_the_ends_are_named_by_content_so_a_moved_article_still_matches(tmp_path: Path, articles: tuple[Path, Path]) -> None:
    _, two = articles
    article = load_article(two)
    end = end_of(article, 1)
    assert end["content"] and end["sentence"] == 1 and "span" not in end


def test_a_link_needs_a_claim_a_known_kind_and_another_record(tmp_path: Path, articles: tuple[Path, Path]) -> None:
    root, (one, _) = tmp_path / "store", articles
    with Store(root) as store, opened(store, one) as notes:
        notes.edit([2], add=["source"])
        with pytest.raises(StoreError, match="sentence 1 is not tagged claim or figure by you"):
            notes.link(1, notes.link_end(2), "attributed-to")
        notes.edit([1], add=["claim"])
        with pytest.raises(StoreError, match=r"unknown link kind 'supports' .known: attributed-to, corroborates, contradicts"):
            notes.link(1, notes.link_end(2), "supports")
        with pytest.raises(StoreError, match="cannot be linked to itself"):
            notes.link(1, notes.link_end(1), "corroborates")
        with pytest.raises(StoreError, match="has no corroborates link to"):
            notes.unlink(1, notes.link_end(2), "corroborates")


def test_a_link_leads_to_a_source_or_a_claim_in_an_article_of_the_store(tmp_path: Path, articles: tuple[Path, Path]) -> None:
    root, (one, two) = tmp_path / "store", articles
    with Store(root) as store, opened(store, one) as notes:
        notes.edit([1], add=["claim"])
        with pytest.raises(StoreError, match=r"one.txt#2 is not tagged source: an attributed-to link leads to a source"):
            notes.link(1, notes.link_end(2), "attributed-to")
        elsewhere = end_of(load_article(two), 1)
        with pytest.raises(StoreError, match="no annotations of this article are in the store"):
            notes.link(1, elsewhere, "corroborates")
    with Store(root) as store, opened(store, two, "ben") as there:
        there.edit([1], add=["source"])
    with Store(root) as store, opened(store, one) as notes:
        with pytest.raises(StoreError, match=r"two.txt#1 is not tagged claim or figure: a corroborates link leads to a claim"):
            notes.link(1, elsewhere, "corroborates")
        assert notes.links(1) == []
