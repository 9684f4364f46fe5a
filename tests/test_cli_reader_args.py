"""``newsmark PATH`` opens the reader without argparse: the command line read as the open
parser reads it (the same attributes and values), and argparse not imported on the way."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tui.cli.entry import reader_args
from tui.cli.parser import build_open_parser


@pytest.mark.parametrize("argv", [["article.txt"], ["http://127.0.0.1:8000/page"], ["a folder/with spaces"], ["@notes.txt"]])
def test_one_path_is_read_as_the_open_parser_reads_it(argv: list[str]) -> None:
    quick = reader_args(argv)
    assert quick is not None
    assert vars(quick) == vars(build_open_parser().parse_args(argv))


@pytest.mark.parametrize("argv", [[], ["a.txt", "b.txt"], ["--db", "store"], ["--refresh"], ["-h"], ["a.txt", "--refresh"], ["stats"]])
def test_any_other_command_line_is_left_to_the_parser(argv: list[str]) -> None:
    assert reader_args(argv) is None


CODE = """
import sys
from tui.cli import entry
from tui.cli.commands import opening

def run(args):
    print("paths:", *args.paths)
    print("argparse:", "argparse" in sys.modules)
    return 0

opening.run = run
sys.exit(entry.main([{path!r}]))
"""


def test_newsmark_path_reaches_the_reader_without_argparse(article_copy: Path) -> None:
    """A fresh process (this one has imported argparse): the entry point hands the path to
    the reader's command with argparse not imported."""
    result = subprocess.run([sys.executable, "-c", CODE.format(path=str(article_copy))], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [f"paths: {article_copy}", "argparse: False"]
