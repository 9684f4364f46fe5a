"""An article is identified by its content: moved, renamed, copied and shared articles
keep their annotations (real store files, real exports, real CLI processes)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import yaml

from annotations.exchange.importing import import_articles, load_export_file
from annotations.formats.loader import load_article
from annotations.schema import TagSchema
from annotations.store.article_annotations import ArticleAnnotations
from annotations.store.folder import ARTICLES_DIR, Store
from tests.helpers import export_store


def opened(root: Path, path: Path, mode: str = "write") -> ArticleAnnotations:
    return ArticleAnnotations(Store(root, mode=mode), load_article(path), annotator="ana", schema=TagSchema())


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
