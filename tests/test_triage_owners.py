"""Triage by sentence and by owner (issue 29, items 2 and 15): one decision settles every
record of yours made on a lost sentence; another annotator's record is theirs, and acting
on it is refused with the reason, the same in the triage view (Pilot) and in
``newsmark orphans`` (real subprocesses)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from annotations.formats.loader import load_article
from annotations.schema import TagSchema
from annotations.store.article_annotations import open_article
from annotations.store.folder import LockMode, Store
from annotations.store.records import Record
from tui.screens.triage import TriageScreen

from .conftest import Notice, wait_until
from .test_reader import SIZE, make_app
from .test_triage import BODY

#: The critics' sentence (3) rewritten: every record on it is an orphan.
EDITED = BODY.replace("Critics called the figure far too low.", "Fishermen demanded a quay.")
#: Who tagged the critics' sentence, with what.
READERS = {"ana": "concern", "bo": "claim", "cy": "figure"}


def prepare(store_root: Path, path: Path) -> None:
    """ana, bo and cy each tag sentence 3; then it is rewritten."""
    path.write_text(BODY, encoding="utf-8")
    with Store(store_root) as store:
        for annotator, tag in READERS.items():
            with open_article(store, load_article(path), annotator=annotator, schema=TagSchema()) as notes:
                notes.edit([3], add=[tag], note=f"{annotator} asks who the critics are")
    path.write_text(EDITED, encoding="utf-8")


def orphans(store_root: Path, path: Path) -> dict[str, Record]:
    """The orphans the store holds now, by annotator (read by a separate read-only store)."""
    with Store(store_root, mode=LockMode.READ) as store:
        notes = open_article(store, load_article(path), annotator="ana", schema=TagSchema())
        return {r["annotator"]: r for r in notes.orphans()}


def tags_on(store_root: Path, path: Path, sentence: int) -> list[str]:
    with Store(store_root, mode=LockMode.READ) as store:
        return open_article(store, load_article(path), annotator="ana", schema=TagSchema()).tags(sentence)


async def test_one_decision_settles_the_sentence_for_your_records_and_leaves_theirs(
    store_root: Path, tmp_path: Path, notices: list[Notice]
) -> None:
    path = tmp_path / "harbour.txt"
    prepare(store_root, path)
    app = make_app(store_root, [path], annotator="ana")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("R")
        await wait_until(pilot, lambda: isinstance(app.screen, TriageScreen), "the triage view")
        triage = app.screen
        assert isinstance(triage, TriageScreen)
        # one lost sentence read by three annotators: one entry, not three
        assert len(triage.groups) == 1 and {r["annotator"] for r in triage.groups[0].records} == set(READERS)
        assert "1/1 · orphan · 1 orphan(s)" in str(triage.query_one("#triage-title").render())
        shown = str(triage.query_one("#triage-record").render())
        assert all(f"by {name}" in shown for name in READERS) and "not yours: bo, cy" in shown
        await pilot.press("d")  # one decision: ana's record goes, bo's and cy's stay
        assert set(orphans(store_root, path)) == {"bo", "cy"}
        assert any("Deleted" in n.message and "bo's, cy's stay as they are" in n.message for n in notices)
        # what is left is theirs: listed to read, and refused with the reason
        assert "1/1 · orphan · not yours" in str(triage.query_one("#triage-title").render())
        await pilot.press("d", "c", "1")
        assert set(orphans(store_root, path)) == {"bo", "cy"} and tags_on(store_root, path, 1) == []
        refused = [n for n in notices if n.severity == "warning"]
        assert len(refused) == 3
        assert "bo's annotation: only bo attaches, confirms or deletes it (you are ana;" in refused[0].message
        assert "the next import of bo's file would put it back as that file says" in refused[0].message
        # undone: ana's is back, then attached to the cursor's sentence (1) in one decision
        await pilot.press("u")
        assert set(orphans(store_root, path)) == set(READERS)
        assert triage.current is not None and triage.current["annotator"] == "ana"
        await pilot.press("c")
        assert set(orphans(store_root, path)) == {"bo", "cy"} and tags_on(store_root, path, 1) == ["concern"]


def cli(store_root: Path, annotator: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NEWSMARK_DB": str(store_root), "NEWSMARK_ANNOTATOR": annotator, "NEWSMARK_CONFIG": ""}
    return subprocess.run([sys.executable, "-m", "tui.cli", *args], capture_output=True, text=True, env=env, timeout=120)


def test_cli_refuses_others_records_and_settles_yours(store_root: Path, tmp_path: Path) -> None:
    path = tmp_path / "harbour.txt"
    prepare(store_root, path)
    before = orphans(store_root, path)
    listed = cli(store_root, "bo", "orphans", str(path))
    assert listed.returncode == 0, listed.stderr
    lines = {line.split()[0]: line for line in listed.stdout.splitlines() if "  orphan  " in line}
    assert "(not yours" in lines[before["ana"]["id"]] and "(not yours" not in lines[before["bo"]["id"]]
    for action in (["--delete", before["ana"]["id"][:6]], ["--attach", before["cy"]["id"], "4"]):
        refused = cli(store_root, "bo", "orphans", str(path), *action)
        assert refused.returncode == 2 and len(refused.stderr.splitlines()) == 1, refused.stderr
        owner = "ana" if action[0] == "--delete" else "cy"
        assert refused.stderr.startswith(f"newsmark: {path}: {owner}'s annotation: only {owner} attaches, confirms or deletes it")
        assert f"the next import of {owner}'s file would put it back as that file says" in refused.stderr
        assert orphans(store_root, path) == before  # nothing changed
    deleted = cli(store_root, "bo", "orphans", str(path), "--delete", before["bo"]["id"])
    assert deleted.returncode == 0, deleted.stderr
    assert deleted.stdout.strip() == (
        f"deleted {before['bo']['id']} (newsmark undo brings it back); left as they are on that sentence: ana's, cy's (theirs to settle)"
    )
    assert set(orphans(store_root, path)) == {"ana", "cy"}
    attached = cli(store_root, "ana", "orphans", str(path), "--attach", before["ana"]["id"], "4")
    assert attached.returncode == 0 and f"attached {before['ana']['id']} to sentence 4; left as they are" in attached.stdout
    assert set(orphans(store_root, path)) == {"cy"} and tags_on(store_root, path, 4) == ["concern"]


async def test_the_final_layers_orphan_is_named_as_the_final_layer_in_the_triage_view(store_root: Path, tmp_path: Path) -> None:
    path = tmp_path / "harbour.txt"
    path.write_text(BODY, encoding="utf-8")
    with Store(store_root) as store:
        for annotator in ("bo", "final"):
            with open_article(store, load_article(path), annotator=annotator, schema=TagSchema()) as notes:
                notes.edit([3], add=["claim"])
    path.write_text(EDITED, encoding="utf-8")
    app = make_app(store_root, [path], annotator="ana")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("R")
        await wait_until(pilot, lambda: isinstance(app.screen, TriageScreen), "the triage view")
        shown = str(app.screen.query_one("#triage-record").render())
        assert "not yours: bo (" in shown and "final: the final layer's annotation" in shown and "--annotator final" in shown
        assert "not yours: bo, final" not in shown
