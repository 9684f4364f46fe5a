"""The export's header: the tool's version and the tag legend (deterministic), the export
time only when asked for; CSV for spreadsheets; a range tagged in one action shares a group."""

from __future__ import annotations

import csv
import datetime as _dt
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import yaml

import annotations
from annotations.exchange.formats import format_of_file
from annotations.schema import DEFAULT_TAGS


def newsmark(*args: str, store: Path, config: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NEWSMARK_DB": str(store), "NEWSMARK_ANNOTATOR": "ana"}
    if config is not None:
        env["NEWSMARK_CONFIG"] = str(config)
    return subprocess.run([sys.executable, "-m", "tui.cli", *args], capture_output=True, text=True, env=env, timeout=60)


def legend() -> list[dict[str, str]]:
    return [{"name": t.name, "key": t.key, "description": t.description} for t in DEFAULT_TAGS]


def test_yaml_export_names_the_tool_and_the_tags_and_stays_byte_identical(store_root: Path, article_copy: Path, tmp_path: Path) -> None:
    assert newsmark("tag", str(article_copy), "3", "claim", store=store_root).returncode == 0
    first = newsmark("export", store=store_root)
    assert first.returncode == 0, first.stderr
    document = yaml.safe_load(first.stdout)
    assert list(document) == ["newsmark_export", "generator", "tags", "articles"]
    assert document["generator"] == f"newsmark {annotations.__version__}"
    assert document["tags"] == legend()
    assert newsmark("export", store=store_root).stdout == first.stdout  # no time: the same bytes
    path = tmp_path / "export.yaml"
    path.write_text(first.stdout, encoding="utf-8")
    loaded, own_layout = format_of_file(path).load(first.stdout, path)
    assert own_layout and loaded == document  # still read by the fast reader
    other = tmp_path / "other"
    assert newsmark("import", str(path), store=other).returncode == 0
    assert newsmark("export", store=other).stdout == first.stdout


def test_timestamp_adds_the_export_time(store_root: Path, article_copy: Path, tmp_path: Path) -> None:
    assert newsmark("tag", str(article_copy), "3", "claim", store=store_root).returncode == 0
    before = _dt.datetime.now(_dt.timezone.utc)
    stamped = newsmark("export", "--timestamp", store=store_root)
    assert stamped.returncode == 0, stamped.stderr
    document = yaml.safe_load(stamped.stdout)
    assert list(document) == ["newsmark_export", "generator", "exported", "tags", "articles"]
    exported = _dt.datetime.fromisoformat(document["exported"].replace("Z", "+00:00"))
    assert before - _dt.timedelta(seconds=1) <= exported <= _dt.datetime.now(_dt.timezone.utc)
    path = tmp_path / "stamped.yaml"
    path.write_text(stamped.stdout, encoding="utf-8")
    assert format_of_file(path).load(stamped.stdout, path)[1]  # in the fast layout too
    assert newsmark("import", str(path), store=tmp_path / "other").returncode == 0


def test_json_export_has_the_same_header(store_root: Path, article_copy: Path) -> None:
    assert newsmark("tag", str(article_copy), "3", "claim", store=store_root).returncode == 0
    document = json.loads(newsmark("export", "--format", "json", store=store_root).stdout)
    assert document["generator"] == f"newsmark {annotations.__version__}" and document["tags"] == legend()


def test_the_legend_follows_the_config(store_root: Path, article_copy: Path, tmp_path: Path) -> None:
    config = tmp_path / "config.yaml"
    config.write_text("tags:\n  - {name: claim, key: c}\n  - {name: rumour, key: W, description: Unverified talk}\n", encoding="utf-8")
    assert newsmark("tag", str(article_copy), "3", "W", store=store_root, config=config).returncode == 0
    document = yaml.safe_load(newsmark("export", store=store_root, config=config).stdout)
    assert [(t["name"], t["key"], t["description"]) for t in document["tags"]][1] == ("rumour", "W", "Unverified talk")


def test_csv_export_one_row_per_annotation(store_root: Path, article_copy: Path, tmp_path: Path) -> None:
    assert newsmark("tag", str(article_copy), "3", "claim", "figure", "--note", "two\nlines", store=store_root).returncode == 0
    assert newsmark("tag", str(article_copy), "5", "source", store=store_root).returncode == 0
    result = newsmark("export", "--format", "csv", store=store_root)
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [(r["sentence"], r["tags"], r["note"]) for r in rows] == [("3", "claim; figure", "two\nlines"), ("5", "source", "")]
    assert rows[0]["path"] == str(article_copy) and rows[0]["annotator"] == "ana" and rows[0]["text"]
    out = tmp_path / "a.csv"
    assert newsmark("export", "--format", "csv", "-o", str(out), store=store_root).returncode == 0
    assert out.read_text(encoding="utf-8") == result.stdout
    refused = newsmark("import", str(out), store=store_root)
    assert refused.returncode == 2 and len(refused.stderr.splitlines()) == 1 and "CSV" in refused.stderr


def test_a_range_tagged_in_one_action_shares_a_group(store_root: Path, article_copy: Path) -> None:
    assert newsmark("tag", str(article_copy), "3-5", "claim", store=store_root).returncode == 0
    assert newsmark("tag", str(article_copy), "8", "claim", store=store_root).returncode == 0
    records = yaml.safe_load(newsmark("export", store=store_root).stdout)["articles"][0]["annotations"]
    groups = {r["sentence"]: r["group"] for r in records}
    assert groups[3] == groups[4] == groups[5] != ""
    assert groups[8] == ""
    rows = list(csv.DictReader(io.StringIO(newsmark("export", "--format", "csv", store=store_root).stdout)))
    assert [r["group"] for r in rows][:3] == [groups[3]] * 3


def test_an_export_written_before_groups_existed_is_still_read_by_the_fast_reader(
    store_root: Path, article_copy: Path, tmp_path: Path
) -> None:
    import hashlib

    from annotations.exchange import yaml_layout

    assert newsmark("tag", str(article_copy), "3-4", "claim", store=store_root).returncode == 0
    current = newsmark("export", store=store_root).stdout
    body = "".join(line for line in yaml_layout.split_seal(current)[0].splitlines(keepends=True) if not line.startswith("    group: "))
    old = body + yaml_layout.SEAL + hashlib.sha256(body.encode("utf-8")).hexdigest() + "\n"
    path = tmp_path / "old.yaml"
    path.write_text(old, encoding="utf-8")
    document, own_layout = format_of_file(path).load(old, path)
    assert own_layout and [r["group"] for r in document["articles"][0]["annotations"]] == ["", ""]
    assert yaml.safe_load(old)["articles"][0]["annotations"][0].keys() == {
        k for k in document["articles"][0]["annotations"][0] if k != "group"
    }
    assert newsmark("import", str(path), store=tmp_path / "other").returncode == 0


def test_csv_cells_a_spreadsheet_would_run_are_guarded(store_root: Path, article_copy: Path) -> None:
    assert (
        newsmark("tag", str(article_copy), "3", "claim", "--note", '=HYPERLINK("http://x.example","y")', store=store_root).returncode == 0
    )
    assert newsmark("tag", str(article_copy), "4", "claim", "--note", "plain - not a formula", store=store_root).returncode == 0
    rows = list(csv.DictReader(io.StringIO(newsmark("export", "--format", "csv", store=store_root).stdout)))
    assert [r["note"] for r in rows] == ['\'=HYPERLINK("http://x.example","y")', "plain - not a formula"]
