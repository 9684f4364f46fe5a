"""Re-anchoring when an article's text changed: edit simulations over the sample
articles and a generated one, and the rules one by one (real store files)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from annotations.exchange.importing import import_articles, load_export_file
from annotations.formats.loader import load_article
from annotations.schema import TagSchema
from annotations.store import anchoring
from annotations.store.article_annotations import ArticleAnnotations, open_article
from annotations.store.folder import Store
from tests.edit_simulation import EDIT_KINDS, Outcome, generate_news, sample_sources, simulate
from tests.helpers import export_store

SEEDS = range(3)


def sources(tmp_path: Path) -> list[Path]:
    return [*sample_sources(), generate_news(tmp_path / "generated.txt", 40)]


@pytest.mark.parametrize("kinds", [(kind,) for kind in EDIT_KINDS] + [EDIT_KINDS], ids=lambda k: "+".join(k))
def test_every_kind_of_edit_keeps_every_annotation_and_attaches_none_wrongly(tmp_path: Path, kinds: tuple[str, ...]) -> None:
    total = Outcome()
    for number, source in enumerate(sources(tmp_path)):
        for seed in SEEDS:
            work = tmp_path / f"{number}-{seed}"
            work.mkdir()
            total.add(simulate(source, work, kinds, count=3, seed=seed))
    counts = total.counts
    assert counts["wrong"] == 0, total.wrong_cases
    assert counts["lost"] == 0
    assert counts["re-anchored"] > 0
    if kinds in (("insert",), ("reorder",), ("split",)):
        assert counts["orphaned"] == 0  # nothing changed in a sentence: every one is found
    if kinds == ("reword",):
        assert counts["re-anchored fuzzy"] >= 5 and counts["orphaned"] <= counts["re-anchored fuzzy"] // 10
    if kinds in (("delete",), ("rewrite",)):
        assert counts["orphaned"] > 0


def tag(path: Path, root: Path, sentences: list[int], note: str = "") -> dict[int, str]:
    """Tag sentences with claim; their record ids by sentence."""
    with Store(root) as store:
        notes = open_article(store, load_article(path), annotator="ana", schema=TagSchema())
        notes.edit(sentences, add=["claim"], note=note or None)
        return {r["sentence"]: r["id"] for r in notes.records()}


def reopen(path: Path, root: Path) -> ArticleAnnotations:
    store = Store(root)
    return open_article(store, load_article(path), annotator="ana", schema=TagSchema())


BODY = (
    "The council met on Monday to discuss the new harbour budget.\n"
    "Officials said the harbour would need 40 million euros over five years. Critics called the figure far too low. "
    "The mayor promised an independent review before the vote.\n"
    "Residents will be able to comment on the plan until the end of March.\n"
)


def test_kinds_exact_moved_fuzzy_and_orphan_with_the_score_and_the_quote_kept(write_article, store_root: Path) -> None:  # type: ignore[no-untyped-def]
    path = write_article(BODY)
    ids = tag(path, store_root, [1, 2, 3, 4, 5])
    edited = "A short new lede that was not there before.\n" + BODY.replace(
        "40 million euros over five years", "45 million euros over six years"
    ).replace(
        "Residents will be able to comment on the plan until the end of March.", "Fishermen demanded their own quay by summer."
    ).replace("The council met", "The city council met")
    path.write_text(edited, encoding="utf-8")
    notes = reopen(path, store_root)
    by_id = {r["id"]: r for r in notes.records() + notes.orphans()}
    council, harbour, critics, mayor, residents = (by_id[ids[n]] for n in (1, 2, 3, 4, 5))
    assert (council["sentence"], council["anchor"], council["quote"]) == (
        2,
        "fuzzy 0.96",
        "The council met on Monday to discuss the new harbour budget.",
    )
    assert council["text"] == "The city council met on Monday to discuss the new harbour budget."
    assert (harbour["sentence"], harbour["anchor"]) == (3, "fuzzy 0.95")
    assert (critics["anchor"], critics["sentence"], mayor["anchor"], mayor["sentence"]) == ("moved", 4, "moved", 5)
    assert residents["orphan"] and residents["anchor"] == "orphan"
    assert residents["text"] == "Residents will be able to comment on the plan until the end of March."  # the quote it was made on
    assert notes.tags(6) == []  # the new sentence in the rewritten one's place has no tag
    notes.store.close()
    # export states the anchors; import into an empty store keeps them
    exported = yaml.safe_load(export_store(store_root))
    (article,) = exported["articles"]
    assert [r["anchor"] for r in article["annotations"]] == ["fuzzy 0.96", "fuzzy 0.95", "moved", "moved"]
    assert [r["anchor"] for r in article["orphans"]] == ["orphan"]
    assert article["annotations"][0]["quote"] == "The council met on Monday to discuss the new harbour budget."
    export = store_root.parent / "out.yaml"
    export.write_bytes(export_store(store_root))
    with Store(store_root.parent / "other") as other:
        import_articles(other, load_export_file(export))
    assert export_store(store_root.parent / "other") == export.read_bytes()  # anchors, quotes, orphans kept


def test_a_sentence_changed_with_its_neighbour_is_an_orphan_not_a_guess(write_article, store_root: Path) -> None:  # type: ignore[no-untyped-def]
    path = write_article(BODY)
    ids = tag(path, store_root, [2])
    edited = BODY.replace("40 million euros", "45 million euros").replace(
        "Critics called the figure far too low.", "Fishermen demanded a quay."
    )
    path.write_text(edited, encoding="utf-8")
    notes = reopen(path, store_root)
    assert [r["id"] for r in notes.orphans()] == [ids[2]]
    assert notes.candidates(notes.orphans()[0])[0].sentence == 2  # triage offers it first
    notes.store.close()


def test_text_unchanged_since_means_exact_on_the_next_text_change(write_article, store_root: Path) -> None:  # type: ignore[no-untyped-def]
    path = write_article(BODY)
    ids = tag(path, store_root, [4])
    path.write_text("New first line of the article here.\n" + BODY, encoding="utf-8")
    notes = reopen(path, store_root)
    assert notes.records()[0]["anchor"] == "moved" and notes.records()[0]["sentence"] == 5
    notes.store.close()
    notes = reopen(path, store_root)  # nothing changed since: it stays as it was found
    assert [(r["id"], r["anchor"]) for r in notes.records()] == [(ids[4], "moved")]
    notes.store.close()


def test_a_sentence_rewritten_beyond_recognition_is_an_orphan_never_attached(write_article, store_root: Path) -> None:  # type: ignore[no-untyped-def]
    path = write_article(BODY)
    tag(path, store_root, [3])
    path.write_text(
        BODY.replace("Critics called the figure far too low.", "Critics called the plan far too costly for the town."), encoding="utf-8"
    )
    notes = reopen(path, store_root)
    assert notes.records() == [] and len(notes.orphans()) == 1
    notes.store.close()


def test_a_new_sentence_where_a_tagged_one_was_deleted_gets_no_tag(write_article, store_root: Path) -> None:  # type: ignore[no-untyped-def]
    path = write_article(BODY)
    tag(path, store_root, [2])
    inserted = "Officials said the tunnel would need 12 million euros over two years."
    path.write_text(BODY.replace("Officials said the harbour would need 40 million euros over five years.", inserted), encoding="utf-8")
    notes = reopen(path, store_root)
    # 0.79 alike: as alike as a reworded sentence, and in its place; this is the one case
    # the rules cannot tell apart, so the record is attached and marked fuzzy for review
    (record,) = notes.records() or notes.orphans()
    assert record["orphan"] or record["anchor"].startswith("fuzzy")
    notes.store.close()
    # ... but an unrelated new sentence in the same place never is
    path.write_text(
        BODY.replace("Officials said the harbour would need 40 million euros over five years.", "A storm closed the port."),
        encoding="utf-8",
    )
    notes = reopen(path, store_root)
    assert notes.tagged_sentences() == []
    notes.store.close()


def test_a_repeated_sentence_that_lost_a_copy_keeps_both_records(write_article, store_root: Path) -> None:  # type: ignore[no-untyped-def]
    body = "Prices rose again in May. He declined to comment.\nThe union will vote on Friday. He declined to comment.\nTalks resume next week.\n"
    path = write_article(body)
    tag(path, store_root, [2, 4])
    path.write_text(
        body.replace("The union will vote on Friday. He declined to comment.", "The union will vote on Friday."), encoding="utf-8"
    )
    notes = reopen(path, store_root)
    assert [r["sentence"] for r in notes.records()] == [2] and len(notes.orphans()) == 1  # none merged into the other
    notes.store.close()


def test_a_neighbour_that_stayed_never_takes_a_deleted_sentence_it_resembles(write_article, store_root: Path) -> None:  # type: ignore[no-untyped-def]
    body = "Inspectors visited 518 sites in Bilbao but found no violations. Inspectors visited 547 sites in Lyon but found no violations.\nEnd.\n"
    path = write_article(body)
    tag(path, store_root, [1])
    path.write_text(body.replace("Inspectors visited 518 sites in Bilbao but found no violations. ", ""), encoding="utf-8")
    notes = reopen(path, store_root)
    assert notes.records() == [] and len(notes.orphans()) == 1
    notes.store.close()


def test_orphans_are_not_searched_again_until_the_text_changes(write_article, store_root: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    path = write_article(BODY)
    tag(path, store_root, [3])
    path.write_text(BODY.replace("Critics called the figure far too low. ", ""), encoding="utf-8")
    reopen(path, store_root).store.close()
    calls: list[int] = []
    original = anchoring.Anchorer.locate

    def counting(self: anchoring.Anchorer, *args: object, **kwargs: object) -> list[anchoring.Anchor]:
        calls.append(1)
        return original(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(anchoring.Anchorer, "locate", counting)
    notes = reopen(path, store_root)
    assert len(notes.orphans()) == 1 and calls == []
    notes.store.close()
    path.write_text(BODY, encoding="utf-8")  # the sentence is back: the orphan finds it
    notes = reopen(path, store_root)
    assert calls == [1] and notes.tagged_sentences() == [3] and notes.orphans() == []
    notes.store.close()


def test_triage_candidates_come_from_the_whole_article_best_first(write_article) -> None:  # type: ignore[no-untyped-def]
    article = load_article(write_article(BODY))
    found = anchoring.Anchorer(article).candidates("The mayor promised a review before the final vote.")
    assert found[0].sentence == 4 and 0.75 < found[0].score < 1.0
    assert [c.score for c in found] == sorted((c.score for c in found), reverse=True)


def test_rapidfuzz_and_the_anchorer_are_not_loaded_to_open_an_article_whose_text_did_not_change(write_article, store_root: Path) -> None:  # type: ignore[no-untyped-def]
    path = write_article(BODY)
    tag(path, store_root, [2])
    code = (
        "import sys\n"
        "from annotations.formats.loader import load_article\n"
        "from annotations.schema import TagSchema\n"
        "from annotations.store.article_annotations import open_article\n"
        "from annotations.store.folder import Store\n"
        "import tui.screens.reader\n"
        f"store = Store({str(store_root)!r})\n"
        f"notes = open_article(store, load_article({str(path)!r}), annotator='ana', schema=TagSchema())\n"
        "assert notes.tagged_sentences() == [2]\n"
        "assert 'rapidfuzz' not in sys.modules, 'rapidfuzz was imported'\n"
        "assert 'annotations.store.anchoring' not in sys.modules, 'annotations.store.anchoring was imported'\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
