"""In the reader: untagging a checked claim with its key and undoing it (``u``) brings
the verdict back whole (the real app on a real store, driven by Pilot)."""

from __future__ import annotations

from pathlib import Path

from annotations.formats.loader import load_article
from annotations.schema import TagSchema
from annotations.store.article_annotations import open_article
from annotations.store.folder import LockMode, Store

from .conftest import wait_until
from .test_reader import make_app, reader

CLAIM = 8


def assessment(store_root: Path, article_path: Path) -> tuple[list[str], str, str, int]:
    with Store(store_root, mode=LockMode.READ) as store:
        notes = open_article(store, load_article(article_path), annotator="ana", schema=TagSchema())
        verdict = notes.assessment(CLAIM)
        return notes.own_tags(CLAIM), verdict.status, verdict.rationale, len(verdict.evidence)


async def test_untag_then_u_brings_the_verdict_back(store_root: Path, article_copy: Path) -> None:
    with Store(store_root) as store, open_article(store, load_article(article_copy), annotator="ana", schema=TagSchema()) as notes:
        notes.edit([CLAIM], add=["claim"])
        notes.set_status(CLAIM, "false", note="counts", evidence=[("url", "https://x.example.org/a")])
    checked = (["claim"], "false", "counts", 1)
    assert assessment(store_root, article_copy) == checked
    app = make_app(store_root, [article_copy])
    async with app.run_test(size=(110, 30)) as pilot:
        reader(app).move_to(CLAIM)
        await pilot.press("c")
        await wait_until(pilot, lambda: assessment(store_root, article_copy)[0] == [], "the claim untagged")
        await pilot.press("u")
        await wait_until(pilot, lambda: assessment(store_root, article_copy)[0] == ["claim"], "the untag undone")
        assert assessment(store_root, article_copy) == checked
