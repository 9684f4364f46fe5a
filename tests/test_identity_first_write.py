"""Whatever writes an article's store file first (a tag, a note, or the reader saving its
position) makes the file findable by content: a rename afterwards keeps the annotations."""

from __future__ import annotations

from pathlib import Path

from annotations.formats.loader import load_article
from annotations.schema import TagSchema
from annotations.store.article_annotations import ArticleAnnotations, open_article
from annotations.store.folder import LockMode, Store


def opened(root: Path, path: Path) -> ArticleAnnotations:
    return open_article(Store(root, mode=LockMode.AUTO), load_article(path), annotator="ana", schema=TagSchema())


def test_a_position_saved_before_the_first_tag_still_lets_a_renamed_article_find_its_tags(store_root: Path, article_copy: Path) -> None:
    notes = opened(store_root, article_copy)
    notes.save_position(3)  # the reader saves where it is before anything is tagged
    notes.toggle([3], "claim")
    notes.set_note([5], "check the figure")
    notes.store.close()
    renamed = article_copy.with_name("filed-away.txt")
    article_copy.rename(renamed)
    notes = opened(store_root, renamed)
    assert notes.tagged_sentences() == [3] and notes.note(5) == "check the figure"
    assert notes.stored_position == 3
    notes.store.close()
