"""Adjudication beyond whole readings: a tag's letter toggles that tag in the final
reading (so it can combine two annotators' tags), undone by ``u``; after the last
disagreement is settled the view says so, and taking a reading goes on to the next
unsettled one."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import Notice, wait_until
from tests.test_reader import make_app
from tests.test_team_reader import SIZE, final_tags, on_disk_records, tag_as
from tui.screens.adjudication import AdjudicationScreen
from tui.screens.reader import ReaderScreen


def title(screen: AdjudicationScreen) -> str:
    return str(screen.query_one("#adjudication-title").render())


def body(screen: AdjudicationScreen) -> str:
    return str(screen.query_one("#adjudication-body").render())


def disputes(store_root: Path, article: Path) -> None:
    """Sentence 2: ana claim, bo figure; sentence 5: ana source, bo nothing."""
    tag_as(store_root, article, "ana", 2, ["claim"], note="check the date")
    tag_as(store_root, article, "bo", 2, ["figure"])
    tag_as(store_root, article, "ana", 5, ["source"])


async def test_tag_keys_toggle_tags_in_the_final_reading_and_u_undoes_them(store_root: Path, article_copy: Path) -> None:
    disputes(store_root, article_copy)
    app = make_app(store_root, [article_copy], annotator="ana")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("A")
        await wait_until(pilot, lambda: isinstance(app.screen, AdjudicationScreen), "the adjudication view")
        screen = app.screen
        assert isinstance(screen, AdjudicationScreen) and screen.sentence == 2
        assert "Toggle a tag in final's reading: c claim  f figure  o concern  s source" in body(screen)
        await pilot.press("f")  # no final reading yet: figure alone
        assert final_tags(store_root, article_copy) == {2: ["figure"]}
        assert screen.sentence == 2  # a toggle stays on the sentence
        await pilot.press("1")  # ana's reading (claim and its note) replaces it, then on to 5
        assert final_tags(store_root, article_copy) == {2: ["claim"]}
        assert screen.sentence == 5
        await pilot.press("k", "f")  # and bo's figure with it: a reading of two annotators
        assert final_tags(store_root, article_copy) == {2: ["claim", "figure"]}
        assert "final: claim, figure — note: check the date" in body(screen)
        await pilot.press("c")
        assert final_tags(store_root, article_copy) == {2: ["figure"]}
        await pilot.press("u")
        assert final_tags(store_root, article_copy) == {2: ["claim", "figure"]}
        await pilot.press("u")
        assert final_tags(store_root, article_copy) == {2: ["claim"]}
        await pilot.press("escape")
        await wait_until(pilot, lambda: isinstance(app.screen, ReaderScreen), "back in the reader")
    assert [r["tags"] for r in on_disk_records(store_root, article_copy, 2)] == [["claim"], ["figure"], ["claim"]]


async def test_the_view_says_when_every_disagreement_is_settled(store_root: Path, article_copy: Path, notices: list[Notice]) -> None:
    disputes(store_root, article_copy)
    tag_as(store_root, article_copy, "ana", 9, ["concern"])
    tag_as(store_root, article_copy, "bo", 9, ["figure"])
    app = make_app(store_root, [article_copy], annotator="ana")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("A")
        await wait_until(pilot, lambda: isinstance(app.screen, AdjudicationScreen), "the adjudication view")
        screen = app.screen
        assert isinstance(screen, AdjudicationScreen) and screen.adjudication.sentences == [2, 5, 9]
        await pilot.press("j", "1")  # sentence 5 first: on to 9, the next unsettled
        assert screen.sentence == 9
        await pilot.press("2")  # 9 settled: back round to 2, the one left
        assert screen.sentence == 2 and "2 settled" in title(screen)
        await pilot.press("j", "j", "j")  # past the last while 2 is unsettled: stays on the last
        assert screen.sentence == 9 and not screen.done
        await pilot.press("k", "k", "1")  # the last one settled: the view says so
        assert screen.done and screen.sentence is None
        assert title(screen) == "Adjudication: all 3 disagreement(s) settled"
        assert "Every disagreement in this article is settled in the final reading (final)." in body(screen)
        await wait_until(pilot, lambda: any("Every disagreement is settled in final" in n.message for n in notices), "the notice")
        await pilot.press("c")  # no sentence shown: nothing toggled
        assert final_tags(store_root, article_copy) == {2: ["claim"], 5: ["source"], 9: ["figure"]}
        await pilot.press("k")  # back over them: the sentence settled last
        assert screen.sentence == 2 and "3 settled (all)" in title(screen)
        await pilot.press("j", "j", "j")  # after the last, the settled line again
        assert screen.done
        await pilot.press("u")  # undone: 2 is unsettled again, and shown
        assert not screen.done and screen.sentence == 2 and "2 settled" in title(screen)
        await pilot.press("o")  # a toggle settles it too, and says so
        assert final_tags(store_root, article_copy)[2] == ["concern"] and screen.sentence == 2
        await wait_until(pilot, lambda: sum("Every disagreement is settled" in n.message for n in notices) == 2, "said again")
