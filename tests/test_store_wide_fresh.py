"""Store-wide commands after an article changed on disk: ``agree``, ``stats``, ``export``
and ``brief`` without FILE give, for each article, what the same command gives naming
it (issue 29, item 3). Real subprocesses, a real store in tmp_path."""

from __future__ import annotations

import json
import os
import random
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from annotations.formats.loader import load_article
from annotations.schema import TagSchema
from annotations.store.article_annotations import open_article
from annotations.store.folder import Store

from .conftest import SAMPLES

#: Articles edited (each in its own run, with the others stored and left unchanged).
EDITED = ["artillery-pipeline.txt", "grid-outage.txt", "water-audit.md"]


def cli(store_root: Path, *args: str) -> Any:
    """Run a command; its JSON output (``brief``'s Markdown as text). Suggestions are off:
    a brief suggests for the articles it reads, which a store-wide one does not read."""
    config = store_root.parent / "no-suggestions.yaml"
    config.write_text("suggestions: false\n", encoding="utf-8")
    env = {**os.environ, "NEWSMARK_DB": str(store_root), "NEWSMARK_ANNOTATOR": "ana", "NEWSMARK_CONFIG": str(config)}
    done = subprocess.run([sys.executable, "-m", "tui.cli", *args], capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout if args[0] == "brief" else json.loads(done.stdout)


def tag_and_edit(store_root: Path, folder: Path, edited: str, seed: int) -> list[Path]:
    """Three articles tagged by ana and bo (who disagree here and there); then ``edited``
    loses one tagged sentence and has two reworded (one a little, one wholly)."""
    rng = random.Random(seed)
    paths = []
    with Store(store_root) as store:
        for name in ["artillery-pipeline.txt", "grid-outage.txt", "water-audit.md"]:
            path = folder / name
            shutil.copy(SAMPLES / name, path)
            paths.append(path)
            article = load_article(path)
            total = len(article.sentences)
            for annotator in ("ana", "bo"):
                with open_article(store, article, annotator=annotator, schema=TagSchema()) as notes:
                    notes.edit(sorted(rng.sample(range(1, total + 1), total // 2)), add=["claim"])
                    notes.edit(sorted(rng.sample(range(1, total + 1), 3)), add=["figure"], note=f"{annotator} checked")
    path = folder / edited
    sentences = [s.text for s in load_article(path).sentences if len(s.text.split()) > 4]
    gone, slightly, wholly = rng.sample(sentences, 3)
    words = slightly.split()
    text = path.read_text(encoding="utf-8")
    text = text.replace(gone, "", 1).replace(wholly, "Nothing of this sentence is left as it was written.", 1)
    text = text.replace(slightly, " ".join([*words[:-2], "indeed", words[-1]]), 1)
    path.write_text(text, encoding="utf-8")
    return paths


def by_path(rows: list[dict[str, Any]], key: str = "path") -> dict[str, dict[str, Any]]:
    return {row[key]: row for row in rows}


@pytest.mark.parametrize(("edited", "seed"), [(name, seed) for seed, name in enumerate(EDITED)])
def test_store_wide_commands_agree_with_per_article_ones_after_an_edit(store_root: Path, tmp_path: Path, edited: str, seed: int) -> None:
    paths = tag_and_edit(store_root, tmp_path, edited, seed)
    files = [str(p) for p in paths]
    # store-wide first: nothing has opened the edited article since it changed
    wide = {command: cli(store_root, *command.split()) for command in ("agree --json", "stats --json", "export --format json", "brief")}
    named = {command: cli(store_root, *command.split(), *files) for command in wide}
    edited_path = str(tmp_path / edited)
    # stats: every article's row, and the orphans the edit made
    assert by_path(wide["stats --json"]["articles"]) == by_path(named["stats --json"]["articles"])
    assert by_path(wide["stats --json"]["articles"])[edited_path]["orphans"] > 0
    assert by_path(wide["stats --json"]["articles"])[edited_path] == cli(store_root, "stats", "--json", edited_path)["articles"][0]
    # export: every article's entry (anchors, orphans, sentence numbers of the new text)
    assert by_path(wide["export --format json"]["articles"]) == by_path(named["export --format json"]["articles"])
    assert any(r["anchor"] == "orphan" for r in by_path(wide["export --format json"]["articles"])[edited_path]["orphans"])
    alone = cli(store_root, "export", "--format", "json", edited_path)["articles"]
    assert by_path(wide["export --format json"]["articles"])[edited_path] == by_path(alone)[edited_path]
    # agree: the same figures and the same disagreements, on the new sentence numbers
    assert wide["agree --json"] == named["agree --json"]
    for file in files:
        alone = cli(store_root, "agree", "--json", file)
        for tag, figures in alone["tags"].items():
            assert [d for d in wide["agree --json"]["tags"][tag]["disagreements"] if d["path"] == file] == figures["disagreements"]
    # brief: the same bytes
    assert wide["brief"] == named["brief"]
