"""Import says which records differ from the store and what it kept, can take the file's
version instead, and follows the same rule for unknown tags as ``tag``."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml

from annotations.exchange.export import dump_export
from annotations.exchange.importing import import_articles, load_export_file
from annotations.formats.loader import load_article
from annotations.schema import TagSchema
from annotations.store.article_annotations import ArticleAnnotations, open_article
from annotations.store.folder import LockMode, Store
from annotations.store.records import parse_timestamp

from .helpers import export_store, hours_ahead


def cli(*args: str, store: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NEWSMARK_DB": str(store), "NEWSMARK_ANNOTATOR": "ana"}
    return subprocess.run([sys.executable, "-m", "tui.cli", *args], capture_output=True, text=True, env=env, timeout=60)


def tagged(root: Path, article: Path) -> None:
    with Store(root) as store:
        notes = open_article(store, load_article(article), annotator="ana", schema=TagSchema())
        notes.edit([3], add=["claim"])
        notes.edit([7], add=["figure"], note="Which bank?")


def edited_export(root: Path, tmp_path: Path, edit: Any) -> Path:
    """The store's export with ``edit`` applied to its records by hand (``updated`` untouched)."""
    document = yaml.safe_load(export_store(root))
    edit(document["articles"][0]["annotations"])
    path = tmp_path / "edited.yaml"
    path.write_bytes(dump_export(document))
    return path


def stored(root: Path, article: Path) -> ArticleAnnotations:
    with Store(root, mode=LockMode.READ) as store:
        return open_article(store, load_article(article), annotator="ana", schema=TagSchema())


def test_a_note_edited_by_hand_is_reported_not_called_unchanged(tmp_path: Path, store_root: Path, article_copy: Path) -> None:
    tagged(store_root, article_copy)

    def edit(records: list[dict[str, Any]]) -> None:
        records[1]["note"] = "Which bank? The central one."

    path = edited_export(store_root, tmp_path, edit)
    done = cli("import", str(path), store=store_root)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert (
        lines[0]
        == "imported 1 article(s): 0 added, 0 updated, 0 removed, 1 unchanged, 1 differ (kept the store's; --take-file takes the file's)"
    )
    (detail,) = [line for line in lines[1:] if "sentence 7" in line]
    assert "note" in detail and "kept the store's" in detail and "tags" not in detail
    assert stored(store_root, article_copy).note(7) == "Which bank?"


def test_take_file_takes_the_files_version_and_stamps_it_newer(tmp_path: Path, store_root: Path, article_copy: Path) -> None:
    tagged(store_root, article_copy)
    before = stored(store_root, article_copy).records()[1]["updated"]

    def edit(records: list[dict[str, Any]]) -> None:
        records[1]["note"] = "Which bank? The central one."
        records[0]["tags"] = ["claim", "source"]

    path = edited_export(store_root, tmp_path, edit)
    done = cli("import", "--take-file", str(path), store=store_root)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[0] == "imported 1 article(s): 0 added, 2 updated, 0 removed, 0 unchanged"
    now = stored(store_root, article_copy)
    assert now.note(7) == "Which bank? The central one." and now.tags(3) == ["claim", "source"]
    assert parse_timestamp(now.records()[1]["updated"]) > parse_timestamp(before)
    again = cli("import", str(path), store=store_root)  # the file's version is the store's now
    assert again.stdout.splitlines()[0] == "imported 1 article(s): 0 added, 0 updated, 0 removed, 2 unchanged"


def test_an_older_record_with_other_tags_is_reported_as_kept(tmp_path: Path, store_root: Path, article_copy: Path) -> None:
    tagged(store_root, article_copy)

    def edit(records: list[dict[str, Any]]) -> None:
        records[0]["tags"] = ["source"]
        records[0]["updated"] = "2000-01-01T00:00:00.000000Z"

    with Store(store_root) as store:
        summary = import_articles(store, load_export_file(edited_export(store_root, tmp_path, edit)))
    assert (summary.added, summary.updated, summary.unchanged) == (0, 0, 1)
    (difference,) = summary.kept
    assert difference.sentence == 3 and difference.fields == ("tags",)
    # an earlier export (your own, after you changed the record: tryout 6, item 13) is named
    # older, not a hand edit, and --take-file (which would undo the change) is not offered
    assert (
        summary.line() == "imported 1 article(s): 0 added, 0 updated, 0 removed, 1 unchanged, 1 older than the store's (kept the store's)"
    )
    assert difference.line().startswith("older: ") and difference.line().endswith("tags; kept the store's newer one")
    assert stored(store_root, article_copy).tags(3) == ["claim"]


def test_import_refuses_an_unknown_tag_as_tag_does(tmp_path: Path, store_root: Path, article_copy: Path) -> None:
    tagged(store_root, article_copy)
    saved = export_store(store_root)

    def edit(records: list[dict[str, Any]]) -> None:
        records[0]["tags"] = ["claim", "rumour"]
        records[0]["updated"] = hours_ahead(12)

    path = edited_export(store_root, tmp_path, edit)
    refused = cli("import", str(path), store=store_root)
    assert refused.returncode == 2
    (line,) = refused.stderr.splitlines()
    assert line.startswith(f"newsmark: {path}: article 1 (") and "unknown tag 'rumour' (known: claim, figure, concern, source)" in line
    tag_refused = cli("tag", str(article_copy), "3", "rumour", store=store_root)
    assert tag_refused.returncode == 2 and "unknown tag 'rumour' (known: claim, figure, concern, source)" in tag_refused.stderr
    assert export_store(store_root) == saved
