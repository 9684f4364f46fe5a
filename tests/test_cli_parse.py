"""``newsmark parse`` as a user runs it: a real subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from .conftest import REAL_SHAPE_ARTICLE


def newsmark(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "tui.cli", *args], capture_output=True, text=True, timeout=60, env=env)


def test_parse_prints_a_numbered_outline(samples: Path) -> None:
    result = newsmark("parse", str(samples / "artillery-pipeline.txt"))
    assert result.returncode == 0, result.stderr
    assert "4 sections · 21 sentences" in result.stdout
    assert "2/4 · How the Shells Reached the Front — Rail Links and Port Traffic" in result.stdout
    assert "21  Output in Europe grew by 3.5% last quarter." in result.stdout
    assert result.stderr == ""


def test_parse_json_shape(write_article) -> None:  # type: ignore[no-untyped-def]
    result = newsmark("parse", "--json", str(write_article(REAL_SHAPE_ARTICLE, "shape.txt")))
    assert result.returncode == 0, result.stderr
    outline = json.loads(result.stdout)
    assert set(outline) == {"title", "meta", "sections"}
    assert outline["title"] == "Shape"
    assert [len(s["paragraphs"]) for s in outline["sections"]] == [2, 5, 5, 5]
    assert outline["sections"][1]["subtitles"] == ["A Subtitle for the U.S. Officials"]
    assert sum(len(p) for s in outline["sections"] for p in s["paragraphs"]) == 22


def test_markup_is_printed_literally(write_article) -> None:  # type: ignore[no-untyped-def]
    result = newsmark("parse", str(write_article("He wrote [bold]this[/] and [red]that[/red] \x1b[2Jhere.\n")))
    assert result.returncode == 0, result.stderr
    assert "[bold]this[/] and [red]that[/red] [2Jhere." in result.stdout
    assert "\x1b" not in result.stdout


def test_bad_input_is_one_line_and_status_2(tmp_path: Path, write_article) -> None:  # type: ignore[no-untyped-def]
    cases = {
        str(write_article(b"", "empty.txt")): "empty file",
        str(write_article(b"\x00\x01\x02\xff\xfe\x00binary", "blob.bin")): "binary file",
        str(tmp_path / "missing.txt"): "no such file",
        str(tmp_path): "is a folder",
    }
    for path, reason in cases.items():
        result = newsmark("parse", path)
        assert result.returncode == 2
        assert result.stdout == ""
        lines = result.stderr.splitlines()
        assert len(lines) == 1, result.stderr
        assert path in lines[0] and reason in lines[0]
        assert "Traceback" not in result.stderr


def test_a_command_run_in_process_leaves_garbage_collection_on(write_article, capsys) -> None:  # type: ignore[no-untyped-def]
    import gc

    from tui.cli import main

    assert main(["parse", "--json", str(write_article(REAL_SHAPE_ARTICLE))]) == 0
    assert json.loads(capsys.readouterr().out)["sections"]
    assert gc.isenabled()
    assert main(["parse", "/no/such/article.txt"]) == 2
    assert gc.isenabled()


def test_every_registered_command_has_its_module_and_the_parser_imports_nothing_heavy() -> None:
    code = (
        "import sys\n"
        "from tui.cli import registry\n"
        "from tui.cli.parser import build_parser\n"
        "build_parser()\n"
        "for name in registry.NAMES:\n"
        "    module = registry.module(name)\n"
        "    assert module.NAME == name and callable(module.register) and callable(module.run), name\n"
        "    assert module.SUMMARY and module.DESCRIPTION and module.EXAMPLES, name\n"
        "heavy = ('annotations.store', 'annotations.config', 'annotations.exchange.export', 'yaml', 'httpx', 'trafilatura', 'rich')\n"
        "print(sorted(n for n in sys.modules if n.startswith(heavy)))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_import_offers_no_refresh_and_export_explains_format() -> None:
    """``--refresh`` fetches an article's URL again: ``import`` names export files, never
    articles, so it does not offer it; every option of ``export`` has its help text."""

    def help_of(command: str) -> str:
        done = subprocess.run(
            [sys.executable, "-m", "tui.cli", command, "--help"],
            capture_output=True,
            text=True,
            timeout=60,
            env={**os.environ, "COLUMNS": "100"},
        )
        assert done.returncode == 0, done.stderr
        return done.stdout

    assert "--refresh" not in help_of("import")
    assert "--refresh" in help_of("export")  # export FILE may be a URL
    lines = help_of("export").splitlines()
    [at] = [i for i, line in enumerate(lines) if line.strip().startswith("--format")]
    assert "file format (default: yaml" in " ".join(lines[at : at + 3])
