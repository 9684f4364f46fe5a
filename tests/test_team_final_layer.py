"""The final (adjudicated) layer is no annotator where annotators are compared: the
brief's disputes and the reader's agree glyph."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.test_team_split import newsmark


def tag(monkeypatch: pytest.MonkeyPatch, store: Path, annotator: str, article: Path, sentence: str, name: str) -> None:
    """Tag one sentence as ``annotator``."""
    assert newsmark(monkeypatch, store, annotator, "tag", str(article), sentence, name) == 0


def test_the_brief_does_not_call_a_sentence_disputed_because_the_final_layer_left_it_alone(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, article_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = tmp_path / "store"
    tag(monkeypatch, store, "ana", article_copy, "3", "claim")
    tag(monkeypatch, store, "bo", article_copy, "3", "claim")
    tag(monkeypatch, store, "bo", article_copy, "5", "claim")
    tag(monkeypatch, store, "final", article_copy, "5", "claim")
    capsys.readouterr()
    assert newsmark(monkeypatch, store, "ana", "brief", str(article_copy), "--all") == 0  # everyone's tags, not the final reading
    brief = capsys.readouterr().out
    disputed = brief.split("## Disputed", 1)[1].split("\n## ", 1)[0]
    assert "sentence 3" not in disputed
    assert "sentence 5" in disputed and "not by ana" in disputed and "final" not in disputed


def test_the_who_marker_agrees_where_the_readers_agree_whatever_the_final_layer_holds(tmp_path: Path, article_copy: Path) -> None:
    from annotations.formats.loader import load_article
    from annotations.schema import TagSchema
    from annotations.store.article_annotations import open_article
    from annotations.store.folder import Store
    from annotations.team.readings import readers
    from tui.widgets.markers import who_marker

    with Store(tmp_path / "store") as store:
        for annotator, sentence in (("ana", 3), ("bo", 3), ("bo", 5), ("final", 5)):
            layer = open_article(store, load_article(article_copy), annotator=annotator, schema=TagSchema())
            layer.edit([sentence], add=["claim"])
            layer.release()
        view = open_article(store, load_article(article_copy), annotator="ana", schema=TagSchema()).view
        who = readers(view)
        letters = {"claim": "c"}
        assert who_marker(view, 3, who, letters, "✎", final="final") == "[= ana:c bo:c]"
        assert who_marker(view, 5, who, letters, "✎", final="final") == "[≠ bo:c fin:c]"


async def test_adjudication_undo_is_kept_across_a_restart(store_root: Path, article_copy: Path) -> None:
    from tests.conftest import wait_until
    from tests.test_reader import make_app
    from tests.test_team_reader import final_tags, tag_as
    from tui.screens.adjudication import AdjudicationScreen

    tag_as(store_root, article_copy, "ana", 2, ["claim"])
    tag_as(store_root, article_copy, "bo", 2, ["figure"])
    for presses, expected in ((("2",), {2: ["figure"]}), (("u",), {})):
        app = make_app(store_root, [article_copy], annotator="ana")
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.press("A")
            await wait_until(pilot, lambda app=app: isinstance(app.screen, AdjudicationScreen), "the adjudication view")
            await pilot.press(*presses)
            await wait_until(pilot, lambda expected=expected: final_tags(store_root, article_copy) == expected, f"final layer {expected}")
            await pilot.press("escape")


def test_the_who_marker_shows_a_sentence_the_final_layer_settled_with_no_tag(tmp_path: Path, article_copy: Path) -> None:
    from annotations.formats.loader import load_article
    from annotations.schema import TagSchema
    from annotations.store.article_annotations import open_article
    from annotations.store.folder import Store
    from annotations.team.readings import readers
    from tui.widgets.markers import who_marker

    with Store(tmp_path / "store") as store:
        bo = open_article(store, load_article(article_copy), annotator="bo", schema=TagSchema())
        bo.edit([5], add=["claim"])
        bo.release()
        final = open_article(store, load_article(article_copy), annotator="final", schema=TagSchema())
        final.edit([5], add=["claim"])
        final.edits.edit([5], remove=["claim"], keep_untagged=True)  # settled: not a claim
        final.release()
        view = open_article(store, load_article(article_copy), annotator="ana", schema=TagSchema()).view
        assert who_marker(view, 5, readers(view), {"claim": "c"}, "✎", final="final") == "[bo:c fin:none]"
