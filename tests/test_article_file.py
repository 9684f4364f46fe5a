"""An article's file: opened by ``ArticleFile.open``; its constructor reads nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from annotations.errors import StoreError
from annotations.store.article_file import ArticleFile


def test_the_constructor_reads_nothing_and_open_checks_the_file(tmp_path: Path) -> None:
    path = tmp_path / "a.json"
    path.write_text(json.dumps({"meta": {}, "annotations": {}}), encoding="utf-8")  # no meta record
    constructed = ArticleFile(path, read_only=True)  # no error: nothing was read
    with pytest.raises(StoreError, match="no meta record"):
        constructed.records()  # read at the first use
    with pytest.raises(StoreError, match="no meta record"):
        ArticleFile.open(path, read_only=True)


def test_a_document_id_that_is_not_a_number_is_named(tmp_path: Path) -> None:
    path = tmp_path / "a.json"
    path.write_text(json.dumps({"meta": {"1": {"newsmark_store": 1}}, "annotations": {"x": {}}}), encoding="utf-8")
    with pytest.raises(StoreError, match="a document id in its annotations is not a number"):
        ArticleFile.open(path, read_only=True)


def test_a_new_file_is_written_with_its_meta_and_records_in_one_transaction(tmp_path: Path) -> None:
    path = tmp_path / "a.json"
    written = ArticleFile.open(path, read_only=False)
    assert not written.exists and not path.exists()
    with written.transaction():
        written.set_meta(path="x.txt")
        written.push_history("ana", "tag", {}, {})
    assert json.loads(path.read_text())["meta"]["1"] == {"newsmark_store": 1, "path": "x.txt", "authors": ["ana"]}
    reopened = ArticleFile.open(path, read_only=True)
    assert reopened.meta["path"] == "x.txt" and reopened.history_step("ana", redo=False) is not None
