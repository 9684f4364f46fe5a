"""Spans: records on words inside a sentence, stored in a real TinyDB file, and their
words found again after the article is edited (kept, reworded, deleted, moved, and two
equal phrases in one sentence)."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotations.errors import StoreError
from annotations.formats.loader import load_article
from annotations.schema import TagSchema
from annotations.store.article_annotations import ArticleAnnotations, open_article
from annotations.store.folder import LockMode, Store
from annotations.store.spans import Words, find_words

BODY = (
    "The council met on Monday to discuss the new harbour budget.\n"
    "Officials said the harbour would need about 40 million euros over five years, and the port about 40 million more. "
    "Critics called the figure far too low.\n"
    "Residents will be able to comment on the plan until the end of March.\n"
)


def opened(store: Store, path: Path, annotator: str = "ana") -> ArticleAnnotations:
    return open_article(store, load_article(path), annotator=annotator, schema=TagSchema())


def reread(root: Path, path: Path) -> ArticleAnnotations:
    """What the store holds now, opened read-only (re-anchored to the file as it is)."""
    with Store(root, mode=LockMode.READ) as store:
        return opened(store, path)


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "harbour.txt"
    path.write_text(BODY, encoding="utf-8")
    return path


def tag_words(root: Path, path: Path, sentence: int, words: str, tag: str, occurrence: int = 1, note: str | None = None) -> Words:
    with Store(root) as store, opened(store, path) as notes:
        found = find_words(notes.article, sentence, words, occurrence)
        notes.edits.edit_span(found, add=[tag], note=note)
        return found


def test_a_sentence_holds_spans_with_their_own_tags_and_notes_beside_its_whole_sentence_tag(tmp_path: Path, article: Path) -> None:
    root = tmp_path / "store"
    first = tag_words(root, article, 2, "about 40 million euros", "figure")
    tag_words(root, article, 2, "Officials", "source", note="which officials?")
    with Store(root) as store, opened(store, article) as notes:
        notes.edit([2], add=["claim"])
    notes = reread(root, article)
    assert notes.tags(2) == ["claim"]  # the whole sentence's, not its words'
    spans = notes.view.spans_at(2)
    assert [(r["span"]["quote"], r["tags"], r["note"]) for r in spans] == [
        ("Officials", ["source"], "which officials?"),
        ("about 40 million euros", ["figure"], ""),
    ]
    assert notes.edits.span_tags(first) == ["figure"]
    assert notes.tagged_sentences() == [2]
    records = notes.file.records()  # as the store file holds them
    whole = next(doc for doc in records if doc["tags"] == ["claim"])
    assert "span" not in whole  # a whole-sentence record has no span field at all
    span = next(doc for doc in records if doc["tags"] == ["figure"])["span"]
    text = notes.article.sentence(2).text
    assert span == {"start": 38, "end": 60, "quote": "about 40 million euros", "prefix": text[6:38], "suffix": text[60:92]}
    assert span["prefix"] == "als said the harbour would need "


def test_the_same_words_twice_are_one_record_and_toggling_removes_the_tag(tmp_path: Path, article: Path) -> None:
    root = tmp_path / "store"
    words = tag_words(root, article, 2, "about 40 million", "figure")
    tag_words(root, article, 2, "about 40 million", "figure")
    with Store(root) as store, opened(store, article) as notes:
        assert len(notes.spans(2)) == 1
        notes.toggle_span(words, "figure")
        assert notes.spans(2) == []
        notes.undo()
        assert [r["tags"] for r in notes.spans(2)] == [["figure"]]
        notes.redo()
        assert notes.spans(2) == []
        notes.set_span_note(words, "Which sum?")
        assert [(r["tags"], r["note"]) for r in notes.spans(2)] == [([], "Which sum?")]


def test_two_equal_phrases_are_two_records_told_apart_by_their_offsets(tmp_path: Path, article: Path) -> None:
    root = tmp_path / "store"
    first = tag_words(root, article, 2, "about 40 million", "figure")
    second = tag_words(root, article, 2, "about 40 million", "concern", occurrence=2)
    assert first.start < second.start
    notes = reread(root, article)
    assert [(r["span"]["start"], r["tags"]) for r in notes.view.spans_at(2)] == [(first.start, ["figure"]), (second.start, ["concern"])]


def test_words_not_in_the_sentence_are_refused_in_one_line(article: Path) -> None:
    loaded = load_article(article)
    with pytest.raises(StoreError, match='sentence 3 has no "about 40"'):
        find_words(loaded, 3, "about 40")
    with pytest.raises(StoreError, match='"about 40 million" 2 time'):
        find_words(loaded, 2, "about 40 million", 3)


def edited(root: Path, path: Path, old: str, new: str) -> ArticleAnnotations:
    path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    with Store(root) as store, opened(store, path):
        pass  # opening re-anchors and saves
    return reread(root, path)


def test_words_kept_in_an_edited_sentence_stay_on_those_words(tmp_path: Path, article: Path) -> None:
    root = tmp_path / "store"
    tag_words(root, article, 2, "about 40 million euros", "figure")
    notes = edited(root, article, "Officials said the harbour", "Officials of the city said that the harbour")
    (record,) = notes.view.spans_at(2)
    assert notes.article.sentence(2).text[record["span"]["start"] : record["span"]["end"]] == "about 40 million euros"
    assert record["anchor"] == "moved" and record["quote"] == ""


def test_reworded_words_become_fuzzy_keeping_the_old_quote(tmp_path: Path, article: Path) -> None:
    root = tmp_path / "store"
    tag_words(root, article, 2, "about 40 million euros", "figure")
    notes = edited(root, article, "about 40 million euros", "about 45 million euros")
    (record,) = notes.view.spans_at(2)
    assert record["span"]["quote"] == "about 45 million euros"
    assert record["anchor"].startswith("fuzzy ") and record["quote"] == "about 40 million euros"
    assert record in notes.needs_review()


def test_words_rewritten_beyond_recognition_make_an_orphan_not_a_span_on_other_words(tmp_path: Path, article: Path) -> None:
    root = tmp_path / "store"
    tag_words(root, article, 2, "about 40 million euros", "figure")
    notes = edited(root, article, "about 40 million euros", "a sum nobody would name")
    assert notes.view.spans_at(2) == []
    (orphan,) = notes.orphans()
    assert orphan["span"]["quote"] == "about 40 million euros" and orphan["anchor"] == "orphan"


def test_the_tagged_copy_of_a_repeated_phrase_removed_is_an_orphan_not_moved_onto_the_other(tmp_path: Path, article: Path) -> None:
    root = tmp_path / "store"
    tag_words(root, article, 2, "about 40 million", "concern", occurrence=2)
    notes = edited(root, article, "and the port about 40 million more", "and the port a little more")
    assert notes.view.spans_at(2) == []
    assert [r["span"]["quote"] for r in notes.orphans()] == ["about 40 million"]


def test_two_equal_phrases_each_stay_on_their_own_copy_when_text_before_them_changes(tmp_path: Path, article: Path) -> None:
    root = tmp_path / "store"
    tag_words(root, article, 2, "about 40 million", "figure")
    tag_words(root, article, 2, "about 40 million", "concern", occurrence=2)
    notes = edited(root, article, "Officials said", "Officials of the port authority said")
    text = notes.article.sentence(2).text
    first, second = notes.view.spans_at(2)
    assert (first["tags"], second["tags"]) == (["figure"], ["concern"])
    assert text[first["span"]["end"] :].startswith(" euros over five years")
    assert text[second["span"]["end"] :].startswith(" more")


def test_a_deleted_sentence_makes_its_spans_orphans(tmp_path: Path, article: Path) -> None:
    root = tmp_path / "store"
    tag_words(root, article, 3, "far too low", "concern")
    notes = edited(root, article, " Critics called the figure far too low.", "")
    assert [r["span"]["quote"] for r in notes.orphans()] == ["far too low"]


def test_a_moved_sentence_takes_its_spans_along(tmp_path: Path, article: Path) -> None:
    root = tmp_path / "store"
    tag_words(root, article, 4, "the end of March", "figure")
    text = article.read_text(encoding="utf-8")
    residents = "Residents will be able to comment on the plan until the end of March.\n"
    article.write_text(residents + text.replace(residents, ""), encoding="utf-8")
    notes = reread(root, article)
    (record,) = notes.view.spans_at(1)
    assert record["anchor"] == "moved" and record["span"]["quote"] == "the end of March"


def test_triage_attaches_an_orphan_span_onto_its_words_in_the_sentence_chosen(tmp_path: Path, article: Path) -> None:
    root = tmp_path / "store"
    tag_words(root, article, 3, "far too low", "concern")
    edited(root, article, " Critics called the figure far too low.", "")
    article.write_text(article.read_text(encoding="utf-8") + "Others found it far too low.\n", encoding="utf-8")
    with Store(root) as store, opened(store, article) as notes:
        (orphan,) = notes.orphans()
        last = len(notes.article.sentences)
        with pytest.raises(StoreError, match="has nothing like"):
            notes.attach(orphan["id"], 1)
        notes.attach(orphan["id"], last)
        (record,) = notes.view.spans_at(last)
        assert record["span"]["quote"] == "far too low" and record["anchor"] == "exact"
