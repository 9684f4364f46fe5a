"""``newsmark tag FILE N TAG --span WORDS``: the exact words of one sentence tagged,
noted, removed, undone and redone, through real ``newsmark`` subprocesses; and each
wrong use one line with exit 2, the store unchanged."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from annotations.formats.loader import load_article
from annotations.schema import TagSchema
from annotations.store.article_annotations import ArticleAnnotations, open_article
from annotations.store.folder import LockMode, Store

from .test_cli_daily import newsmark, one_error_line

SAMPLE = Path(__file__).resolve().parent.parent / "sample_articles" / "artillery-pipeline.txt"
SHELLS = "approx. 300,000 shells"


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "artillery.txt"
    shutil.copyfile(SAMPLE, path)
    return path


def stored(store: Path, path: Path) -> ArticleAnnotations:
    with Store(store, mode=LockMode.READ) as opened:
        return open_article(opened, load_article(path), annotator="ana", schema=TagSchema())


def test_span_tags_exactly_those_words_and_remove_takes_the_tag_off(tmp_path: Path, article: Path) -> None:
    store = tmp_path / "store"
    result = newsmark("tag", str(article), "6", "figure", "--span", SHELLS, store=store)
    assert result.returncode == 0, result.stderr
    assert f'"{SHELLS}" in sentence 6 changed' in result.stdout
    notes = stored(store, article)
    (record,) = notes.view.spans_at(6)
    text = notes.article.sentence(6).text
    assert text[record["span"]["start"] : record["span"]["end"]] == SHELLS and record["tags"] == ["figure"]
    assert notes.tags(6) == []  # the sentence itself is not tagged
    result = newsmark("tag", str(article), "6", "figure", "--span", SHELLS, "--remove", store=store)
    assert result.returncode == 0, result.stderr
    assert stored(store, article).view.spans_at(6) == []


def test_span_note_and_a_second_tag_go_on_the_same_words(tmp_path: Path, article: Path) -> None:
    store = tmp_path / "store"
    assert newsmark("tag", str(article), "6", "f", "--span", SHELLS, "--note", "Which partners?", store=store).returncode == 0
    assert newsmark("tag", str(article), "6", "concern", "--span", SHELLS, store=store).returncode == 0
    (record,) = stored(store, article).view.spans_at(6)
    assert (record["tags"], record["note"]) == (["figure", "concern"], "Which partners?")


def test_occurrence_picks_the_kth_time_the_words_occur(tmp_path: Path, article: Path) -> None:
    store = tmp_path / "store"
    text = load_article(article).sentence(6).text
    second = text.index("ar", text.index("ar") + 1)  # "army", then "partners"
    assert newsmark("tag", str(article), "6", "claim", "--span", "ar", "--occurrence", "2", store=store).returncode == 0
    (record,) = stored(store, article).view.spans_at(6)
    assert record["span"]["start"] == second


def test_undo_and_redo_take_back_and_bring_back_a_span_tag(tmp_path: Path, article: Path) -> None:
    store = tmp_path / "store"
    assert newsmark("tag", str(article), "6", "figure", "--span", SHELLS, store=store).returncode == 0
    assert newsmark("undo", str(article), store=store).returncode == 0
    assert stored(store, article).view.spans_at(6) == []
    assert newsmark("redo", str(article), store=store).returncode == 0
    (record,) = stored(store, article).view.spans_at(6)
    assert record["span"]["quote"] == SHELLS and record["tags"] == ["figure"]


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["6", "figure", "--span", "400,000 shells"], 'sentence 6 has no "400,000 shells"'),
        (["6", "figure", "--span", SHELLS, "--occurrence", "2"], f'sentence 6 has "{SHELLS}" 1 time(s), not an occurrence 2'),
        (["6", "figure", "--span", SHELLS, "--occurrence", "0"], "--occurrence counts from 1"),
        (["6-7", "figure", "--span", SHELLS], "--span tags words of one sentence"),
        (["6", "figure", "--occurrence", "2"], "--occurrence goes with --span"),
        (["6", "figure", "--span", "   "], "--span: name the words to tag"),
        (["999", "figure", "--span", SHELLS], "sentence 999 is out of range"),
    ],
)
def test_a_wrong_span_is_one_line_exit_2_and_changes_nothing(tmp_path: Path, article: Path, arguments: list[str], message: str) -> None:
    store = tmp_path / "store"
    assert newsmark("tag", str(article), "6", "claim", store=store).returncode == 0
    before = stored(store, article).file.records()
    result = newsmark("tag", str(article), *arguments, store=store)
    assert result.returncode == 2, result.stderr
    line = one_error_line(result)
    assert line.startswith("newsmark: ") and message in line
    assert stored(store, article).file.records() == before


def test_words_not_in_the_sentence_name_the_file(tmp_path: Path, article: Path) -> None:
    result = newsmark("tag", str(article), "6", "figure", "--span", "400,000 shells", store=tmp_path / "store")
    assert one_error_line(result) == f'newsmark: {article}: sentence 6 has no "400,000 shells"'
    assert not (tmp_path / "store").exists()  # a failed first command leaves no store behind


def test_orphans_lists_a_reworded_span_with_the_words_as_tagged(tmp_path: Path, article: Path) -> None:
    store = tmp_path / "store"
    assert newsmark("tag", str(article), "6", "figure", "--span", SHELLS, store=store).returncode == 0
    article.write_text(article.read_text(encoding="utf-8").replace(SHELLS, "approx. 350,000 shells"), encoding="utf-8")
    listed = newsmark("orphans", str(article), "--fuzzy", store=store)
    assert listed.returncode == 0, listed.stderr
    assert (
        f"    words: {SHELLS}" in listed.stdout and "    in: The Ukrainian army received approx. 300,000 shells" in listed.stdout
    )  # the sentence as tagged
