"""Another tool's annotations keep their own identity in the store (tryout 1, defects
5, 10, 13, 16): an imported annotation never merges into, nor overwrites, a record that
is already there (the analyst's own work keeps its id, ``created``, tags and note);
importing the same file again changes nothing; a row repeated in a file is one
annotation. Real stores, real ``newsmark`` subprocesses."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .test_cli_daily import newsmark
from .test_hypothesis_import import MENUS, article, exported, offset, row, write_rows

__all__ = ["article"]  # the fixture


def own_work(store: Path, article: Path) -> dict[str, dict[str, Any]]:
    """ana tags sentence 3 (concern, a note) and the words "41 new cases" (figure)."""
    for args in (("3", "concern", "--note", "Fraud count unclear"), ("3", "figure", "--span", "41 new cases")):
        result = newsmark("tag", str(article), *args, store=store)
        assert result.returncode == 0, result.stderr
    return {record["id"]: record for record in exported(store, article)}


def foreign_rows() -> list[dict[str, Any]]:
    """Two Hypothesis annotations, older than ana's work, on the same sentence and words."""
    sentence = "Officials reported 41 new cases of fraud in the housing office."
    whole = row(sentence, "to every district.\n", " Critics said", start=offset(sentence) + MENUS, tags=["Claim"], text="hyp note")
    words = row("41 new cases", "Officials reported ", " of fraud", start=offset("41 new cases") + MENUS, tags=["concern"], number=2)
    words["text"] = "hyp span note"
    return [whole, words]


def run_import(store: Path, path: Path, article: Path, *extra: str) -> str:
    result = newsmark("import", str(path), "--from", "hypothesis", "--article", str(article), *extra, store=store)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_an_import_as_myself_never_merges_into_nor_replaces_my_records(tmp_path: Path, article: Path) -> None:
    store = tmp_path / "store"
    mine = own_work(store, article)
    path = write_rows(tmp_path, foreign_rows())
    out = run_import(store, path, article, "--annotator", "ana")
    assert "2 added, 0 updated, 0 removed, 0 unchanged" in out
    assert "kept apart" in out
    records = {record["id"]: record for record in exported(store, article)}
    for record_id, record in mine.items():  # my records: same id, created, tags, note
        assert records[record_id] == record
    imported = [record for record_id, record in records.items() if record_id not in mine]
    assert sorted((r["tags"], r["note"]) for r in imported) == [(["claim"], "hyp note"), (["concern"], "hyp span note")]
    assert {r["annotator"] for r in imported} == {"ana (hypothesis)"}
    # again, after I changed my own record: nothing new, nothing differs, nothing of mine replaced
    assert newsmark("tag", str(article), "3", "concern", "--remove", store=store).returncode == 0
    again = run_import(store, path, article, "--annotator", "ana", "--take-file")
    assert "0 added, 0 updated, 0 removed, 2 unchanged" in again and "differ" not in again
    after = {record["id"]: record for record in exported(store, article)}
    assert after.keys() == records.keys()
    assert after[next(i for i, r in mine.items() if "span" in r)] == next(r for r in mine.values() if "span" in r)
    assert {(r["annotator"], tuple(r["tags"])) for i, r in after.items() if i not in mine} == {
        ("ana (hypothesis)", ("claim",)),
        ("ana (hypothesis)", ("concern",)),
    }


def test_two_annotations_of_one_author_on_the_same_words_stay_two_records(tmp_path: Path, article: Path) -> None:
    store = tmp_path / "store"
    first, second = foreign_rows()[1], foreign_rows()[1]
    second["id"], second["tags"], second["text"] = "Other0000000000000002", ["source"], "second"
    path = write_rows(tmp_path, [first, second])
    out = run_import(store, path, article)
    assert "2 added" in out
    records = exported(store, article)
    assert sorted((r["annotator"], r["tags"][0]) for r in records) == [("bo_reporter", "concern"), ("bo_reporter (hypothesis)", "source")]
    assert "0 added, 0 updated, 0 removed, 2 unchanged" in run_import(store, path, article)
    assert exported(store, article) == records


def test_reimporting_my_own_w3c_export_after_a_hypothesis_import_adds_nothing(tmp_path: Path, article: Path) -> None:
    store = tmp_path / "store"
    own_work(store, article)
    page = tmp_path / "mine.jsonld"
    assert newsmark("export", str(article), "--format", "w3c", "-o", str(page), store=store).returncode == 0
    run_import(store, write_rows(tmp_path, foreign_rows()), article, "--annotator", "ana")
    held = exported(store, article)  # the article opened: records that meet would merge now
    result = newsmark("import", str(page), "--from", "w3c", store=store)
    assert result.returncode == 0, result.stderr
    assert "0 added, 0 updated, 0 removed, 2 unchanged" in result.stdout
    assert exported(store, article) == held and len(held) == 4


def test_a_row_repeated_in_a_file_is_imported_once(tmp_path: Path, article: Path) -> None:
    store = tmp_path / "store"
    one = foreign_rows()[1]
    out = run_import(store, write_rows(tmp_path, [one, json.loads(json.dumps(one))]), article)
    assert "imported 1 annotation(s)" in out and "1 added" in out
    assert len(exported(store, article)) == 1


def test_two_different_rows_with_one_id_name_the_rows_and_the_id(tmp_path: Path, article: Path) -> None:
    one = foreign_rows()[1]
    other = {**one, "text": "changed"}
    result = newsmark(
        "import", str(write_rows(tmp_path, [one, other])), "--from", "hypothesis", "--article", str(article), store=tmp_path / "s"
    )
    assert result.returncode == 2 and len(result.stderr.splitlines()) == 1
    assert f"rows 1 and 2 are both annotation {one['id']!r}" in result.stderr, result.stderr
