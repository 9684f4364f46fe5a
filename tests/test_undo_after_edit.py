"""Undo after the article's text was edited: each step is moved to where its sentences
went and still undoes what it did; a step whose sentence an edit removed is dropped
(tryout: any edit, even a typo fix, ended the whole undo history)."""

from __future__ import annotations

import shutil
from pathlib import Path

from .test_cli_daily import newsmark

SAMPLE = Path(__file__).resolve().parent.parent / "sample_articles"
FIRST = "Dockworkers at the country's two largest container ports"


def ok(store: Path, *args: str) -> str:
    result = newsmark(*args, store=store)
    assert result.returncode == 0, result.stderr
    return result.stdout


def tagged(store: Path, article: Path) -> list[tuple[int, str]]:
    """(sentence, tags) of every record of the article, from its CSV export."""
    rows = ok(store, "export", str(article), "--format", "csv", "-o", "-").splitlines()[1:]
    return sorted((int(row.split(",")[2]), row.rsplit(",", 1)[-1]) for row in rows)


def test_undo_after_an_edit_undoes_the_same_tags_where_their_sentences_went(tmp_path: Path) -> None:
    store, article = tmp_path / "store", tmp_path / "port.txt"
    shutil.copyfile(SAMPLE / "port-strike.txt", article)
    for sentence, tag in (("1", "claim"), ("2", "source"), ("4", "figure")):
        ok(store, "tag", str(article), sentence, tag)
    text = article.read_text(encoding="utf-8")
    assert FIRST in text
    article.write_text(text.replace(FIRST, "A line written in first.\n" + FIRST, 1), encoding="utf-8")  # all move down one
    assert ok(store, "undo", str(article)).startswith("undo tag figure on 4 (before the article was edited)")
    assert ok(store, "undo", str(article)).startswith("undo tag source on 2 (before the article was edited)")
    assert [number for number, _ in tagged(store, article)] == [2]  # the claim, on its sentence (now 2)
    ok(store, "redo", str(article))
    assert [number for number, _ in tagged(store, article)] == [2, 3]


def test_a_step_whose_sentence_an_edit_removed_is_dropped(tmp_path: Path) -> None:
    store, article = tmp_path / "store", tmp_path / "port.txt"
    shutil.copyfile(SAMPLE / "port-strike.txt", article)
    ok(store, "tag", str(article), "2", "source")
    ok(store, "tag", str(article), "1", "claim")
    text = article.read_text(encoding="utf-8")
    start = text.index(FIRST)
    article.write_text(text[:start] + text[text.index("\n", start) + 1 :], encoding="utf-8")  # sentence 1 deleted
    said = ok(store, "undo", str(article))
    assert said.startswith("undo tag source on 2 (before the article was edited)"), said  # the claim's step went with its sentence
    rows = ok(store, "export", str(article), "--format", "csv", "-o", "-")
    assert "source" not in rows and "claim" in rows  # the claim is an orphan now, its step dropped
    status = newsmark("undo", str(article), store=store)
    assert status.returncode == 1 and status.stdout.startswith("nothing to undo"), status.stdout
