"""Hardening: the writer lock survives its file being removed, output goes only where the
user pointed it, reads are bounded by the bytes actually read, and a read-only reader
takes the lock once it is free."""

from __future__ import annotations

import fcntl
import hashlib
import os
import resource
import stat
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from annotations.errors import StoreError, StoreLockedError
from annotations.exchange import yaml_layout
from annotations.exchange.export import article_entry, build_export, dump_export, write_output
from annotations.exchange.importing import load_export_file
from annotations.formats.loader import load_article
from annotations.schema import TagSchema
from annotations.store import locking
from annotations.store.article_annotations import ArticleAnnotations, open_article
from annotations.store.folder import ARTICLES_DIR, LOCK_NAME, LockMode, Store, article_key
from annotations.store.locking import LockTimeout, WriterLock

from .conftest import WAIT_LIMIT
from .helpers import HOLDER, child

CHECKOUT = Path(__file__).resolve().parent.parent

#: A bound on a child's address space, so that an unbounded read fails fast instead of
#: filling the (shared) machine's memory; a bounded one fits easily.
MEMORY_LIMIT = 1024 * 1024 * 1024

# A writer of an older newsmark: flock on writer.lock and nothing else.
OLD_WRITER = """
import fcntl, os, sys
descriptor = os.open(sys.argv[1], os.O_RDWR | os.O_CREAT)
fcntl.flock(descriptor, fcntl.LOCK_EX)
print("held", flush=True)
sys.stdin.readline()
"""


