"""Where a URL may lead and how long it may take: host names that are not host names, user
names and passwords never kept, the policy on private addresses, and the time limit of the
whole fetch, lookups included. Servers are local (127.0.0.1, 127.0.0.2); a test that needs a
"public" server gives the policy a classifier that calls 127.0.0.1 public."""

from __future__ import annotations

import ipaddress
import json
import os
import re
import socket
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from annotations.formats.registry import articles_in
from annotations.web.fetch import FetchLimits, WebError, fetch_page
from annotations.web.pages import WebPages, kept_source
from annotations.web.targets import Address, TargetPolicy, is_public_address

WEB = Path(__file__).resolve().parent / "data" / "web"
STORY = (WEB / "furniture.html").read_bytes()
TIMEOUT = "0.5"


class Server:
    """A local HTTP server: ``pages`` (path → body), ``redirects`` (path → Location), the
    paths it was asked for; ``/trickle`` sends its headers a byte at a time until released."""

    def __init__(self, address: str) -> None:
        self.pages: dict[str, bytes] = {}
        self.redirects: dict[str, str] = {}
        self.asked: list[tuple[str, str]] = []
        self.release = threading.Event()
        state = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                state.asked.append((self.path, self.headers.get("Host", "")))
                path = self.path.partition("?")[0]
                if path == "/trickle":
                    for byte in b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nX-Slow: " + b"x" * 10_000:
                        if state.release.wait(0.2):
                            return
                        try:
                            self.wfile.write(bytes([byte]))
                            self.wfile.flush()
                        except OSError:  # the client gave up, as it should
                            return
                    return
                if path in state.redirects:
                    self.send_response(302)
                    self.send_header("Location", state.redirects[path])
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                body = state.pages.get(path)
                self.send_response(200 if body is not None else 404)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body or b"")))
                self.end_headers()
                self.wfile.write(body or b"")

            def log_message(self, format: str, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer((address, 0), Handler)
        self.server.daemon_threads = True
        self.base = f"http://{address}:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def url(self, path: str) -> str:
        return self.base + path

    def close(self) -> None:
        self.release.set()
        self.server.shutdown()
        self.server.server_close()
        self.thread.join()


@pytest.fixture
def servers() -> Iterator[Callable[[str], Server]]:
    started: list[Server] = []

    def start(address: str) -> Server:
        server = Server(address)
        server.pages["/story"] = STORY
        started.append(server)
        return server

    try:
        yield start
    finally:
        for server in started:
            server.close()


def newsmark(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "NEWSMARK_PAGES": str(tmp_path / "pages"),
        "NEWSMARK_DB": str(tmp_path / "store"),
        "NEWSMARK_WEB_TIMEOUT": TIMEOUT,
        "NEWSMARK_CONFIG": str(tmp_path / "config.yaml"),
    }
    (tmp_path / "config.yaml").touch()
    return subprocess.run([sys.executable, "-m", "tui.cli", *args], capture_output=True, text=True, timeout=120, env=env)


LONG_LABEL = "a" * 64
MALFORMED = [
    ("http://a..b/", "the host name a..b has an empty label"),
    (f"http://{LONG_LABEL}.example/", "the host name has a label longer than 63 characters"),
    ("http://xn--/", "the host name xn-- has a label that is not valid IDNA (xn--)"),
    ("http:///x", "the URL names no host"),
]


@pytest.mark.parametrize(("url", "reason"), MALFORMED, ids=["empty-label", "long-label", "bad-a-label", "no-host"])
@pytest.mark.parametrize("command", ["parse", "add"])
def test_a_host_name_that_is_not_one_is_one_line(tmp_path: Path, url: str, reason: str, command: str) -> None:
    result = newsmark(tmp_path, command, url)
    assert result.returncode == 2, result.stderr
    assert result.stderr.splitlines()[0] == f"newsmark: {url}: not a URL newsmark can fetch: {reason}"
    assert "internal error" not in result.stderr and "redirected" not in result.stderr
    assert not (tmp_path / "pages").exists()


def test_a_redirect_to_a_malformed_host_name_is_one_line(tmp_path: Path, servers: Callable[[str], Server]) -> None:
    site = servers("127.0.0.1")
    site.redirects["/moved"] = "http://a..b/story"
    result = newsmark(tmp_path, "parse", site.url("/moved"))
    assert result.returncode == 2
    assert result.stderr == (
        f"newsmark: {site.url('/moved')}: redirected to http://a..b/story, which is not a URL newsmark can fetch: "
        "the host name a..b has an empty label\n"
    )


def test_a_user_name_and_password_are_never_kept_nor_shown(tmp_path: Path, servers: Callable[[str], Server]) -> None:
    site = servers("127.0.0.1")
    port = site.url("").rpartition(":")[2]
    site.redirects["/short"] = f"http://carol:secret@127.0.0.1:{port}/story?token=abc"
    url = f"http://alice:hunter2@127.0.0.1:{port}/short?token=abc"
    result = newsmark(tmp_path, "parse", url)
    assert result.returncode == 0, result.stderr
    [copy] = articles_in(tmp_path / "pages")
    sidecar = copy.with_suffix(".json").read_text(encoding="utf-8")
    assert "hunter2" not in sidecar and "secret" not in sidecar and "alice" not in sidecar
    data = json.loads(sidecar)
    assert data["url"] == site.url("/short?token=abc")  # the query is kept as written
    assert data["final_url"] == site.url("/story?token=abc")
    assert WebPages(tmp_path / "pages").path_of(url) == copy  # the same page, with or without them
    # A copy kept before: the info panel shows no password either.
    data["url"], data["final_url"] = url, f"http://carol:secret@127.0.0.1:{port}/story"
    copy.with_suffix(".json").write_text(json.dumps(data), encoding="utf-8")
    assert kept_source(copy)[:2] == [("Fetched from", site.url("/short?token=abc")), ("Redirected to", site.url("/story"))]
    failed = newsmark(tmp_path, "add", f"http://alice:hunter2@127.0.0.1:{port}/missing")
    assert failed.returncode == 2 and "hunter2" not in failed.stderr
    assert failed.stderr.startswith(f"newsmark: {site.url('/missing')}: HTTP 404")


@pytest.mark.parametrize(
    "address",
    [
        "127.0.0.1",
        "127.8.9.10",
        "::1",
        "10.1.2.3",
        "172.16.0.1",
        "172.31.255.255",
        "192.168.1.1",
        "169.254.169.254",
        "fc00::1",
        "fd12:3456::1",
        "fe80::1",
        "0.0.0.0",
        "::",
        "::ffff:127.0.0.1",
        "::ffff:10.0.0.1",
        "100.64.0.1",
        "224.0.0.1",
    ],
)
def test_loopback_private_and_link_local_addresses_are_not_public(address: str) -> None:
    assert not is_public_address(ipaddress.ip_address(address))


@pytest.mark.parametrize("address", ["93.184.216.34", "8.8.8.8", "172.32.0.1", "2606:4700::6810:85e5", "::ffff:8.8.8.8"])
def test_internet_addresses_are_public(address: str) -> None:
    assert is_public_address(ipaddress.ip_address(address))


def loopback_one_is_public(address: Address) -> bool:
    """The test's stand-in for the internet: 127.0.0.1 counts as public, the rest as the rules say."""
    return str(address) == "127.0.0.1" or is_public_address(address)


def test_a_redirect_from_a_public_address_to_a_private_one_is_refused(servers: Callable[[str], Server]) -> None:
    public = servers("127.0.0.1")
    private = servers("127.0.0.2")
    public.redirects["/innocent"] = private.url("/story")
    public.redirects["/metadata"] = "http://169.254.169.254/latest/meta-data/"
    limits = FetchLimits(timeout=5)
    policy = TargetPolicy(is_public=loopback_one_is_public)
    with pytest.raises(WebError) as error:
        fetch_page(public.url("/innocent"), limits, policy=policy)
    assert str(error.value) == (
        f"{public.url('/innocent')}: redirected from a public address to a private one, 127.0.0.2 "
        "(refused unless the config says web_allow_private_redirects: true)"
    )
    with pytest.raises(WebError, match=re.escape("to a private one, 169.254.169.254 ")):
        fetch_page(public.url("/metadata"), limits, policy=policy)
    assert private.asked == []  # refused before any connection
    allowed = fetch_page(
        public.url("/innocent"), limits, policy=TargetPolicy(allow_private_redirects=True, is_public=loopback_one_is_public)
    )
    assert allowed.content == STORY and allowed.final_url == private.url("/story")
    # A URL the analyst gives is fetched where it points, and private to private is no move.
    private.redirects["/here"] = "/story"
    assert fetch_page(private.url("/here"), limits, policy=policy).content == STORY


def test_a_name_is_connected_to_at_the_address_looked_up_and_checked(servers: Callable[[str], Server]) -> None:
    """The address checked is the one connected to: a name that would resolve to a private
    address on a second lookup (DNS rebinding) gets no second lookup."""
    site = servers("127.0.0.1")
    port = int(site.url("").rpartition(":")[2])
    lookups: list[str] = []

    def resolver(host: str, port: int) -> list[str]:
        lookups.append(host)
        return ["127.0.0.1"] if len(lookups) == 1 else ["127.0.0.2"]

    page = fetch_page(f"http://news.example:{port}/story", FetchLimits(timeout=5), resolver=resolver)
    assert page.content == STORY and lookups == ["news.example"]
    assert site.asked == [("/story", f"news.example:{port}")]


def test_serve_on_a_shared_address_fetches_no_private_address(tmp_path: Path, servers: Callable[[str], Server]) -> None:
    site = servers("127.0.0.1")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = site.url("/story")
    result = newsmark(tmp_path, "serve", "--host", "0.0.0.0", "--port", str(port), url)
    assert result.returncode == 2
    assert result.stderr == f"newsmark: {url}: 127.0.0.1 is a private address, which newsmark serve on a shared address does not fetch\n"
    assert site.asked == []


def test_the_config_allows_private_redirects_only_when_it_says_true(tmp_path: Path) -> None:
    from annotations.config import resolve_settings
    from annotations.errors import ConfigError

    config = tmp_path / "config.yaml"
    config.write_text("web_allow_private_redirects: true\n", encoding="utf-8")
    assert resolve_settings(config=str(config), environ={}).web_allow_private_redirects is True
    config.write_text("annotator: ana\n", encoding="utf-8")
    assert resolve_settings(config=str(config), environ={}).web_allow_private_redirects is False
    config.write_text("web_allow_private_redirects: yes please\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="web_allow_private_redirects: must be true or false"):
        resolve_settings(config=str(config), environ={})


def test_headers_sent_a_byte_at_a_time_are_stopped_by_the_whole_fetchs_limit(tmp_path: Path, servers: Callable[[str], Server]) -> None:
    """Each byte comes well within the read timeout; the whole fetch's limit must still hold."""
    site = servers("127.0.0.1")
    url = site.url("/trickle")
    result = newsmark(tmp_path, "parse", url)
    assert result.returncode == 2
    assert result.stderr == f"newsmark: {url}: too slow (not complete within {4 * float(TIMEOUT):g} seconds)\n"
    assert not (tmp_path / "pages").exists()


def test_a_resolver_that_never_answers_is_given_up_at_the_timeout() -> None:
    never = threading.Event()

    def blackhole(host: str, port: int) -> list[str]:
        never.wait()
        return []

    try:
        with pytest.raises(WebError) as error:
            fetch_page("http://news.example/story", FetchLimits(timeout=0.5), resolver=blackhole)
    finally:
        never.set()
    assert str(error.value) == "http://news.example/story: no answer within 0.5 seconds (timed out looking up news.example)"
