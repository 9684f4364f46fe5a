"""Agreement between annotators (``newsmark agree``): the formulas against worked
examples from the literature, then the command on real stores."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from annotations.team.agreement import cohen_kappa, fleiss_kappa, krippendorff_alpha
from tui.cli import main


def test_cohen_kappa_of_the_textbook_two_by_two_table() -> None:
    """Cohen (1960), "A coefficient of agreement for nominal scales"; the 2×2 worked
    example of Wikipedia's "Cohen's kappa" article: 50 grant proposals read by A and B,
    both yes 20, both no 15, A yes and B no 5, A no and B yes 10: p_o = 0.7, p_e = 0.5,
    κ = 0.4."""
    first = ["yes"] * 20 + ["no"] * 15 + ["yes"] * 5 + ["no"] * 10
    second = ["yes"] * 20 + ["no"] * 15 + ["no"] * 5 + ["yes"] * 10
    assert cohen_kappa(first, second) == pytest.approx(0.4)
    assert cohen_kappa([True, True], [True, True]) is None  # chance agreement is 1: undefined


def test_fleiss_kappa_of_the_ten_subject_example() -> None:
    """Fleiss (1971), "Measuring nominal scale agreement among many raters"; the worked
    example of Wikipedia's "Fleiss' kappa" article: 14 raters put 10 subjects into 5
    categories; P̄ = 0.378, P̄e = 0.213, κ ≈ 0.210."""
    table = [
        [0, 0, 0, 0, 14],
        [0, 2, 6, 4, 2],
        [0, 0, 3, 5, 6],
        [0, 3, 9, 2, 0],
        [2, 2, 8, 1, 1],
        [7, 7, 0, 0, 0],
        [3, 2, 6, 3, 0],
        [2, 5, 3, 2, 2],
        [6, 5, 2, 1, 0],
        [0, 2, 2, 3, 7],
    ]
    assert fleiss_kappa(table) == pytest.approx(0.20993, abs=5e-5)


def test_krippendorff_alpha_with_missing_data() -> None:
    """Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section C:
    four observers, twelve units, nominal values with missing data (None); α = 0.743."""
    _ = None
    ratings = [
        [1, 2, 3, 3, 2, 1, 4, 1, 2, _, _, _],
        [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, _, 3],
        [_, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, _],
        [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, _],
    ]
    assert krippendorff_alpha(ratings) == pytest.approx(0.743, abs=5e-4)
    assert krippendorff_alpha([[1, 1, _], [1, 1, 0]]) is None  # one value among pairable units: undefined


def newsmark(monkeypatch: pytest.MonkeyPatch, store: Path, annotator: str, *args: str) -> int:
    """Run the newsmark command line in this process as ``annotator`` on ``store``."""
    monkeypatch.setenv("NEWSMARK_DB", str(store))
    monkeypatch.setenv("NEWSMARK_ANNOTATOR", annotator)
    return main(list(args))


def test_agree_json_for_two_annotators(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, write_article: object, capsys: pytest.CaptureFixture[str]
) -> None:
    article = tmp_path / "a.txt"
    article.write_text("Heading Here\n" + " ".join(f"Sentence number {n} is here." for n in range(1, 11)) + "\n", encoding="utf-8")
    store = tmp_path / "store"
    # ana: claim on 1-4; bo: claim on 1-3 and 5; cy read it (a note) but tagged nothing of it
    assert newsmark(monkeypatch, store, "ana", "tag", str(article), "1-4", "claim") == 0
    assert newsmark(monkeypatch, store, "bo", "tag", str(article), "1-3,5", "claim") == 0
    assert newsmark(monkeypatch, store, "final", "tag", str(article), "9", "claim") == 0  # the final layer is no annotator
    capsys.readouterr()
    assert newsmark(monkeypatch, store, "ana", "agree", str(article), "--tag", "claim", "--json") == 0
    result = json.loads(capsys.readouterr().out)
    claim = result["tags"]["claim"]
    # 10 sentences: both yes 3, both no 5, ana only 1 (4), bo only 1 (5): p_o = 0.8, p_e = 0.4*0.4 + 0.6*0.6 = 0.52
    assert claim["items"] == 10 and claim["kappa_kind"] == "cohen"
    assert claim["kappa"] == pytest.approx((0.8 - 0.52) / (1 - 0.52))
    assert claim["annotators"] == ["ana", "bo"]
    assert [(d["sentence"], d["annotators"]) for d in claim["disagreements"]] == [
        (4, {"ana": True, "bo": False}),
        (5, {"ana": False, "bo": True}),
    ]
    assert claim["disagreements"][0]["path"] == str(article)
    assert list(result["tags"]) == ["claim"]
    assert result["articles"][0]["sentences"] == 10 and result["articles"][0]["annotators"] == ["ana", "bo"]


def test_agree_with_three_annotators_and_one_missing_article(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first, second = tmp_path / "a.txt", tmp_path / "b.txt"
    for path in (first, second):  # two texts (the same text would be one article)
        path.write_text(f"Heading {path.stem}\n" + " ".join(f"Line {n} says so." for n in range(1, 5)) + "\n", encoding="utf-8")
    store = tmp_path / "store"
    assert newsmark(monkeypatch, store, "ana", "tag", str(first), "1,2", "figure") == 0
    assert newsmark(monkeypatch, store, "bo", "tag", str(first), "1", "figure") == 0
    assert newsmark(monkeypatch, store, "cy", "tag", str(first), "1,2", "figure") == 0
    assert newsmark(monkeypatch, store, "ana", "tag", str(second), "3", "figure") == 0
    assert newsmark(monkeypatch, store, "bo", "tag", str(second), "3", "figure") == 0  # cy never read b.txt: missing
    capsys.readouterr()
    assert newsmark(monkeypatch, store, "ana", "agree", "--json") == 0  # every stored article
    figure = json.loads(capsys.readouterr().out)["tags"]["figure"]
    assert figure["kappa_kind"] == "fleiss" and figure["items"] == 8
    assert [p["annotators"] + [p["items"]] for p in figure["pairwise"]] == [["ana", "bo", 8], ["ana", "cy", 4], ["bo", "cy", 4]]
    assert figure["pairwise"][1]["kappa"] == pytest.approx(1.0)
    # Fleiss on a.txt (rated by all three): items [3 yes], [1 no 2 yes], [3 no], [3 no]
    assert figure["kappa"] == pytest.approx(fleiss_kappa([[0, 3], [1, 2], [3, 0], [3, 0]]))
    expected_alpha = krippendorff_alpha([[1, 1, 0, 0, 0, 0, 1, 0], [1, 0, 0, 0, 0, 0, 1, 0], [1, 1, 0, 0, None, None, None, None]])
    assert figure["alpha"] == pytest.approx(expected_alpha)
    assert [(Path(d["path"]).name, d["sentence"]) for d in figure["disagreements"]] == [("a.txt", 2)]


def test_agree_prints_a_table(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, article_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = tmp_path / "store"
    assert newsmark(monkeypatch, store, "ana", "tag", str(article_copy), "3,4", "claim") == 0
    assert newsmark(monkeypatch, store, "bo", "tag", str(article_copy), "3", "claim") == 0
    capsys.readouterr()
    assert newsmark(monkeypatch, store, "ana", "agree", str(article_copy)) == 0
    out = capsys.readouterr().out
    lines = {line.split()[0]: line.split() for line in out.splitlines() if line.split() and line.split()[0] in ("claim", "figure")}
    kappa = cohen_kappa([n in (3, 4) for n in range(1, 22)], [n == 3 for n in range(1, 22)])  # 21 sentences
    assert lines["claim"][:6] == ["claim", "21", "1", f"{kappa:.3f}", "(Cohen)", lines["claim"][5]]
    assert lines["figure"][1:6] == ["21", "0", "n/a", "(Cohen)", "n/a"]  # nobody tagged a figure: undefined, not 1
    assert "artillery-pipeline.txt sentence 4   ana" in " ".join(out.split("│"))


def test_the_final_annotator_comes_from_the_config(tmp_path: Path) -> None:
    from annotations.config import resolve_settings
    from annotations.errors import ConfigError

    config = tmp_path / "config.yaml"
    assert resolve_settings(config=None, environ={}).final_annotator == "final"
    config.write_text("final_annotator: panel\n", encoding="utf-8")
    assert resolve_settings(config=str(config), environ={}).final_annotator == "panel"
    config.write_text("final_annotator: [a, b]\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="final_annotator: must be text"):
        resolve_settings(config=str(config), environ={})
