"""`newsmark FILE` on an article whose store file is corrupt: one error line naming the
file and status 2 before the reader starts, the file left as it was (it crashed inside
the app with a traceback and status 1)."""

from __future__ import annotations

import shutil
from pathlib import Path

from .test_cli_daily import newsmark, one_error_line
from .test_reader_needs_terminal import run_in_terminal

SAMPLE = Path(__file__).resolve().parent.parent / "sample_articles"


def test_the_reader_on_a_corrupt_store_file_is_one_line_and_status_2(tmp_path: Path) -> None:
    store, article = tmp_path / "store", tmp_path / "port.txt"
    shutil.copyfile(SAMPLE / "port-strike.txt", article)
    assert newsmark("tag", str(article), "1", "claim", store=store).returncode == 0
    [stored] = (store / "articles").glob("*.json")
    stored.write_bytes(b'{"broken')
    line = one_error_line(run_in_terminal(str(article), store=store))
    assert str(stored) in line and "corrupt" in line
    assert stored.read_bytes() == b'{"broken'
