"""Nothing lost, nothing injected: kills, two writers, full disks, bad stores, fuzzed input."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotations.errors import ArticleError, ImportFormatError, StoreError
from annotations.exchange.importing import MAX_IMPORT_BYTES, load_export_file
from annotations.formats.loader import load_article, parse_article_bytes
from annotations.schema import TagSchema
from annotations.store.article_annotations import open_article
from annotations.store.folder import ARTICLES_DIR, LockMode, Store, article_key

from .conftest import Notice, wait_until
from .helpers import HOLDER, child, export_store
from .soak import soak

KILLS = int(os.environ.get("NEWSMARK_SOAK_KILLS", "200"))


def test_kill_9_soak_loses_nothing(tmp_path: Path) -> None:
    result = soak(KILLS, seed=20261125, folder=tmp_path)
    print(f"\nsoak: {result.line()}")
    assert result.kills == KILLS
    assert result.acknowledged > KILLS  # saves really happened between kills
    assert (result.lost, result.unopenable, result.other_files_changed) == (0, 0, 0), result.line()


def cli(*args: str, store: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NEWSMARK_DB": str(store), "NEWSMARK_ANNOTATOR": "cli"}
    return subprocess.run([sys.executable, "-m", "tui.cli", *args], capture_output=True, text=True, env=env, timeout=60)


def test_two_cli_writers_at_once_lose_no_acknowledged_save(store_root: Path, article_copy: Path) -> None:
    def tag(sentence: int) -> tuple[int, subprocess.CompletedProcess[str]]:
        return sentence, cli("tag", str(article_copy), str(sentence), "figure", store=store_root)

    with ThreadPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(tag, range(1, 21)))
    succeeded = {n for n, r in results if r.returncode == 0}
    refused = [r for _, r in results if r.returncode != 0]
    for result in refused:  # each writer waits its turn; one that waited too long is told why
        assert result.returncode == 2 and "in use by process" in result.stderr and len(result.stderr.splitlines()) == 1
    assert len(succeeded) >= 18, [r.stderr for r in refused]
    with Store(store_root, mode=LockMode.READ) as store:
        notes = open_article(store, load_article(article_copy), annotator="cli", schema=TagSchema())
        assert {n for n in range(1, 21) if "figure" in notes.tags(n)} == succeeded


async def test_reader_is_the_writer_and_cli_is_refused(store_root: Path, article_copy: Path) -> None:
    from .test_reader import make_app, status

    app = make_app(store_root, [article_copy])
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("1")
        refused = cli("tag", str(article_copy), "5", "claim", store=store_root)
        assert refused.returncode == 2 and f"in use by process {os.getpid()}" in refused.stderr
        assert "read-only" not in status(app)
    assert cli("tag", str(article_copy), "5", "claim", store=store_root).returncode == 0


@contextlib.contextmanager
def tmpfs(folder: Path, size: str) -> Iterator[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)], capture_output=True)
    if mounted.returncode != 0:
        pytest.skip("cannot mount a small tmpfs here (needs root and mount rights)")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], capture_output=True)


def test_full_disk_fails_visibly_and_damages_nothing(tmp_path: Path, article_copy: Path) -> None:
    with tmpfs(tmp_path / "small", "256k") as disk:
        root = disk / "store"
        with Store(root) as store:
            notes = open_article(store, load_article(article_copy), annotator="ana", schema=TagSchema())
            notes.add_tags([1], ["claim"])
            (store_file,) = (root / ARTICLES_DIR).glob("*.json")
            filler = disk / "filler"
            with filler.open("wb", buffering=0) as handle, contextlib.suppress(OSError):  # fill what is left of the disk
                while True:
                    handle.write(b"x" * 4096)
            saved = store_file.read_bytes()
            failures = 0
            for sentence in range(2, 12):
                try:
                    notes.edit([sentence], add=["figure"], note="n" * 2000)
                except StoreError as error:
                    failures += 1
                    assert "could not save" in str(error) and "No space left" in str(error)
            assert failures == 10, "the disk was not full after all"
            assert store_file.read_bytes() == saved
            assert all(notes.tags(n) == [] and notes.note(n) == "" for n in range(2, 12))  # nothing shown as saved
            assert not [p for p in store_file.parent.iterdir() if p.name.startswith(".")], "temporary file left behind"
            assert notes.tags(1) == ["claim"]
            filler.unlink()
            notes.add_tags([12], ["source"])  # room again: saving works again
        with Store(root, mode=LockMode.READ) as reader:
            check = open_article(reader, load_article(article_copy), annotator="ana", schema=TagSchema())
            assert check.tags(1) == ["claim"] and check.tags(12) == ["source"]


def test_read_only_store_folder_fails_visibly(tmp_path: Path, article_copy: Path) -> None:
    with tmpfs(tmp_path / "ro", "1m") as disk:
        root = disk / "store"
        with Store(root) as store:
            open_article(store, load_article(article_copy), annotator="ana", schema=TagSchema()).add_tags([1], ["claim"])
        subprocess.run(["mount", "-o", "remount,ro", str(disk)], check=True)
        with pytest.raises(StoreError) as caught:
            Store(root)
        assert str(root) in str(caught.value) and "Read-only file system" in str(caught.value)
        result = cli("tag", str(article_copy), "2", "claim", store=root)
        assert result.returncode == 2 and "Read-only file system" in result.stderr
        with Store(root, mode=LockMode.READ) as store:  # readers still read
            assert open_article(store, load_article(article_copy), annotator="ana", schema=TagSchema()).tags(1) == ["claim"]


def test_directory_where_a_store_file_should_be(store_root: Path, article_copy: Path) -> None:
    article = load_article(article_copy)
    (store_root / ARTICLES_DIR / f"{article_key(article.path)}.json").mkdir(parents=True)
    (store_root / "STORE.json").write_text('{"newsmark_store": 1}')
    result = cli("tag", str(article_copy), "1", "claim", store=store_root)
    assert result.returncode == 2 and "is a folder, not a store file" in result.stderr


def test_unreadable_store_file(article_copy: Path) -> None:
    """Permission denied, seen by an unprivileged process (root reads everything)."""
    import shutil
    import tempfile

    folder = Path(tempfile.mkdtemp(prefix="newsmark-perm-"))
    try:
        folder.chmod(0o755)
        root = folder / "store"
        with Store(root) as store:
            open_article(store, load_article(article_copy), annotator="ana", schema=TagSchema()).add_tags([1], ["claim"])
        (store_file,) = (root / ARTICLES_DIR).glob("*.json")
        store_file.chmod(0o600)
        # A store's folders are owner-only now; an older store's were not, and then the
        # file's own permissions are what stops another user.
        root.chmod(0o755)
        (root / ARTICLES_DIR).chmod(0o755)
        (root / "STORE.json").chmod(0o644)
        before = store_file.read_bytes()
        if os.geteuid() != 0:
            pytest.skip("needs root to become another user")
        read_fd, write_fd = os.pipe()
        pid = os.fork()
        if pid == 0:  # child: become nobody, try to read the store
            try:
                os.close(read_fd)
                os.setgroups([])
                os.setgid(65534)
                os.setuid(65534)
                from annotations.exchange.export import entries_from_store

                try:
                    with Store(root, mode=LockMode.READ) as reader:
                        list(entries_from_store(reader, [], []))
                    message = "no error"
                except StoreError as error:
                    message = str(error)
                os.write(write_fd, message.encode())
            finally:
                os._exit(0)
        os.close(write_fd)
        with os.fdopen(read_fd, "rb") as pipe:
            message = pipe.read().decode()
        os.waitpid(pid, 0)
        assert message == f"{store_file}: permission denied"
        assert store_file.read_bytes() == before
    finally:
        shutil.rmtree(folder, ignore_errors=True)


# -- articles: any bytes give an article or one line of refusal -------------------------


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=3000))
def test_any_bytes_parse_or_are_refused(data: bytes) -> None:
    try:
        article = parse_article_bytes(data, "fuzz.txt")
    except ArticleError as error:
        assert str(error).startswith("fuzz.txt: ") and "\n" not in str(error)
        return
    assert all(article.text[s.start : s.end] == s.text for s in article.sentences)


EVERY_CATEGORY = st.characters(codec=None, categories=None)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.one_of(
            st.text(EVERY_CATEGORY, max_size=200), st.sampled_from(["|", " | ", "", "---", "# T", "\x00", "\x1b[2J", "\u2028", "\x85"])
        ),
        max_size=30,
    ),
    st.sampled_from(["\n", "\r\n", "\r", "\n\n"]),
    st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "surrogatepass"]),
    st.sampled_from(["a.txt", "a.md"]),
)
def test_any_text_in_any_encoding_parses_or_is_refused(lines: list[str], newline: str, encoding: str, name: str) -> None:
    text = newline.join(lines)
    data = text.encode("utf-8", "surrogatepass") if encoding == "surrogatepass" else text.encode(encoding, "surrogatepass")
    try:
        article = parse_article_bytes(data, name)
    except ArticleError as error:
        assert str(error).startswith(f"{name}: ") and "\n" not in str(error)
        return
    for sentence in article.sentences:
        assert article.text[sentence.start : sentence.end] == sentence.text
    assert not any(0x80 <= ord(c) <= 0x9F or (ord(c) < 0x20 and c not in "\t\n") for c in article.text)


def test_huge_line_and_separator_only_files(write_article) -> None:  # type: ignore[no-untyped-def]
    big = load_article(write_article(("word " * 200_000).strip() + ".", "huge.txt"))
    assert len(big.sentences) == 1 and big.sentences[0].text.endswith("word.")
    for content in ("|\n" * 1000, "\n" * 5000, " | \r\n" * 10, "\x00" * 10):
        with pytest.raises(ArticleError):
            load_article(write_article(content, "seps.txt"))


# -- imports: refused clearly, quickly, with the store unchanged ----------------------


def store_bytes(root: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in (root / ARTICLES_DIR).glob("*.json")}


BILLION_LAUGHS = "\n".join(
    ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    + [f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join([f'*{chr(97 + i)}'] * 9)}]" for i in range(8)]
    + ["newsmark_export: 1", "articles: [*i]"]
)


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (BILLION_LAUGHS, "YAML aliases"),
        ("!!python/object/apply:os.system ['touch /tmp/newsmark-pwned']\n", "only plain YAML data"),
        ("newsmark_export: 7\narticles: []\n", "export version 7 is not supported"),
        (
            "newsmark_export: 1\narticles:\n- {title: t, path: /a, sha256: " + "a" * 64 + ", meta: {}, annotations: [{id: x}]}\n",
            "field 'sentence' must be a whole number",
        ),
    ],
    ids=["billion-laughs", "unsafe-tag", "wrong-version", "missing-fields"],
)
def test_bad_imports_change_nothing(tmp_path: Path, store_root: Path, article_copy: Path, content: str, reason: str) -> None:
    assert cli("tag", str(article_copy), "1-3", "claim", store=store_root).returncode == 0
    before = store_bytes(store_root)
    bad = tmp_path / "bad.yaml"
    bad.write_text(content, encoding="utf-8")
    started = time.monotonic()
    result = cli("import", str(bad), store=store_root)
    assert time.monotonic() - started < 30
    assert result.returncode == 2 and reason in result.stderr and len(result.stderr.splitlines()) == 1
    assert store_bytes(store_root) == before
    assert not Path("/tmp/newsmark-pwned").exists()


def test_a_100_mb_import_is_refused_before_reading(tmp_path: Path) -> None:
    huge = tmp_path / "huge.yaml"
    with huge.open("wb") as handle:
        handle.truncate(100 * 1000 * 1000)
    assert huge.stat().st_size > MAX_IMPORT_BYTES
    with pytest.raises(ImportFormatError, match="too large"):
        load_export_file(huge)


def test_hostile_text_survives_export_and_import_byte_for_byte(tmp_path: Path, store_root: Path, write_article) -> None:  # type: ignore[no-untyped-def]
    path = write_article("He wrote [bold]x[/] [link=https://e.example]y[/link] \x1b]0;title\x07 and \x1b[2J \x9b31m here.\n", "hostile.txt")
    assert cli("tag", str(path), "1", "claim", "--note", "[red]note[/red] \\x1b", store=store_root).returncode == 0
    first = export_store(store_root)
    record = yaml.safe_load(first)["articles"][0]["annotations"][0]
    assert record["text"] == "He wrote [bold]x[/] [link=https://e.example]y[/link] ]0;title and [2J 31m here."
    exported = tmp_path / "e.yaml"
    exported.write_bytes(first)
    assert cli("import", str(exported), store=tmp_path / "other").returncode == 0
    assert export_store(tmp_path / "other") == first


async def test_reader_is_read_only_while_another_process_writes(store_root: Path, article_copy: Path, notices: list[Notice]) -> None:
    from .test_reader import make_app, reader, status

    with child(HOLDER, str(store_root), ready="locked") as holder:
        app = make_app(store_root, [article_copy])
        async with app.run_test(size=(100, 30)) as pilot:
            assert "read-only" in status(app)
            await pilot.press("1", "e")
            await wait_until(
                pilot,
                lambda: sum("nothing saved" in n.message and f"in use by process {holder.pid}" in n.message for n in notices) == 2,
                "a refusal naming the writer for each key",
            )
            assert reader(app).annotations.tags(1) == [] and app.screen is reader(app)


async def test_reader_on_a_full_disk_keeps_running(tmp_path: Path, article_copy: Path, notices: list[Notice]) -> None:
    from .test_reader import make_app, reader, status

    with tmpfs(tmp_path / "small", "256k") as disk:
        app = make_app(disk / "store", [article_copy])
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.press("1")
            assert "1 tagged" in status(app)
            filler = disk / "filler"
            with filler.open("wb", buffering=0) as handle, contextlib.suppress(OSError):
                while True:
                    handle.write(b"x" * 4096)
            await pilot.press("j", "2")
            await wait_until(
                pilot,
                lambda: any("Not saved" in n.message and "No space left" in n.message for n in notices),
                "a notification that nothing was saved",
            )
            assert reader(app).annotations.tags(2) == [] and "1 tagged" in status(app)
            filler.unlink()
            await pilot.press("2")
            assert reader(app).annotations.tags(2) == ["figure"] and "2 tagged" in status(app)
            await pilot.press("q")


async def test_reader_on_a_read_only_folder_opens_read_only_and_says_why(tmp_path: Path, article_copy: Path, notices: list[Notice]) -> None:
    from .test_reader import make_app, reader, status

    with tmpfs(tmp_path / "ro-reader", "1m") as disk:
        root = disk / "store"
        with Store(root) as store:
            open_article(store, load_article(article_copy), annotator="ana", schema=TagSchema()).add_tags([1], ["claim"])
        app = make_app(root, [article_copy])
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.press("j", "2")
            assert reader(app).annotations.tags(2) == ["figure"] and "2 tagged" in status(app)
            await pilot.press("q")
        # (A remount while the reader runs is refused as busy: it holds the lock file open.)
        subprocess.run(["mount", "-o", "remount,ro", str(disk)], check=True)
        app = make_app(root, [article_copy])  # opened on the read-only folder: read-only, and why
        async with app.run_test(size=(100, 30)) as pilot:
            assert (
                "read-only" in status(app)
                and reader(app).annotations.tags(1) == ["claim"]
                and reader(app).annotations.tags(2) == ["figure"]
            )
            await pilot.press("1")
            await wait_until(
                pilot,
                lambda: any("nothing saved" in n.message and "Read-only file system" in n.message for n in notices),
                "a refusal saying why",
            )
            assert reader(app).annotations.tags(1) == ["claim"]
