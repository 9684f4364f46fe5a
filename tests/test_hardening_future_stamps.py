"""A record stamped far in the future would win every later merge ("newer wins") and
freeze: local edits could only stamp it one microsecond later, and a correction would be
reported as "differs, kept the store's" forever. Records stamped more than a day ahead of
this machine's clock are refused at import, with one line per file saying how many."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import yaml

from annotations.exchange.export import dump_export
from annotations.exchange.import_checks import Where, validate_record
from annotations.exchange.import_review import taken_from_file

ARTICLE = {"title": "T", "path": "/news/a.txt", "sha256": "a" * 64, "meta": {}}
FORGED = "9999-12-31T23:59:59.999999Z"


def record(record_id: str, **overrides: object) -> dict[str, object]:
    base: dict[str, object] = {
        "sentence": 1, "section": 1, "section_title": "Lede", "text": "A sentence.", "tags": ["claim"], "note": "",
        "annotator": "ana", "created": "2026-01-01T00:00:00.000000Z", "updated": "2026-01-01T00:00:00.000000Z", "id": record_id,
        "group": "", "anchor": "exact", "quote": "", "selector": {"exact": "A sentence.", "prefix": "", "suffix": "", "start": 0, "end": 11},
    }  # fmt: skip
    base.update(overrides)
    return base


def write_export(path: Path, *records: dict[str, object]) -> Path:
    path.write_bytes(dump_export({"newsmark_export": 1, "articles": [{**ARTICLE, "annotations": list(records)}]}))
    return path


def cli(*args: str, store: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NEWSMARK_DB": str(store), "NEWSMARK_ANNOTATOR": "ana", "NEWSMARK_CONFIG": ""}
    return subprocess.run([sys.executable, "-m", "tui.cli", *args], capture_output=True, text=True, env=env, timeout=120)


def stored(store: Path) -> dict[str, dict[str, object]]:
    """The store's records by id, as ``export`` lists them."""
    exported = cli("export", store=store)
    assert exported.returncode == 0, exported.stderr
    document = yaml.safe_load(exported.stdout)
    return {r["id"]: r for article in document["articles"] for r in article["annotations"] + article.get("orphans", [])}


def test_a_record_from_the_far_future_is_refused_and_a_correction_spreads(tmp_path: Path, store_root: Path) -> None:
    forged = write_export(tmp_path / "forged.yaml", record("r-1", tags=["concern"], updated=FORGED), record("r-2", annotator="bo"))
    result = cli("import", str(forged), store=store_root)
    assert result.returncode == 0, result.stderr
    assert result.stderr.count("\n") == 1 and str(forged) in result.stderr, result.stderr
    assert "1 record(s) refused" in result.stderr and "more than a day ahead" in result.stderr, result.stderr
    assert "1 added" in result.stdout
    assert set(stored(store_root)) == {"r-2"}

    # The correction (a sane stamp) is taken; the forged file, imported again, never takes it back.
    corrected = write_export(tmp_path / "corrected.yaml", record("r-1", tags=["figure"], updated="2026-02-01T00:00:00.000000Z"))
    assert cli("import", str(corrected), store=store_root).returncode == 0
    again = cli("import", str(forged), store=store_root)
    assert again.returncode == 0 and "1 record(s) refused" in again.stderr, again.stderr
    assert "differ" not in again.stdout, again.stdout
    assert stored(store_root)["r-1"]["tags"] == ["figure"]


def test_a_future_created_stamp_is_refused_too(tmp_path: Path, store_root: Path) -> None:
    forged = write_export(tmp_path / "created.yaml", record("r-1", created=FORGED))
    result = cli("import", str(forged), store=store_root)
    assert result.returncode == 0 and "1 record(s) refused" in result.stderr and str(forged) in result.stderr, result.stderr
    assert "0 added" in result.stdout


def test_a_clock_a_few_hours_ahead_is_accepted(tmp_path: Path, store_root: Path) -> None:
    ahead = (dt.datetime.now(dt.timezone.utc) + dt.timedelta(hours=5)).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    export = write_export(tmp_path / "ahead.yaml", record("r-1", updated=ahead, created=ahead))
    result = cli("import", str(export), store=store_root)
    assert result.returncode == 0 and result.stderr == "", result.stderr
    assert stored(store_root)["r-1"]["updated"] == ahead


def test_take_file_unfreezes_a_record_stored_with_a_future_stamp(tmp_path: Path, store_root: Path) -> None:
    """A store that took a forged stamp before imports were checked: --take-file takes the
    correction and stamps it with this machine's clock, so local edits win again."""
    where = Where(tmp_path / "x.yaml")
    frozen = validate_record(record("r-1", updated=FORGED), "record 1", where, False)
    correction = validate_record(record("r-1", tags=["figure"]), "record 1", where, False)
    taken = taken_from_file(frozen, correction)
    assert taken["tags"] == ["figure"]
    stamp = dt.datetime.fromisoformat(str(taken["updated"]).replace("Z", "+00:00"))
    assert stamp <= dt.datetime.now(dt.timezone.utc)
