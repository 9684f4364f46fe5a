"""An article is identified by its content: moved, renamed, copied and shared articles
keep their annotations (real store files, real exports, real CLI processes)."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

from annotations.exchange.importing import import_articles, load_export_file
from annotations.formats.loader import load_article
from annotations.schema import TagSchema
from annotations.store.article_annotations import ArticleAnnotations, open_article
from annotations.store.folder import ARTICLES_DIR, LockMode, Store
from annotations.store.identity import content_hash
from tests.helpers import export_store


def opened(root: Path, path: Path, mode: LockMode = LockMode.WRITE) -> ArticleAnnotations:
    return open_article(Store(root, mode=mode), load_article(path), annotator="ana", schema=TagSchema())


def tag_three(root: Path, path: Path) -> None:
    notes = opened(root, path)
    notes.toggle([2], "claim")
    notes.toggle([5], "figure")
    notes.set_note([7], "who said so?")
    notes.store.close()


def test_a_renamed_article_keeps_its_annotations_and_the_store_its_new_path(store_root: Path, article_copy: Path) -> None:
    tag_three(store_root, article_copy)
    renamed = article_copy.with_name("renamed.txt")
    article_copy.rename(renamed)
    notes = opened(store_root, renamed)
    assert [r["sentence"] for r in notes.records()] == [2, 5, 7]
    assert notes.tags(5) == ["figure"] and notes.note(7) == "who said so?"
    notes.store.close()
    assert len(list((store_root / ARTICLES_DIR).glob("*.json"))) == 1  # no duplicate article
    document = yaml.safe_load(export_store(store_root))
    assert [a["path"] for a in document["articles"]] == [str(renamed)]
    # and a renamed article edited afterwards is still found by its last known path
    renamed.write_text(renamed.read_text(encoding="utf-8").replace("Officials", "Ministers", 1), encoding="utf-8")
    notes = opened(store_root, renamed)
    assert len(notes.records()) + len(notes.orphans()) == 3
    notes.store.close()


def test_a_moved_article_in_another_folder_and_a_copy_share_annotations(store_root: Path, article_copy: Path, tmp_path: Path) -> None:
    tag_three(store_root, article_copy)
    (tmp_path / "elsewhere").mkdir()
    moved = tmp_path / "elsewhere" / "story.txt"
    shutil.move(article_copy, moved)
    copy = tmp_path / "copy.txt"
    shutil.copy(moved, copy)
    for path in (moved, copy):
        notes = opened(store_root, path)
        assert notes.tagged_sentences() == [2, 5], path
        notes.store.close()
    # a tag added through one copy shows through the other
    notes = opened(store_root, copy)
    notes.toggle([9], "source")
    notes.store.close()
    notes = opened(store_root, moved)
    assert notes.tagged_sentences() == [2, 5, 9]
    notes.store.close()


def test_same_text_saved_again_with_crlf_and_a_bom_is_the_same_article(store_root: Path, article_copy: Path, tmp_path: Path) -> None:
    tag_three(store_root, article_copy)
    other = tmp_path / "resaved.txt"
    other.write_bytes(b"\xef\xbb\xbf" + article_copy.read_bytes().replace(b"\n", b"\r\n"))
    article_copy.unlink()
    notes = opened(store_root, other)
    assert notes.tagged_sentences() == [2, 5]
    notes.store.close()


def test_import_attaches_by_hash_where_the_article_sits_at_another_path(tmp_path: Path, article_copy: Path) -> None:
    tag_three(tmp_path / "mine", article_copy)
    export = tmp_path / "mine.yaml"
    export.write_bytes(export_store(tmp_path / "mine"))
    theirs = tmp_path / "colleague" / "news" / "same-story.txt"
    theirs.parent.mkdir(parents=True)
    shutil.copy(article_copy, theirs)
    # the colleague has the article open before (a store file for it at their path)
    notes = opened(tmp_path / "theirs", theirs)
    notes.toggle([1], "source")
    notes.store.close()
    with Store(tmp_path / "theirs") as store:
        import_articles(store, load_export_file(export))
    notes = opened(tmp_path / "theirs", theirs)
    assert notes.tagged_sentences() == [1, 2, 5] and notes.note(7) == "who said so?"
    notes.store.close()
    assert len(list((tmp_path / "theirs" / ARTICLES_DIR).glob("*.json"))) == 1
    document = yaml.safe_load(export_store(tmp_path / "theirs"))
    assert [a["path"] for a in document["articles"]] == [str(theirs)]


def test_import_of_an_article_not_here_keeps_its_records_until_it_is_opened(tmp_path: Path, article_copy: Path) -> None:
    tag_three(tmp_path / "mine", article_copy)
    export = tmp_path / "mine.yaml"
    export.write_bytes(export_store(tmp_path / "mine"))
    env_store = tmp_path / "theirs"
    with Store(env_store) as store:
        import_articles(store, load_export_file(export))
    listed = yaml.safe_load(export_store(env_store))
    assert [len(a["annotations"]) for a in listed["articles"]] == [3]  # kept, still exported
    arrived = tmp_path / "downloads" / "story.txt"
    arrived.parent.mkdir()
    shutil.copy(article_copy, arrived)
    article_copy.unlink()
    notes = opened(env_store, arrived)
    assert notes.tagged_sentences() == [2, 5]
    notes.store.close()
    listed = yaml.safe_load(export_store(env_store))
    assert [a["path"] for a in listed["articles"]] == [str(arrived)]


def test_cli_tag_then_rename_then_export_names_the_new_path(tmp_path: Path, article_copy: Path) -> None:
    db = str(tmp_path / "store")

    def run(*args: str) -> str:
        done = subprocess.run([sys.executable, "-m", "tui.cli", *args, "--db", db], capture_output=True, text=True, check=True)
        return done.stdout

    run("tag", str(article_copy), "2,5,7", "claim")
    renamed = tmp_path / "now-called-this.txt"
    article_copy.rename(renamed)
    assert "0 of 1" not in run("tag", str(renamed), "7", "claim", "--remove")
    (listed,) = yaml.safe_load(run("export", "-o", "-"))["articles"]
    assert listed["path"] == str(renamed)
    assert [r["sentence"] for r in listed["annotations"]] == [2, 5]


def test_a_hash_alias_is_followed_only_while_the_file_still_holds_that_text(store_root: Path, article_copy: Path, tmp_path: Path) -> None:
    original = article_copy.read_bytes()
    tag_three(store_root, article_copy)
    article_copy.write_text(article_copy.read_text(encoding="utf-8").replace("Officials", "Ministers", 1), encoding="utf-8")
    edited = opened(store_root, article_copy)  # the store file now holds the edited text
    edited_file = edited.file.path
    edited.store.close()
    older = tmp_path / "older-copy.txt"
    older.write_bytes(original)  # the text as it was, at another path: another article now
    notes = opened(store_root, older)
    assert notes.records() == [] and notes.file.path != edited_file
    notes.store.close()


def cli(db: Path, *args: str) -> str:
    """Run ``newsmark`` as a colleague does, on the store ``db``; its standard output."""
    done = subprocess.run([sys.executable, "-m", "tui.cli", *args, "--db", str(db)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return done.stdout


def crlf_bom_copy(source: Path, target: Path) -> Path:
    """The same text as ``source`` saved with a BOM and CRLF line ends (other bytes, same content)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    text = source.read_text(encoding="utf-8")
    target.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    assert target.read_bytes() != source.read_bytes()
    return target


