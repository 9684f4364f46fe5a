"""The brief's checking part: claims grouped by verdict in the scale's order, each with
its evidence, rationale and the grade of its source, under a table of statuses; none
while nothing was checked; shown in the reader's preview."""

from __future__ import annotations

import shutil
from pathlib import Path

from textual.widgets import Markdown

from annotations.exchange.brief import make_brief
from annotations.formats.loader import load_article
from annotations.schema import TagSchema
from annotations.store.article_annotations import open_article
from annotations.store.folder import LockMode, Store
from tui.screens.brief import BriefScreen

from .conftest import wait_until
from .test_reader import make_app, reader


def checked(store_root: Path, article: Path) -> None:
    """Sentence 8 false (evidence, rationale, attributed to source 9 graded B2), 7 verified, 10 unverified."""
    with Store(store_root) as store, open_article(store, load_article(article), annotator="ana", schema=TagSchema()) as notes:
        notes.add_tags([7, 8, 10], ["claim"])
        notes.add_tags([9], ["source"])
        notes.set_status(8, "checking")
        notes.set_status(8, "false", "Containers are not shells.")
        notes.add_evidence(8, "url", "https://example.org/port")
        notes.set_grade(9, "B2")
        notes.link(8, notes.link_end(9), "attributed-to")
        notes.set_status(7, "verified")


def brief_of(store_root: Path, article: Path) -> str:
    with (
        Store(store_root, mode=LockMode.READ) as store,
        open_article(store, load_article(article), annotator="ana", schema=TagSchema()) as opened,
    ):
        return make_brief(store, [opened], schema=TagSchema()).data.decode()


def test_claims_are_grouped_by_verdict_with_evidence_rationale_and_source_grade(store_root: Path, article_copy: Path) -> None:
    checked(store_root, article_copy)
    brief = brief_of(store_root, article_copy)
    verdicts = brief[brief.index("## Verdicts") : brief.index("## Claim")]
    table = verdicts[: verdicts.index("###")]
    assert "| ? Unverified | 1 |" in table and "| ✗ False | 1 |" in table and "| ✓ Verified | 1 |" in table
    assert "| … Checking | 0 |" in table and "| all claims | 3 |" in table
    headings = [line for line in verdicts.splitlines() if line.startswith("### ")]
    assert headings == ["### Unverified (1)", "### Verified (1)", "### False (1)"], "the scale's order, only statuses with claims"
    false = verdicts[verdicts.index("### False") :]
    assert "> Analysts caution that container counts" in false and "sentence 8 · by ana" in false
    assert "- Rationale: Containers are not shells." in false
    assert "- Evidence (url): https://example.org/port (by ana)" in false
    assert "- Source: sentence 9 “Some containers may carry fuel" in false and "graded **B2** (usually reliable, probably true)" in false
    assert brief.index("## Counts") < brief.index("## Verdicts")


def test_a_brief_with_no_claim_checked_has_no_verdicts_part(store_root: Path, article_copy: Path) -> None:
    with Store(store_root) as store, open_article(store, load_article(article_copy), annotator="ana", schema=TagSchema()) as notes:
        notes.add_tags([7, 8], ["claim"])
    assert "## Verdicts" not in brief_of(store_root, article_copy)


async def test_the_reader_preview_shows_the_verdicts(store_root: Path, samples: Path, tmp_path: Path) -> None:
    article = tmp_path / "story.txt"
    shutil.copy(samples / "artillery-pipeline.txt", article)
    checked(store_root, article)
    app = make_app(store_root, [article])
    async with app.run_test(size=(110, 30)) as pilot:
        reader(app)
        await pilot.press("b")
        await wait_until(pilot, lambda: isinstance(app.screen, BriefScreen) and app.screen.markdown is not None, "the brief built")
        await wait_until(pilot, lambda: "### False (1)" in app.screen.query_one("#brief", Markdown).source, "the verdicts shown")
