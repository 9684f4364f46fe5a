"""Undo and redo of a change to words name the words (``"approx. 300,000 shells" in 6``),
never their character offsets, through real ``newsmark`` subprocesses and the store."""

from __future__ import annotations

import shutil
from pathlib import Path

from annotations.formats.loader import load_article
from annotations.schema import TagSchema
from annotations.store.article_annotations import open_article
from annotations.store.folder import LockMode, Store
from annotations.store.spans import find_words

from .test_cli_daily import newsmark
from .test_spans_cli import SAMPLE, SHELLS


def test_cli_undo_and_redo_name_the_words(tmp_path: Path) -> None:
    article = tmp_path / "artillery.txt"
    shutil.copyfile(SAMPLE, article)
    store = tmp_path / "store"
    assert newsmark("tag", str(article), "6", "figure", "--span", SHELLS, store=store).returncode == 0
    undone = newsmark("undo", str(article), store=store)
    assert undone.returncode == 0, undone.stderr
    assert f'undo tag figure on "{SHELLS}" in 6' in undone.stdout
    redone = newsmark("redo", str(article), store=store)
    assert redone.returncode == 0, redone.stderr
    assert f'redo tag figure on "{SHELLS}" in 6' in redone.stdout


def test_long_words_are_named_cut_short_on_one_line(tmp_path: Path) -> None:
    path = tmp_path / "artillery.txt"
    shutil.copyfile(SAMPLE, path)
    with (
        Store(tmp_path / "store", mode=LockMode.WRITE) as opened,
        open_article(opened, load_article(path), annotator="ana", schema=TagSchema()) as notes,
    ):
        text = notes.article.sentence(6).text
        notes.toggle_span(find_words(notes.article, 6, text), "concern")
        label = notes.undo().label
    assert label.startswith('undo tag concern on "The Ukrainian army') and label.endswith('…" in 6') and len(label) < 80
