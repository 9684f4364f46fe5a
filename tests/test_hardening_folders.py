"""Hardening, third round: folders and files as they come — symlinks out of a split
export's folder, FIFOs, symlink loops, file names that are not UTF-8, a full stdout."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

CHECKOUT = Path(__file__).resolve().parent.parent
#: Generous: a command that hangs fails its test instead of hanging the suite.
HANG_LIMIT = 60.0


def cli(*args: str, store: Path, cwd: Path = CHECKOUT, stdout: int | None = subprocess.PIPE) -> subprocess.CompletedProcess[str]:
    """Run ``newsmark ARGS`` against ``store`` with a time limit a hang cannot pass."""
    env = {**os.environ, "NEWSMARK_DB": str(store), "NEWSMARK_ANNOTATOR": "cli", "NEWSMARK_CONFIG": "", "PYTHONPATH": str(CHECKOUT)}
    return subprocess.run(
        [sys.executable, "-m", "tui.cli", *args], stdout=stdout, stderr=subprocess.PIPE, text=True, env=env, timeout=HANG_LIMIT, cwd=cwd
    )


def one_error_line(result: subprocess.CompletedProcess[str]) -> str:
    """The single ``newsmark:`` line a refused command printed (exit 2)."""
    lines = result.stderr.splitlines()
    assert result.returncode == 2, result.stderr
    assert len(lines) == 1 and lines[0].startswith("newsmark: "), result.stderr
    return lines[0]


# --- a full stdout -----------------------------------------------------------------------


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize(
    "command", [["parse", "ARTICLE"], ["export", "-o", "-"], ["export", "--format", "csv"], ["brief", "ARTICLE"], ["stats"]]
)
def test_a_full_stdout_is_one_line_and_exit_2(store_root: Path, article_copy: Path, command: list[str]) -> None:
    cli("tag", str(article_copy), "2", "concern", store=store_root)
    with open("/dev/full", "w") as full:
        result = cli(*(str(article_copy) if arg == "ARTICLE" else arg for arg in command), store=store_root, stdout=full.fileno())
    assert "No space left on device" in one_error_line(result)
    assert "standard output" in result.stderr


# --- FIFOs: never opened unless named on the command line ---------------------------------


def test_a_fifo_in_a_folder_being_imported_is_skipped_and_named(tmp_path: Path, store_root: Path, article_copy: Path) -> None:
    cli("tag", str(article_copy), "2", "concern", store=store_root)
    folder = tmp_path / "imp"
    folder.mkdir()
    assert cli("export", "-o", str(folder / "a.yaml"), store=store_root).returncode == 0
    os.mkfifo(folder / "z.yaml")  # nobody ever writes to it: opening it to read would wait forever
    result = cli("import", str(folder), store=tmp_path / "other-store")
    assert result.returncode == 0, result.stderr
    assert "imported 1 article(s): 1 added" in result.stdout
    assert "z.yaml: is not a regular file (a named pipe), not an export file (skipped)" in result.stderr


def test_a_folder_holding_only_a_fifo_says_it_was_skipped(tmp_path: Path, store_root: Path) -> None:
    folder = tmp_path / "imp"
    folder.mkdir()
    os.mkfifo(folder / "z.yaml")
    result = cli("import", str(folder), store=store_root)
    assert result.returncode == 2, result.stderr
    [line] = result.stderr.splitlines()
    assert line.startswith("newsmark: ") and "no export files in this folder" in line
    assert "skipped z.yaml: is not a regular file (a named pipe)" in line


@pytest.mark.parametrize("command", ["agree", "export", "stats", "brief"])
def test_a_stored_path_naming_a_fifo_is_never_opened(tmp_path: Path, store_root: Path, article_copy: Path, command: str) -> None:
    cli("tag", str(article_copy), "2", "concern", store=store_root)
    cli("tag", str(article_copy), "3", "claim", "--annotator", "ben", store=store_root)
    exported = cli("export", store=store_root).stdout
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    forged = tmp_path / "forged.yaml"
    forged.write_text(exported.replace(str(article_copy), str(fifo)), encoding="utf-8")
    other = tmp_path / "other-store"
    assert cli("import", str(forged), store=other).returncode == 0
    result = cli(command, store=other)
    assert result.returncode == 0, result.stderr


def test_a_fifo_named_on_the_command_line_is_still_read(tmp_path: Path, store_root: Path, article_copy: Path) -> None:
    fifo = tmp_path / "piped.txt"
    os.mkfifo(fifo)
    process = subprocess.Popen(["sh", "-c", 'cat "$1" > "$2"', "sh", str(article_copy), str(fifo)])
    try:
        result = cli("parse", str(fifo), store=store_root)
    finally:
        process.wait(HANG_LIMIT)
    assert result.returncode == 0 and "21 sentences" in result.stdout


# --- entries of a folder that are no readable file -----------------------------------------


@pytest.fixture
def hostile_folder(tmp_path: Path, article_copy: Path) -> Path:
    """A folder with one article, a symlink loop, a dangling link and a FIFO."""
    folder = tmp_path / "d"
    folder.mkdir()
    article_copy.rename(folder / article_copy.name)
    os.symlink("l1.txt", folder / "l2.txt")
    os.symlink("l2.txt", folder / "l1.txt")
    os.symlink("nothing.txt", folder / "dangling.txt")
    os.mkfifo(folder / "pipe.txt")
    return folder


#: What each bad entry of :func:`hostile_folder` is said to be.
REASONS = {
    "l1.txt": "cannot read: Too many levels of symbolic links (a symbolic link loop)",
    "l2.txt": "cannot read: Too many levels of symbolic links (a symbolic link loop)",
    "dangling.txt": "a symbolic link to a missing file",
    "pipe.txt": "is not a regular file (a named pipe), not an article file",
}


@pytest.mark.parametrize("command", ["stats", "export", "brief", "agree"])
def test_bad_entries_of_a_folder_are_named_with_their_reason_and_the_rest_goes_on(
    hostile_folder: Path, store_root: Path, command: str
) -> None:
    cli("tag", str(hostile_folder / "artillery-pipeline.txt"), "2", "concern", store=store_root)
    result = cli(command, str(hostile_folder), store=store_root)
    assert result.returncode == 0, result.stderr
    for name, reason in REASONS.items():
        assert f"newsmark: warning: {hostile_folder / name}: {reason} (skipped)" in result.stderr.splitlines()
    assert "internal error" not in result.stderr


def test_export_of_the_current_folder_with_a_symlink_loop_goes_on(hostile_folder: Path, store_root: Path) -> None:
    cli("tag", str(hostile_folder / "artillery-pipeline.txt"), "2", "concern", store=store_root)
    result = cli("export", "", store=store_root, cwd=hostile_folder)
    assert result.returncode == 0, result.stderr
    assert "l1.txt: cannot read: Too many levels of symbolic links" in result.stderr
    assert "artillery-pipeline.txt" in result.stdout


def test_the_library_lists_a_fifo_a_dangling_link_and_a_loop_as_unreadable(hostile_folder: Path, tmp_path: Path) -> None:
    from annotations.library.index import LibraryIndex
    from annotations.library.listing import Library
    from tui.cli.common import expand_paths

    library = Library(expand_paths([str(hostile_folder)], keep_unreadable=True), tmp_path / "store", LibraryIndex(tmp_path / "index"))
    for number in library.unscanned():
        library.scan(number)
    errors = {Path(item.path).name: item.error for item in library.items}
    assert errors == {"artillery-pipeline.txt": None, **REASONS}


# --- symbolic links inside a split export's folder ------------------------------------------


def split_once(store_root: Path, article: Path, team: Path) -> Path:
    """Tag ``article``, split-export it into ``team``; its article folder."""
    cli("tag", str(article), "2", "concern", store=store_root)
    assert cli("export", "--split", str(team), store=store_root).returncode == 0
    [article_dir] = team.iterdir()
    return article_dir


def tree(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` and its bytes."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("change", ["tag", "untag"])
def test_a_symlinked_article_folder_in_a_split_export_is_refused_and_nothing_outside_is_touched(
    tmp_path: Path, store_root: Path, article_copy: Path, change: str
) -> None:
    team = tmp_path / "team"
    article_dir = split_once(store_root, article_copy, team)
    outside = tmp_path / "outside"
    article_dir.rename(outside)
    article_dir.symlink_to(outside)
    before = tree(outside)
    cli(change, str(article_copy), "2", "concern", store=store_root)  # untag: the file would be stale, so removed
    result = cli("export", "--split", str(team), store=store_root)
    assert str(article_dir) in one_error_line(result) and "symbolic link" in result.stderr
    assert tree(outside) == before and outside.is_dir()
    assert article_dir.is_symlink()


def test_a_symlinked_annotator_file_in_a_split_export_is_refused(tmp_path: Path, store_root: Path, article_copy: Path) -> None:
    team = tmp_path / "team"
    article_dir = split_once(store_root, article_copy, team)
    [own] = article_dir.iterdir()
    outside = tmp_path / "precious.yaml"
    own.rename(outside)
    own.symlink_to(outside)
    before = outside.read_bytes()
    cli("untag", str(article_copy), "2", "concern", store=store_root)
    result = cli("export", "--split", str(team), store=store_root)
    assert str(own) in one_error_line(result) and "symbolic link" in result.stderr
    assert outside.read_bytes() == before and own.is_symlink()


@pytest.mark.parametrize("what", ["folder", "file"])
def test_import_of_a_folder_refuses_a_symlink_inside_it(tmp_path: Path, store_root: Path, article_copy: Path, what: str) -> None:
    team = tmp_path / "team"
    article_dir = split_once(store_root, article_copy, team)
    [own] = article_dir.iterdir()
    link = article_dir if what == "folder" else own
    moved = tmp_path / "elsewhere"
    link.rename(moved)
    link.symlink_to(moved)
    result = cli("import", str(team), store=tmp_path / "other-store")
    assert str(link) in one_error_line(result) and "symbolic link" in result.stderr
    assert not (tmp_path / "other-store").exists()


# --- file names that are not UTF-8 -------------------------------------------------------------


@pytest.fixture
def undecodable(tmp_path: Path, article_copy: Path) -> Path:
    """An article whose file name holds the byte ``\\xff`` (not UTF-8), tagged once."""
    folder = tmp_path / "news"
    folder.mkdir()
    path = Path(os.fsdecode(os.fsencode(folder) + b"/uniq\xff.txt"))
    article_copy.rename(path)
    return path


@pytest.mark.parametrize(
    "command",
    [
        ["export", "FILE"],
        ["export", "FOLDER"],
        ["export", "--format", "json", "FILE"],
        ["export", "--format", "csv", "FILE"],
        ["brief", "FILE"],
        ["brief", "FOLDER"],
        ["agree", "--json", "FILE"],
    ],
)
def test_a_file_name_that_is_not_utf8_is_written_escaped(tmp_path: Path, store_root: Path, undecodable: Path, command: list[str]) -> None:
    assert cli("tag", str(undecodable), "2", "concern", store=store_root).returncode == 0
    named = {"FILE": str(undecodable), "FOLDER": str(undecodable.parent)}
    env = {**os.environ, "NEWSMARK_DB": str(store_root), "NEWSMARK_ANNOTATOR": "cli", "NEWSMARK_CONFIG": "", "PYTHONPATH": str(CHECKOUT)}
    result = subprocess.run(
        [sys.executable, "-m", "tui.cli", *(named.get(arg, arg) for arg in command)],
        capture_output=True,
        env=env,
        timeout=HANG_LIMIT,
        cwd=CHECKOUT,
    )
    assert result.returncode == 0, result.stderr
    text = result.stdout.decode("utf-8")  # valid UTF-8 throughout
    assert "uniq\\xff.txt" in text.replace("\\\\", "\\")


def test_a_split_export_and_its_import_keep_an_escaped_file_name(tmp_path: Path, store_root: Path, undecodable: Path) -> None:
    cli("tag", str(undecodable), "2", "concern", store=store_root)
    team = tmp_path / "team"
    assert cli("export", "--split", str(team), str(undecodable), store=store_root).returncode == 0
    [written] = team.rglob("*.yaml")
    assert "uniq\\xff.txt" in written.read_bytes().decode("utf-8")
    other = tmp_path / "other-store"
    assert cli("import", str(team), store=other).returncode == 0
    assert "uniq\\xff.txt" in cli("export", store=other).stdout


def test_an_error_line_writes_a_name_that_is_not_utf8_as_the_library_does(tmp_path: Path, store_root: Path, undecodable: Path) -> None:
    """``newsmark: caf\\xe9.txt: empty file``, as exports and the library write the name
    (it said ``caf\\udce9.txt``, Python's stand-in for the byte)."""
    empty = Path(os.fsdecode(os.fsencode(undecodable.parent) + b"/caf\xe9.txt"))
    empty.write_bytes(b"")
    assert one_error_line(cli("parse", str(empty), store=store_root)) == f"newsmark: {undecodable.parent}/caf\\xe9.txt: empty file"
    result = cli("stats", str(undecodable.parent), store=store_root)
    assert "caf\\xe9.txt" in result.stderr and "uniq\\xff.txt" in result.stdout, result
    assert "\\udc" not in result.stdout + result.stderr


def test_serve_of_a_folder_with_a_symlink_loop_names_it_and_serves(hostile_folder: Path, store_root: Path, tmp_path: Path) -> None:
    import signal
    import socket
    import time

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = int(probe.getsockname()[1])

    def listening() -> bool:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return True
        except OSError:
            return False

    env = {**os.environ, "NEWSMARK_DB": str(store_root), "NEWSMARK_ANNOTATOR": "cli", "NEWSMARK_CONFIG": "", "PYTHONPATH": str(CHECKOUT)}
    with open(tmp_path / "serve.out", "w") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "tui.cli", "serve", str(hostile_folder), "--port", str(port)],
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            cwd=CHECKOUT,
        )
    try:  # until it listens or exits (a crash): checked again after each short pause
        deadline = time.monotonic() + HANG_LIMIT
        while not listening() and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.2)
        assert process.poll() is None and listening(), (tmp_path / "serve.out").read_text()
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(HANG_LIMIT)
    output = (tmp_path / "serve.out").read_text()
    assert "internal error" not in output
    assert f"{hostile_folder / 'l1.txt'}: cannot read: Too many levels of symbolic links" in output


def test_a_fifo_put_in_place_of_a_regular_file_after_its_check_is_refused_not_waited_on(tmp_path: Path) -> None:
    """The check (``stat``) and the opening are two steps: a FIFO swapped in between is
    caught once open (``O_NONBLOCK``, then ``fstat``) instead of blocking the open."""
    fifo = tmp_path / "swapped.txt"
    os.mkfifo(fifo)
    regular = tmp_path / "regular.txt"
    regular.write_text("Some text.\n")
    script = f"""
import os, sys
from pathlib import Path
from annotations import files
from annotations.errors import ArticleError
real_stat = os.stat
files.os.stat = lambda path, *a, **k: real_stat({str(regular)!r}) if str(path) == {str(fifo)!r} else real_stat(path, *a, **k)
try:
    files.read_user_file(Path({str(fifo)!r}), ArticleError, what="an article file", max_bytes=1000, streams=True)
except ArticleError as error:
    print(error.reason)
"""
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=HANG_LIMIT, cwd=CHECKOUT)
    assert result.stdout.strip() == "was replaced while being opened; try again", result.stderr