def test_an_export_names_each_article_by_its_content_hash_too(tmp_path: Path, article_copy: Path) -> None:
    tag_three(tmp_path / "mine", article_copy)
    content = content_hash(load_article(article_copy))
    for fmt in ("yaml", "json"):
        exported = cli(tmp_path / "mine", "export", "--format", fmt)
        (article,) = (yaml.safe_load(exported) if fmt == "yaml" else json.loads(exported))["articles"]
        assert article["content"] == content, fmt
    (article,) = yaml.safe_load(cli(tmp_path / "mine", "export", str(article_copy)))["articles"]
    assert article["content"] == content  # export FILE too


def test_import_attaches_by_content_to_a_copy_with_other_bytes_at_another_path(tmp_path: Path, article_copy: Path) -> None:
    cli(tmp_path / "mine", "tag", str(article_copy), "2,5", "claim")
    export = tmp_path / "mine.yaml"
    cli(tmp_path / "mine", "export", "-o", str(export))
    for opened_before in (True, False):
        theirs = crlf_bom_copy(article_copy, tmp_path / f"colleague-{opened_before}" / "news" / "story.txt")
        store = tmp_path / f"theirs-{opened_before}"
        if opened_before:  # the colleague had tagged it: one store file, at their path
            cli(store, "tag", str(theirs), "1", "source")
        cli(store, "import", str(export))
        (article,) = yaml.safe_load(cli(store, "export", str(theirs)))["articles"]
        assert article["path"] == str(theirs)
        tagged = sorted(r["sentence"] for r in article["annotations"])
        assert tagged == ([1, 2, 5] if opened_before else [2, 5]), opened_before
        if opened_before:
            assert len(list((store / ARTICLES_DIR).glob("*.json"))) == 1  # attached, no second article


