"""The reader's saved position follows its sentence when the article's text changes
(as records do), through a real store file; when that sentence is gone, the old number
is kept (within the text)."""

from __future__ import annotations

import shutil
from pathlib import Path

from annotations.formats.loader import load_article
from annotations.schema import TagSchema
from annotations.store.article_annotations import open_article
from annotations.store.folder import LockMode, Store

from .test_spans_cli import SAMPLE


def _position_after(tmp_path: Path, saved: int, edit: str) -> tuple[int, int, str]:
    """Save ``saved``, delete the sentence ``edit`` from the file, reopen: the position,
    the position a second reopen gives, and the sentence it is on."""
    path = tmp_path / "artillery.txt"
    shutil.copyfile(SAMPLE, path)
    store = tmp_path / "store"
    with (
        Store(store, mode=LockMode.WRITE) as opened,
        open_article(opened, load_article(path), annotator="ana", schema=TagSchema()) as notes,
    ):
        notes.save_position(saved)
    text = path.read_text(encoding="utf-8")
    assert edit in text
    path.write_text(text.replace(edit, ""), encoding="utf-8")
    positions = []
    for _ in range(2):
        with (
            Store(store, mode=LockMode.WRITE) as opened,
            open_article(opened, load_article(path), annotator="ana", schema=TagSchema()) as notes,
        ):
            positions.append(notes.position)
            now = notes.article.sentence(notes.position).text
    return positions[0], positions[1], now


def test_position_follows_its_sentence_when_an_earlier_one_is_deleted(tmp_path: Path) -> None:
    third = load_article(SAMPLE).sentence(3).text
    sixth = load_article(SAMPLE).sentence(6).text
    assert _position_after(tmp_path, 6, third + "\n") == (5, 5, sixth)


def test_position_on_a_deleted_sentence_keeps_its_number(tmp_path: Path) -> None:
    third = load_article(SAMPLE).sentence(3).text
    first, second, _ = _position_after(tmp_path, 3, third + "\n")
    assert (first, second) == (3, 3)
