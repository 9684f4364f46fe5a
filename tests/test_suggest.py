"""Suggestions in the core: patterns (built-in and a user's), the analyst's decisions,
and precision/recall on the hand-tagged set (tests/data/suggest)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from annotations.errors import ConfigError, StoreError
from annotations.formats.loader import load_article
from annotations.schema import Tag, TagSchema
from annotations.suggest.decisions import MIN_DECISIONS, read_decisions, record_decisions
from annotations.suggest.engine import SuggestionEngine
from annotations.suggest.evaluation import load_gold
from annotations.suggest.patterns import load_patterns

REPO = Path(__file__).resolve().parent.parent
GOLD = REPO / "tests" / "data" / "suggest"
sys.path.insert(0, str(REPO / "benchmarks"))

from bench_suggest import scores  # noqa: E402

#: What the built-in patterns reached on the held-out articles (2026-11-26; figure recall
#: 0.93 since the relabelling by docs/tagging-guidelines.md made "children under five" a
#: figure); a change that loses quality fails here. The issue's targets are precision
#: 0.85, recall 0.75 (measured on the blind articles, tests/data/suggest/blind).
HELD_OUT_FLOOR = {"micro": (0.95, 0.85), "claim": (0.95, 0.75), "figure": (0.95, 0.90), "concern": (0.85, 0.75), "source": (0.95, 0.85)}


def test_gold_files_number_every_sentence_as_parse_does() -> None:
    golds = [load_gold(path) for path in sorted(GOLD.glob("*.gold.yaml"))]
    assert len(golds) >= 8
    assert sum(g.split == "held-out" for g in golds) >= 3
    for gold in golds:
        article = load_article(gold.article, cache=None)
        assert sorted(gold.tags) == [s.number for s in article.sentences], gold.article.name
        assert all(tags <= set(TagSchema().names) for tags in gold.tags.values())


def test_held_out_precision_and_recall_stay_above_the_floor() -> None:
    table = {tag: (precision, recall) for tag, precision, recall, _ in scores("held-out").table()}
    for tag, (precision_floor, recall_floor) in HELD_OUT_FLOOR.items():
        precision, recall = table[tag]
        assert precision >= precision_floor, f"{tag}: precision {precision:.2f} < {precision_floor}"
        assert recall >= recall_floor, f"{tag}: recall {recall:.2f} < {recall_floor}"


def sentences_of(tmp_path: Path, text: str):  # type: ignore[no-untyped-def]
    path = tmp_path / "a.txt"
    path.write_text(text, encoding="utf-8")
    return load_article(path, cache=None).sentences


def test_reasons_name_the_pattern_and_the_matched_words(tmp_path: Path) -> None:
    sentences = sentences_of(tmp_path, "Prices rose 3.1% in June, the agency said.\nThe board met.\n")
    found = SuggestionEngine.for_schema(TagSchema()).suggest(sentences)
    by_tag = {s.tag: s for s in found if s.sentence == 1}
    assert by_tag["figure"].reason == "figure/percent: “3.1%”"
    assert "figure/month" in by_tag["figure"].patterns
    assert by_tag["source"].reason == "source/reporting-verb: “said”"
    assert not [s for s in found if s.sentence == 2]


def test_tags_already_on_a_sentence_and_other_tags_are_not_suggested(tmp_path: Path) -> None:
    sentences = sentences_of(tmp_path, "Prices rose 3.1% in June, the agency said.\n")
    engine = SuggestionEngine.for_schema(TagSchema())
    assert {s.tag for s in engine.suggest(sentences, tags_of=lambda n: ["figure"])} == {"claim", "source"}
    assert {s.tag for s in engine.suggest(sentences, only=["source"])} == {"source"}


def test_a_user_file_extends_overrides_and_turns_off_patterns(tmp_path: Path) -> None:
    user = tmp_path / "patterns.yaml"
    user.write_text(
        "figure:\n  - {id: number, disabled: true}\n  - {id: score, regex: '\\b\\d+-\\d+\\b'}\n"
        "concern:\n  replace: true\n  patterns:\n    - {id: doom, words: [doom]}\n",
        encoding="utf-8",
    )
    patterns = load_patterns(TagSchema(), user)
    figure_ids = [p.id for p in patterns["figure"]]
    assert "number" not in figure_ids and "percent" in figure_ids and figure_ids[-1] == "score"
    assert [p.id for p in patterns["concern"]] == ["doom"]
    assert [p.id for p in patterns["claim"]] == [p.id for p in load_patterns(TagSchema())["claim"]]


def test_a_renamed_or_added_tag_has_its_own_patterns(tmp_path: Path) -> None:
    schema = TagSchema((Tag("assertion", "W", "red", "x"), Tag("rumour", "B", "red", "y")))
    assert load_patterns(schema) == {}
    user = tmp_path / "patterns.yaml"
    user.write_text("assertion:\n  like: claim\nrumour:\n  - {id: hearsay, words: [reportedly, rumoured]}\n", encoding="utf-8")
    sentences = sentences_of(tmp_path, "The minister reportedly said the plan failed.\n")
    found = SuggestionEngine.for_schema(schema, user).suggest(sentences)
    assert [(s.tag, s.reason) for s in found] == [
        ("assertion", "assertion/reported-statement: “said”"),
        ("rumour", "rumour/hearsay: “reportedly”"),
    ]


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ("figure: [", "not valid YAML at line 1"),
        ("- a\n", "a pattern file maps each tag to a list of patterns"),
        ("gossip:\n  - {id: x, words: [y]}\n", "gossip: no such tag in the config (known: claim, figure, concern, source)"),
        ("figure: 3\n", "figure: must be a list of patterns"),
        ("figure:\n  - {id: x}\n", "figure[1] (x): give words or regex (one of them)"),
        ("figure:\n  - {id: x, regex: '('}\n", "figure[1] (x): regex is not valid: missing ): ("),
        ("figure:\n  - {id: x, regex: 'a*'}\n", "figure[1] (x): regex matches the empty text"),
        ("figure:\n  - {id: x, words: []}\n", "figure[1] (x): words must be a list of words or phrases"),
        ("figure:\n  - {id: x, words: [a]}\n  - {id: x, words: [b]}\n", "figure[2] (x): the id is used twice"),
        ("figure:\n  - {id: x, words: [a], colour: red}\n", "figure[1]: unknown field 'colour'"),
        ("figure:\n  - {id: Bad Id, words: [a]}\n", "figure[1]: id must be 1-48 lowercase letters"),
        ("figure:\n  like: rumour\n", "figure: like: names no built-in tag"),
        ("figure:\n  - {id: x, words: [a], unless: 3}\n", "figure[1] (x): unless: must be a mapping with words or regex"),
    ],
)
def test_a_bad_pattern_file_is_refused_in_one_line_naming_it(tmp_path: Path, content: str, reason: str) -> None:
    user = tmp_path / "patterns.yaml"
    user.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError) as error:
        load_patterns(TagSchema(), user)
    message = str(error.value)
    assert message.startswith(f"{user}: {reason}") and "\n" not in message


def test_a_missing_pattern_file_is_refused_naming_it(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"patterns\.yaml: no such pattern file"):
        load_patterns(TagSchema(), tmp_path / "patterns.yaml")


def test_a_rejected_tag_is_never_suggested_again_for_that_sentence(tmp_path: Path) -> None:
    sentences = sentences_of(tmp_path, "Prices rose 3.1%, the agency said.\nWages rose 2%, the office said.\n")
    engine = SuggestionEngine.for_schema(TagSchema())
    first = [s for s in engine.suggest(sentences) if s.sentence == 1 and s.tag == "figure"]
    store = tmp_path / "store"
    store.mkdir()
    record_decisions(store, [(first[0], sentences[0].text)], accepted=False)
    again = engine.suggest(sentences, decisions=read_decisions(store))
    assert ("figure" in {s.tag for s in again if s.sentence == 1}) is False
    assert "figure" in {s.tag for s in again if s.sentence == 2}
    assert read_decisions(store).patterns["figure/percent"].rejected == 1


def test_a_mostly_rejected_pattern_stops_suggesting(tmp_path: Path) -> None:
    sentences = sentences_of(tmp_path, "Officials said it was fine.\n")
    engine = SuggestionEngine.for_schema(TagSchema(), None)
    claim = next(s for s in engine.suggest(sentences) if s.tag == "claim")
    store = tmp_path / "store"
    store.mkdir()
    other = [(claim, f"Sentence {n} said.") for n in range(MIN_DECISIONS - 3)]
    record_decisions(store, other, accepted=False)
    # on other sentences: a pattern counts once per sentence, its latest decision there
    record_decisions(store, [(claim, f"Another sentence {n} said.") for n in range(2)], accepted=True)
    assert "claim" in {s.tag for s in engine.suggest(sentences, decisions=read_decisions(store))}, "9 decisions: not enough yet"
    record_decisions(store, [(claim, "Yet another said.")], accepted=False)
    decisions = read_decisions(store)
    assert decisions.patterns["claim/reported-statement"].decided == MIN_DECISIONS
    assert "claim" not in {s.tag for s in engine.suggest(sentences, decisions=decisions)}
    assert "source" in {s.tag for s in engine.suggest(sentences, decisions=decisions)}


@pytest.mark.parametrize("content", [b"{", b"[]", b'{"newsmark_suggestions": 1, "patterns": {"a/b": {"accepted": -1}}}'])
def test_a_damaged_decisions_file_is_refused_naming_it(tmp_path: Path, content: bytes) -> None:
    (tmp_path / "suggestions.json").write_bytes(content)
    with pytest.raises(StoreError) as error:
        read_decisions(tmp_path)
    assert str(error.value).startswith(f"{tmp_path / 'suggestions.json'}: ")
    assert (tmp_path / "suggestions.json").read_bytes() == content


def test_the_decisions_file_is_json_holding_no_sentence_text(tmp_path: Path) -> None:
    sentences = sentences_of(tmp_path, "Secret plans cost 5 million dollars, the agency said.\n")
    found = SuggestionEngine.for_schema(TagSchema()).suggest(sentences)
    record_decisions(tmp_path, [(s, sentences[0].text) for s in found], accepted=False)
    raw = (tmp_path / "suggestions.json").read_text(encoding="utf-8")
    assert "Secret" not in raw
    assert json.loads(raw)["newsmark_suggestions"] == 1


def test_the_config_names_a_pattern_file_relative_to_itself(tmp_path: Path) -> None:
    from annotations.config import resolve_settings

    config = tmp_path / "conf" / "config.yaml"
    config.parent.mkdir()
    config.write_text("suggest_patterns: mine.yaml\n", encoding="utf-8")
    settings = resolve_settings(config=str(config), environ={})
    assert settings.suggest_patterns == tmp_path / "conf" / "mine.yaml"
    config.write_text("suggest_patterns: [a]\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="suggest_patterns: must be text"):
        resolve_settings(config=str(config), environ={})


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("The fire destroyed 19 homes.", "19"),
        ("Power was cut to 7,000 homes.", "7,000"),
        ("Output fell 3.5% in the quarter.", "3.5%"),
        ("Output fell 3.5 per cent in the quarter.", "3.5 per cent"),
    ],
)
def test_a_stated_figures_reason_quotes_the_whole_figure(text: str, words: str) -> None:
    patterns = {p.name: p for tag in load_patterns(TagSchema()).values() for p in tag}
    assert patterns["claim/stated-figure"].match(text) == words


@pytest.mark.parametrize(
    "text",
    [
        "Unions doubt the target is achievable without higher pay.",
        "Analysts caution that the index is an imperfect measure of hardship.",
        "The seepage could widen if heavy rain arrives before repairs are finished.",
    ],
)
def test_doubt_caution_and_hedged_harm_are_suggested_as_concern(tmp_path: Path, text: str) -> None:
    found = SuggestionEngine.for_schema(TagSchema()).suggest(sentences_of(tmp_path, text + "\n"))
    assert "concern" in {s.tag for s in found}


@pytest.mark.parametrize(
    "text",
    [
        "There is no doubt the bridge reopened on time.",
        "The figures were, without doubt, the best in years.",
        "It recalled the batch out of an abundance of caution.",
    ],
)
def test_doubt_ruled_out_is_no_concern(tmp_path: Path, text: str) -> None:
    found = SuggestionEngine.for_schema(TagSchema()).suggest(sentences_of(tmp_path, text + "\n"))
    assert "concern" not in {s.tag for s in found}
