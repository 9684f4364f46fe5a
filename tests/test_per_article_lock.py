"""Per-article locking: a reader holds only the article it shows.

Two readers on two articles both write; a command on another article never waits;
the same article is exclusive (read-only, with the reason, as before).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from annotations.errors import StoreLockedError
from annotations.formats.loader import load_article
from annotations.schema import TagSchema
from annotations.store.article_annotations import ArticleAnnotations, open_article
from annotations.store.folder import LockMode, Store

from .conftest import Notice, wait_until
from .helpers import child

# A reader-like holder: a store opened as the reader opens it, one article open in it.
READER = """
import sys
from annotations.formats.loader import load_article
from annotations.schema import TagSchema
from annotations.store.article_annotations import open_article
from annotations.store.folder import LockMode, Store

store = Store(sys.argv[1], mode=LockMode.AUTO)
notes = open_article(store, load_article(sys.argv[2]), annotator="other", schema=TagSchema())
print("read-only" if notes.read_only else "open", flush=True)
sys.stdin.readline()
"""


@pytest.fixture
def second_article(tmp_path: Path, samples: Path) -> Path:
    """A private copy of another sample article."""
    path = tmp_path / "port-strike.txt"
    shutil.copyfile(samples / "port-strike.txt", path)
    return path


def cli(*args: str, store: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NEWSMARK_DB": str(store), "NEWSMARK_ANNOTATOR": "cli"}
    return subprocess.run([sys.executable, "-m", "tui.cli", *args], capture_output=True, text=True, env=env, timeout=60)


def notes_in(store: Store, article: Path, annotator: str = "ana") -> ArticleAnnotations:
    return open_article(store, load_article(article), annotator=annotator, schema=TagSchema())


def test_two_readers_on_two_articles_both_write(store_root: Path, article_copy: Path, second_article: Path) -> None:
    with child(READER, str(store_root), str(article_copy), ready="open"):
        with Store(store_root, mode=LockMode.AUTO) as store:
            notes = notes_in(store, second_article)
            assert not notes.read_only and not store.read_only
            notes.toggle([1], "claim")
        with Store(store_root, mode=LockMode.READ) as store:
            assert notes_in(store, second_article).tags(1) == ["claim"]


def test_a_second_reader_on_the_same_article_is_read_only_and_says_who(store_root: Path, article_copy: Path) -> None:
    with child(READER, str(store_root), str(article_copy), ready="open") as holder, Store(store_root, mode=LockMode.AUTO) as store:
        notes = notes_in(store, article_copy)
        assert notes.read_only
        assert f"in use by process {holder.pid}" in notes.read_only_reason
        assert store.try_write() is False  # the article is still held


def test_a_read_only_article_turns_writable_when_its_holder_leaves(store_root: Path, article_copy: Path) -> None:
    with child(READER, str(store_root), str(article_copy), ready="open") as holder:
        store = Store(store_root, mode=LockMode.AUTO)
        notes = notes_in(store, article_copy)
        assert notes.read_only
        holder.stdin.close()  # type: ignore[union-attr]
        holder.wait()
    try:
        assert store.try_write() is True
        notes = notes_in(store, article_copy)
        assert not notes.read_only
        notes.toggle([2], "figure")
    finally:
        store.close()


def test_cli_tag_on_another_article_does_not_wait_while_a_reader_holds_one(
    store_root: Path, article_copy: Path, second_article: Path
) -> None:
    with child(READER, str(store_root), str(article_copy), ready="open"):
        done = cli("tag", str(second_article), "3", "figure", store=store_root)
        assert done.returncode == 0, done.stderr
    with Store(store_root, mode=LockMode.READ) as store:
        assert notes_in(store, second_article, "cli").tags(3) == ["figure"]


def test_cli_tag_on_the_held_article_is_refused_naming_the_article_and_process(store_root: Path, article_copy: Path) -> None:
    with child(READER, str(store_root), str(article_copy), ready="open") as holder:
        refused = cli("tag", str(article_copy), "3", "figure", store=store_root)
    assert refused.returncode == 2
    line = refused.stderr.strip()
    assert "\n" not in line and f"in use by process {holder.pid}" in line and str(article_copy) in line


def test_import_of_other_articles_does_not_wait_for_a_reader(
    store_root: Path, article_copy: Path, second_article: Path, tmp_path: Path
) -> None:
    with Store(tmp_path / "colleague") as store:
        notes_in(store, second_article, "bo").toggle([4], "concern")
    exported = cli("export", "-o", str(tmp_path / "bo.yaml"), store=tmp_path / "colleague")
    assert exported.returncode == 0, exported.stderr
    with child(READER, str(store_root), str(article_copy), ready="open"):
        imported = cli("import", str(tmp_path / "bo.yaml"), store=store_root)
        assert imported.returncode == 0, imported.stderr
    with Store(store_root, mode=LockMode.READ) as store:
        assert notes_in(store, second_article).tags(4) == ["concern"]


def test_a_whole_store_writer_still_excludes_article_writers(store_root: Path, article_copy: Path) -> None:
    with Store(store_root):
        with pytest.raises(StoreLockedError, match=f"in use by process {os.getpid()}"):
            Store(store_root, mode=LockMode.ARTICLES)
        with Store(store_root, mode=LockMode.AUTO) as reader:
            assert reader.read_only and notes_in(reader, article_copy).read_only


def test_an_article_writer_excludes_a_whole_store_writer(store_root: Path, article_copy: Path) -> None:
    with Store(store_root, mode=LockMode.ARTICLES) as store:
        notes_in(store, article_copy).toggle([1], "claim")
        with pytest.raises(StoreLockedError):
            Store(store_root)


def test_two_article_writers_in_one_process_exclude_on_the_same_article(store_root: Path, article_copy: Path, second_article: Path) -> None:
    with Store(store_root, mode=LockMode.ARTICLES) as first, Store(store_root, mode=LockMode.ARTICLES) as second:
        notes_in(first, article_copy).toggle([1], "claim")
        notes_in(second, second_article).toggle([1], "claim")
        with pytest.raises(StoreLockedError, match=f"in use by process {os.getpid()}"):
            notes_in(second, article_copy)


async def test_reader_app_writes_while_another_reader_holds_another_article(
    store_root: Path, article_copy: Path, second_article: Path, notices: list[Notice]
) -> None:
    from .test_reader import make_app, on_disk, status

    with child(READER, str(store_root), str(article_copy), ready="open"):
        app = make_app(store_root, [second_article])
        async with app.run_test(size=(100, 30)) as pilot:
            assert "read-only" not in status(app)
            await pilot.press("1")
            await wait_until(pilot, lambda: "1 tagged" in status(app), "the tag shown")
        assert on_disk(store_root, second_article).tags(1) == ["claim"]
        app = make_app(store_root, [article_copy])
        async with app.run_test(size=(100, 30)) as pilot:
            assert "read-only" in status(app)
            await pilot.press("1")
            await wait_until(pilot, lambda: any("in use by process" in n.message for n in notices), "a refusal naming the holder")


def test_import_refuses_up_front_when_one_of_its_articles_is_held(
    store_root: Path, article_copy: Path, second_article: Path, tmp_path: Path
) -> None:
    colleague = tmp_path / "colleague"
    with Store(colleague) as store:
        notes_in(store, article_copy, "bo").toggle([2], "claim")
        notes_in(store, second_article, "bo").toggle([4], "concern")
    assert cli("export", "-o", str(tmp_path / "bo.yaml"), store=colleague).returncode == 0
    with child(READER, str(store_root), str(article_copy), ready="open") as holder:
        refused = cli("import", str(tmp_path / "bo.yaml"), store=store_root)
    assert refused.returncode == 2 and f"in use by process {holder.pid}" in refused.stderr and str(article_copy) in refused.stderr
    with Store(store_root, mode=LockMode.READ) as store:
        assert notes_in(store, second_article).tags(4) == []  # nothing imported: all or nothing


def test_import_refusing_a_held_article_names_it_as_this_store_knows_it(store_root: Path, article_copy: Path, tmp_path: Path) -> None:
    """The colleague's file names the article at her machine's path: the refusal names
    the article here (tryout: it named a path that does not exist on this machine)."""
    theirs = tmp_path / "elsewhere" / "her-copy.txt"
    theirs.parent.mkdir()
    shutil.copyfile(article_copy, theirs)
    colleague = tmp_path / "colleague"
    with Store(colleague) as store:
        notes_in(store, theirs, "bo").toggle([2], "claim")
    assert cli("export", "-o", str(tmp_path / "bo.yaml"), store=colleague).returncode == 0
    with Store(store_root) as store:
        notes_in(store, article_copy, "ana").toggle([3], "figure")
    with child(READER, str(store_root), str(article_copy), ready="open"):
        refused = cli("import", str(tmp_path / "bo.yaml"), store=store_root)
    assert refused.returncode == 2 and str(article_copy) in refused.stderr and str(theirs) not in refused.stderr, refused.stderr


def test_an_import_of_many_articles_holds_few_files_open(store_root: Path, tmp_path: Path) -> None:
    import resource

    from annotations.exchange.export import article_entry, build_export, dump_export

    record = {
        "sentence": 1, "section": 1, "section_title": "Lede", "text": "A sentence.", "tags": ["claim"], "note": "",
        "annotator": "bo", "created": "2026-01-01T00:00:00.000000Z", "updated": "2026-01-01T00:00:00.000000Z",
        "group": "", "selector": {"exact": "A sentence.", "prefix": "", "suffix": "", "start": 0, "end": 11},
    }  # fmt: skip
    entries = [
        article_entry(title=f"A{i}", path=f"/news/a{i}.txt", sha256=f"{i:064x}", meta={}, records=[], orphans=[]) for i in range(300)
    ]
    for i, entry in enumerate(entries):
        entry["annotations"] = [{**record, "id": f"r-{i}"}]  # type: ignore[list-item]
    path = tmp_path / "many.yaml"
    path.write_bytes(dump_export(build_export(entries)))

    def few_files() -> None:
        resource.setrlimit(resource.RLIMIT_NOFILE, (128, 128))

    env = {**os.environ, "NEWSMARK_DB": str(store_root)}
    done = subprocess.run(
        [sys.executable, "-m", "tui.cli", "import", str(path)], capture_output=True, text=True, env=env, timeout=120, preexec_fn=few_files
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("imported 300 article(s): 300 added")


async def test_leaving_an_article_in_the_library_lets_others_write_it(store_root: Path, article_copy: Path, second_article: Path) -> None:
    from tui.screens.library import LibraryScreen
    from tui.screens.reader import ReaderScreen

    from .test_reader import make_app

    app = make_app(store_root, [article_copy, second_article])
    async with app.run_test(size=(100, 30)) as pilot:
        library = app.screen
        assert isinstance(library, LibraryScreen)
        await wait_until(pilot, lambda: not library.working, "the library completed")
        await pilot.press("enter")
        assert isinstance(app.screen, ReaderScreen)
        opened = Path(app.screen.article.path)
        await pilot.press("1")
        assert cli("tag", str(opened), "3", "figure", store=store_root).returncode == 2  # held while it is open
        await pilot.press("q")
        await wait_until(pilot, lambda: isinstance(app.screen, LibraryScreen), "back in the library")
        done = cli("tag", str(opened), "3", "figure", store=store_root)
        assert done.returncode == 0, done.stderr
        await pilot.press("enter")  # and it opens for writing again
        assert isinstance(app.screen, ReaderScreen) and not app.screen.annotations.read_only
