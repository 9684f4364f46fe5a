"""``newsmark suggest FILE --accept N:TAG`` and ``--reject N:TAG``: one suggested tag of a
sentence taken or dropped from the command line (real subprocesses, a real store)."""

from __future__ import annotations

import json
from pathlib import Path

import yaml

from .test_cli_suggest import article, run


def tags_stored(store: Path) -> dict[int, list[str]]:
    """The annotator's tags by sentence, as ``newsmark export`` gives them."""
    exported = yaml.safe_load(run("export", store=store).stdout)["articles"]
    return {r["sentence"]: r["tags"] for r in exported[0]["annotations"]} if exported else {}


def suggested(path: Path, store: Path, sentence: int) -> list[str]:
    listed = json.loads(run("suggest", str(path), "--json", store=store).stdout)
    return [item["tag"] for item in listed if item["sentence"] == sentence]


def test_accept_one_tag_of_a_sentence_by_name_or_key(tmp_path: Path) -> None:
    store, path = tmp_path / "store", article(tmp_path)
    assert suggested(path, store, 10) == ["claim", "figure", "concern", "source"]
    result = run("suggest", str(path), "--accept", "10:figure", "--accept", "3:f", store=store)
    assert result.returncode == 0, result.stderr
    assert tags_stored(store) == {3: ["figure"], 10: ["figure"]}
    assert result.stdout.splitlines()[-1].endswith("(2 accepted as your tags, 0 rejected; newsmark undo takes each back)")
    assert suggested(path, store, 10) == ["claim", "concern", "source"]
    assert run("undo", str(path), store=store).returncode == 0
    assert tags_stored(store) == {}


def test_n_alone_takes_the_sentence_and_reject_drops_one(tmp_path: Path) -> None:
    store, path = tmp_path / "store", article(tmp_path)
    result = run("suggest", str(path), "--accept", "10", "--reject", "3:figure", "--json", store=store)
    assert result.returncode == 0, result.stderr
    decided = {(item["sentence"], item["tag"]): item["decision"] for item in json.loads(result.stdout)}
    assert decided == {(10, t): "accepted" for t in ("claim", "figure", "concern", "source")} | {(3, "figure"): "rejected"}
    assert tags_stored(store) == {10: ["claim", "figure", "concern", "source"]}
    assert "figure" not in suggested(path, store, 3)
    assert run("undo", str(path), store=store).stdout.startswith("undo reject suggested figure on 3")
    assert "figure" in suggested(path, store, 3)
    assert tags_stored(store) == {10: ["claim", "figure", "concern", "source"]}, "the reject was its own change"


def test_bare_accept_keeps_taking_everything_listed_and_may_name_the_file_after_it(tmp_path: Path) -> None:
    store, path = tmp_path / "store", article(tmp_path)
    result = run("suggest", "--tag", "figure", "--accept", str(path), store=store)
    assert result.returncode == 0, result.stderr
    assert sorted(tags_stored(store)) == [1, 2, 3, 4, 5, 8, 10]  # 11: "Monday" alone is no figure (guidelines)


def test_bad_values_are_one_line_exit_2_and_store_nothing(tmp_path: Path) -> None:
    store, path = tmp_path / "store", article(tmp_path)
    cases = {
        ("--accept", "99:figure"): "newsmark: suggest: --accept 99:figure: no sentence 99 (the article has sentences 1-11)",
        ("--accept", "0"): "newsmark: suggest: --accept 0: no sentence 0 (the article has sentences 1-11)",
        ("--accept", "3:gossip"): "newsmark: suggest: --accept 3:gossip: unknown tag 'gossip' (known: claim, figure, concern, source)",
        (
            "--reject",
            "6:figure",
        ): "newsmark: suggest: --reject 6:figure: figure is not suggested on sentence 6 (suggested there: claim, source)",
        ("--accept", "x:figure"): "newsmark: suggest: --accept 'x:figure': not N or N:TAG (a sentence number, then a tag's name or key)",
        ("--accept", "3", "--reject", "3:f"): "newsmark: suggest: figure on sentence 3 is both accepted and rejected",
    }
    for options, said in cases.items():
        result = run("suggest", str(path), *options, store=store)
        assert (result.returncode, result.stderr) == (2, said + "\n"), options
    assert not (store / "suggestions.json").exists()
    assert not store.exists() or tags_stored(store) == {}
