"""The headless store commands, run as real subprocesses."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from annotations.config import resolve_settings
from annotations.errors import ConfigError
from tui.cli.common import UsageError, parse_sentence_spec


def run(*args: str, store: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    full_env = {**os.environ, "NEWSMARK_DB": str(store), "NEWSMARK_ANNOTATOR": "ana", "NEWSMARK_CONFIG": "", **(env or {})}
    return subprocess.run([sys.executable, "-m", "tui.cli", *args], capture_output=True, text=True, env=full_env, timeout=60)


def test_sentence_specs() -> None:
    assert parse_sentence_spec("5") == [5]
    assert parse_sentence_spec("1-4") == [1, 2, 3, 4]
    assert parse_sentence_spec("3,7,9") == [3, 7, 9]
    assert parse_sentence_spec("1-3, 7") == [1, 2, 3, 7]
    for bad in ("", "a", "3-1", "0", "1-", "1..3"):
        with pytest.raises(UsageError):
            parse_sentence_spec(bad)


def test_tag_export_import_stats_flow(tmp_path: Path, store_root: Path, article_copy: Path) -> None:
    tagged = run("tag", str(article_copy), "3-5", "claim", "figure", store=store_root)
    assert tagged.returncode == 0, tagged.stderr
    assert "3 of 3 sentence(s)" in tagged.stdout
    assert run("tag", str(article_copy), "9", "concern", "--note", "Who counted?\nAsk the desk.", store=store_root).returncode == 0
    assert run("tag", str(article_copy), "4", "figure", "--remove", store=store_root).returncode == 0

    out = tmp_path / "out.yaml"
    exported = run("export", "-o", str(out), store=store_root)
    assert exported.returncode == 0, exported.stderr
    assert "exported 4 annotation(s) from 1 article(s)" in exported.stderr
    document = yaml.safe_load(out.read_text(encoding="utf-8"))
    records = document["articles"][0]["annotations"]
    assert [(r["sentence"], r["tags"], r["annotator"]) for r in records] == [
        (3, ["claim", "figure"], "ana"),
        (4, ["claim"], "ana"),
        (5, ["claim", "figure"], "ana"),
        (9, ["concern"], "ana"),
    ]
    assert records[3]["note"] == "Who counted?\nAsk the desk."

    stdout_export = run("export", "--tag", "concern", store=store_root)
    assert [r["sentence"] for r in yaml.safe_load(stdout_export.stdout)["articles"][0]["annotations"]] == [9]

    other = tmp_path / "other"
    imported = run("import", str(out), store=other)
    assert imported.returncode == 0, imported.stderr
    assert imported.stdout.strip() == "imported 1 article(s): 4 added, 0 updated, 0 removed, 0 unchanged"
    assert run("import", str(out), store=other).stdout.strip() == "imported 1 article(s): 0 added, 0 updated, 0 removed, 4 unchanged"
    assert run("export", store=other).stdout == out.read_text(encoding="utf-8")

    stats = run("stats", store=store_root, env={"COLUMNS": "120"})
    assert stats.returncode == 0, stats.stderr
    total_line = next(line for line in stats.stdout.splitlines() if line.strip().startswith("total"))
    assert total_line.split()[1:] == ["3", "2", "1", "0", "4", "1", "0"]

    undo = run("undo", str(article_copy), store=store_root)
    assert undo.returncode == 0 and "untag figure on 4" in undo.stdout
    assert "figure" in yaml.safe_load(run("export", store=store_root).stdout)["articles"][0]["annotations"][1]["tags"]


def test_export_of_named_files_includes_orphans(tmp_path: Path, store_root: Path, article_copy: Path) -> None:
    assert run("tag", str(article_copy), "16", "claim", store=store_root).returncode == 0
    article_copy.write_text(
        article_copy.read_text(encoding="utf-8").replace(
            "Officials then left the Capitol without speaking to reporters.", "Reporters waited outside until late."
        ),
        encoding="utf-8",
    )
    document = yaml.safe_load(run("export", str(article_copy), store=store_root).stdout)
    (article,) = document["articles"]
    assert article["annotations"] == []
    assert [o["text"] for o in article["orphans"]] == ["Officials then left the Capitol without speaking to reporters."]
    stats = run("stats", str(article_copy), store=store_root, env={"COLUMNS": "120"})
    assert next(line for line in stats.stdout.splitlines() if line.strip().startswith("total")).split()[-1] == "1"


@pytest.mark.parametrize(
    ("args", "reason"),
    [
        (["tag", "{article}", "1", "rumour"], "unknown tag 'rumour' (known: claim, figure, concern, source)"),
        (["tag", "{article}", "99", "claim"], "sentence 99 is out of range 1-21"),
        (["tag", "{article}", "x-y", "claim"], "sentences: 'x-y' is not a number"),
        (["tag", "{missing}", "1", "claim"], "no such file"),
        (["import", "{missing}"], "no such file"),
        (["export", "--tag", "rumour"], "unknown tag 'rumour'"),
    ],
)
def test_errors_are_one_line_with_non_zero_exit(tmp_path: Path, store_root: Path, article_copy: Path, args: list[str], reason: str) -> None:
    filled = [a.format(article=article_copy, missing=tmp_path / "missing.yaml") for a in args]
    result = run(*filled, store=store_root)
    assert result.returncode == 2
    assert len(result.stderr.splitlines()) == 1 and reason in result.stderr
    assert "Traceback" not in result.stderr


def test_corrupt_store_file_is_named_and_kept(store_root: Path, article_copy: Path) -> None:
    assert run("tag", str(article_copy), "1", "claim", store=store_root).returncode == 0
    (store_file,) = (store_root / "articles").glob("*.json")
    store_file.write_bytes(store_file.read_bytes()[:-7])
    damaged = store_file.read_bytes()
    for args in (["tag", str(article_copy), "2", "claim"], ["export"], ["stats"]):
        result = run(*args, store=store_root)
        assert result.returncode == 2
        assert str(store_file) in result.stderr and "corrupt" in result.stderr and len(result.stderr.splitlines()) == 1
    assert store_file.read_bytes() == damaged


def test_config_file_renames_and_adds_tags(tmp_path: Path, store_root: Path, article_copy: Path) -> None:
    config = tmp_path / "config.yaml"
    config.write_text(
        "annotator: cleo\ntags:\n  - {name: claim, key: c}\n  - {name: rumour, key: W, colour: magenta, description: Unverified talk}\n",
        encoding="utf-8",
    )
    settings = resolve_settings(config=str(config), environ={})
    assert settings.schema.names == ("claim", "rumour") and settings.annotator == "cleo"
    result = run("tag", str(article_copy), "2", "rumour", "--config", str(config), store=store_root, env={"NEWSMARK_ANNOTATOR": ""})
    assert result.returncode == 0, result.stderr
    record = yaml.safe_load(run("export", store=store_root).stdout)["articles"][0]["annotations"][0]
    assert record["tags"] == ["rumour"] and record["annotator"] == "cleo"


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ("tags: [", "not valid YAML"),
        ("tags: claim\n", "tags: must be a list"),
        ("tags:\n  - {name: claim, key: j}\n", "key must be one letter not used by the reader"),
        ("tags:\n  - {name: claim, key: c}\n  - {name: other, key: c}\n", "key 'c' is used twice"),
        ("tags:\n  - {name: Claim!, key: c}\n", "a name is 1-32 lowercase"),
        ("tags:\n  - {name: claim, key: c, colour: sparkly}\n", "'sparkly' is not a colour"),
        ("colour: red\n", "unknown setting 'colour'"),
    ],
)
def test_invalid_config_is_one_clear_line(tmp_path: Path, content: str, reason: str) -> None:
    config = tmp_path / "config.yaml"
    config.write_text(content, encoding="utf-8")
    from tui.reserved_keys import tag_key_problem

    with pytest.raises(ConfigError) as caught:
        resolve_settings(config=str(config), environ={}, key_check=tag_key_problem)
    assert str(caught.value).startswith(f"{config}: ") and reason in str(caught.value)


def test_annotator_precedence(tmp_path: Path) -> None:
    config = tmp_path / "config.yaml"
    config.write_text("annotator: from-config\n", encoding="utf-8")
    assert resolve_settings(config=str(config), annotator="from-flag", environ={"NEWSMARK_ANNOTATOR": "from-env"}).annotator == "from-flag"
    assert resolve_settings(config=str(config), environ={"NEWSMARK_ANNOTATOR": "from-env"}).annotator == "from-env"
    assert resolve_settings(config=str(config), environ={}).annotator == "from-config"
    with pytest.raises(ConfigError, match="no such config file"):
        resolve_settings(environ={"NEWSMARK_CONFIG": str(tmp_path / "absent.yaml")})
    import getpass

    assert resolve_settings(environ={}).annotator == getpass.getuser()  # no config file at all


def test_a_three_digit_colour_is_a_colour(tmp_path: Path) -> None:
    config = tmp_path / "config.yaml"
    config.write_text("tags:\n  - {name: claim, key: c, colour: '#f80'}\n", encoding="utf-8")
    from tui.colours import is_terminal_colour

    settings = resolve_settings(config=str(config), environ={}, is_colour=is_terminal_colour)
    assert settings.schema.tags[0].colour == "#ff8800"


def test_export_to_a_folder_that_does_not_exist_is_refused(tmp_path: Path, store_root: Path, article_copy: Path) -> None:
    assert run("tag", str(article_copy), "1", "claim", store=store_root).returncode == 0
    missing = tmp_path / "nowhere"
    result = run("export", "-o", f"{missing}/", store=store_root)
    assert result.returncode == 2 and len(result.stderr.splitlines()) == 1 and "does not exist" in result.stderr
    assert not missing.exists()


def test_a_folder_opens_the_library_even_with_one_article(tmp_path: Path, article_copy: Path) -> None:
    from tui.cli.commands.opening import opens_reader
    from tui.cli.common import expand_paths

    folder = tmp_path / "folder"
    folder.mkdir()
    (folder / "x.mdown").write_text("# A Title\n\nOfficials said so. Critics disagreed.\n", encoding="utf-8")
    assert expand_paths([str(folder)]) == [folder / "x.mdown"]
    assert not opens_reader([str(folder)])
    assert opens_reader([str(article_copy)]) and not opens_reader([str(article_copy), str(article_copy)])


def test_annotator_before_export_or_brief_is_who_you_are_as_after_it(tmp_path: Path, store_root: Path, article_copy: Path) -> None:
    """``newsmark --annotator ana export`` was silently everyone's export (and ``export
    --split`` wrote nothing): an option before the command counts as after it. It says who
    you are: the split export writes ana's file; export and brief pick records by --by and
    refuse an --annotator alone (before or after the command) in one line naming --by."""
    for who, sentence in (("ana", "1"), ("bo", "2")):
        assert run("tag", str(article_copy), sentence, "claim", "--annotator", who, store=store_root).returncode == 0
    before = run("--annotator", "bo", "export", store=store_root)
    after = run("export", "--annotator", "bo", store=store_root)
    assert before.returncode == after.returncode == 2 and before.stderr == after.stderr and "use --by bo" in before.stderr
    by_bo = run("export", "--by", "bo", store=store_root)
    assert by_bo.returncode == 0, by_bo.stderr
    assert "annotator: bo" in by_bo.stdout and "annotator: ana" not in by_bo.stdout
    brief = run("--annotator", "ana", "brief", str(article_copy), "--by", "ana", store=store_root)
    assert brief.returncode == 0 and "by ana" in brief.stdout and "by bo" not in brief.stdout, brief.stdout
    folder = tmp_path / "team"
    split = run("--annotator", "ana", "export", "--split", str(folder), store=store_root)
    assert split.returncode == 0, split.stderr
    assert [p.name for p in folder.glob("*/*.yaml")] == ["ana.yaml"], split.stderr
