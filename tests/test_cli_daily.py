"""The command line as analysts use it every day: help, mistakes, tag letters, folders,
piped output and machine-readable stats. Real subprocesses, real files."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import annotations
from annotations.formats.loader import load_article


def newsmark(*args: str, store: Path | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NEWSMARK_ANNOTATOR": "ana", "COLUMNS": "80"}
    if store is not None:
        env["NEWSMARK_DB"] = str(store)
    repo = Path(__file__).resolve().parent.parent
    env["PYTHONPATH"] = str(repo)
    return subprocess.run([sys.executable, "-m", "tui.cli", *args], capture_output=True, text=True, env=env, timeout=60, cwd=cwd)


def one_error_line(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 2, (result.stdout, result.stderr)
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("newsmark: ")
    return lines[0]


# -- help and version ------------------------------------------------------------------


def test_version() -> None:
    result = newsmark("--version")
    assert result.returncode == 0 and result.stdout.strip() == f"newsmark {annotations.__version__}"


def test_top_level_help_shows_opening_articles_first() -> None:
    result = newsmark("--help")
    assert result.returncode == 0
    first = result.stdout.splitlines()[0]
    assert first.startswith("usage: newsmark PATH")
    for command in ("parse", "tag", "undo", "redo", "export", "import", "stats", "orphans"):
        assert f"newsmark {command}" in result.stdout or f"  {command} " in result.stdout


def test_tag_help_has_a_description_examples_and_the_tags_with_their_letters() -> None:
    result = newsmark("tag", "--help")
    assert result.returncode == 0
    text = result.stdout
    assert "examples:" in text and "newsmark tag article.txt 3-5 claim" in text
    for name, key in (("claim", "c"), ("figure", "f"), ("concern", "o"), ("source", "s")):
        assert f"{name} ({key})" in text


def test_tag_help_lists_the_configured_tags(tmp_path: Path) -> None:
    config = tmp_path / "config.yaml"
    config.write_text("tags:\n  - {name: claim, key: c}\n  - {name: rumour, key: W}\n", encoding="utf-8")
    result = newsmark("tag", "--help", "--config", str(config))
    assert result.returncode == 0 and "claim (c), rumour (W)" in result.stdout


@pytest.mark.parametrize("command", ["parse", "tag", "undo", "redo", "export", "import", "stats", "orphans", "agree"])
def test_every_command_help_has_a_description_and_examples(command: str) -> None:
    result = newsmark(command, "--help")
    assert result.returncode == 0
    assert "examples:" in result.stdout and f"newsmark {command} " in result.stdout.split("examples:", 1)[1]


def test_orphans_help_has_a_description_examples_and_the_tags_with_their_letters() -> None:
    result = newsmark("orphans", "--help")
    assert result.returncode == 0
    text = result.stdout
    description = text.split("options:", 1)[0]
    assert "re-anchor" in description and "newsmark undo" in description
    assert "newsmark orphans article.txt --attach" in text.split("examples:", 1)[1]
    assert "claim (c), figure (f), concern (o), source (s)" in text


# -- mistakes: one line each -------------------------------------------------------------


def test_an_unknown_command_says_no_such_command_or_file(tmp_path: Path) -> None:
    line = one_error_line(newsmark("frobnicate", cwd=tmp_path))
    assert "frobnicate: no such command or file" in line


def test_a_mistyped_command_suggests_the_command(tmp_path: Path) -> None:
    line = one_error_line(newsmark("exprot", cwd=tmp_path))
    assert "exprot: no such command or file" in line and "did you mean 'export'?" in line


def test_a_bad_option_value_is_one_line(store_root: Path) -> None:
    line = one_error_line(newsmark("export", "--format", "xml", store=store_root))
    assert line.startswith("newsmark: export: argument --format: invalid choice: 'xml'")
    line = one_error_line(newsmark("tag", store=store_root))
    assert line.startswith("newsmark: tag: the following arguments are required: FILE, SENTENCES")


def test_a_bad_orphans_option_is_one_line(store_root: Path, article_copy: Path) -> None:
    line = one_error_line(newsmark("orphans", str(article_copy), "--attach", "abcd", store=store_root))
    assert line == "newsmark: orphans: argument --attach: expected 2 arguments"
    line = one_error_line(newsmark("orphans", str(article_copy), "--delete", "abcd", "--confirm", "abcd", store=store_root))
    assert line == "newsmark: orphans: argument --confirm: not allowed with argument --delete"
    line = one_error_line(newsmark("orphans", str(article_copy), "--frobnicate", store=store_root))
    assert line == "newsmark: unrecognized arguments: --frobnicate"  # as for every command


def test_store_options_go_before_the_command_too(tmp_path: Path, article_copy: Path) -> None:
    root = tmp_path / "given-first"
    done = newsmark("--db", str(root), "tag", str(article_copy), "2", "c")
    assert done.returncode == 0, done.stderr
    stats = newsmark("--db", str(root), "stats", "--json")
    assert stats.returncode == 0, stats.stderr
    assert json.loads(stats.stdout)["total"]["tags"]["claim"] == 1


# -- tag letters -----------------------------------------------------------------------


def test_tag_accepts_key_letters_as_well_as_names(store_root: Path, article_copy: Path) -> None:
    done = newsmark("tag", str(article_copy), "3", "c", "figure", "o", store=store_root)
    assert done.returncode == 0, done.stderr
    exported = json.loads(newsmark("export", "--format", "json", "--tag", "f", store=store_root).stdout)
    assert exported["articles"][0]["annotations"][0]["tags"] == ["claim", "figure", "concern"]
    assert "unknown tag 'q'" in one_error_line(newsmark("tag", str(article_copy), "3", "q", store=store_root))


# -- export FOLDER -----------------------------------------------------------------------


def test_export_a_folder_as_the_reader_opens_one(store_root: Path, tmp_path: Path, samples: Path) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    for name in ("port-strike.txt", "water-audit.md"):
        (folder / name).write_bytes((samples / name).read_bytes())
    assert newsmark("tag", str(folder / "port-strike.txt"), "2", "claim", store=store_root).returncode == 0
    result = newsmark("export", "--format", "json", str(folder), store=store_root)
    assert result.returncode == 0, result.stderr
    paths = [Path(a["path"]).name for a in json.loads(result.stdout)["articles"]]
    assert paths == ["port-strike.txt", "water-audit.md"]


# -- failing commands leave no store behind ---------------------------------------------


@pytest.mark.parametrize(
    "args", [("tag", "{article}", "999", "claim"), ("tag", "{article}", "2,999", "claim"), ("undo", "{article}"), ("redo", "{article}")]
)
def test_a_failing_command_never_creates_the_store_folder(tmp_path: Path, article_copy: Path, args: tuple[str, ...]) -> None:
    root = tmp_path / "new" / "store"
    result = newsmark(*(a.format(article=article_copy) for a in args), store=root)
    assert result.returncode != 0
    assert not (tmp_path / "new").exists()


def test_a_failing_command_leaves_an_existing_store_alone(store_root: Path, article_copy: Path) -> None:
    assert newsmark("tag", str(article_copy), "2", "claim", store=store_root).returncode == 0
    before = sorted(p.name for p in (store_root / "articles").iterdir())
    assert newsmark("tag", str(article_copy), "999", "claim", store=store_root).returncode == 2
    assert sorted(p.name for p in (store_root / "articles").iterdir()) == before


# -- parse -----------------------------------------------------------------------------


def test_parse_piped_is_not_padded_or_wrapped_to_80_columns(samples: Path) -> None:
    result = newsmark("parse", str(samples / "port-strike.txt"))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert all(line == line.rstrip() for line in lines)
    article = load_article(samples / "port-strike.txt")
    longest = max(article.sentences, key=lambda s: len(s.text))
    assert len(longest.text) > 80
    assert any(line.endswith(longest.text) for line in lines)  # one line, not folded at 80


def test_parse_json_gives_each_sentence_its_number_and_offsets(samples: Path) -> None:
    result = newsmark("parse", "--json", str(samples / "port-strike.txt"))
    outline = json.loads(result.stdout)
    article = load_article(samples / "port-strike.txt")
    sentences = [s for section in outline["sections"] for paragraph in section["paragraphs"] for s in paragraph]
    assert [set(s) for s in sentences] == [{"n", "text", "start", "end"}] * len(article.sentences)
    for given, sentence in zip(sentences, article.sentences, strict=True):
        assert (given["n"], given["text"], given["start"], given["end"]) == (sentence.number, sentence.text, sentence.start, sentence.end)
        assert article.text[given["start"] : given["end"]] == given["text"]


# -- stats -----------------------------------------------------------------------------


@pytest.fixture
def tagged_store(store_root: Path, tmp_path: Path, samples: Path) -> Path:
    long_name = tmp_path / ("a-very-long-article-file-name-that-does-not-fit-in-eighty-columns-" * 2 + ".txt")
    long_name.write_bytes((samples / "port-strike.txt").read_bytes())
    assert newsmark("tag", str(long_name), "2-3", "claim", store=store_root).returncode == 0
    assert newsmark("tag", str(long_name), "3", "figure", "--note", "check", store=store_root).returncode == 0
    return long_name


def test_stats_piped_shows_full_columns(store_root: Path, tagged_store: Path) -> None:
    result = newsmark("stats", store=store_root)
    assert result.returncode == 0, result.stderr
    assert tagged_store.name in result.stdout
    assert "…" not in result.stdout
    assert all(line == line.rstrip() for line in result.stdout.splitlines())


def test_stats_json(store_root: Path, tagged_store: Path) -> None:
    result = newsmark("stats", "--json", store=store_root)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    (row,) = data["articles"]
    assert row["path"] == str(tagged_store) and row["tags"] == {"claim": 2, "figure": 1, "concern": 0, "source": 0}
    assert (row["tagged"], row["notes"], row["orphans"]) == (2, 1, 0)
    assert data["total"]["tags"]["claim"] == 2 and data["total"]["tagged"] == 2


def test_stats_csv(store_root: Path, tagged_store: Path) -> None:
    result = newsmark("stats", "--csv", store=store_root)
    assert result.returncode == 0, result.stderr
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert rows[0] == ["title", "path", "claim", "figure", "concern", "source", "tagged", "notes", "orphans", "spans"]
    assert rows[1][1:] == [str(tagged_store), "2", "1", "0", "0", "2", "1", "0", "0"]
    assert len(rows) == 2
