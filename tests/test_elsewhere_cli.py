"""``newsmark elsewhere FILE N [PATH…] [--json]``, run as a real subprocess: the JSON's
shape, other articles only, and one-line errors with exit status 2."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

DEV = Path(__file__).resolve().parent / "data" / "elsewhere" / "dev"


def run(*args: str, store: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NEWSMARK_DB": str(store), "NEWSMARK_CONFIG": ""}
    return subprocess.run([sys.executable, "-m", "tui.cli", "elsewhere", *args], capture_output=True, text=True, env=env, timeout=60)


def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "news"
    shutil.copytree(DEV, folder, ignore=shutil.ignore_patterns("*.yaml"))
    return folder


def test_json_lists_other_articles_with_their_numbers(tmp_path: Path) -> None:
    folder = corpus(tmp_path)
    result = run(str(folder / "harbour-courier.md"), "3", "--json", store=tmp_path / "store")
    assert result.returncode == 0, result.stderr
    listed = json.loads(result.stdout)
    assert all(list(item) == ["path", "title", "sentence", "text", "score", "numbers"] for item in listed)
    assert [(Path(i["path"]).name, i["sentence"], i["numbers"]) for i in listed[:2]] == [
        ("daily-ledger.md", 3, "same"),
        ("north-wire.md", 2, "differs"),
    ]
    assert all(Path(i["path"]).name != "harbour-courier.md" for i in listed)
    assert listed[0]["score"] >= listed[1]["score"] and listed[0]["title"] == "Halden Strike Freezes Europe's Fourth-Busiest Harbour"
    assert not (tmp_path / "store").exists()


def test_paths_name_the_articles_searched(tmp_path: Path) -> None:
    folder = corpus(tmp_path)
    only = run(str(folder / "harbour-courier.md"), "3", str(folder / "north-wire.md"), "--json", store=tmp_path / "store")
    found = [(Path(i["path"]).name, i["sentence"]) for i in json.loads(only.stdout)]
    assert found[0] == ("north-wire.md", 2) and {name for name, _ in found} == {"north-wire.md"}
    text = run(str(folder / "harbour-courier.md"), "3", str(folder), store=tmp_path / "store")
    assert text.returncode == 0 and "differs" in text.stdout and text.stdout.rstrip().endswith("sentence(s) elsewhere")


def test_errors_are_one_line_and_exit_2(tmp_path: Path) -> None:
    folder = corpus(tmp_path)
    article, store = str(folder / "harbour-courier.md"), tmp_path / "store"
    cases = {
        ("missing.md", "1"): "no such file",
        (article, "99"): "sentence 99 is out of range 1-7",
        (article, "x"): "'x' is not a sentence number",
        (article, "1", str(tmp_path / "gone")): "no such file or folder to search",
    }
    for args, reason in cases.items():
        result = run(*args, store=store)
        assert result.returncode == 2, (args, result.stderr)
        assert result.stderr.startswith("newsmark: ") and reason in result.stderr and result.stderr.count("\n") == 1, result.stderr
        assert result.stdout == ""


def test_a_copy_of_the_article_is_the_same_article_and_not_listed(tmp_path: Path) -> None:
    """A copy at another path (byte-identical, or the same text with CRLF line ends) is one
    article to the store (the hash of its text): it was listed first, at 0.95, and could
    not be linked ("cannot be linked to itself"). A copy with one word changed still is."""
    folder = corpus(tmp_path)
    original = folder / "harbour-courier.md"
    shutil.copyfile(original, folder / "harbour-courier-copy.md")
    (folder / "harbour-courier-crlf.md").write_bytes(original.read_bytes().replace(b"\n", b"\r\n"))
    (folder / "harbour-courier-edited.md").write_text(original.read_text().replace("idle", "still"))
    for number in ("3", "4"):
        result = run(str(original), number, "--json", store=tmp_path / "store")
        assert result.returncode == 0, result.stderr
        names = [Path(item["path"]).name for item in json.loads(result.stdout)]
        assert not {"harbour-courier.md", "harbour-courier-copy.md", "harbour-courier-crlf.md"} & set(names), names
    assert names[0] == "harbour-courier-edited.md", names  # sentence 4 says "still", not "idle": another text
