"""The library: a cheap scan, a persistent index, background completion, sort and filter,
and the annotations overview across articles (core calls, and the real app via Pilot)."""

from __future__ import annotations

import datetime
import json
import os
import time
from pathlib import Path

import pytest

from annotations.formats.loader import load_article
from annotations.library import listing
from annotations.library.counting import Counter
from annotations.library.index import LibraryIndex
from annotations.library.listing import SORTS, Library, ordered
from annotations.library.overview import AnnotationFilter, store_annotations
from annotations.library.scan import summarize
from annotations.schema import TagSchema
from annotations.sentences.cache import SentenceCache
from annotations.store.article_annotations import open_article
from annotations.store.folder import LockMode, Store
from tui.screens.annotations import AnnotationsScreen
from tui.screens.library import LibraryScreen
from tui.screens.library_rows import human_size
from tui.screens.reader import ReaderScreen

from .conftest import Notice, wait_until
from .test_reader import make_app

SIZE = (120, 30)


def write_articles(folder: Path, count: int) -> list[Path]:
    """``count`` small sectioned articles, each with a distinct title in front matter."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for number in range(count):
        path = folder / f"article-{number:03d}.txt"
        body = [
            "---",
            f"title: Report number {number}",
            "---",
            f"Officials met on the {number + 1}th to discuss supply lines. They agreed on little.",
            "Second Heading",
            f"Deliveries rose by {number} percent. Analysts were surprised. Nobody commented.",
        ]
        path.write_text("\n".join(body) + "\n", encoding="utf-8")
        paths.append(path)
    return paths


def scan_all(library: Library) -> None:
    """What the background worker does before counting: scan, read the store, save."""
    for number in library.unscanned():
        library.scan(number)
    stamps = library.store_stamps()
    for number in range(len(library.items)):
        library.refresh_store(number, stamps)
    library.save()


# -- the cheap scan -------------------------------------------------------------------


def test_scan_reads_titles_and_sections_without_splitting_sentences(tmp_path: Path, samples: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def no_splitting(*args: object) -> None:
        raise AssertionError("the cheap scan split sentences")

    import annotations.sentences.batch

    for module in (annotations.sentences.splitter, annotations.sentences.batch):
        monkeypatch.setattr(module, "split_sentences", no_splitting)
    markdown = summarize(samples / "water-audit.md")
    assert markdown is not None and markdown.error is None
    assert (markdown.title, markdown.sections) == ("Audit Finds Lead Above Limits in City Schools", 3)
    text = summarize(samples / "artillery-pipeline.txt")
    assert text is not None and (text.title, text.sections) == ("Artillery pipeline", 4)
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    assert summarize(empty) == summarize(empty) and summarize(empty).error == "empty file"  # type: ignore[union-attr]
    assert summarize(tmp_path / "gone.txt") is None


def test_scan_agrees_with_opening_the_article(samples: Path) -> None:
    for path in sorted(samples.iterdir()):
        article = load_article(path)
        summary = summarize(path)
        assert summary is not None and (summary.title, summary.sections) == (article.title, len(article.sections))


# -- the index --------------------------------------------------------------------------


def test_a_warm_index_lists_every_article_without_reading_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    paths = write_articles(tmp_path / "news", 30)
    index = LibraryIndex(tmp_path / "index")
    scan_all(Library(paths, tmp_path / "store", index))

    def no_reading(path: Path) -> None:
        raise AssertionError(f"{path} was read again")

    monkeypatch.setattr(listing, "summarize", no_reading)
    warm = Library(paths, tmp_path / "store", index)
    warm.open_index()
    assert warm.unscanned() == []
    assert [item.title for item in warm.items] == [f"Report number {n}" for n in range(30)]
    assert {item.entry.sections for item in warm.items if item.entry} == {2}


def test_a_changed_file_is_scanned_again_and_only_it(tmp_path: Path) -> None:
    paths = write_articles(tmp_path / "news", 5)
    index = LibraryIndex(tmp_path / "index")
    scan_all(Library(paths, tmp_path / "store", index))
    paths[3].write_text("---\ntitle: Rewritten\n---\nOne paragraph only. Really.\n", encoding="utf-8")
    again = Library(paths, tmp_path / "store", index)
    again.open_index()
    assert again.unscanned() == [3]
    assert again.scan(3).title == "Rewritten"


def test_entries_of_deleted_files_are_dropped_from_the_index(tmp_path: Path) -> None:
    paths = write_articles(tmp_path / "news", 4)
    index = LibraryIndex(tmp_path / "index")
    scan_all(Library(paths, tmp_path / "store", index))
    paths[2].unlink()
    library = Library([paths[0]], tmp_path / "store", index)  # a library of one of them, opened later
    library.open_index()
    library.scan(0)
    library.save()
    assert sorted(index.load(paths[0].parent)) == ["article-000.txt", "article-001.txt", "article-003.txt"]


def test_sentence_counts_of_another_splitter_version_are_counted_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    paths = write_articles(tmp_path / "news", 2)
    index = LibraryIndex(tmp_path / "index")
    library = Library(paths, tmp_path / "store", index)
    scan_all(library)
    library.set_sentences(0, library.items[0].entry.stamp, 5)  # type: ignore[union-attr]
    library.save()
    assert index.load(paths[0].parent)["article-000.txt"].sentences == 5
    monkeypatch.setattr("annotations.sentences.cache.SPLITTER_VERSION", 999)
    again = Library(paths, tmp_path / "store", index)
    again.open_index()
    assert again.unscanned() == [] and again.uncounted() == [0, 1]
    assert again.items[0].title == "Report number 0"


def test_a_damaged_index_is_scanned_again_never_trusted(tmp_path: Path) -> None:
    paths = write_articles(tmp_path / "news", 3)
    index = LibraryIndex(tmp_path / "index")
    scan_all(Library(paths, tmp_path / "store", index))
    file = index.path(paths[0].parent)
    document = json.loads(file.read_bytes())
    names = sorted(document["entries"])
    document["entries"][names[0]][3] = -4  # negative sections
    document["entries"][names[1]] = {"title": "not a list"}
    file.write_text(json.dumps(document), encoding="utf-8")
    damaged = Library(paths, tmp_path / "store", index)
    damaged.open_index()
    assert damaged.unscanned() == [0, 1]
    assert damaged.items[2].title == "Report number 2"
    for garbage in (b"", b"\x00\xff garbage", b"[1, 2, 3]", b'{"newsmark_library": 1, "folder": "/elsewhere", "entries": {}}'):
        file.write_bytes(garbage)
        broken = Library(paths, tmp_path / "store", index)
        broken.open_index()
        assert broken.unscanned() == [0, 1, 2]


def test_order_and_filter_of_a_library(tmp_path: Path) -> None:
    paths = write_articles(tmp_path / "news", 12)
    paths[5].write_text("---\ntitle: a lowercase title\n---\nOne paragraph. " + "Long. " * 50 + "\n", encoding="utf-8")
    library = Library(paths, tmp_path / "store", LibraryIndex(tmp_path / "index"))
    scan_all(library)
    by = {sort.name: sort for sort in SORTS}
    assert ordered(library.items, by["title"])[:3] == [5, 0, 1]  # case ignored
    assert ordered(library.items, by["size"])[0] == 5  # the largest first
    assert ordered(library.items, by["size"], reverse=True)[-1] == 5
    never_opened = ordered(library.items, by["last opened"])  # all alike: ties in path order, not reversed
    assert [library.items[n].shown_path for n in never_opened] == sorted(item.shown_path for item in library.items)
    assert ordered(library.items, by["path"], query="ARTICLE-01") == [10, 11]
    assert ordered(library.items, by["title"], query="report 1") == [1, 10, 11]
    assert ordered(library.items, by["title"], query="report nothing") == []
    narrowed = ordered(library.items, by["title"], query="report 1")
    assert ordered(library.items, by["title"], query="report 11", among=narrowed) == [11]
    assert ordered(library.items, by["title"], query="report 11", among=[3]) == []  # only among those
    assert ordered(library.items, by["title"], query="report", among=[11, 2, 10], presorted=True) == [11, 2, 10]  # kept in order


def test_an_unwritable_index_folder_only_means_no_index(tmp_path: Path) -> None:
    paths = write_articles(tmp_path / "news", 2)
    blocked = tmp_path / "index"
    blocked.write_text("a file where the index folder should be", encoding="utf-8")
    library = Library(paths, tmp_path / "store", LibraryIndex(blocked))
    scan_all(library)
    assert [item.title for item in library.items] == ["Report number 0", "Report number 1"]
    assert blocked.read_text(encoding="utf-8") == "a file where the index folder should be"


def test_store_state_is_read_again_only_when_the_store_file_changed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    paths = write_articles(tmp_path / "news", 3)
    index = LibraryIndex(tmp_path / "index")
    store_root = tmp_path / "store"
    with Store(store_root) as store:
        notes = open_article(store, load_article(paths[1]), annotator="ana", schema=TagSchema())
        notes.add_tags([1, 3], ["claim"])
        notes.save_position(4)
    library = Library(paths, store_root, index)
    scan_all(library)
    state = library.items[1].store
    assert state is not None and (state.tagged, state.position) == (2, 4) and state.opened
    assert library.items[0].store is None

    reads: list[Path] = []
    real = listing._read_store_state
    monkeypatch.setattr(listing, "_read_store_state", lambda file, stamp, check=None: reads.append(file) or real(file, stamp, check))
    warm = Library(paths, store_root, index)
    warm.open_index()
    for number in range(3):
        warm.refresh_store(number)
    assert reads == []
    with Store(store_root) as store:
        open_article(store, load_article(paths[1]), annotator="ana", schema=TagSchema()).add_tags([2], ["figure"])
    assert warm.refresh_store(1).store.tagged == 3  # type: ignore[union-attr]
    assert len(reads) == 1


def test_sentences_are_counted_in_another_process(tmp_path: Path) -> None:
    paths = write_articles(tmp_path / "news", 3)
    odd = tmp_path / "news" / "line\nbreak \x1b[2J.txt"  # one JSON line per path, whatever its name holds
    odd.write_bytes(paths[0].read_bytes())
    paths.append(odd)
    broken = tmp_path / "news" / "broken.txt"
    broken.write_bytes(b"\x00\x01\x02binary")
    cache = SentenceCache(tmp_path / "cache")
    counter = Counter(cache)
    found = {Path(count.path).name: count for count in counter.counts([str(p) for p in [*paths, broken]])}
    assert {name: count.sentences for name, count in found.items() if count.error is None} == {
        p.name: len(load_article(p).sentences) for p in paths
    }
    assert "binary" in (found["broken.txt"].error or "")
    assert found[paths[0].name].stamp.size == paths[0].stat().st_size
    assert cache.exists(load_article(paths[0]).sha256, "text")  # opening it later is fast


def process_state(pid: int) -> str:
    """The one-letter state of a process (``T`` when stopped)."""
    return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")
def test_counting_can_be_paused_and_resumed(tmp_path: Path) -> None:
    counter = Counter(SentenceCache(tmp_path / "cache"))  # given no path yet, it waits: alive as long as the test needs
    found = counter.counts([])
    try:
        counter.pause()
        deadline = time.monotonic() + 30
        while process_state(counter.pid) != "T":
            assert time.monotonic() < deadline, "the counting process never stopped"
            time.sleep(0.01)
        counter.resume()
        while process_state(counter.pid) == "T":
            assert time.monotonic() < deadline, "the counting process never went on"
            time.sleep(0.01)
    finally:
        counter.stop()
        assert list(found) == []


async def test_a_failed_counting_process_is_told_not_hidden(
    store_root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, notices: list[Notice]
) -> None:
    paths = write_articles(tmp_path / "news", 2)
    monkeypatch.setattr("annotations.library.counting.sys.executable", "false")  # a process that fails at once
    app = make_app(store_root, paths)
    async with app.run_test(size=SIZE) as pilot:
        library = app.screen
        assert isinstance(library, LibraryScreen)
        await wait_until(pilot, lambda: not library.working, "the library completed")
        assert library.library.uncounted() == [0, 1]
        assert any("ended with status 1" in notice.message and notice.severity == "warning" for notice in notices)


class RecordingCounter:
    """Stands in for the counting process: records what the library asks of it."""

    def __init__(self) -> None:
        self.calls: list[str] = []

    def pause(self) -> None:
        self.calls.append("pause")

    def resume(self) -> None:
        self.calls.append("resume")

    def stop(self) -> None:
        self.calls.append("stop")


async def test_counting_waits_while_a_reader_is_open(store_root: Path, tmp_path: Path) -> None:
    paths = write_articles(tmp_path / "news", 2)
    app = make_app(store_root, paths)
    async with app.run_test(size=SIZE) as pilot:
        library = app.screen
        assert isinstance(library, LibraryScreen)
        await wait_until(pilot, lambda: not library.working, "the library completed")
        counter = RecordingCounter()
        library._counter = counter  # type: ignore[assignment]
        await pilot.press("enter")
        assert isinstance(app.screen, ReaderScreen) and counter.calls == ["pause"]
        await pilot.press("q")
        assert counter.calls == ["pause", "resume"]
        await pilot.press("a")
        assert counter.calls == ["pause", "resume", "pause"]
        await pilot.press("q")
        assert counter.calls == ["pause", "resume", "pause", "resume"]


# -- the annotations overview (core) -----------------------------------------------------


def tagged_store(store_root: Path, paths: list[Path]) -> None:
    """ana tags a concern with a note in article 0 and a claim in article 1; bo a concern in article 1."""
    with Store(store_root) as store:
        first = open_article(store, load_article(paths[0]), annotator="ana", schema=TagSchema())
        first.edit([2], add=["concern"], note="Who checked the supply lines?")
        second = open_article(store, load_article(paths[1]), annotator="ana", schema=TagSchema())
        second.add_tags([3], ["claim"])
        other = open_article(store, load_article(paths[1]), annotator="bo", schema=TagSchema())
        other.add_tags([4], ["concern"])


def test_overview_lists_every_annotation_newest_first_and_filters_them(tmp_path: Path) -> None:
    paths = write_articles(tmp_path / "news", 2)
    tagged_store(tmp_path / "store", paths)
    with Store(tmp_path / "store", mode=LockMode.READ) as store:
        items, problems = store_annotations(store)
    assert problems == []
    assert [(i.article_title, i.sentence, i.annotator, i.tags) for i in items] == [
        ("Report number 1", 4, "bo", ("concern",)),
        ("Report number 1", 3, "ana", ("claim",)),
        ("Report number 0", 2, "ana", ("concern",)),
    ]
    concerns = AnnotationFilter.parse("", frozenset({"concern"}))
    assert [i.annotator for i in concerns.apply(items)] == ["bo", "ana"]
    assert [i.sentence for i in AnnotationFilter.parse("#concern @ANA").apply(items)] == [2]
    assert [i.sentence for i in AnnotationFilter.parse("supply CHECKED").apply(items)] == [2]  # words of the note, any case
    assert AnnotationFilter.parse("@nobody").apply(items) == []
    now = datetime.datetime.now(datetime.timezone.utc)
    assert AnnotationFilter(since=now - datetime.timedelta(days=7)).apply(items) == items
    assert AnnotationFilter(since=now + datetime.timedelta(minutes=1)).apply(items) == []


def both_tagged_store(store_root: Path, paths: list[Path]) -> None:
    """ana: a concern (sentence 2) and a concern that is a claim too (sentence 3); bo: a claim (sentence 4)."""
    with Store(store_root) as store:
        mine = open_article(store, load_article(paths[0]), annotator="ana", schema=TagSchema())
        mine.add_tags([2], ["concern"])
        mine.add_tags([3], ["concern", "claim"])
        other = open_article(store, load_article(paths[0]), annotator="bo", schema=TagSchema())
        other.add_tags([4], ["claim"])


def test_overview_filters_combine_with_and(tmp_path: Path) -> None:
    paths = write_articles(tmp_path / "news", 1)
    both_tagged_store(tmp_path / "store", paths)
    with Store(tmp_path / "store", mode=LockMode.READ) as store:
        items, _ = store_annotations(store)
    kept = AnnotationFilter.parse("#claim", frozenset({"concern"}))  # the key `3`, then `/#claim`
    assert [i.sentence for i in kept.apply(items)] == [3]
    assert [i.sentence for i in AnnotationFilter.parse("#concern #CLAIM").apply(items)] == [3]
    assert [i.sentence for i in AnnotationFilter.parse("#claim @bo").apply(items)] == [4]
    assert AnnotationFilter.parse("@ana @bo").apply(items) == []  # one annotation has one annotator
    assert AnnotationFilter.parse("#claim @bo officials").apply(items) == []  # sentence 4 is not about officials


def test_overview_orders_by_moment_whatever_the_offset(tmp_path: Path) -> None:
    paths = write_articles(tmp_path / "news", 1)
    with Store(tmp_path / "store") as store:
        notes = open_article(store, load_article(paths[0]), annotator="ana", schema=TagSchema())
        notes.add_tags([1], ["claim"])
        notes.add_tags([2], ["figure"])
        first, second = sorted(notes.records(), key=lambda r: r["sentence"])
        # the same moments, the earlier one written with an offset that sorts it last as text
        first["updated"] = "2026-01-01T13:00:00+02:00"  # 11:00 UTC
        second["updated"] = "2026-01-01T12:00:00Z"
        notes.file.put_many([first, second])
    with Store(tmp_path / "store", mode=LockMode.READ) as store:
        items, _ = store_annotations(store)
    assert [item.sentence for item in items] == [2, 1]


# -- the app -------------------------------------------------------------------------


def status(screen: LibraryScreen | AnnotationsScreen) -> str:
    return str(screen.query_one("#status-line").render())


def row_text(screen: LibraryScreen | AnnotationsScreen, row: int) -> str:
    return screen.render_row(row, 118).plain


async def test_library_lists_paths_readable_and_unreadable_apart(store_root: Path, tmp_path: Path) -> None:
    paths = write_articles(tmp_path / "news", 3)
    broken = tmp_path / "news" / "empty.txt"
    broken.write_bytes(b"")
    app = make_app(store_root, [*paths, broken])
    async with app.run_test(size=SIZE) as pilot:
        library = app.screen
        assert isinstance(library, LibraryScreen)
        await wait_until(pilot, lambda: not library.working, "the library completed")
        assert status(library).startswith("3 readable · 1 unreadable")
        rows = [row_text(library, n) for n in range(library.rows.count)]  # by title: the unreadable one by its name
        assert "unreadable" in rows[0] and "empty.txt" in rows[0] and "empty file" in rows[0]
        assert "Report number 0" in rows[1] and "article-000.txt" in rows[1] and " 2 " in rows[1]
        sentences = len(load_article(paths[0]).sentences)
        assert f" {sentences} " in rows[1]  # counted in the background
        await pilot.press("g", "enter")
        assert isinstance(app.screen, LibraryScreen)  # an unreadable file does not open
        await pilot.press("j", "enter")
        assert isinstance(app.screen, ReaderScreen) and app.screen.article.title == "Report number 0"
        await pilot.press("j", "1", "j", "q")
        assert isinstance(app.screen, LibraryScreen)
        assert row_text(library, 1).split()[-3:-1] == ["1", f"{round(100 * 3 / sentences)}%"]  # tagged; left off at 3 of all


async def test_file_names_are_shown_inert(store_root: Path, tmp_path: Path) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "evil\x1b]0;owned\x07\nname.txt").write_text("Officials said so. Critics disagreed.\n", encoding="utf-8")
    (folder / "empty\x1b[2J.txt").write_bytes(b"")
    app = make_app(store_root, sorted(folder.iterdir()))
    async with app.run_test(size=SIZE) as pilot:
        library = app.screen
        assert isinstance(library, LibraryScreen)
        await wait_until(pilot, lambda: not library.working, "the library completed")
        rows = [row_text(library, n) for n in range(2)]
        assert "empty\\x1b[2J.txt" in rows[0] and "owned\\x07\\nname.txt" in rows[1]  # paths shown escaped
        assert not any(ch in row for row in rows for ch in "\x1b\x07\n")


async def test_library_sorts_and_filters_by_title(store_root: Path, tmp_path: Path) -> None:
    paths = write_articles(tmp_path / "news", 12)
    app = make_app(store_root, paths)
    async with app.run_test(size=SIZE) as pilot:
        library = app.screen
        assert isinstance(library, LibraryScreen)
        await wait_until(pilot, lambda: not library.working, "the library completed")
        await pilot.press("slash", *"number 1", "enter")
        assert library.rows.count == 3  # 1, 10, 11
        assert "filter 'number 1': 3 shown" in status(library)
        await pilot.press("r")
        assert [row_text(library, n).split()[2] for n in range(3)] == ["11", "10", "1"]
        await pilot.press("escape")
        assert library.rows.count == 12
        await pilot.press("r", "G", "enter")
        assert isinstance(app.screen, ReaderScreen) and app.screen.article.title == "Report number 9"


async def test_a_warm_library_is_complete_before_its_worker_runs(store_root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    paths = write_articles(tmp_path / "news", 20)
    app = make_app(store_root, paths)
    async with app.run_test(size=SIZE) as pilot:
        library = app.screen
        assert isinstance(library, LibraryScreen)
        await wait_until(pilot, lambda: not library.working, "the library completed")

    def no_reading(path: Path) -> None:
        raise AssertionError(f"{path} was read again")

    monkeypatch.setattr(listing, "summarize", no_reading)
    monkeypatch.setattr(LibraryScreen, "complete_library", lambda self: None)  # nothing in the background
    app = make_app(store_root, paths)
    async with app.run_test(size=SIZE):
        library = app.screen
        assert isinstance(library, LibraryScreen)
        assert status(library).startswith("20 readable · 0 unreadable")
        assert "Report number 0" in row_text(library, 0)
        assert f" {len(load_article(paths[0]).sentences)} " in row_text(library, 0)


async def test_annotations_overview_keys_and_typed_filters_narrow_together(store_root: Path, tmp_path: Path) -> None:
    paths = write_articles(tmp_path / "news", 1)
    both_tagged_store(store_root, paths)
    app = make_app(store_root, paths * 2)  # a library (two paths), annotator ana
    async with app.run_test(size=SIZE) as pilot:
        library = app.screen
        assert isinstance(library, LibraryScreen)
        await wait_until(pilot, lambda: not library.working, "the library completed")
        await pilot.press("a")
        overview = app.screen
        assert isinstance(overview, AnnotationsScreen)
        await wait_until(pilot, lambda: not overview.reading_store, "the store read")
        assert overview.rows.count == 3
        await pilot.press("3")  # concern: sentences 2 and 3
        assert overview.rows.count == 2
        await pilot.press("slash", *"#claim", "enter")  # and claim: sentence 3 only
        assert [item.sentence for item in overview.shown] == [3]
        assert "tags claim, concern" in status(overview)
        await pilot.press("3")  # the key dropped: every claim
        assert sorted(item.sentence for item in overview.shown) == [3, 4]
        await pilot.press("m")  # and mine
        assert [item.sentence for item in overview.shown] == [3]
        await pilot.press("escape", "slash", *"@bo", "enter")  # mine and bo's: none
        assert overview.shown == []
        await pilot.press("m")  # bo's alone
        assert [item.sentence for item in overview.shown] == [4]
        await pilot.press("w")  # and this week: still bo's
        assert [item.sentence for item in overview.shown] == [4]
        await pilot.press("escape", "slash", *"#concern agreed", "enter")  # a tag and a word
        assert [item.sentence for item in overview.shown] == [2]
        await pilot.press("1")  # and the key of claim: sentence 2 is no claim
        assert overview.shown == []
        assert "tags claim, concern" in status(overview) and "words agreed" in status(overview)


async def test_annotations_overview_filters_and_opens_at_the_sentence(store_root: Path, tmp_path: Path) -> None:
    paths = write_articles(tmp_path / "news", 2)
    tagged_store(store_root, paths)
    app = make_app(store_root, paths)  # annotator ana
    async with app.run_test(size=SIZE) as pilot:
        library = app.screen
        assert isinstance(library, LibraryScreen)
        await wait_until(pilot, lambda: not library.working, "the library completed")
        assert getattr(library.library.items[0].store, "position", 0) is None  # tagged, never left in the reader: no position
        await pilot.press("a")
        overview = app.screen
        assert isinstance(overview, AnnotationsScreen)
        await wait_until(pilot, lambda: not overview.reading_store, "the store read")
        assert status(overview).startswith("3 of 3 annotations")
        await pilot.press("3")  # concern
        assert overview.rows.count == 2
        await pilot.press("m")  # mine
        assert overview.rows.count == 1
        assert "Officials met" not in row_text(overview, 0) and "ana" in row_text(overview, 0)
        await pilot.press("w")  # all of them are from this week
        assert overview.rows.count == 1 and "last 7 days" in status(overview)
        await pilot.press("w", "m", "0", "slash", *"@bo", "enter")
        assert overview.rows.count == 1 and "bo" in row_text(overview, 0)
        await pilot.press("escape", "slash", *"checked sup", "enter")  # words of a note, narrowed key by key
        assert overview.rows.count == 1 and "✎" in row_text(overview, 0)
        await pilot.press("escape", "g")
        assert overview.rows.count == 3
        await pilot.press("G")  # the oldest: ana's concern in article 0, on sentence 2
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, ReaderScreen), "the article read and opened")
        reader = app.screen
        assert isinstance(reader, ReaderScreen)
        await wait_until(pilot, lambda: reader.view.cursor == 2, "the cursor on the annotated sentence")
        assert reader.article.title == "Report number 0"
        await pilot.press("1", "q")  # a claim too, from the reader the overview opened
        assert app.screen is overview
        await wait_until(pilot, lambda: overview.rows.count == 3 and "c" in row_text(overview, 0)[16:20], "the overview read again")
        await pilot.press("q")
        assert app.screen is library
        await wait_until(pilot, lambda: getattr(library.library.items[0].store, "position", 0) == 2, "the position the reader left")


def test_sizes_read_as_ls_h_shows_them() -> None:
    assert [human_size(n) for n in (812, 8_300, 10_300, 5_000_000, 64 * 1024 * 1024)] == ["812", "8.1K", "10K", "4.8M", "64M"]


def test_index_lives_in_the_user_cache_folder() -> None:
    assert LibraryIndex.default().folder == Path(os.environ["XDG_CACHE_HOME"]) / "newsmark" / "library"


def test_annotations_overview_snapshot(snap_compare, store_root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    stamps = iter(f"2026-11-2{n}T09:30:00.000000Z" for n in range(1, 10))
    monkeypatch.setattr("annotations.store.editing.utc_now", lambda: next(stamps))
    folder = tmp_path / "news"  # paths and stamps alike on every machine
    tagged_store(store_root, write_articles(folder, 2))

    async def overview(pilot) -> None:  # type: ignore[no-untyped-def]
        await pilot.press("a")
        await wait_until(
            pilot, lambda: isinstance(pilot.app.screen, AnnotationsScreen) and not pilot.app.screen.reading_store, "the store read"
        )
        await pilot.press("j")

    try:
        assert snap_compare(make_app(store_root, sorted(folder.iterdir())), terminal_size=(100, 24), run_before=overview)
    finally:
        monkeypatch.undo()
        time.tzset()


def test_a_pipe_among_the_articles_is_unreadable_and_never_waited_for(tmp_path: Path) -> None:
    paths = write_articles(tmp_path / "news", 1)
    pipe = tmp_path / "news" / "pipe.txt"
    os.mkfifo(pipe)  # nobody ever writes to it: reading it would wait forever
    library = Library([*paths, pipe], tmp_path / "store", LibraryIndex(tmp_path / "index"))
    scan_all(library)
    assert library.items[0].readable
    assert "not a regular file" in (library.items[1].error or "")


async def test_an_annotation_whose_article_is_gone_says_so(store_root: Path, tmp_path: Path, notices: list[Notice]) -> None:
    paths = write_articles(tmp_path / "news", 2)
    tagged_store(store_root, paths)
    paths[1].unlink()
    app = make_app(store_root, paths)  # the gone one listed as unreadable
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a")
        overview = app.screen
        assert isinstance(overview, AnnotationsScreen)
        await wait_until(pilot, lambda: not overview.reading_store, "the store read")
        await pilot.press("g", "enter")  # bo's concern, in the deleted article
        await wait_until(pilot, lambda: any(n.severity == "error" for n in notices), "the error shown")
        assert app.screen is overview
        assert any("article-001.txt: no such file" in n.message for n in notices)


async def test_command_palette_opens_articles_of_the_library(store_root: Path, tmp_path: Path) -> None:
    paths = write_articles(tmp_path / "news", 3)
    app = make_app(store_root, paths)
    async with app.run_test(size=SIZE) as pilot:
        library = app.screen
        assert isinstance(library, LibraryScreen)
        await wait_until(pilot, lambda: not library.working, "the library completed")
        commands = {command.title: command for command in app.get_system_commands(library)}
        assert {"Sort", "Filter", "Annotations"} <= set(commands)
        app.call_next(commands["Open article: Report number 2"].callback)  # as the palette runs it: from the app
        await wait_until(pilot, lambda: isinstance(app.screen, ReaderScreen), "the reader")
        assert app.screen.article.title == "Report number 2"  # type: ignore[attr-defined]


# -- identity: an article renamed, moved or copied keeps its annotations in the library ----


def cli_tag(store_root: Path, path: Path, sentences: str, tag: str) -> None:
    """Tag through the real command line, as an analyst does."""
    import subprocess
    import sys

    env = {**os.environ, "NEWSMARK_ANNOTATOR": "ana", "NEWSMARK_DB": str(store_root)}
    subprocess.run([sys.executable, "-m", "tui.cli", "tag", str(path), sentences, tag], capture_output=True, text=True, env=env, check=True)


async def test_a_renamed_article_shows_its_annotations_in_the_library_and_the_overview(store_root: Path, tmp_path: Path) -> None:
    (first, second) = write_articles(tmp_path / "news", 2)
    cli_tag(store_root, second, "2,4", "claim")
    renamed = second.with_name("renamed.txt")
    second.rename(renamed)
    app = make_app(store_root, [first, renamed])
    async with app.run_test(size=SIZE) as pilot:
        library = app.screen
        assert isinstance(library, LibraryScreen)
        await wait_until(pilot, lambda: not library.working, "the library completed")
        row = row_text(library, 1)
        assert "Report number 1" in row and "renamed.txt" in row
        assert row.split()[-3] == "2", row  # tagged, found by the file's content
        await pilot.press("a")
        overview = app.screen
        assert isinstance(overview, AnnotationsScreen)
        await wait_until(pilot, lambda: not overview.reading_store, "the store read")
        assert overview.rows.count == 2
        assert all(item.article_path == str(renamed) for item in overview.shown)
        await pilot.press("G", "enter")
        await wait_until(pilot, lambda: isinstance(app.screen, ReaderScreen), "the article read and opened")
        reader = app.screen
        assert isinstance(reader, ReaderScreen) and reader.article.path == str(renamed)
        await wait_until(pilot, lambda: reader.view.cursor == 2, "the cursor on the annotated sentence")


def test_the_library_finds_a_moved_or_copied_article_by_content_and_keeps_where_it_left_off(tmp_path: Path) -> None:
    (article,) = write_articles(tmp_path / "news", 1)
    store_root = tmp_path / "store"
    with Store(store_root) as store:
        notes = open_article(store, load_article(article), annotator="ana", schema=TagSchema())
        notes.add_tags([1, 3], ["claim"])
        notes.save_position(4)
    index = LibraryIndex(tmp_path / "index")
    first = Library([article], store_root, index)
    scan_all(first)
    stored = first.items[0].store
    assert stored is not None and (stored.tagged, stored.position) == (2, 4)

    moved = tmp_path / "elsewhere" / "moved.txt"
    moved.parent.mkdir()
    article.rename(moved)
    copy = tmp_path / "news" / "copy.txt"
    copy.write_bytes(moved.read_bytes())
    later = Library([moved, copy], store_root, index)
    later.open_index()
    scan_all(later)
    for item in later.items:
        assert item.store is not None and (item.store.tagged, item.store.position) == (2, 4), item.path
        assert item.store.file == stored.file  # the one store file: no duplicate
    warm = Library([moved, copy], store_root, index)
    warm.open_index()
    assert [getattr(item.store, "tagged", 0) for item in warm.items] == [2, 2]  # kept in the index under the new names


def test_the_library_finds_a_moved_article_re_saved_with_crlf_and_a_bom_by_its_text(tmp_path: Path) -> None:
    """Other bytes, other path, same text: the reader finds it by content, and so must the library."""
    (article,) = write_articles(tmp_path / "news", 1)
    store_root = tmp_path / "store"
    with Store(store_root) as store:
        notes = open_article(store, load_article(article), annotator="ana", schema=TagSchema())
        notes.add_tags([1, 2, 3], ["claim"])
        notes.save_position(3)
    moved = tmp_path / "windows" / "saved-again.txt"
    moved.parent.mkdir()
    moved.write_bytes(b"\xef\xbb\xbf" + article.read_bytes().replace(b"\n", b"\r\n"))
    article.unlink()
    library = Library([moved], store_root, LibraryIndex(tmp_path / "index"))
    scan_all(library)
    found = library.items[0].store
    assert found is not None and (found.tagged, found.position) == (3, 3)
    with Store(store_root, mode=LockMode.READ) as store:  # what the reader finds: the same
        assert open_article(store, load_article(moved), annotator="ana", schema=TagSchema()).view.tagged_count == 3


def test_the_library_follows_a_path_alias_once_the_renamed_article_was_edited(tmp_path: Path) -> None:
    (article,) = write_articles(tmp_path / "news", 1)
    store_root = tmp_path / "store"
    with Store(store_root) as store:
        open_article(store, load_article(article), annotator="ana", schema=TagSchema()).add_tags([1], ["claim"])
    renamed = article.with_name("renamed.txt")
    article.rename(renamed)
    with Store(store_root) as store:  # opened at its new path: the store remembers that path
        open_article(store, load_article(renamed), annotator="ana", schema=TagSchema())
    renamed.write_text(renamed.read_text(encoding="utf-8").replace("Nobody commented.", "Nobody commented at all."), encoding="utf-8")
    library = Library([renamed], store_root, LibraryIndex(tmp_path / "index"))
    scan_all(library)
    assert getattr(library.items[0].store, "tagged", 0) == 1


def test_a_stale_hash_alias_is_not_followed_by_the_library(tmp_path: Path) -> None:
    (article, other) = write_articles(tmp_path / "news", 2)
    store_root = tmp_path / "store"
    with Store(store_root) as store:
        open_article(store, load_article(article), annotator="ana", schema=TagSchema()).add_tags([1, 2], ["claim"])
    original = article.read_bytes()
    article.write_text(article.read_text(encoding="utf-8") + "One more paragraph. It is new.\n", encoding="utf-8")
    with Store(store_root) as store:  # opened after the edit: the store file now holds the new text's hash
        open_article(store, load_article(article), annotator="ana", schema=TagSchema())
    other.write_bytes(original)  # the old bytes at another path: their alias names a file that holds other text now
    library = Library([other], store_root, LibraryIndex(tmp_path / "index"))
    scan_all(library)
    assert library.items[0].store is None
