"""Decisions on suggestions counted right: undo and redo of an accept or a reject move its
counts back and forth (from the command line, each run a restart), and each pattern is
counted once per sentence however the accept was made; real store files in tmp_path."""

from __future__ import annotations

import json
from pathlib import Path

from annotations.formats.loader import load_article
from annotations.schema import TagSchema
from annotations.store.article_annotations import open_article
from annotations.store.folder import Store
from annotations.suggest.deciding import decide, follow
from annotations.suggest.decisions import Decisions, read_decisions, record_decisions, sentence_key
from annotations.suggest.engine import SuggestionEngine
from annotations.suggest.model import Suggestion

from .test_cli_suggest import article, run


def counts(store: Path, pattern: str) -> tuple[int, int]:
    """A pattern's (accepted, rejected), as ``suggest --explain --json`` lists them."""
    result = run("suggest", "--explain", "--json", store=store)
    assert result.returncode == 0, result.stderr
    row = next(row for row in json.loads(result.stdout)["patterns"] if row["pattern"] == pattern)
    return row["accepted"], row["rejected"]


def test_undo_and_redo_of_an_accept_move_its_count_back_and_forth(tmp_path: Path) -> None:
    """The issue's report: ``suggest --explain`` went from 4 to 9 accepts for
    figure/number after an accept then an undo; the undo now takes the accepts back."""
    store, path = tmp_path / "store", article(tmp_path)
    other = tmp_path / "other.txt"
    other.write_text("Some 40 people came.\nAbout 70 left early.\nThen 90 more arrived.\nAnd 20 stayed.\n", encoding="utf-8")
    assert run("suggest", str(other), "--accept", store=store).returncode == 0
    assert counts(store, "figure/number") == (4, 0)
    assert run("suggest", str(path), "--tag", "figure", "--accept", store=store).returncode == 0
    assert counts(store, "figure/number") == (10, 0)
    assert run("undo", str(path), store=store).returncode == 0
    assert counts(store, "figure/number") == (4, 0)
    assert run("redo", str(path), store=store).returncode == 0
    assert counts(store, "figure/number") == (10, 0)
    assert run("undo", str(path), store=store).returncode == 0
    assert counts(store, "figure/number") == (4, 0)


def test_undo_of_a_reject_suggests_it_again_and_redo_rejects_it_again(tmp_path: Path) -> None:
    store, path = tmp_path / "store", article(tmp_path)
    rejected = run("suggest", str(path), "--reject", "3:figure", store=store)
    assert rejected.returncode == 0, rejected.stderr
    assert counts(store, "figure/number") == (0, 1)

    def listed() -> list[int]:
        return [s["sentence"] for s in json.loads(run("suggest", str(path), "--tag", "f", "--json", store=store).stdout)]

    assert 3 not in listed()
    undone = run("undo", str(path), store=store)
    assert undone.returncode == 0 and undone.stdout.startswith("undo reject suggested figure on 3")
    assert counts(store, "figure/number") == (0, 0)
    assert 3 in listed()
    assert run("redo", str(path), store=store).returncode == 0
    assert counts(store, "figure/number") == (0, 1)
    assert 3 not in listed()


def test_an_accept_made_again_on_a_sentence_counts_once(tmp_path: Path) -> None:
    """Accept, untag, accept again: one accept of figure/number on that sentence. Taking
    the tag off took the first accept back, so undoing the second leaves none counted, and
    undoing the removal counts the first again."""
    store, path = tmp_path / "store", article(tmp_path)
    assert run("suggest", str(path), "--accept", "3:figure", store=store).returncode == 0
    assert run("tag", str(path), "3", "figure", "--remove", store=store).returncode == 0
    assert run("suggest", str(path), "--accept", "3:f", store=store).returncode == 0
    assert counts(store, "figure/number") == (1, 0)
    assert run("undo", str(path), store=store).returncode == 0
    assert counts(store, "figure/number") == (0, 0), "the tag is off: no accept counted"
    assert run("undo", str(path), store=store).returncode == 0
    assert counts(store, "figure/number") == (1, 0), "the removal undone: the first accept again"


def test_a_bulk_accept_counts_each_pattern_once_per_sentence_not_per_tag() -> None:
    """Two tags proposed by one pattern on one sentence (a tag ``like`` another shares its
    patterns): one decision of that pattern there."""
    text = "Officials said 3 things."
    shared = ("claim/reported-statement", "source/said")
    suggestions = [(Suggestion(1, "claim", "", shared), text), (Suggestion(1, "source", "", shared[1:]), text)]
    decisions = Decisions()
    step = decisions.add(suggestions, accepted=True)
    assert (decisions.patterns["claim/reported-statement"].accepted, decisions.patterns["source/said"].accepted) == (1, 1)
    decisions.replay(step, undo=True)
    assert decisions.patterns["source/said"].accepted == 0 and not decisions.decided


def test_the_reader_path_counts_and_undo_follows_in_one_store(tmp_path: Path) -> None:
    """:func:`decide` and :func:`follow`, as the reader calls them, on a real store file."""
    path = article(tmp_path)
    loaded = load_article(path, cache=None)
    found = SuggestionEngine.for_schema(TagSchema()).suggest(loaded.sentences, only=["figure"])
    chosen = [(s, loaded.sentence(s.sentence).text) for s in found]
    root = tmp_path / "store"
    with Store(root) as store, open_article(store, loaded, annotator="ana", schema=TagSchema()) as opened:
        change, decisions = decide(opened, chosen, accepted=True)
        assert decisions.patterns["figure/number"].accepted == 6
        assert change.sentences == tuple(s.sentence for s in found)
        undone = opened.undo()
        after = follow(root, undone, redo=False)
        assert after is not None and after.patterns["figure/number"].accepted == 0
        assert opened.tags(3) == []
        assert follow(root, opened.redo(), redo=True) == read_decisions(root)
        assert read_decisions(root).patterns["figure/number"].accepted == 6


def test_a_file_from_before_the_ledger_keeps_its_counts(tmp_path: Path) -> None:
    """A ``suggestions.json`` with counts only (no ``decided``): read as it was, and new
    decisions count on top of it."""
    (tmp_path / "suggestions.json").write_text(
        json.dumps({"newsmark_suggestions": 1, "patterns": {"figure/number": {"accepted": 4, "rejected": 1}}, "rejected": {}}),
        encoding="utf-8",
    )
    said = Suggestion(1, "figure", "", ("figure/number",))
    decisions = record_decisions(tmp_path, [(said, "It cost 5 euros.")], accepted=True)
    assert (decisions.patterns["figure/number"].accepted, decisions.patterns["figure/number"].rejected) == (5, 1)
    assert read_decisions(tmp_path).decided == {"figure/number": {sentence_key("It cost 5 euros."): "accepted"}}
