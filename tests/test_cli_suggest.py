"""``newsmark suggest``, run as a real subprocess."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

from annotations.formats.loader import load_article
from annotations.schema import TagSchema
from annotations.suggest.decisions import record_decisions
from annotations.suggest.engine import SuggestionEngine

SET = Path(__file__).resolve().parent / "data" / "suggest"


def run(*args: str, store: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    full_env = {**os.environ, "NEWSMARK_DB": str(store), "NEWSMARK_ANNOTATOR": "ana", "NEWSMARK_CONFIG": "", **(env or {})}
    return subprocess.run([sys.executable, "-m", "tui.cli", *args], capture_output=True, text=True, env=full_env, timeout=60)


def article(tmp_path: Path) -> Path:
    path = tmp_path / "river-flood.txt"
    shutil.copy(SET / "river-flood.txt", path)
    return path


def test_json_lists_suggestions_and_stores_nothing(tmp_path: Path) -> None:
    store = tmp_path / "store"
    result = run("suggest", str(article(tmp_path)), "--json", store=store)
    assert result.returncode == 0, result.stderr
    listed = json.loads(result.stdout)
    second = next(item for item in listed if item["sentence"] == 2)
    assert {"sentence": 2, "tag": "claim", "reason": "claim/reported-statement: “according to”"}.items() <= second.items()
    assert all(set(item) == {"sentence", "tag", "reason", "patterns"} for item in listed)
    assert {item["tag"] for item in listed if item["sentence"] == 10} == {"claim", "figure", "concern", "source"}
    assert not store.exists()


def test_tag_filter_by_name_or_key(tmp_path: Path) -> None:
    path = article(tmp_path)
    by_key = json.loads(run("suggest", str(path), "--json", "--tag", "o", store=tmp_path / "s").stdout)
    assert {item["tag"] for item in by_key} == {"concern"}
    assert [item["sentence"] for item in by_key] == [7, 8, 9, 10]
    wrong = run("suggest", str(path), "--tag", "gossip", store=tmp_path / "s")
    assert wrong.returncode == 2 and wrong.stderr.startswith("newsmark: unknown tag 'gossip'")


def test_accept_tags_as_the_annotator_and_undo_takes_it_back(tmp_path: Path) -> None:
    store, path = tmp_path / "store", article(tmp_path)
    accepted = run("suggest", str(path), "--tag", "figure", "--accept", store=store)
    assert accepted.returncode == 0, accepted.stderr
    exported = yaml.safe_load(run("export", store=store).stdout)["articles"][0]["annotations"]
    assert [(r["sentence"], r["tags"], r["annotator"]) for r in exported] == [
        (n, ["figure"], "ana") for n in (1, 2, 3, 4, 5, 8, 10)
    ]  # not 11: Monday alone
    assert json.loads(run("suggest", str(path), "--tag", "figure", "--json", store=store).stdout) == []
    assert run("undo", str(path), store=store).returncode == 0
    assert yaml.safe_load(run("export", store=store).stdout)["articles"] == []
    explained = run("suggest", "--explain", "--json", store=store)
    rows = {row["pattern"]: row for row in json.loads(explained.stdout)["patterns"]}
    assert rows["figure/number"]["accepted"] == 0 and rows["claim/promise"]["accepted"] == 0, "the undo took the accepts back"


def test_explain_shows_each_pattern_and_mutes_a_mostly_rejected_one(tmp_path: Path) -> None:
    store, path = tmp_path / "store", article(tmp_path)
    assert run("tag", str(path), "1", "figure", store=store).returncode == 0
    sentences = load_article(path, cache=None).sentences
    said = next(s for s in SuggestionEngine.for_schema(TagSchema()).suggest(sentences) if s.reason.startswith("claim/reported"))
    record_decisions(store, [(said, f"Sentence {n}.") for n in range(11)], accepted=False)
    explained = run("suggest", str(path), "--explain", store=store)
    assert explained.returncode == 0, explained.stderr
    line = next(line for line in explained.stdout.splitlines() if line.startswith("claim/reported-statement "))
    assert line.split()[1:] == ["0", "11", "0.00", "muted"]
    assert "claim/reported-statement" not in explained.stdout.split("pattern ")[0]


def test_a_bad_pattern_file_is_one_line(tmp_path: Path) -> None:
    config = tmp_path / "config.yaml"
    config.write_text("suggest_patterns: patterns.yaml\n", encoding="utf-8")
    (tmp_path / "patterns.yaml").write_text("figure:\n  - {id: x, regex: '('}\n", encoding="utf-8")
    result = run("suggest", str(article(tmp_path)), store=tmp_path / "s", env={"NEWSMARK_CONFIG": str(config)})
    assert result.returncode == 2
    assert result.stderr.startswith(f"newsmark: {tmp_path / 'patterns.yaml'}: figure[1] (x): regex is not valid")
    assert result.stderr.count("\n") == 1


def test_a_lookaround_in_a_pattern_file_is_one_line_for_suggest_and_a_warning_for_brief(tmp_path: Path) -> None:
    config = tmp_path / "config.yaml"
    config.write_text("suggest_patterns: patterns.yaml\n", encoding="utf-8")
    (tmp_path / "patterns.yaml").write_text("source:\n  - {id: said-alone, regex: 'said(?! that)'}\n", encoding="utf-8")
    env = {"NEWSMARK_CONFIG": str(config)}
    reason = (
        f"{tmp_path / 'patterns.yaml'}: source[1] (said-alone): regex is not valid: invalid perl operator: (?! (patterns are RE2 regexes"
    )
    suggested = run("suggest", str(article(tmp_path)), store=tmp_path / "s", env=env)
    assert suggested.returncode == 2
    assert suggested.stderr.startswith(f"newsmark: {reason}") and suggested.stderr.count("\n") == 1
    brief = run("brief", str(article(tmp_path)), "--suggested", store=tmp_path / "s", env=env)  # made, without suggestions
    assert brief.returncode == 0
    assert brief.stderr.startswith(f"newsmark: warning: no suggestions in the brief: {reason}") and brief.stderr.count("\n") == 1