def cli(*args: str, store: Path, limit_memory: bool = False, timeout: float = WAIT_LIMIT) -> subprocess.CompletedProcess[str]:
    """Run ``newsmark ARGS`` against ``store``; optionally with a bounded address space."""
    env = {**os.environ, "NEWSMARK_DB": str(store), "NEWSMARK_ANNOTATOR": "cli", "NEWSMARK_CONFIG": ""}

    def bound_memory() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))

    return subprocess.run(
        [sys.executable, "-m", "tui.cli", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=timeout,
        cwd=CHECKOUT,
        preexec_fn=bound_memory if limit_memory else None,
    )


def tell(process: subprocess.Popen[str], line: str, answer: str | None = None) -> None:
    """Send ``line`` to a child and, if given, wait for its ``answer``."""
    assert process.stdin is not None and process.stdout is not None
    process.stdin.write(line + "\n")
    process.stdin.flush()
    if answer is not None:
        assert process.stdout.readline().strip() == answer


def notes_in(store: Store, article: Path) -> ArticleAnnotations:
    return open_article(store, load_article(article), annotator="ana", schema=TagSchema())


def one_line(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 2, (result.returncode, result.stderr)
    assert len(result.stderr.splitlines()) == 1, result.stderr
    return result.stderr


def remove_lock_file(root_or_file: Path, how: str) -> None:
    """What a user does to "fix a stale lock": delete the file, or put a new one in its place."""
    lock = root_or_file if root_or_file.name == LOCK_NAME else root_or_file / LOCK_NAME
    if how == "deleted":
        lock.unlink()
    else:
        fresh = lock.with_name("fresh.lock")
        fresh.write_bytes(b"")
        os.replace(fresh, lock)


def is_held(lock_file: Path) -> bool:
    """Whether some process holds a flock on the file now at ``lock_file``."""
    descriptor = os.open(lock_file, os.O_RDWR)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    finally:
        os.close(descriptor)
    return False


# -- the writer lock -----------------------------------------------------------------------


@pytest.mark.parametrize("how", ["deleted", "replaced"])
def test_a_lock_file_removed_under_its_holder_still_excludes(tmp_path: Path, how: str) -> None:
    holder = WriterLock(tmp_path / LOCK_NAME)
    holder.acquire()
    remove_lock_file(tmp_path / LOCK_NAME, how)
    with pytest.raises(LockTimeout):
        WriterLock(tmp_path / LOCK_NAME).acquire(timeout=0.2)
    holder.release()
    second = WriterLock(tmp_path / LOCK_NAME)
    second.acquire(timeout=WAIT_LIMIT)
    assert is_held(tmp_path / LOCK_NAME)  # the lock is on the file at the path, not on a stray one
    second.release()


@pytest.mark.parametrize("how", ["deleted", "replaced"])
def test_no_second_writer_while_the_cli_holds_the_store_and_its_lock_file_is_gone(store_root: Path, article_copy: Path, how: str) -> None:
    with child(HOLDER, str(store_root), ready="locked") as holder:
        remove_lock_file(store_root, how)
        refused = cli("tag", str(article_copy), "1", "figure", store=store_root)
        assert f"in use by process {holder.pid}" in one_line(refused)
        with pytest.raises(StoreLockedError, match=f"in use by process {holder.pid}"):
            Store(store_root)
        assert list((store_root / ARTICLES_DIR).iterdir()) == []  # nothing written


def test_the_holder_puts_a_deleted_lock_file_back_and_keeps_writing(store_root: Path, article_copy: Path) -> None:
    with Store(store_root) as store:
        notes = notes_in(store, article_copy)
        notes.toggle([1], "claim")
        (store_root / LOCK_NAME).unlink()
        notes.toggle([2], "claim")  # no one else could write meanwhile: the store is still locked
        assert is_held(store_root / LOCK_NAME)
    with Store(store_root, mode=LockMode.READ) as store:
        assert notes_in(store, article_copy).tagged_sentences() == [1, 2]


def test_a_holder_that_lost_its_lock_file_to_another_writer_refuses_to_write(store_root: Path, article_copy: Path) -> None:
    with Store(store_root) as store:
        notes = notes_in(store, article_copy)
        notes.toggle([1], "claim")
        saved = (store_root / ARTICLES_DIR / f"{article_key(str(article_copy))}.json").read_bytes()
        (store_root / LOCK_NAME).unlink()
        with child(OLD_WRITER, str(store_root / LOCK_NAME), ready="held"):
            with pytest.raises(StoreError, match=r"writer\.lock") as refused:
                notes.toggle([2], "claim")
            assert "\n" not in str(refused.value)
        with pytest.raises(StoreError, match=r"writer\.lock"):  # it may have written: reopen first
            notes.toggle([3], "claim")
        assert (store_root / ARTICLES_DIR / f"{article_key(str(article_copy))}.json").read_bytes() == saved


def test_without_a_folder_lock_a_lost_lock_file_stops_the_holder_writing(
    store_root: Path, article_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Where the folder cannot be locked (NFS), writer.lock alone excludes: a second
    # writer that got in after it was deleted is the writer, and the first may not write.
    monkeypatch.setattr(locking, "FOLDER_LOCKS", False)
    with Store(store_root) as first:
        first_notes = notes_in(first, article_copy)
        first_notes.toggle([1], "claim")
        (store_root / LOCK_NAME).unlink()
        with Store(store_root) as second:
            notes_in(second, article_copy).set_note([5], "the second writer's acknowledged note")
            with pytest.raises(StoreError, match=r"writer\.lock"):
                first_notes.toggle([5], "figure")
    with Store(store_root, mode=LockMode.READ) as store:
        assert notes_in(store, article_copy).note(5) == "the second writer's acknowledged note"


def test_a_reader_opened_during_a_cli_write_takes_the_lock_when_it_frees_up(store_root: Path, article_copy: Path) -> None:
    with child(HOLDER, str(store_root), str(article_copy), ready="locked") as holder:
        store = Store(store_root, mode=LockMode.AUTO)
        notes = notes_in(store, article_copy)
        assert store.read_only and notes.read_only and store.locked_by == holder.pid
        assert store.try_write() is False
        tell(holder, "note", "saved")  # the CLI's acknowledged note, written while we read
        assert store.try_write() is False
        tell(holder, "exit")
        holder.wait(WAIT_LIMIT)
    assert store.try_write() is True
    assert not store.read_only and store.locked_by is None
    assert not notes.read_only  # its open article file turned writable, reloaded from disk
    notes = notes_in(store, article_copy)  # what the reader does after try_write() succeeds
    assert notes.tags(2) == ["concern"]
    notes.toggle([1], "claim")
    assert store.try_write() is True
    with pytest.raises(StoreLockedError):
        Store(store_root)
    store.close()
    with Store(store_root, mode=LockMode.READ) as reread:
        check = open_article(reread, load_article(article_copy), annotator="cli", schema=TagSchema())
        assert check.note(2) == "acknowledged by the CLI" and check.tags(1) == ["claim"]
        assert reread.try_write() is False  # opened for reading only: never writes


def test_try_write_never_sleeps_even_when_the_writer_cannot_be_named(
    store_root: Path, article_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from annotations.store import folder

    with child(HOLDER, str(store_root), ready="locked"):
        (store_root / "writer.pid").unlink()  # the reader's timer calls try_write: it must not wait for a name
        store = Store(store_root, mode=LockMode.AUTO)
        assert store.read_only and store.locked_by is None

        def no_sleep(seconds: float) -> None:
            raise AssertionError(f"try_write slept {seconds} s")

        monkeypatch.setattr(folder.time, "sleep", no_sleep)
        assert store.try_write() is False
        assert store.read_only_reason == "the store is in use by another process"
        store.close()


# -- export -o: only where the user pointed it ------------------------------------------


@pytest.fixture
def exported_store(store_root: Path, article_copy: Path) -> bytes:
    """A store with two annotations; the bytes ``newsmark export`` writes to stdout."""
    with Store(store_root) as store:
        notes_in(store, article_copy).edit([3], add=["claim"], note="check this")
    result = cli("export", store=store_root)
    assert result.returncode == 0, result.stderr
    return result.stdout.encode("utf-8")


def test_export_into_a_fifo_writes_into_it(tmp_path: Path, store_root: Path, exported_store: bytes) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    reader = subprocess.Popen(["cat", str(fifo)], stdout=subprocess.PIPE)
    try:
        result = cli("export", "-o", str(fifo), store=store_root)
        assert result.returncode == 0, result.stderr
        assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
        received, _ = reader.communicate(timeout=WAIT_LIMIT)
        assert received == exported_store
    finally:
        reader.kill()
        reader.wait()


def test_export_into_a_character_device_writes_into_it(tmp_path: Path, store_root: Path, exported_store: bytes) -> None:
    null = tmp_path / "null"
    try:
        os.mknod(null, stat.S_IFCHR | 0o666, os.makedev(1, 3))  # a private /dev/null
    except PermissionError:
        pytest.skip("creating a device node needs root")
    result = cli("export", "-o", str(null), store=store_root)
    assert result.returncode == 0, result.stderr
    assert stat.S_ISCHR(os.lstat(null).st_mode)
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no temporary file left


def test_export_through_a_symlink_the_user_named_replaces_its_target(tmp_path: Path, store_root: Path, exported_store: bytes) -> None:
    target = tmp_path / "exports" / "latest.yaml"
    target.parent.mkdir()
    target.write_bytes(b"old export\n")
    link = tmp_path / "current.yaml"
    link.symlink_to(target)
    result = cli("export", "-o", str(link), store=store_root)
    assert result.returncode == 0, result.stderr
    assert link.is_symlink() and target.read_bytes() == exported_store


def test_export_through_a_link_to_this_process_output_writes_into_the_pipe(tmp_path: Path, store_root: Path, exported_store: bytes) -> None:
    # What -o /dev/stdout is (a link to /proc/self/fd/1), without touching the real /dev.
    stdout = tmp_path / "stdout"
    stdout.symlink_to("/proc/self/fd/1")
    result = cli("export", "-o", str(stdout), store=store_root)
    assert result.returncode == 0, result.stderr
    assert result.stdout.encode("utf-8") == exported_store and stdout.is_symlink()


def test_export_to_a_folder_is_one_line(tmp_path: Path, store_root: Path, exported_store: bytes) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    assert "is a folder" in one_line(cli("export", "-o", str(folder), store=store_root))
    assert list(folder.iterdir()) == [] and [p for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_a_planted_link_at_the_temporary_name_is_never_followed(tmp_path: Path) -> None:
    victim = tmp_path / "victim"
    victim.write_bytes(b"precious\n")
    target = tmp_path / "export.yaml"
    (tmp_path / f".{target.name}.{os.getpid()}.tmp").symlink_to(victim)
    write_output(b"the export\n", target)
    assert victim.read_bytes() == b"precious\n"
    assert not target.is_symlink() and target.read_bytes() == b"the export\n"


def test_a_link_planted_at_a_guessed_temporary_name_is_never_followed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    victim = tmp_path / "victim"
    victim.write_bytes(b"precious\n")
    target = tmp_path / "export.yaml"
    guessed = bytes(6)
    (tmp_path / f".{target.name}.{os.getpid()}.{guessed.hex()}.tmp").symlink_to(victim)
    draws = iter([guessed, b"\xff" * 6])
    monkeypatch.setattr(os, "urandom", lambda n: next(draws))
    write_output(b"the export\n", target)
    assert victim.read_bytes() == b"precious\n" and target.read_bytes() == b"the export\n"


def test_a_planted_link_next_to_a_store_file_is_never_followed(tmp_path: Path, store_root: Path, article_copy: Path) -> None:
    victim = tmp_path / "victim"
    victim.write_bytes(b"precious\n")
    with Store(store_root) as store:
        notes = notes_in(store, article_copy)
        notes.toggle([1], "claim")
        stored = store_root / ARTICLES_DIR / f"{article_key(str(article_copy))}.json"
        (stored.parent / f".{stored.name}.{os.getpid()}.tmp").symlink_to(victim)
        notes.toggle([2], "claim")
    assert victim.read_bytes() == b"precious\n"
    assert not stored.is_symlink()
    with Store(store_root, mode=LockMode.READ) as store:
        assert notes_in(store, article_copy).tagged_sentences() == [1, 2]


# -- bounded reads -------------------------------------------------------------------------


@pytest.mark.parametrize("command", ["parse", "import"])
def test_an_endless_device_is_refused_after_a_bounded_read(store_root: Path, command: str) -> None:
    result = cli(command, "/dev/zero", store=store_root, limit_memory=True)
    assert "/dev/zero" in one_line(result) and "too large" in result.stderr


@contextmanager
def endless_fifo(path: Path) -> Iterator[Path]:
    """A FIFO at ``path`` that a thread feeds with zeros for as long as someone reads."""
    os.mkfifo(path)

    def feed() -> None:
        with open(path, "wb") as pipe:  # blocks until a reader opens it
            chunk = b"\0" * 65536
            try:
                while True:
                    pipe.write(chunk)
            except BrokenPipeError:
                pass

    feeder = threading.Thread(target=feed, daemon=True)
    feeder.start()
    try:
        yield path
    finally:
        if feeder.is_alive():  # never opened by a reader: let the feeder's open return
            with open(os.open(path, os.O_RDONLY | os.O_NONBLOCK), "rb"):
                pass
        feeder.join(WAIT_LIMIT)


@pytest.mark.parametrize("command", ["parse", "import"])
def test_an_endless_fifo_is_refused_after_a_bounded_read(tmp_path: Path, store_root: Path, command: str) -> None:
    with endless_fifo(tmp_path / "endless.txt") as fifo:
        result = cli(command, str(fifo), store=store_root, limit_memory=True)
    assert str(fifo) in one_line(result) and "too large" in result.stderr


def test_a_fifo_in_place_of_a_store_file_is_refused_not_waited_on(store_root: Path, article_copy: Path) -> None:
    with Store(store_root) as store:
        notes_in(store, article_copy).toggle([1], "claim")
    os.mkfifo(store_root / ARTICLES_DIR / f"{'0' * 24}.json")
    result = cli("export", store=store_root)
    assert "not a regular file" in one_line(result)


def test_a_fifo_in_place_of_the_store_marker_is_refused_not_waited_on(store_root: Path, article_copy: Path) -> None:
    Store(store_root).close()
    (store_root / "STORE.json").unlink()
    os.mkfifo(store_root / "STORE.json")
    assert "not a regular file" in one_line(cli("export", store=store_root))


def test_a_fifo_in_place_of_the_writers_process_id_is_not_waited_on(store_root: Path, article_copy: Path) -> None:
    with child(HOLDER, str(store_root), ready="locked"):
        (store_root / "writer.pid").unlink()
        os.mkfifo(store_root / "writer.pid")
        assert "in use by another process" in one_line(cli("tag", str(article_copy), "1", "figure", store=store_root))


def sealed(body: str) -> str:
    return f"{body}{yaml_layout.SEAL}{hashlib.sha256(body.encode('utf-8')).hexdigest()}\n"


def test_an_export_with_a_huge_meta_line_is_refused_quickly(tmp_path: Path, store_root: Path) -> None:
    entry = article_entry(title="T", path="/a.txt", sha256="0" * 64, meta={"note": "x"}, records=[], orphans=[])
    small = dump_export(build_export([entry])).decode("utf-8")
    body, _ = yaml_layout.split_seal(small)
    assert "  meta: {note: x}\n" in body
    huge = tmp_path / "huge-meta.yaml"
    items = ", ".join(["x"] * (7 * 1024 * 1024))  # 20 MB of YAML nodes: PyYAML needs GBs for them
    huge.write_text(sealed(body.replace("  meta: {note: x}\n", f"  meta: {{note: [{items}]}}\n")), encoding="utf-8")
    result = cli("import", str(huge), store=store_root, limit_memory=True, timeout=120)  # was ~28 s and 2.7 GB
    assert str(huge) in one_line(result) and "too large" in result.stderr


def test_meta_lines_in_newsmarks_layout_are_bounded_each_and_in_total(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    entries = [
        article_entry(title="T", path=f"/{n}.txt", sha256="0" * 64, meta={"note": "x" * 80}, records=[], orphans=[]) for n in range(4)
    ]
    layout = dump_export(build_export(entries)).decode("utf-8")
    assert yaml_layout.is_sealed(layout) and len(yaml_layout.load(layout)["articles"]) == 4
    path = tmp_path / "export.yaml"
    path.write_text(layout, encoding="utf-8")
    for line_cap, total_cap in ((50, 10_000), (1000, 250)):  # one line too long; all of them together
        monkeypatch.setattr(yaml_layout, "MAX_META_LINE", line_cap)
        monkeypatch.setattr(yaml_layout, "MAX_META_TOTAL", total_cap)
        with pytest.raises(yaml_layout.NotCanonical):
            yaml_layout.load(layout)
        # newsmark never writes such a file in its layout, and still reads it (as any YAML, within that limit)
        assert yaml_layout.SEAL not in dump_export(build_export(entries)).decode("utf-8")
        assert [a.meta for a in load_export_file(path)] == [{"note": "x" * 80}] * 4


def test_a_meta_over_the_cap_still_round_trips(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(yaml_layout, "MAX_META_LINE", 1000)
    meta = {"note": "y" * 2000}
    entry = article_entry(title="T", path="/a.txt", sha256="0" * 64, meta=meta, records=[], orphans=[])
    path = tmp_path / "big-meta.yaml"
    path.write_bytes(dump_export(build_export([entry])))
    (article,) = load_export_file(path)
    assert article.meta == meta


def test_the_sentence_cache_never_writes_through_a_planted_link(tmp_path: Path) -> None:
    """The cache's temporary file once had a predictable name (``.<name>.<pid>.tmp``)
    opened without O_EXCL: a link planted there made the cache overwrite its target."""
    from annotations.formats.loader import load_article
    from annotations.sentences.cache import SentenceCache

    article = tmp_path / "a.txt"
    article.write_text("Officials said the plan works. Critics disagreed.\n", encoding="utf-8")
    cache = SentenceCache(tmp_path / "cache")
    cache.folder.mkdir()
    victim = tmp_path / "victim.txt"
    victim.write_text("precious", encoding="utf-8")
    import hashlib

    sha = hashlib.sha256(article.read_bytes()).hexdigest()
    planted = cache.folder / f".{cache.path(sha, 'text').name}.{os.getpid()}.tmp"
    planted.symlink_to(victim)
    load_article(article, cache=cache)
    assert victim.read_text(encoding="utf-8") == "precious"
    assert cache.exists(sha, "text") and not cache.path(sha, "text").is_symlink()
