"""A team's exports in one folder (and one git repository): ``export --split DIR`` and
``import DIR``."""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest
import yaml

from tests.team_git import git
from tui.cli import main


def newsmark(monkeypatch: pytest.MonkeyPatch, store: Path, annotator: str, *args: str) -> int:
    """Run the newsmark command line in this process as ``annotator`` on ``store``."""
    monkeypatch.setenv("NEWSMARK_DB", str(store))
    monkeypatch.setenv("NEWSMARK_ANNOTATOR", annotator)
    return main(list(args))


def tree(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` (but .git) by relative path, with its bytes."""
    return {
        str(path.relative_to(folder)): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and ".git" not in path.relative_to(folder).parts
    }


def test_split_export_is_one_file_per_article_and_annotator_and_byte_identical_again(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, article_copy: Path
) -> None:
    store, out = tmp_path / "store", tmp_path / "team"
    assert newsmark(monkeypatch, store, "ana", "tag", str(article_copy), "3-4", "claim") == 0
    assert newsmark(monkeypatch, store, "ana", "tag", str(article_copy), "9", "figure", "--note", "Which bank?") == 0
    assert newsmark(monkeypatch, store, "ana", "export", "--split", str(out)) == 0
    first = tree(out)
    ((name, data),) = first.items()
    folder, file = name.split("/")
    assert file == "ana.yaml" and folder.startswith("artillery-") and len(folder.rsplit("-", 1)[1]) == 12
    document = yaml.safe_load(data)
    assert document["newsmark_export"] == 1 and "exported" not in document
    assert [r["sentence"] for r in document["articles"][0]["annotations"]] == [3, 4, 9]
    mtime = (out / name).stat().st_mtime_ns
    assert newsmark(monkeypatch, store, "ana", "export", "--split", str(out)) == 0
    assert tree(out) == first
    assert (out / name).stat().st_mtime_ns == mtime  # not even rewritten


def test_one_more_tag_changes_one_file_by_a_few_lines(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, article_copy: Path) -> None:
    store, out = tmp_path / "store", tmp_path / "team"
    other = tmp_path / "other.txt"
    other.write_text("A Headline\nOfficials said the plan works. Critics disagreed. Nobody knew.\n", encoding="utf-8")
    assert newsmark(monkeypatch, store, "ana", "tag", str(article_copy), "3", "claim") == 0
    assert newsmark(monkeypatch, store, "ana", "tag", str(article_copy), "8", "figure") == 0
    assert newsmark(monkeypatch, store, "ana", "tag", str(other), "2", "concern") == 0
    assert newsmark(monkeypatch, store, "ana", "export", "--split", str(out)) == 0
    before = tree(out)
    assert len(before) == 2
    assert newsmark(monkeypatch, store, "ana", "tag", str(article_copy), "3", "source") == 0
    assert newsmark(monkeypatch, store, "ana", "export", "--split", str(out)) == 0
    after = tree(out)
    changed = [name for name in before if before[name] != after[name]]
    assert len(changed) == 1 and set(after) == set(before)
    (name,) = changed
    diff = [
        line
        for line in difflib.unified_diff(before[name].decode().splitlines(), after[name].decode().splitlines(), lineterm="", n=0)
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]
    # the tags line, the updated stamp and the checksum comment: three lines out, three in
    assert len(diff) == 6, diff
    assert "+    tags: [claim, source]" in diff


def test_deleted_records_empty_only_their_annotators_file(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, article_copy: Path) -> None:
    store, out = tmp_path / "store", tmp_path / "team"
    assert newsmark(monkeypatch, store, "ana", "tag", str(article_copy), "3", "claim") == 0
    assert newsmark(monkeypatch, store, "bo", "tag", str(article_copy), "5", "figure") == 0
    assert newsmark(monkeypatch, store, "ana", "export", "--split", str(out)) == 0
    assert newsmark(monkeypatch, store, "bo", "export", "--split", str(out)) == 0
    assert sorted(name.split("/")[1] for name in tree(out)) == ["ana.yaml", "bo.yaml"]
    bo_before = {k: v for k, v in tree(out).items() if k.endswith("bo.yaml")}
    assert newsmark(monkeypatch, store, "ana", "tag", str(article_copy), "3", "claim", "--remove") == 0
    assert newsmark(monkeypatch, store, "ana", "export", "--split", str(out)) == 0
    after = tree(out)
    assert {k: v for k, v in after.items() if k.endswith("bo.yaml")} == bo_before  # bo's untouched
    # ana has no record left: her file says so (a colleague's import removes hers too)
    [ana_file] = [v for k, v in after.items() if k.endswith("ana.yaml")]
    document = yaml.safe_load(ana_file)
    assert document["complete"] is True and document["annotator"] == "ana" and document["articles"][0]["annotations"] == []
    assert newsmark(monkeypatch, store, "bo", "tag", str(article_copy), "5", "figure", "--remove") == 0
    assert newsmark(monkeypatch, store, "bo", "export", "--split", str(out)) == 0
    assert {k: v for k, v in tree(out).items() if k.endswith("ana.yaml")} == {k: v for k, v in after.items() if k.endswith("ana.yaml")}
    assert [yaml.safe_load(v)["articles"][0]["annotations"] for k, v in tree(out).items() if k.endswith("bo.yaml")] == [[]]


def test_annotator_names_are_made_safe_for_file_names(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, article_copy: Path) -> None:
    store, out = tmp_path / "store", tmp_path / "team"
    assert newsmark(monkeypatch, store, "../Ana María/x", "tag", str(article_copy), "3", "claim") == 0
    assert newsmark(monkeypatch, store, "../Ana María/x", "export", "--split", str(out)) == 0
    ((name, data),) = tree(out).items()
    file = name.split("/")[1]
    assert "/" not in file and not file.startswith(".") and file.startswith("ana-mar-a-x-") and file.endswith(".yaml")
    assert yaml.safe_load(data)["articles"][0]["annotations"][0]["annotator"] == "../Ana María/x"


def test_split_refuses_options_that_would_make_partial_files(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert newsmark(monkeypatch, tmp_path / "store", "ana", "export", "--split", str(tmp_path / "d"), "--tag", "claim") == 2
    assert "does not take --tag" in capsys.readouterr().err


def test_two_stores_export_into_one_folder_and_a_third_imports_both(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, article_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "team"
    elsewhere = tmp_path / "bo-home" / "pipeline-copy.txt"  # bo keeps the article at another path
    elsewhere.parent.mkdir()
    elsewhere.write_bytes(article_copy.read_bytes())
    assert newsmark(monkeypatch, tmp_path / "ana", "ana", "tag", str(article_copy), "3", "claim") == 0
    assert newsmark(monkeypatch, tmp_path / "bo", "bo", "tag", str(elsewhere), "3", "figure") == 0
    assert newsmark(monkeypatch, tmp_path / "ana", "ana", "export", "--split", str(out)) == 0
    ana_files = tree(out)
    assert newsmark(monkeypatch, tmp_path / "bo", "bo", "export", "--split", str(out)) == 0
    both = tree(out)
    assert {k: both[k] for k in ana_files} == ana_files and len(both) == 2
    assert len({name.split("/")[0] for name in both}) == 1  # one folder for the article's content
    capsys.readouterr()
    assert newsmark(monkeypatch, tmp_path / "cy", "cy", "import", str(out)) == 0
    assert "2 added" in capsys.readouterr().out
    assert newsmark(monkeypatch, tmp_path / "cy", "cy", "export", "-o", str(tmp_path / "all.yaml")) == 0
    records = yaml.safe_load((tmp_path / "all.yaml").read_text(encoding="utf-8"))["articles"][0]["annotations"]
    assert [(r["sentence"], r["annotator"], r["tags"]) for r in records] == [(3, "ana", ["claim"]), (3, "bo", ["figure"])]


def test_two_analysts_commit_their_exports_on_branches_that_merge_without_conflict(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, article_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    git(repo, "commit", "-q", "--allow-empty", "-m", "start")
    # both tag the same article, even the same sentence
    assert newsmark(monkeypatch, tmp_path / "ana", "ana", "tag", str(article_copy), "3,7", "claim") == 0
    assert newsmark(monkeypatch, tmp_path / "bo", "bo", "tag", str(article_copy), "3", "figure") == 0
    for who in ("ana", "bo"):
        git(repo, "checkout", "-q", "-b", who, "main")
        assert newsmark(monkeypatch, tmp_path / who, who, "export", "--split", str(repo)) == 0
        git(repo, "add", "-A")
        git(repo, "commit", "-q", "-m", f"{who}'s tags")
    git(repo, "checkout", "-q", "main")
    git(repo, "merge", "-q", "--no-edit", "ana")
    git(repo, "merge", "-q", "--no-edit", "bo")  # asserts success: no conflict
    assert git(repo, "status", "--porcelain") == ""
    assert sorted(name.split("/")[1] for name in tree(repo)) == ["ana.yaml", "bo.yaml"]
    # ana goes on tagging after importing bo's reading; her next export changes only her file
    assert newsmark(monkeypatch, tmp_path / "ana", "ana", "import", str(repo)) == 0
    assert newsmark(monkeypatch, tmp_path / "ana", "ana", "tag", str(article_copy), "9", "concern") == 0
    assert newsmark(monkeypatch, tmp_path / "ana", "ana", "export", "--split", str(repo)) == 0
    assert [line[3:].split("/")[1] for line in git(repo, "status", "--porcelain").splitlines()] == ["ana.yaml"]
    capsys.readouterr()
    assert newsmark(monkeypatch, tmp_path / "cy", "cy", "import", str(repo)) == 0
    assert "imported 1 article(s): 4 added" in capsys.readouterr().out  # .git is not searched for exports


def test_split_export_of_named_files_leaves_other_articles_folders_alone(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, article_copy: Path
) -> None:
    store, out = tmp_path / "store", tmp_path / "team"
    other = tmp_path / "other.txt"
    other.write_text("A Headline\nOfficials said the plan works. Critics disagreed.\n", encoding="utf-8")
    assert newsmark(monkeypatch, store, "ana", "tag", str(article_copy), "3", "claim") == 0
    assert newsmark(monkeypatch, store, "ana", "tag", str(other), "1", "claim") == 0
    assert newsmark(monkeypatch, store, "ana", "export", "--split", str(out)) == 0
    assert len(tree(out)) == 2
    assert newsmark(monkeypatch, store, "ana", "tag", str(other), "1", "claim", "--remove") == 0
    assert newsmark(monkeypatch, store, "ana", "export", "--split", str(out), str(article_copy)) == 0
    assert len(tree(out)) == 2  # only article_copy's folder was looked at
    assert newsmark(monkeypatch, store, "ana", "export", "--split", str(out), str(other)) == 0
    emptied = {name: yaml.safe_load(data)["articles"][0]["annotations"] for name, data in tree(out).items()}
    assert sorted(map(bool, emptied.values())) == [False, True]  # other's file holds no record any more
    assert [name.split("/")[0].startswith("artillery-") for name, records in emptied.items() if records] == [True]


def test_import_dir_skips_hidden_folders_and_refuses_a_folder_without_exports(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, article_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "team"
    assert newsmark(monkeypatch, tmp_path / "ana", "ana", "tag", str(article_copy), "3", "claim") == 0
    assert newsmark(monkeypatch, tmp_path / "ana", "ana", "export", "--split", str(out)) == 0
    (out / ".git").mkdir()
    (out / ".git" / "broken.yaml").write_text("not: [an export\n", encoding="utf-8")
    (out / "notes.txt").write_text("not an export either\n", encoding="utf-8")
    capsys.readouterr()
    assert newsmark(monkeypatch, tmp_path / "cy", "cy", "import", str(out)) == 0
    assert "1 added" in capsys.readouterr().out
    empty = tmp_path / "empty"
    empty.mkdir()
    assert newsmark(monkeypatch, tmp_path / "cy", "cy", "import", str(empty)) == 2
    assert f"newsmark: {empty}: no export files in this folder" in capsys.readouterr().err
