"""A sentence cited as evidence (``PATH#N``) keeps its words, so an edit of its article
never turns it into another sentence: the brief and the verdict panel name it where it
is now, or say it is gone (they named whichever sentence took the number)."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from annotations.formats.loader import load_article
from annotations.library.cited import cited_now, known
from annotations.library.evidence_refs import evidence_item
from annotations.model import storable_path
from annotations.schema import TagSchema
from annotations.store.article_annotations import open_article
from annotations.store.folder import LockMode, Store
from tui.widgets.verdict_panel import VerdictPanel

from .conftest import wait_until
from .test_cli_daily import newsmark
from .test_reader import make_app, reader

SAMPLE = Path(__file__).resolve().parent.parent / "sample_articles"
REPORT = [
    "The ministry published its annual report on Monday.",
    "Exports of grain rose by a fifth over the year.",
    "The port handled 3.2 million tonnes in the last quarter.",
    "Officials expect the rise to slow next year.",
]


def write(path: Path, sentences: list[str]) -> Path:
    path.write_text(" ".join(sentences) + "\n", encoding="utf-8")
    return path


def ok(*args: str, store: Path) -> str:
    result = newsmark(*args, store=store)
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.fixture
def cited(tmp_path: Path) -> tuple[Path, Path, Path]:
    """A store where sentence 8 of the sample is false, citing sentence 3 of a report."""
    store, article = tmp_path / "store", tmp_path / "artillery.txt"
    shutil.copyfile(SAMPLE / "artillery-pipeline.txt", article)
    report = write(tmp_path / "report.txt", REPORT)
    ok("tag", str(article), "8", "claim", store=store)
    ok("tag", str(report), "1", "source", store=store)  # the report is in the store
    ok("check", str(article), "8", "--status", "false", "--evidence", f"{report}#3", store=store)
    return store, article, report


def brief_evidence(store: Path, tmp_path: Path) -> str:
    out = tmp_path / "brief.md"
    ok("brief", "-o", str(out), store=store)
    (line,) = [line for line in out.read_text(encoding="utf-8").splitlines() if line.startswith("- Evidence (sentence)")]
    return line.replace("\\", "")  # Markdown's escapes (\_, \#) aside


def test_a_cited_sentence_keeps_its_words_and_the_brief_quotes_them(cited: tuple[Path, Path, Path], tmp_path: Path) -> None:
    store, _, report = cited
    (claim,) = json.loads(ok("claims", "--json", store=store))
    (item,) = claim["evidence"]
    assert (item["kind"], item["value"], item["quote"]) == ("sentence", f"{report}#3", REPORT[2])
    assert brief_evidence(store, tmp_path) == f"- Evidence (sentence): {report}#3 “{REPORT[2]}” (by ana)"


def test_an_edit_of_the_cited_article_moves_the_evidence_or_says_it_is_gone(cited: tuple[Path, Path, Path], tmp_path: Path) -> None:
    store, _, report = cited
    write(report, [REPORT[0], "A new second sentence was added by the editor.", *REPORT[1:]])
    line = brief_evidence(store, tmp_path)
    assert line.startswith(f"- Evidence (sentence): {report}#4 (sentence 3 when cited; its article was edited since) “{REPORT[2]}”")
    write(report, [REPORT[0], REPORT[1], "The port handled 2.9 million tonnes in the last quarter.", REPORT[3]])
    line = brief_evidence(store, tmp_path)  # reworded: sentence 3 is another sentence now, never quoted as the cited one
    assert line.startswith(f"- Evidence (sentence): {report}#3 (gone: its article was edited since it was cited) “{REPORT[2]}”")
    report.unlink()
    assert f"{report}#3 (no article at this path now)" in brief_evidence(store, tmp_path)


def test_of_repeated_words_the_copy_nearest_the_cited_number_is_the_one_cited(tmp_path: Path) -> None:
    words = ["No comment was given.", "Shares fell.", "Bonds fell.", "Oil fell.", "No comment was given.", "Shares rose."]
    report = write(tmp_path / "r.txt", words)
    assert cited_now(f"{report}#5", words[0]).number == 5
    write(report, ["Intro.", *words])
    assert cited_now(f"{report}#5", words[0]) == (str(report), 5, 6, "its article was edited since")
    assert cited_now(f"{report}#1", words[0]).number == 2
    assert cited_now(f"{report}#3", "").number == 3  # an item kept before words were: as given


def test_an_answer_is_kept_until_the_article_changes(tmp_path: Path) -> None:
    report = write(tmp_path / "r.txt", REPORT)
    value = f"{report}#3"
    assert known(value, REPORT[2]) is None  # not read yet: the UI thread does not read it
    assert cited_now(value, REPORT[2]).number == 3
    assert known(value, REPORT[2]) == (str(report), 3, 3, "")
    write(report, [REPORT[0], "A new second sentence.", *REPORT[1:]])
    os.utime(report, ns=(report.stat().st_atime_ns, report.stat().st_mtime_ns + 1_000_000))
    assert known(value, REPORT[2]) is None  # changed: read again
    assert cited_now(value, REPORT[2]).number == 4


def test_a_long_sentence_cut_at_a_space_is_found_where_it_was_cited(tmp_path: Path) -> None:
    long = "Word " * 399 + "x" * 10 + " the rest of a very long sentence goes on here."  # a space at 1,999
    report = write(tmp_path / "r.txt", [REPORT[0], long])
    with Store(tmp_path / "store", mode=LockMode.AUTO) as store:
        annotations = open_article(store, load_article(report), annotator="ana", schema=TagSchema())
        annotations.add_tags([1], ["claim"])
        cited = evidence_item(f"{report}#2", store)
        annotations.add_evidence(1, *cited)
        (item,) = annotations.assessment(1).evidence
        annotations.release()
    assert 1_900 < len(item.get("quote", "")) <= 2_000
    assert cited_now(item["value"], item.get("quote", "")).number == 2


def test_a_value_that_is_not_path_n_or_a_name_not_utf8_is_an_answer_not_an_error(tmp_path: Path) -> None:
    assert cited_now("report.txt#three", "Some words.").describe() == "report.txt#three (not a sentence of an article: PATH#N)"
    assert cited_now("no hash at all", "Some words.").number is None
    path = os.fsdecode(os.fsencode(tmp_path) + b"/r\xe9port.txt")  # a name whose bytes are not UTF-8
    write(Path(path), REPORT)
    stored = storable_path(path)
    assert "\\xe9" in stored
    assert cited_now(f"{stored}#3", REPORT[2]).number == 3  # as the store writes such a name


async def test_the_verdict_panel_names_the_cited_sentence_where_it_is_now(cited: tuple[Path, Path, Path]) -> None:
    store, article, report = cited
    write(report, [REPORT[0], "A new second sentence was added by the editor.", *REPORT[1:]])
    app = make_app(store, [article])
    async with app.run_test(size=(160, 40)) as pilot:
        reader(app).move_to(8)
        await pilot.press("I")
        await wait_until(pilot, lambda: app.screen.query(VerdictPanel), "the panel")
        panel = app.screen.query_one(VerdictPanel)
        await wait_until(pilot, lambda: "(sentence 3 when cited" in panel.shown, "the cited sentence found (off the UI thread)")
        shown = " ".join(panel.shown.split())
        assert f"[sentence] {report}#4 (sentence 3 when cited; its article was edited since)" in shown
        assert "“The port handled 3.2 million tonnes in the last quarter.”" in shown


def test_evidence_added_in_the_store_keeps_its_words_and_an_old_item_without_them_is_read(tmp_path: Path) -> None:
    store_root, report = tmp_path / "store", write(tmp_path / "report.txt", REPORT)
    with Store(store_root, mode=LockMode.AUTO) as store:
        annotations = open_article(store, load_article(report), annotator="ana", schema=TagSchema())
        annotations.add_tags([2], ["claim"])
        annotations.add_evidence(2, "sentence", f"{report}#3", "  The port handled\n3.2 million tonnes in the last quarter. ")
        annotations.add_evidence(2, "sentence", f"{report}#4")
        items = annotations.assessment(2).evidence
        annotations.release()
    assert [item.get("quote") for item in items] == [REPORT[2], None]
