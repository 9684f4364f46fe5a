"""Adjudication of tags on words (spans): the same words tagged differently are a
disagreement of their own, listed after their sentence's; a reading of them taken (or a
tag toggled) makes the final layer's span on those words, one of no tag too; the brief's
final reading shows it (issue 29, item 16, with spans)."""

from __future__ import annotations

from pathlib import Path

import yaml

from annotations.formats.loader import load_article
from annotations.schema import TagSchema
from annotations.store.article_annotations import open_article
from annotations.store.folder import LockMode, Store
from annotations.store.spans import Words
from annotations.team.adjudication import Adjudication
from tests.conftest import wait_until
from tests.test_adjudication_final_edits import body, title
from tests.test_brief import run, section
from tests.test_reader import make_app
from tests.test_team_reader import SIZE, tag_as
from tui.screens.adjudication import AdjudicationScreen


def first_word(article: Path, sentence: int) -> Words:
    text = load_article(article).sentence(sentence).text
    return Words(sentence, 0, text.index(" "))


def span_as(store_root: Path, article: Path, annotator: str, words: Words, tags: list[str]) -> None:
    with Store(store_root) as store:
        open_article(store, load_article(article), annotator=annotator, schema=TagSchema()).edit_span(words, add=tags)


def span_disputes(store_root: Path, article: Path) -> tuple[Words, Words]:
    """Sentence 2 tagged claim by both; on sentence 3's first word ana claim, bo figure; on
    sentence 4's first word ana source, bo nothing."""
    three, four = first_word(article, 3), first_word(article, 4)
    tag_as(store_root, article, "ana", 2, ["claim"])
    tag_as(store_root, article, "bo", 2, ["claim"])
    span_as(store_root, article, "ana", three, ["claim"])
    span_as(store_root, article, "bo", three, ["figure"])
    span_as(store_root, article, "ana", four, ["source"])
    return three, four


def final_spans(store_root: Path, article: Path) -> dict[Words, list[str]]:
    with Store(store_root, mode=LockMode.READ) as store:
        view = open_article(store, load_article(article), annotator="final", schema=TagSchema()).view
        return {
            Words(r["sentence"], r["span"]["start"], r["span"]["end"]): r["tags"]
            for r in view.anchored()
            if r["annotator"] == "final" and "span" in r
        }


def test_words_tagged_differently_are_disputes_settled_into_final_spans(store_root: Path, article_copy: Path) -> None:
    three, four = span_disputes(store_root, article_copy)
    with Store(store_root) as store:
        opened = open_article(store, load_article(article_copy), annotator="ana", schema=TagSchema())
        adjudication = Adjudication(store, opened.article, opened.file, final="final", schema=TagSchema())
        assert adjudication.places == [three, four] and adjudication.sentences == []
        assert [(r.annotator, r.tags) for r in adjudication.readings(three)] == [("ana", ("claim",)), ("bo", ("figure",))]
        adjudication.take(three, adjudication.readings(three)[1])
        adjudication.toggle(three, "claim")
        adjudication.take(four, adjudication.readings(four)[1])  # bo's: no tag
        assert adjudication.unsettled() == []
        assert adjudication.settled(four) == adjudication.readings(four)[1].__class__("final", (), "")
        adjudication.undo()
        assert adjudication.unsettled() == [four]
        adjudication.layer.redo()
    assert final_spans(store_root, article_copy) == {three: ["claim", "figure"], four: []}

    brief = run("brief", str(article_copy), store=store_root)
    assert brief.returncode == 0, brief.stderr
    assert "## Disputed" not in brief.stdout
    words = load_article(article_copy).sentence(4).text[: four.end]
    assert f"**{words}**" in section(brief.stdout, "Settled with no tag")
    assert "by final" in section(brief.stdout, "Figure (1)")

    # exported and imported into another store alike: the span of no tag too
    out = store_root.parent / "all.yaml"
    assert run("export", "--all", "-o", str(out), store=store_root).returncode == 0
    other = store_root.parent / "other-store"
    assert run("import", str(out), store=other).returncode == 0
    assert final_spans(other, article_copy) == {three: ["claim", "figure"], four: []}
    document = yaml.safe_load(out.read_text(encoding="utf-8"))
    [empty] = [r for r in document["articles"][0]["annotations"] if r["annotator"] == "final" and not r["tags"]]
    assert empty["span"]["start"] == 0 and empty["sentence"] == 4
    again = run("brief", str(article_copy), store=other)
    assert again.stdout.split("## Counts")[1] == brief.stdout.split("## Counts")[1]


async def test_the_view_walks_disputed_words_after_their_sentence(store_root: Path, article_copy: Path) -> None:
    three, four = span_disputes(store_root, article_copy)
    tag_as(store_root, article_copy, "bo", 3, ["concern"])  # sentence 3 disputed as a whole too
    app = make_app(store_root, [article_copy], annotator="ana")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("A")
        await wait_until(pilot, lambda: isinstance(app.screen, AdjudicationScreen), "the adjudication view")
        screen = app.screen
        assert isinstance(screen, AdjudicationScreen) and screen.adjudication.places == [3, three, four]
        assert title(screen).startswith("Disagreement 1/3 · sentence 3 · 0 settled")
        await pilot.press("2")  # bo's concern on the whole sentence, then on to its words
        assert screen.place == three
        word = load_article(article_copy).sentence(3).text[: three.end]
        assert f"Disagreement 2/3 · sentence 3, words “{word}”" in title(screen)
        assert "1  ana: claim" in body(screen) and "2  bo: figure" in body(screen)
        await pilot.press("f", "f")  # figure on, then off: these words settled with no tag
        assert final_spans(store_root, article_copy) == {three: []}
        assert "final: (no tag) — settled" in body(screen)
        await pilot.press("j", "1")  # ana's source on sentence 4's first word: the last one
        await wait_until(pilot, lambda: screen.done, "every disagreement settled")
        assert title(screen) == "Adjudication: all 3 disagreement(s) settled · 1 agreed not in final (a)"
        assert final_spans(store_root, article_copy) == {three: [], four: ["source"]}
        await pilot.press("u")
        assert screen.place == four and not screen.done
