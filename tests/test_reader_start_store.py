"""The reader's start opens the article's store parts its first frame reads (records,
tags, notes) and no more: statuses, links, triage and the check a change passes load
with the first key that needs them (a cold start pays for every module it imports)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

#: Modules the first frame does not need (with no records to merge, and the annotator named).
STORE_LATER = (
    "annotations.store.verdicts",
    "annotations.store.links",
    "annotations.store.source_untag",
    "annotations.store.triage",
    "annotations.store.assessment_merge",
    "getpass",
    "argparse",
)

CODE = """
import asyncio, sys
from pathlib import Path
from annotations.config import Settings
from annotations.formats.loader import load_article
from annotations.schema import TagSchema
from annotations.store.folder import LockMode, Store
from tui.app import NewsmarkApp

LATER = {later!r}

async def main():
    settings = Settings(store_path=Path({store!r}), annotator="ana", schema=TagSchema())
    path = Path({article!r})
    app = NewsmarkApp(settings, Store(settings.store_path, mode=LockMode.AUTO), article=load_article(path), paths=[path])
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        print("started:", *[name for name in LATER if name in sys.modules])
        await pilot.press("1")
        await pilot.pause()
        print("tagged:", *[name for name in LATER if name in sys.modules])

asyncio.run(main())
"""


def test_reader_start_leaves_store_parts_for_their_keys(store_root: Path, article_copy: Path) -> None:
    """A start imports none of :data:`STORE_LATER`; a tag key loads the check a change
    passes (an attribution keeps its source), and so the check above sees modules when
    they are there (a fresh process: this one may have imported them already)."""
    code = CODE.format(later=STORE_LATER, store=str(store_root), article=str(article_copy))
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert "started:" in lines, result.stdout
    tagged = next(line for line in lines if line.startswith("tagged:")).split()[1:]
    assert "annotations.store.source_untag" in tagged, result.stdout
