"""``newsmark serve`` answers only the analyst who started it: a real server on 127.0.0.1 (a
subprocess), real HTTP requests and real websocket handshakes. The page and the websocket
need the token printed on serve's first line; a foreign ``Host`` (DNS rebinding) or a foreign
``Origin`` (another site's page) gets 403."""

from __future__ import annotations

import asyncio
import http.client
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import aiohttp
import pytest

from tests.test_serve import WAIT_LIMIT, free_port, listening, newsmark_env, poll
from tui.cli.serve_guard import Guard, token_problem

TOKEN = "fixed-token-for-the-test-0123456789"


@dataclass
class Served:
    """A running ``newsmark serve``: its port and the first line it printed."""

    port: int
    first_line: str

    @property
    def origin(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def token(self) -> str:
        return parse_qs(urlsplit(self.first_line).query)["token"][0]


@contextmanager
def serving(tmp_path: Path, article: Path, *options: str) -> Iterator[Served]:
    """``newsmark serve ARTICLE OPTIONS...`` once it listens and has printed its address."""
    port = free_port()
    output = tmp_path / f"serve-{port}.txt"
    with output.open("wb") as sink:
        process = subprocess.Popen(
            [sys.executable, "-m", "tui.cli", "serve", str(article), "--port", str(port), *options],
            env=newsmark_env(tmp_path / "store"),
            stdout=sink,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        poll(lambda: listening(port) or process.poll() is not None, "newsmark serve to listen", lambda: time.sleep(0.2))
        assert process.poll() is None, output.read_text()
        yield Served(port, output.read_text().splitlines()[0])
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=WAIT_LIMIT)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


@pytest.fixture
def served(tmp_path: Path, article_copy: Path) -> Iterator[Served]:
    """``newsmark serve ARTICLE`` with a new random token."""
    with serving(tmp_path, article_copy) as server:
        yield server


@dataclass
class Reply:
    status: int
    headers: http.client.HTTPMessage
    body: bytes


def get(port: int, target: str, headers: dict[str, str] | None = None) -> Reply:
    """``GET target`` from 127.0.0.1:PORT (``headers`` may name another ``Host``)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=WAIT_LIMIT)
    try:
        connection.request("GET", target, headers=headers or {})
        response = connection.getresponse()
        return Reply(response.status, response.headers, response.read())
    finally:
        connection.close()


def handshake(served: Served, target: str, headers: dict[str, str]) -> int:
    """The status of a websocket handshake on ``target`` (101 once upgraded: then closed at once)."""

    async def connect() -> int:
        async with aiohttp.ClientSession() as session:
            try:
                socket = await session.ws_connect(
                    f"http://127.0.0.1:{served.port}{target}", headers=headers, timeout=aiohttp.ClientWSTimeout(ws_close=5)
                )
            except aiohttp.WSServerHandshakeError as refused:
                return refused.status
            await socket.close()
            return 101

    return asyncio.run(connect())


def test_the_first_line_is_the_address_with_a_fresh_token(served: Served) -> None:
    assert served.first_line == f"http://127.0.0.1:{served.port}/?token={served.token}"
    assert token_problem(served.token) is None and len(served.token) >= 40


def test_the_page_needs_the_token(served: Served) -> None:
    assert get(served.port, "/").status == 403
    assert get(served.port, "/?token=wrong-token-of-the-right-shape").status == 403
    assert get(served.port, "/static/js/textual.js").status == 403
    page = get(served.port, f"/?token={served.token}")
    assert page.status == 200
    cookie = page.headers["Set-Cookie"]
    assert served.token in cookie and "HttpOnly" in cookie and "SameSite=Strict" in cookie
    remembered = {"Cookie": cookie.split(";", 1)[0]}
    assert get(served.port, "/static/js/textual.js", remembered).status == 200


def test_a_foreign_host_is_refused_even_with_the_token(served: Served) -> None:
    # DNS rebinding: `curl -H 'Host: evil.example:PORT' http://127.0.0.1:PORT/`
    assert get(served.port, f"/?token={served.token}", {"Host": f"evil.example:{served.port}"}).status == 403
    assert get(served.port, f"/?token={served.token}", {"Host": "127.0.0.1:1"}).status == 403


def test_the_websocket_needs_the_token_and_the_same_origin(served: Served) -> None:
    same_origin = {"Origin": served.origin}
    assert handshake(served, "/ws", {"Origin": "http://evil.example"}) == 403
    assert handshake(served, f"/ws?token={served.token}", {"Origin": "http://evil.example"}) == 403
    assert handshake(served, f"/ws?token={served.token}", {"Origin": "null"}) == 403
    assert handshake(served, "/ws?width=80&height=24", same_origin) == 403
    # as the page's script connects: the cookie its first request got, the page's origin
    cookie = get(served.port, f"/?token={served.token}").headers["Set-Cookie"].split(";", 1)[0]
    assert handshake(served, "/ws?width=80&height=24", {**same_origin, "Cookie": cookie}) == 101


def test_behind_a_reverse_proxy_the_public_address_is_the_served_one(tmp_path: Path, article_copy: Path) -> None:
    # as Caddy (or nginx with `proxy_set_header Host $host`) passes the browser's request on
    with serving(tmp_path, article_copy, "--public-url", "https://news.example.org/", "--token", TOKEN) as proxied:
        assert proxied.first_line == f"https://news.example.org/?token={TOKEN}"
        public = {"Host": "news.example.org", "Origin": "https://news.example.org"}
        page = get(proxied.port, f"/?token={TOKEN}", public)
        assert page.status == 200 and "Secure" in page.headers["Set-Cookie"]
        assert b"wss://news.example.org/ws" in page.body
        assert get(proxied.port, f"/?token={TOKEN}").status == 403  # 127.0.0.1:PORT is not the address served
        assert handshake(proxied, f"/ws?token={TOKEN}", public) == 101
        assert handshake(proxied, f"/ws?token={TOKEN}", {**public, "Origin": "http://news.example.org"}) == 403


def test_a_token_can_be_fixed_and_a_weak_one_is_refused(tmp_path: Path, article_copy: Path) -> None:
    def serve(*args: str, config: str = "") -> subprocess.CompletedProcess[str]:
        env = {**newsmark_env(tmp_path / "store"), "NEWSMARK_CONFIG": config}
        return subprocess.run(
            [sys.executable, "-m", "tui.cli", "serve", str(article_copy), *args],
            env=env,
            capture_output=True,
            text=True,
            timeout=WAIT_LIMIT,
        )

    short = serve("--token", "abc")
    assert short.returncode == 2 and short.stderr == "newsmark: --token: must be at least 16 characters\n"
    assert serve("--token", "spaces are not url safe").stderr == "newsmark: --token: may hold only letters, digits and - . _ ~\n"
    config = tmp_path / "config.yaml"
    config.write_text("serve_token: short\n", encoding="utf-8")
    assert serve(config=str(config)).stderr == f"newsmark: {config}: serve_token: must be at least 16 characters\n"
    bad_url = serve("--public-url", "https://news.example.org/reader")
    assert bad_url.returncode == 2 and "--public-url" in bad_url.stderr


def test_a_port_in_use_is_one_line_not_a_crash(tmp_path: Path, article_copy: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        env = newsmark_env(tmp_path / "store")
        done = subprocess.run(
            [sys.executable, "-m", "tui.cli", "serve", str(article_copy), "--port", str(port)],
            env=env,
            capture_output=True,
            text=True,
            timeout=WAIT_LIMIT,
        )
    assert done.returncode == 2, done.stderr
    assert done.stderr == f"newsmark: cannot listen on 127.0.0.1 port {port}: Address already in use\n"


def test_the_guard_compares_hosts_and_origins_as_addresses() -> None:
    guard = Guard("http://127.0.0.1:8123", TOKEN)
    assert guard.url == f"http://127.0.0.1:8123/?token={TOKEN}"
    assert guard.host_allowed("127.0.0.1:8123") and guard.host_allowed("127.0.0.1:8123".upper())
    assert not any(guard.host_allowed(h) for h in (None, "", "evil.example:8123", "127.0.0.1", "127.0.0.1:80", "a@127.0.0.1:8123", "[::1"))
    assert guard.origin_allowed(None) and guard.origin_allowed("http://127.0.0.1:8123")
    assert not any(guard.origin_allowed(o) for o in ("null", "https://127.0.0.1:8123", "http://evil.example", "http://127.0.0.1:8124"))
    assert guard.token_matches(TOKEN) and not any(guard.token_matches(t) for t in (None, "", TOKEN[:-1], TOKEN + "x", "\udcff"))
    proxied = Guard("https://news.example.org", TOKEN)
    assert proxied.host_allowed("news.example.org") and proxied.host_allowed("news.example.org:443")
    assert proxied.origin_allowed("https://news.example.org") and not proxied.origin_allowed("http://news.example.org")
