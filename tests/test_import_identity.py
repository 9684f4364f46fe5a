"""One import command with the same article exported from two paths keeps one store
file for it (each article is resolved just before it is written)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from annotations.formats.loader import load_article
from annotations.schema import TagSchema
from annotations.store.article_annotations import ArticleAnnotations, open_article
from annotations.store.folder import ARTICLES_DIR, LockMode, Store


def notes_in(store: Store, article: Path, annotator: str = "ana") -> ArticleAnnotations:
    return open_article(store, load_article(article), annotator=annotator, schema=TagSchema())


def cli(*args: str, store: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NEWSMARK_DB": str(store), "NEWSMARK_CONFIG": ""}
    return subprocess.run([sys.executable, "-m", "tui.cli", *args], capture_output=True, text=True, env=env, timeout=120)


def test_one_import_of_two_exports_of_the_same_article_at_two_paths_keeps_one_file(article_copy: Path, tmp_path: Path) -> None:
    mine = tmp_path / "mine"
    for who in ("bo", "cy"):
        at = tmp_path / who / "story.txt"
        at.parent.mkdir()
        shutil.copy(article_copy, at)
        with Store(tmp_path / f"store-{who}") as store:
            notes_in(store, at, who).toggle([2 if who == "bo" else 4], "claim")
        assert cli("export", "-o", str(tmp_path / f"{who}.yaml"), store=tmp_path / f"store-{who}").returncode == 0
    done = cli("import", str(tmp_path / "bo.yaml"), str(tmp_path / "cy.yaml"), store=mine)
    assert done.returncode == 0, done.stderr
    assert len(list((mine / ARTICLES_DIR).glob("*.json"))) == 1
    with Store(mine, mode=LockMode.READ) as store:
        assert notes_in(store, article_copy).tagged_sentences() == [2, 4]
