"""A sentence settled as carrying no tag: taking an empty reading, or toggling the last
tag off in the final reading, keeps the final layer's record with no tag, so the sentence
counts as settled (in the view, across restarts, undo and redo, re-anchoring) and is
never shown as a tag (issue 29, item 16)."""

from __future__ import annotations

from pathlib import Path

from annotations.exchange.stats import article_stats
from annotations.formats.loader import load_article
from annotations.schema import TagSchema
from annotations.store.article_annotations import open_article
from annotations.store.folder import Store
from annotations.team.adjudication import Adjudication, disputed
from tests.conftest import wait_until
from tests.test_adjudication_final_edits import body, title
from tests.test_reader import make_app
from tests.test_team_reader import SIZE, final_tags, marker_on_line, on_disk_records, tag_as
from tui.screens.adjudication import AdjudicationScreen


def ana_only_on_5(store_root: Path, article: Path) -> None:
    """Sentence 5: ana claim, bo nothing (bo read the article: claim on 2 like ana)."""
    tag_as(store_root, article, "ana", 2, ["claim"])
    tag_as(store_root, article, "bo", 2, ["claim"])
    tag_as(store_root, article, "ana", 5, ["claim"])


def adjudicating(store: Store, article: Path) -> Adjudication:
    annotations = open_article(store, load_article(article), annotator="ana", schema=TagSchema())
    return Adjudication(store, annotations.article, annotations.file, final="final", schema=TagSchema())


def test_an_empty_reading_taken_settles_the_sentence_with_no_tag(store_root: Path, article_copy: Path) -> None:
    ana_only_on_5(store_root, article_copy)
    with Store(store_root) as store:
        adjudication = adjudicating(store, article_copy)
        assert adjudication.sentences == [5] and adjudication.unsettled() == [5]
        bo = next(r for r in adjudication.readings(5) if r.annotator == "bo")
        assert bo.tags == () and bo.note == ""
        assert adjudication.take(5, bo)
        assert adjudication.settled(5) == bo.__class__("final", (), "")
        assert adjudication.unsettled() == []
        assert not adjudication.take(5, bo)  # taken again: nothing changes
        adjudication.undo()
        assert adjudication.settled(5) is None and adjudication.unsettled() == [5]
        adjudication.layer.redo()
        assert adjudication.unsettled() == []
    # kept on disk, across a restart
    assert [(r["annotator"], r["tags"]) for r in on_disk_records(store_root, article_copy, 5)] == [("ana", ["claim"]), ("final", [])]
    assert final_tags(store_root, article_copy) == {5: []}
    with Store(store_root) as store:
        reopened = adjudicating(store, article_copy)
        assert reopened.sentences == [5] and reopened.unsettled() == []
        view = reopened.layer.view
        assert disputed(view, "final") == [5]  # still a disagreement of the readers, now settled
        counts = article_stats("", "", view)
        assert counts.tag_counts == {"claim": 2} and counts.tagged_sentences == 2 and counts.notes == 0


def test_toggling_the_last_tag_off_settles_the_sentence_with_no_tag(store_root: Path, article_copy: Path) -> None:
    ana_only_on_5(store_root, article_copy)
    with Store(store_root) as store:
        adjudication = adjudicating(store, article_copy)
        adjudication.toggle(5, "claim")
        assert adjudication.settled(5) is not None and adjudication.settled(5).tags == ("claim",)  # type: ignore[union-attr]
        adjudication.toggle(5, "claim")
        assert adjudication.settled(5) == adjudication.readings(5)[0].__class__("final", (), "")
        assert adjudication.unsettled() == []
        adjudication.undo()
        assert adjudication.settled(5).tags == ("claim",)  # type: ignore[union-attr]
    assert final_tags(store_root, article_copy) == {5: ["claim"]}


def test_a_sentence_settled_with_no_tag_is_re_anchored_like_any_record(store_root: Path, article_copy: Path) -> None:
    ana_only_on_5(store_root, article_copy)
    with Store(store_root) as store:
        adjudication = adjudicating(store, article_copy)
        adjudication.take(5, adjudication.readings(5)[1])
    text = article_copy.read_text(encoding="utf-8")
    first = load_article(article_copy).sentence(1).text
    article_copy.write_text(text.replace(first, f"{first} A new sentence was added here.", 1), encoding="utf-8")
    with Store(store_root) as store:
        moved = adjudicating(store, article_copy)
        assert moved.sentences == [6] and moved.unsettled() == []
        [record] = [r for r in moved.layer.view.at(6) if r["annotator"] == "final"]
        assert record["tags"] == [] and record["anchor"] == "moved"


async def test_the_view_settles_a_sentence_as_no_tag_and_says_when_all_are(store_root: Path, article_copy: Path) -> None:
    tag_as(store_root, article_copy, "ana", 2, ["claim"])
    tag_as(store_root, article_copy, "bo", 2, ["figure"])
    tag_as(store_root, article_copy, "ana", 5, ["source"])
    app = make_app(store_root, [article_copy], annotator="ana")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("A")
        await wait_until(pilot, lambda: isinstance(app.screen, AdjudicationScreen), "the adjudication view")
        screen = app.screen
        assert isinstance(screen, AdjudicationScreen) and screen.adjudication.sentences == [2, 5]
        assert "final: not settled" in body(screen)
        await pilot.press("f", "f")  # figure on, then off: settled as no tag, and stays on 2
        assert final_tags(store_root, article_copy) == {2: []}
        assert screen.sentence == 2 and "1 settled" in title(screen)
        assert "final: (no tag) — settled" in body(screen)
        await pilot.press("j", "2")  # bo's reading of 5 is no tag: the last one settled
        await wait_until(pilot, lambda: screen.done, "the view saying every disagreement is settled")
        assert final_tags(store_root, article_copy) == {2: [], 5: []}
        assert title(screen) == "Adjudication: all 2 disagreement(s) settled"
        await pilot.press("u")  # 5 is not settled again
        assert final_tags(store_root, article_copy) == {2: []}
        assert screen.sentence == 5 and not screen.done and "1 settled" in title(screen)
        await pilot.press("escape")
    # the markers show no tag for the final layer
    app = make_app(store_root, [article_copy], annotator="ana")
    async with app.run_test(size=SIZE) as pilot:
        assert "[c+]" in marker_on_line(app, 2)  # bo's figure, not the final layer's record
        await pilot.press("w")
        await wait_until(
            pilot, lambda: "[≠ ana:c bo:f fin:none]" in marker_on_line(app, 2), "who tagged what, the final layer settled with no tag"
        )
        await pilot.press("w", "A")
        await wait_until(pilot, lambda: isinstance(app.screen, AdjudicationScreen), "the adjudication view again")
        screen = app.screen
        assert isinstance(screen, AdjudicationScreen) and screen.adjudication.unsettled() == [5]
        assert "1 settled" in title(screen)
