"""``--annotator`` says who you are on every command; ``export`` and ``brief`` pick records
with ``--by NAME`` (repeatable) or ``--all``, and a pick of nothing says whose records the
store holds (issue 29, item 4). Real ``newsmark`` processes, as an analyst runs them."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import yaml


def newsmark(*args: str, store: Path, who: str = "root") -> subprocess.CompletedProcess[str]:
    """Run ``newsmark ARGS`` on ``store`` as ``who`` (the login-name default stands in as root)."""
    env = {**os.environ, "NEWSMARK_ANNOTATOR": who, "NEWSMARK_DB": str(store), "COLUMNS": "80"}
    env.pop("NEWSMARK_CONFIG", None)
    env["PYTHONPATH"] = str(Path(__file__).resolve().parent.parent)
    return subprocess.run([sys.executable, "-m", "tui.cli", *args], capture_output=True, text=True, env=env, timeout=60)


def tagged_by_bo_and_ana(store: Path, article: Path) -> None:
    """bo tags three sentences (with --annotator), ana one."""
    assert newsmark("tag", str(article), "1-3", "claim", "--annotator", "bo", store=store).returncode == 0
    assert newsmark("tag", str(article), "4", "figure", store=store, who="ana").returncode == 0


def test_split_export_writes_the_records_of_who_you_are_and_says_whose_exist(tmp_path: Path, store_root: Path, article_copy: Path) -> None:
    tagged_by_bo_and_ana(store_root, article_copy)
    folder = tmp_path / "team"
    as_root = newsmark("export", "--split", str(folder), store=store_root)
    assert as_root.returncode == 0, as_root.stderr
    assert as_root.stderr.splitlines()[-1] == 'newsmark: warning: no records by "root"; the store holds records by bo (3), ana (1)'
    assert not list(folder.glob("*/*.yaml"))
    as_bo = newsmark("export", "--split", str(folder), "--annotator", "bo", store=store_root)
    assert as_bo.returncode == 0 and "1 written" in as_bo.stderr and "warning" not in as_bo.stderr, as_bo.stderr
    assert [p.name for p in folder.glob("*/*.yaml")] == ["bo.yaml"]
    assert newsmark("--annotator", "bo", "export", "--split", str(folder), store=store_root).stderr.startswith(
        f"split export to {folder}: 0 written, 1 unchanged"
    )
    both = newsmark("export", "--split", str(folder), "--by", "ana", "--by", "bo", store=store_root)
    assert both.returncode == 0 and sorted(p.name for p in folder.glob("*/*.yaml")) == ["ana.yaml", "bo.yaml"], both.stderr
    every = newsmark("export", "--split", str(tmp_path / "all"), "--all", store=store_root)
    assert every.returncode == 0 and sorted(p.name for p in (tmp_path / "all").glob("*/*.yaml")) == ["ana.yaml", "bo.yaml"]


def test_export_by_picks_records_and_annotator_alone_is_refused_naming_by(tmp_path: Path, store_root: Path, article_copy: Path) -> None:
    tagged_by_bo_and_ana(store_root, article_copy)
    by_bo = newsmark("export", "--by", "bo", store=store_root)
    assert by_bo.returncode == 0, by_bo.stderr
    records = [r for a in yaml.safe_load(by_bo.stdout)["articles"] for r in a["annotations"]]
    assert {r["annotator"] for r in records} == {"bo"} and len(records) == 3
    everyone = newsmark("export", store=store_root)
    assert {r["annotator"] for a in yaml.safe_load(everyone.stdout)["articles"] for r in a["annotations"]} == {"ana", "bo"}
    for line in (("export", "--annotator", "bo"), ("--annotator", "bo", "export")):
        refused = newsmark(*line, "-o", str(tmp_path / "out.yaml"), store=store_root)
        assert refused.returncode == 2 and refused.stdout == "" and not (tmp_path / "out.yaml").exists()
        assert refused.stderr.splitlines() == [
            "newsmark: export --annotator bo: --annotator says who you are and picks no records: "
            "use --by bo for only bo's records, --all for everyone's"
        ]
    twice = newsmark("export", "--split", str(tmp_path / "t"), "--annotator", "ana", "--annotator", "bo", store=store_root)
    assert twice.returncode == 2 and len(twice.stderr.splitlines()) == 1 and "--by NAME" in twice.stderr
    assert not (tmp_path / "t").exists()
    nobody = newsmark("export", str(article_copy), "--by", "cy", "--tag", "claim", store=store_root)
    assert nobody.returncode == 0 and "annotations: []" in nobody.stdout
    assert 'newsmark: warning: no records by "cy" tagged claim; the store holds records tagged claim by bo (3)' in nobody.stderr


def test_brief_picks_with_by_and_says_whose_records_exist(store_root: Path, article_copy: Path) -> None:
    tagged_by_bo_and_ana(store_root, article_copy)
    ana = newsmark("brief", str(article_copy), "--by", "ana", store=store_root)
    assert ana.returncode == 0 and "by ana" in ana.stdout and "by bo" not in ana.stdout, ana.stdout
    refused = newsmark("brief", "--annotator", "ana", store=store_root)
    assert refused.returncode == 2 and refused.stderr.splitlines() == [
        "newsmark: brief --annotator ana: --annotator says who you are and picks no records: "
        "use --by ana for only ana's records, --all for everyone's"
    ]
    everyone = newsmark("brief", "--annotator", "ana", "--all", store=store_root)
    assert everyone.returncode == 0 and "by ana" in everyone.stdout and "by bo" in everyone.stdout
    nobody = newsmark("brief", "--by", "root", store=store_root)
    assert nobody.returncode == 0
    assert 'newsmark: warning: no records by "root"; the store holds records by bo (3), ana (1)' in nobody.stderr


def test_help_documents_by_and_all(store_root: Path) -> None:
    for command in ("export", "brief"):
        text = " ".join(newsmark(command, "--help", store=store_root).stdout.split())
        assert "--by NAME" in text and "--all" in text and "picks no records" in text, text
