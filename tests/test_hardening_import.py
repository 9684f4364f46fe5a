"""Imports that once slipped through or crashed: repeated ids, deep nesting, huge numbers,
timestamps at the ends of time. Each is one line naming the file, exit 2, store unchanged."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from annotations.exchange.export import dump_export

ARTICLE = {"title": "T", "path": "/news/a.txt", "sha256": "a" * 64, "meta": {}}


def record(record_id: str, **overrides: object) -> dict[str, object]:
    base: dict[str, object] = {
        "sentence": 1, "section": 1, "section_title": "Lede", "text": "A sentence.", "tags": ["claim"], "note": "",
        "annotator": "ana", "created": "2026-01-01T00:00:00.000000Z", "updated": "2026-01-01T00:00:00.000000Z", "id": record_id,
        "group": "", "anchor": "exact", "quote": "", "selector": {"exact": "A sentence.", "prefix": "", "suffix": "", "start": 0, "end": 11},
    }  # fmt: skip
    base.update(overrides)
    return base


def cli(*args: str, store: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NEWSMARK_DB": str(store), "NEWSMARK_ANNOTATOR": "ana", "NEWSMARK_CONFIG": ""}
    return subprocess.run([sys.executable, "-m", "tui.cli", *args], capture_output=True, text=True, env=env, timeout=120)


def refused(path: Path, store: Path, reason: str) -> None:
    result = cli("import", str(path), store=store)
    assert result.returncode == 2, result.stdout + result.stderr
    assert len(result.stderr.splitlines()) == 1 and str(path) in result.stderr and reason in result.stderr, result.stderr
    assert not (store / "articles").exists() or not any((store / "articles").iterdir())


def test_an_id_used_twice_in_one_file_is_refused_naming_it(tmp_path: Path, store_root: Path) -> None:
    older = record("same-id", note="older")
    newer = record("same-id", note="newer", updated="2026-02-01T00:00:00.000000Z")
    path = tmp_path / "twice.yaml"
    path.write_bytes(dump_export({"newsmark_export": 1, "articles": [{**ARTICLE, "annotations": [newer, older]}]}))
    refused(path, store_root, "id 'same-id' is used twice")


@pytest.mark.parametrize("suffix", [".json", ".yaml"])
def test_nesting_two_hundred_thousand_deep_is_one_line(tmp_path: Path, store_root: Path, suffix: str) -> None:
    path = tmp_path / f"deep{suffix}"
    depth = 200_000
    path.write_text('{"newsmark_export": 1, "articles": [{"meta": ' + "[" * depth + "]" * depth + "}]}", encoding="utf-8")
    result = cli("import", str(path), store=store_root)
    assert result.returncode == 2 and len(result.stderr.splitlines()) == 1 and "internal error" not in result.stderr, result.stderr


@pytest.mark.parametrize("suffix", [".json", ".yaml"])
def test_a_number_of_five_thousand_digits_is_one_line(tmp_path: Path, store_root: Path, suffix: str) -> None:
    huge = "9" * 5000
    path = tmp_path / f"huge{suffix}"
    path.write_text(
        f'{{"newsmark_export": 1, "articles": [{{"title": "T", "path": "/a", "sha256": "{"a" * 64}", "meta": {{}}, "annotations": [{{"sentence": {huge}}}]}}]}}',
        encoding="utf-8",
    )
    result = cli("import", str(path), store=store_root)
    assert result.returncode == 2 and len(result.stderr.splitlines()) == 1 and "internal error" not in result.stderr, result.stderr


@pytest.mark.parametrize("stamp", ["0001-01-01T00:00:00+05:00", "9999-12-31T23:59:59-05:00", "0001-01-01 00:00:00+05:00"])
def test_timestamps_at_the_ends_of_time_are_one_line(tmp_path: Path, store_root: Path, stamp: str) -> None:
    path = tmp_path / "time.yaml"
    body = dump_export({"newsmark_export": 1, "articles": [{**ARTICLE, "annotations": [record("t-1")]}]}).decode()
    path.write_text(body.replace('updated: "2026-01-01T00:00:00.000000Z"', f"updated: {stamp}"), encoding="utf-8")
    result = cli("import", str(path), store=store_root)
    assert result.returncode == 2 and len(result.stderr.splitlines()) == 1 and "updated" in result.stderr, result.stderr
