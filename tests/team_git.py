"""Two analysts sharing split exports through a real git repository: the helpers the
team tests share (a bare origin, one clone and one store per analyst, the command line
run in this process)."""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from tui.cli import main


def git(repo: Path, *args: str) -> str:
    """Run git in ``repo`` with a fixed identity and no user or system config."""
    env = {
        **os.environ,
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.org",
    }
    done = subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True, env=env, timeout=60)
    assert done.returncode == 0, f"git {' '.join(args)}: {done.stdout}{done.stderr}"
    return done.stdout


@dataclass
class Analyst:
    """One analyst: a name, a store, a clone of the team repository and their copy of the article."""

    name: str
    store: Path
    clone: Path
    article: Path
    monkeypatch: pytest.MonkeyPatch
    capsys: pytest.CaptureFixture[str]

    def run(self, *args: str) -> tuple[int, str, str]:
        """``newsmark ARGS`` as this analyst on their store: exit status, stdout, stderr."""
        self.capsys.readouterr()
        self.monkeypatch.setenv("NEWSMARK_DB", str(self.store))
        self.monkeypatch.setenv("NEWSMARK_ANNOTATOR", self.name)
        status = main(list(args))
        out, err = self.capsys.readouterr()
        return status, out, err

    def ok(self, *args: str) -> str:
        """``newsmark ARGS`` that must succeed: its stdout and stderr together."""
        status, out, err = self.run(*args)
        assert status == 0, f"newsmark {' '.join(args)}: {out}{err}"
        return out + err

    def tag(self, sentences: str, *tags: str, remove: bool = False) -> None:
        """Tag (or untag) sentences of this analyst's copy of the article."""
        self.ok("tag", str(self.article), sentences, *tags, *(["--remove"] if remove else []))

    def publish(self) -> None:
        """Export split into the clone, commit and push."""
        git(self.clone, "pull", "-q", "--no-rebase")
        self.ok("export", "--split", str(self.clone))
        git(self.clone, "add", "-A")
        if git(self.clone, "status", "--porcelain"):
            git(self.clone, "commit", "-q", "-m", f"{self.name}'s tags")
        git(self.clone, "push", "-q", "origin", "HEAD:main")

    def pull_and_import(self) -> str:
        """Pull the repository and import all of it: the import's summary line."""
        git(self.clone, "pull", "-q", "--no-rebase")
        return self.ok("import", str(self.clone)).splitlines()[0]

    def records(self) -> list[tuple[int | None, str, list[str]]]:
        """Every record of the store (anchored and orphaned): (sentence, annotator, tags), sorted."""
        out = self.store.parent / f"{self.name}-all.yaml"
        self.ok("export", "--all", "-o", str(out))
        document = yaml.safe_load(out.read_text(encoding="utf-8"))
        return sorted(
            (record.get("sentence"), record["annotator"], record["tags"])
            for article in document["articles"]
            for record in [*article["annotations"], *article.get("orphans", [])]
        )


def team(tmp_path: Path, article: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> tuple[Analyst, Analyst]:
    """Ana and Bo, each with a store, a clone of one bare repository and a copy of ``article``
    (Bo's at another path)."""
    origin = tmp_path / "origin.git"
    origin.mkdir()
    git(origin, "init", "-q", "--bare", "-b", "main")
    seed = tmp_path / "seed"
    git(tmp_path, "clone", "-q", str(origin), str(seed))
    git(seed, "commit", "-q", "--allow-empty", "-m", "start")
    git(seed, "push", "-q", "origin", "HEAD:main")
    analysts = []
    for name in ("ana", "bo"):
        home = tmp_path / name
        home.mkdir()
        git(tmp_path, "clone", "-q", str(origin), str(home / "repo"))
        copy = home / "pipeline.txt"
        copy.write_bytes(article.read_bytes())
        analysts.append(Analyst(name, home / "store", home / "repo", copy, monkeypatch, capsys))
    return analysts[0], analysts[1]
