"""``stats`` counts noted sentences as the reader's status line does (tryout 6, item 5):
two annotators' notes on one sentence are one noted sentence (it said 2 where the reader
said 1 noted)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from .test_cli_daily import newsmark

SAMPLE = Path(__file__).resolve().parent.parent / "sample_articles" / "grid-outage.txt"


def test_two_notes_on_one_sentence_are_one_noted_sentence(tmp_path: Path) -> None:
    store, article = tmp_path / "store", tmp_path / "g.txt"
    shutil.copyfile(SAMPLE, article)
    for who, note in (("ana", "check time"), ("bo", "check time too")):
        done = newsmark("tag", str(article), "2", "claim", "--note", note, "--annotator", who, store=store)
        assert done.returncode == 0, done.stderr
    done = newsmark("tag", str(article), "4", "--note", "only a note", "--annotator", "ana", store=store)
    assert done.returncode == 0, done.stderr
    done = newsmark("stats", str(article), "--json", store=store)
    assert done.returncode == 0, done.stderr
    (row,) = json.loads(done.stdout)["articles"]
    assert (row["tagged"], row["notes"]) == (1, 2)
