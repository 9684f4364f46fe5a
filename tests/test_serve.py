"""``newsmark serve``: the reader in a real browser (Debian's Chromium, driven headless by
Playwright) opened at the address serve prints (with its token), a tag pressed there lands
in the store; a non-local host warns."""

from __future__ import annotations

import argparse
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
import yaml

from tui.cli.commands import serve as serve_command

#: A bound on each wait (a loaded 2-core machine starts Chromium and the reader slowly);
#: every wait ends as soon as its condition holds.
WAIT_LIMIT = 180.0
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
_ANSI = re.compile(r"\x1b\[[0-9;?<>=]*[ -/]*[@-~]|\x1b[()][0-9A-Za-z]|\x1b[=>78]")


def chromium() -> str:
    """The system's Chromium, or a skip saying why there is none."""
    found = shutil.which("chromium") or ("/usr/bin/chromium" if os.path.exists("/usr/bin/chromium") else None)
    if found is None:
        pytest.skip("no Chromium: `apt-get install chromium` (.ci/run installs it when it can) to test newsmark serve in a browser")
    return found


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def poll(condition: Callable[[], object], what: str, pause: Callable[[], None], limit: float = WAIT_LIMIT) -> None:
    """Wait until ``condition()`` holds, checking again after each ``pause()``; fail naming ``what``."""
    deadline = time.monotonic() + limit
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"gave up after {limit:.0f} s waiting for {what}")
        pause()


def listening(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1):
            return True
    except OSError:
        return False


def newsmark_env(store: Path) -> dict[str, str]:
    return {**os.environ, "NEWSMARK_DB": str(store), "NEWSMARK_ANNOTATOR": "ana", "NEWSMARK_CONFIG": ""}


@contextmanager
def served(article: Path, store: Path, port: int) -> Iterator[str]:
    """``newsmark serve ARTICLE --port PORT`` in its own process group, once it listens: the address it printed first."""
    output = store.parent / f"serve-{port}.out"
    with output.open("wb") as sink:
        process = subprocess.Popen(
            [sys.executable, "-m", "tui.cli", "serve", str(article), "--port", str(port)],
            env=newsmark_env(store),
            stdout=sink,
            stderr=subprocess.PIPE,
            start_new_session=True,
        )
    try:
        poll(lambda: listening(port) or process.poll() is not None, "newsmark serve to listen", lambda: time.sleep(0.2))
        assert process.poll() is None, (process.stderr.read() if process.stderr else b"").decode()
        yield output.read_text(encoding="utf-8").splitlines()[0]
    finally:
        with_group = process.pid  # the server and the readers it started share its session
        try:
            os.killpg(with_group, signal.SIGTERM)
            process.wait(timeout=30)
        except ProcessLookupError:
            pass
        except subprocess.TimeoutExpired:
            os.killpg(with_group, signal.SIGKILL)
            process.wait()


