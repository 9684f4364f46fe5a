"""A word orphan is re-attached to reworded words with ``orphans FILE --attach ID N
--span WORDS`` (tryout item G), through real ``newsmark`` subprocesses."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from .test_cli_daily import newsmark, one_error_line
from .test_spans_cli import SAMPLE, SHELLS, stored

REWORDED = "some 300,000 artillery shells"


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "artillery.txt"
    shutil.copyfile(SAMPLE, path)
    return path


def orphaned(store: Path, article: Path) -> str:
    """Ana tagged the shells' words figure, then they were reworded: the orphan's id."""
    assert newsmark("tag", str(article), "6", "figure", "--span", SHELLS, store=store).returncode == 0
    article.write_text(article.read_text(encoding="utf-8").replace(SHELLS, REWORDED), encoding="utf-8")
    listed = newsmark("orphans", str(article), store=store)
    [line] = [line for line in listed.stdout.splitlines() if "  orphan  " in line]
    return line.split()[0]


def test_a_word_orphan_is_attached_to_reworded_words(tmp_path: Path, article: Path) -> None:
    store = tmp_path / "store"
    orphan = orphaned(store, article)
    line = one_error_line(newsmark("orphans", str(article), "--attach", orphan[:4], "6", store=store))
    assert f'sentence 6 has nothing like "{SHELLS}"' in line and "--span WORDS" in line, line
    assert len(stored(store, article).orphans()) == 1  # nothing changed
    done = newsmark("orphans", str(article), "--attach", orphan[:4], "6", "--span", REWORDED, store=store)
    assert done.returncode == 0, done.stderr
    assert f'attached {orphan} to "{REWORDED}" in sentence 6' in done.stdout
    notes = stored(store, article)
    assert notes.orphans() == []
    (record,) = notes.view.spans_at(6)
    assert (record["span"]["quote"], record["tags"], record["anchor"]) == (REWORDED, ["figure"], "exact")
    assert newsmark("undo", str(article), store=store).returncode == 0
    assert [r["id"] for r in stored(store, article).orphans()] == [orphan]


def test_occurrence_picks_which_words_the_orphan_goes_on(tmp_path: Path, article: Path) -> None:
    store = tmp_path / "store"
    orphan = orphaned(store, article)
    text = stored(store, article).article.sentence(6).text
    second = text.index("ia", text.index("ia") + 1)  # Ukrainian, officials
    done = newsmark("orphans", str(article), "--attach", orphan, "6", "--span", "ia", "--occurrence", "2", store=store)
    assert done.returncode == 0, done.stderr
    (record,) = stored(store, article).view.spans_at(6)
    assert (record["span"]["start"], record["span"]["quote"]) == (second, "ia")


@pytest.mark.parametrize(
    ("extra", "said"),
    [
        (["--span", "400,000 shells"], 'sentence 6 has no "400,000 shells"'),
        (["--occurrence", "2"], "--occurrence goes with --span"),
    ],
)
def test_a_wrong_span_to_attach_to_is_one_line_and_changes_nothing(tmp_path: Path, article: Path, extra: list[str], said: str) -> None:
    store = tmp_path / "store"
    orphan = orphaned(store, article)
    line = one_error_line(newsmark("orphans", str(article), "--attach", orphan, "6", *extra, store=store))
    assert said in line, line
    assert len(stored(store, article).orphans()) == 1


def test_span_without_attach_is_refused(tmp_path: Path, article: Path) -> None:
    line = one_error_line(newsmark("orphans", str(article), "--span", SHELLS, store=tmp_path / "store"))
    assert "--span goes with --attach" in line, line