def test_an_older_export_without_content_hashes_still_imports(tmp_path: Path, article_copy: Path) -> None:
    cli(tmp_path / "mine", "tag", str(article_copy), "2,5", "claim")
    exported = cli(tmp_path / "mine", "export")
    assert "\n  content: " in exported
    older = tmp_path / "older.yaml"
    older.write_text("".join(line for line in exported.splitlines(keepends=True) if not line.startswith("  content: ")), encoding="utf-8")
    (article,) = load_export_file(older)
    assert len(article.records) == 2
    theirs = tmp_path / "colleague" / "story.txt"
    theirs.parent.mkdir()
    shutil.copy(article_copy, theirs)
    cli(tmp_path / "theirs", "import", str(older))
    (listed,) = yaml.safe_load(cli(tmp_path / "theirs", "export", str(theirs)))["articles"]
    assert sorted(r["sentence"] for r in listed["annotations"]) == [2, 5]  # by the bytes' hash, as before


def test_stats_and_export_of_a_moved_renamed_or_resaved_file_find_its_annotations_and_name_it(tmp_path: Path, article_copy: Path) -> None:
    db = tmp_path / "store"
    cli(db, "tag", str(article_copy), "2,5", "claim")
    cli(db, "tag", str(article_copy), "7", "figure")
    renamed = tmp_path / "folder" / "renamed.txt"
    renamed.parent.mkdir()
    article_copy.rename(renamed)
    resaved = crlf_bom_copy(renamed, tmp_path / "elsewhere" / "resaved.txt")
    for current in (renamed, resaved):
        (row,) = json.loads(cli(db, "stats", "--json", str(current)))["articles"]
        assert (row["path"], row["tagged"], row["tags"]["claim"], row["tags"]["figure"]) == (str(current), 3, 2, 1)
        (csv_row,) = list(csv.DictReader(io.StringIO(cli(db, "stats", "--csv", str(current)))))
        assert (csv_row["path"], csv_row["tagged"]) == (str(current), "3")
        assert current.name in cli(db, "stats", str(current.parent))
        (article,) = yaml.safe_load(cli(db, "export", str(current)))["articles"]
        assert article["path"] == str(current)
        assert [r["sentence"] for r in article["annotations"]] == [2, 5, 7]
        rows = list(csv.DictReader(io.StringIO(cli(db, "export", "--format", "csv", str(current.parent)))))
        assert {(r["path"], r["sentence"]) for r in rows} == {(str(current), "2"), (str(current), "5"), (str(current), "7")}
    assert len(list((db / ARTICLES_DIR).glob("*.json"))) == 1  # looking never made a second article