def stored_tags(store: Path) -> list[tuple[int, list[str]]]:
    """``(sentence, tags)`` of every record, read back by ``newsmark export`` (a subprocess)."""
    done = subprocess.run([sys.executable, "-m", "tui.cli", "export"], env=newsmark_env(store), capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    document: dict[str, Any] = yaml.safe_load(done.stdout) or {}
    return [(r["sentence"], r["tags"]) for a in document.get("articles", []) for r in a["annotations"]]


def test_a_tag_pressed_in_the_browser_lands_in_the_store(tmp_path: Path, article_copy: Path) -> None:
    executable = chromium()
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright (the test extra) is not installed")
    store = tmp_path / "store"
    port = free_port()
    screen = bytearray()  # everything the reader sent to the browser's terminal

    def shown() -> str:
        return _ANSI.sub("", screen.decode("utf-8", errors="replace"))

    with served(article_copy, store, port) as address, sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch_persistent_context(
            tempfile.mkdtemp(dir=tmp_path, prefix="chromium-profile-"),
            executable_path=executable,
            headless=True,
            args=CHROMIUM_ARGS,
        )
        try:
            page = browser.new_page()
            local = f"http://127.0.0.1:{port}/"
            assert address.startswith(f"{local}?token=")
            # Nothing but the server: the page's web font would otherwise hold its script back offline.
            page.route("**/*", lambda route: route.continue_() if route.request.url.startswith(local) else route.abort())
            page.on("websocket", lambda ws: ws.on("framereceived", lambda data: screen.extend(data) if isinstance(data, bytes) else None))
            page.goto(address, wait_until="domcontentloaded", timeout=WAIT_LIMIT * 1000)

            def pause() -> None:
                page.wait_for_timeout(250)  # lets Playwright deliver the terminal's frames meanwhile

            poll(lambda: "sentence 1/21" in shown() and "0 tagged" in shown(), "the reader in the browser", pause)
            page.focus(".xterm-helper-textarea")
            page.keyboard.press("f")  # the figure tag's key, on sentence 1
            poll(lambda: (1, ["figure"]) in stored_tags(store), "the tag in the store", pause)
            poll(lambda: "1 tagged" in shown(), "the reader to show it", pause)
        finally:
            browser.close()


def test_a_non_local_host_warns_and_the_reader_gets_the_same_store(
    tmp_path: Path, article_copy: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    started: list[dict[str, Any]] = []

    class Server:
        def __init__(self, command: str, **options: Any) -> None:
            started.append({"command": command, **options})

        def serve(self) -> None:
            pass

    monkeypatch.setattr("tui.cli.serve_guard.GuardedServer", Server)
    store = tmp_path / "my store"
    config = tmp_path / "config.yaml"
    config.write_text("annotator: ana\n", encoding="utf-8")
    args = argparse.Namespace(
        paths=[str(article_copy)],
        host="0.0.0.0",
        port=8123,
        db=str(store),
        config=str(config),
        annotator_name="bo",
        token=None,
        public_url=None,
    )
    assert serve_command.run(args) == 0
    printed = capsys.readouterr()
    warning = printed.err
    assert "warning: serving on 0.0.0.0" in warning and str(store) in warning and "as bo" in warning
    guard = started[0]["guard"]
    assert printed.out.splitlines()[0] == guard.url == f"http://{socket.getfqdn()}:8123/?token={guard.token}"
    command = started[0]["command"]
    assert f"'--db={store.resolve()}'" in command and "--annotator=bo" in command and f"--config={config}" in command
    assert command.endswith(f"-- {article_copy}") and started[0]["host"] == "0.0.0.0" and started[0]["port"] == 8123

    started.clear()
    serve_command.run(
        argparse.Namespace(
            paths=[str(article_copy)],
            host="127.0.0.1",
            port=8124,
            db=str(store),
            config=None,
            annotator_name=None,
            token=None,
            public_url=None,
        )
    )
    printed = capsys.readouterr()
    assert "warning" not in printed.err and started[0]["host"] == "127.0.0.1"
    assert printed.out.startswith("http://127.0.0.1:8124/?token=") and started[0]["guard"].token != guard.token


def test_serve_refuses_what_it_cannot_serve(tmp_path: Path, article_copy: Path) -> None:
    def serve(*args: str) -> subprocess.CompletedProcess[str]:
        env = newsmark_env(tmp_path / "store")
        return subprocess.run([sys.executable, "-m", "tui.cli", "serve", *args], env=env, capture_output=True, text=True, timeout=120)

    missing = serve(str(tmp_path / "nowhere.txt"))
    assert missing.returncode == 2 and missing.stderr == f"newsmark: {tmp_path / 'nowhere.txt'}: no such file or folder\n"
    empty = tmp_path / "empty"
    empty.mkdir()
    assert serve(str(empty)).stderr.startswith(f"newsmark: {empty}: no articles here")
    assert serve(str(article_copy), "--port", "70000").stderr == "newsmark: --port: 70000 is not a port (1-65535)\n"
