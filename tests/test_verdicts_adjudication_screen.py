"""The adjudication view with verdicts: a claim two annotators gave different statuses
is a disagreement, each reading shows its status, and a number key takes the reading
with its verdict into the final layer (u undoes it)."""

from __future__ import annotations

from pathlib import Path

from annotations.formats.loader import load_article
from annotations.schema import TagSchema
from annotations.store.article_annotations import open_article
from annotations.store.folder import LockMode, Store
from tests.conftest import wait_until
from tests.test_reader import make_app
from tests.test_team_reader import SIZE
from tui.screens.adjudication import AdjudicationScreen


def check_as(store_root: Path, path: Path, annotator: str, sentence: int, status: str) -> None:
    with Store(store_root) as store, open_article(store, load_article(path), annotator=annotator, schema=TagSchema()) as notes:
        notes.edit([sentence], add=["claim"])
        notes.set_status(sentence, status, note=f"{annotator}'s reason")


def final_status(store_root: Path, path: Path, sentence: int) -> str:
    with Store(store_root, mode=LockMode.READ) as store:
        return open_article(store, load_article(path), annotator="final", schema=TagSchema()).assessment(sentence).status


async def test_a_verdict_dispute_is_shown_and_taken_with_its_reading(store_root: Path, article_copy: Path) -> None:
    check_as(store_root, article_copy, "ana", 8, "false")
    check_as(store_root, article_copy, "bo", 8, "verified")
    app = make_app(store_root, [article_copy], annotator="ana")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("A")
        await wait_until(pilot, lambda: isinstance(app.screen, AdjudicationScreen), "the adjudication view")
        screen = app.screen
        assert isinstance(screen, AdjudicationScreen) and screen.sentence == 8
        body = str(screen.query_one("#adjudication-body").render())
        assert "1  ana: claim — false\n" in body
        assert "2  bo: claim — verified\n" in body
        await pilot.press("2")
        await wait_until(pilot, lambda: final_status(store_root, article_copy, 8) == "verified", "bo's verdict in the final layer")
        await pilot.press("u")
        await wait_until(pilot, lambda: final_status(store_root, article_copy, 8) == "unverified", "the take undone")
