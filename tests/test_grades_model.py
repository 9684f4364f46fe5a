"""Source grades (Admiralty code): validated, only on sources, undoable, kept in the store."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotations.errors import StoreError
from annotations.formats.loader import load_article
from annotations.schema import TagSchema
from annotations.store.article_annotations import ArticleAnnotations, open_article
from annotations.store.folder import LockMode, Store
from annotations.store.verdicts import grade_meaning, parse_grade

BODY = "The minister said unemployment fell.\nAccording to the statistics office, it rose.\n"


def opened(store: Store, path: Path) -> ArticleAnnotations:
    return open_article(store, load_article(path), annotator="ana", schema=TagSchema())


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "jobs.txt"
    path.write_text(BODY, encoding="utf-8")
    return path


@pytest.mark.parametrize("code", ["G2", "B7", "B", "2B", "BB2", "", "B 2"])
def test_anything_but_a_letter_a_to_f_and_a_digit_1_to_6_is_refused(code: str) -> None:
    with pytest.raises(StoreError, match=r"is not a grade: a letter A-F .* and a digit 1-6"):
        parse_grade(code)


def test_a_grade_is_read_in_either_case_and_explained() -> None:
    assert parse_grade(" b2 ") == "B2"
    assert grade_meaning("B2") == "usually reliable, probably true"
    assert grade_meaning("F6") == "reliability cannot be judged, truth cannot be judged"


def test_a_source_is_graded_regraded_and_ungraded_each_undoable(tmp_path: Path, article: Path) -> None:
    root = tmp_path / "store"
    with Store(root) as store, opened(store, article) as notes:
        notes.edit([2], add=["source"])
        assert notes.grade(2) is None
        assert notes.set_grade(2, "B2").label == "grade of sentence 2: none → B2"
        notes.set_grade(2, "e5")
        assert notes.grade(2) == "E5"
        assert notes.undo().label == "undo grade of sentence 2: B2 → E5"
        assert notes.grade(2) == "B2"
        notes.set_grade(2, None)
        assert notes.grade(2) is None
        notes.undo()
    with Store(root, mode=LockMode.READ) as store:
        assert opened(store, article).grade(2) == "B2"


def test_only_a_source_takes_a_grade(tmp_path: Path, article: Path) -> None:
    root = tmp_path / "store"
    with Store(root) as store, opened(store, article) as notes:
        notes.edit([1], add=["claim"])
        for sentence in (1, 2):
            with pytest.raises(StoreError, match=f"sentence {sentence} is not tagged source by you: only a source takes a grade"):
                notes.set_grade(sentence, "B2")
        notes.edit([2], add=["source"])
        with pytest.raises(StoreError, match="is not a grade"):
            notes.set_grade(2, "Z9")
        assert notes.grade(2) is None
