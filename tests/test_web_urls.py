"""Articles by URL, served by a local HTTP server the tests start on 127.0.0.1 (no test
touches the internet): the page reads as the saved page does, a copy is kept to read
offline, and every failure is one line naming the URL, exit status 2, nothing kept."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from annotations.formats.registry import articles_in

from .conftest import Notice

WEB = Path(__file__).resolve().parent / "data" / "web"
STORY = (WEB / "furniture.html").read_bytes()
NO_ARTICLE = b"<html><head><title>Home</title></head><body><nav><a href='/'>Home</a></nav></body></html>"
#: The Czech page without its <meta> charset: only the response header says Windows-1250.
CZECH = (
    (WEB / "legacy-cp1250.html").read_bytes().replace(b'<meta http-equiv="Content-Type" content="text/html; charset=windows-1250">', b"")
)
#: The Windows-1252 page without its <meta>, served as ISO-8859-1 (which browsers read as Windows-1252).
CAFE = (WEB / "legacy-cp1252.html").read_bytes().replace(b'<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">', b"")
#: The limits the CLI is run with: small, so the slow and big cases are quick.
TIMEOUT = "0.5"
MAX_BYTES = 20_000


@dataclass
class Site:
    """The test server's pages (path → status, content type, body) and what it saw."""

    base: str = ""
    pages: dict[str, tuple[int, str, bytes]] = field(default_factory=dict)
    redirects: dict[str, str] = field(default_factory=dict)
    encodings: dict[str, str] = field(default_factory=dict)
    agents: list[str] = field(default_factory=list)
    release: threading.Event = field(default_factory=threading.Event)

    def url(self, path: str) -> str:
        return self.base + path


@pytest.fixture
def site() -> Iterator[Site]:
    state = Site()
    state.pages.update(
        {
            "/news/2026/harbour-dredging": (200, "text/html; charset=utf-8", STORY),
            "/missing": (404, "text/html", b"<html><body><p>Not here.</p></body></html>"),
            "/report.pdf": (200, "application/pdf", b"%PDF-1.7 not a page"),
            "/big": (200, "text/html", STORY + b"<!--" + b"x" * (2 * MAX_BYTES) + b"-->"),
            "/home": (200, "text/html", NO_ARTICLE),
            "/cz/most": (200, "text/html; charset=windows-1250", CZECH),
            "/cafe": (200, "text/html; charset=ISO-8859-1", CAFE),
        }
    )
    state.redirects.update({"/short/7": "/news/2026/harbour-dredging", "/loop": "/loop"})

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            state.agents.append(self.headers.get("User-Agent", ""))
            if self.path == "/slow":
                state.release.wait()  # answers only when the test ends, long after the client's timeout
                return
            if self.path == "/dribble":  # a byte whenever 0.2 s pass without the test ending: never a read timeout
                self.send_response(200)
                self.send_header("Content-Type", "text/html")
                self.end_headers()
                self.wfile.write(b"<html><body><p>")
                while not state.release.wait(0.2):
                    try:
                        self.wfile.write(b" ")
                        self.wfile.flush()
                    except OSError:  # the client gave up, as it should
                        return
                return
            if self.path in state.redirects:
                self.send_response(302)
                self.send_header("Location", state.redirects[self.path])
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            status, content_type, body = state.pages.get(self.path, (404, "text/html", b"<p>no</p>"))
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            if self.path in state.encodings:
                self.send_header("Content-Encoding", state.encodings[self.path])
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    state.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        state.release.set()
        server.shutdown()
        server.server_close()
        thread.join()


@pytest.fixture
def pages(tmp_path: Path) -> Path:
    return tmp_path / "pages"


def newsmark(tmp_path: Path, *args: str, timeout: str = TIMEOUT) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "NEWSMARK_PAGES": str(tmp_path / "pages"),
        "NEWSMARK_DB": str(tmp_path / "store"),
        "NEWSMARK_WEB_TIMEOUT": timeout,
        "NEWSMARK_WEB_MAX_BYTES": str(MAX_BYTES),
    }
    return subprocess.run([sys.executable, "-m", "tui.cli", *args], capture_output=True, text=True, timeout=120, env=env)


def test_a_page_by_url_reads_as_the_saved_page(tmp_path: Path, site: Site, pages: Path) -> None:
    url = site.url("/news/2026/harbour-dredging")
    by_url = newsmark(tmp_path, "parse", "--json", url)
    assert by_url.returncode == 0, by_url.stderr
    saved = newsmark(tmp_path, "parse", "--json", str(WEB / "furniture.html"))
    assert json.loads(by_url.stdout) == json.loads(saved.stdout)
    assert json.loads(by_url.stdout)["meta"]["source"] == "The Coastal Ledger"
    import annotations

    assert site.agents == [f"newsmark/{annotations.__version__}"]
    [copy] = articles_in(pages)
    assert copy.name.startswith("127-0-0-1-harbour-dredging-") and copy.suffix == ".html"
    assert copy.read_bytes() == STORY
    sidecar = json.loads(copy.with_suffix(".json").read_text(encoding="utf-8"))
    assert sidecar["url"] == url and sidecar["final_url"] == url and sidecar["charset"] == "utf-8" and sidecar["fetched"]


def test_the_kept_pages_are_their_owners_alone(tmp_path: Path, site: Site, pages: Path) -> None:
    """A fetched page may be a paywalled or private one: the folder of kept pages and each
    copy and sidecar are the owner's only (0700/0600), as the store is (issue 30, item 5)."""
    import stat

    old = os.umask(0o022)
    try:
        result = newsmark(tmp_path, "parse", site.url("/news/2026/harbour-dredging"))
    finally:
        os.umask(old)
    assert result.returncode == 0, result.stderr
    [copy] = articles_in(pages)
    modes = {p.name: stat.S_IMODE(p.stat().st_mode) for p in (pages, copy, copy.with_suffix(".json"))}
    assert modes == {pages.name: 0o700, copy.name: 0o600, copy.with_suffix(".json").name: 0o600}


def test_a_redirect_is_followed_and_noted(tmp_path: Path, site: Site, pages: Path) -> None:
    url = site.url("/short/7")
    result = newsmark(tmp_path, "parse", url)
    assert result.returncode == 0, result.stderr
    assert "Harbour authority approves dredging plan" in result.stdout
    [copy] = articles_in(pages)
    assert json.loads(copy.with_suffix(".json").read_text(encoding="utf-8"))["final_url"] == site.url("/news/2026/harbour-dredging")


def test_the_charset_of_the_headers_decides_and_the_copy_reads_the_same_offline(tmp_path: Path, site: Site) -> None:
    url = site.url("/cz/most")
    first = newsmark(tmp_path, "parse", "--json", url)
    assert first.returncode == 0, first.stderr
    sentences = [s["text"] for s in json.loads(first.stdout)["sections"][0]["paragraphs"][0]]
    assert sentences == [
        "Městská rada ve čtvrtek schválila stavbu nového mostu přes řeku Svratku.",
        "Práce začnou v září a potrvají dva roky.",
    ]
    site.pages.clear()
    again = newsmark(tmp_path, "parse", "--json", url)
    assert again.returncode == 0, again.stderr
    assert json.loads(again.stdout) == json.loads(first.stdout)


FAILURES = [
    ("/missing", "HTTP 404 Not Found"),
    ("/slow", f"no answer within {TIMEOUT} seconds (timed out)"),
    ("/report.pdf", "not a web page (content type application/pdf)"),
    ("/big", f"too big ({len(STORY) + 4 + 2 * MAX_BYTES + 3:,} bytes; the limit is {MAX_BYTES:,})"),
    ("/home", "no article found in the web page"),
    ("/loop", "more than 5 redirects"),
]


@pytest.mark.parametrize(("path", "reason"), FAILURES, ids=[p for p, _ in FAILURES])
@pytest.mark.parametrize("command", ["parse", "tag", "open"])
def test_each_failure_is_one_line_and_keeps_nothing(tmp_path: Path, site: Site, pages: Path, path: str, reason: str, command: str) -> None:
    url = site.url(path)
    args = {"parse": ["parse", url], "tag": ["tag", url, "1", "claim"], "open": [url]}[command]
    # only the slow page needs the short timeout: on a loaded machine the others may take longer to answer
    result = newsmark(tmp_path, *args, timeout=TIMEOUT if path == "/slow" else "30")
    assert result.returncode == 2
    assert result.stderr == f"newsmark: {url}: {reason}\n"
    assert result.stdout == ""
    assert not pages.exists() or list(pages.iterdir()) == []
    assert not (tmp_path / "store").exists() or list((tmp_path / "store").rglob("*.json")) == []


def test_a_server_that_is_not_there_is_one_line(tmp_path: Path, site: Site, pages: Path) -> None:
    import socket

    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        url = f"http://127.0.0.1:{probe.getsockname()[1]}/news"
    result = newsmark(tmp_path, "parse", url)
    assert result.returncode == 2
    assert result.stderr.startswith(f"newsmark: {url}: cannot connect: ") and result.stderr.count("\n") == 1
    assert not pages.exists()


def test_tagged_by_url_then_read_offline_and_refreshed(tmp_path: Path, site: Site) -> None:
    url = site.url("/news/2026/harbour-dredging")
    tagged = newsmark(tmp_path, "tag", url, "2", "figure", "--note", "Check the cost")
    assert tagged.returncode == 0, tagged.stderr
    site.pages.clear()  # the site is gone: everything below reads the kept copy
    for args in (["parse", url], ["stats", url], ["export", url, "--format", "json"], ["orphans", url]):
        result = newsmark(tmp_path, *args)
        assert result.returncode == 0, (args, result.stderr)
    exported = json.loads(newsmark(tmp_path, "export", url, "--format", "json").stdout)
    [record] = exported["articles"][0]["annotations"]
    assert record["text"] == "The plan will cost 48 million euros over four years." and record["note"] == "Check the cost"
    assert exported["articles"][0]["meta"]["author"] == "Maria Okafor"
    undone = newsmark(tmp_path, "undo", url)
    assert undone.returncode == 0, undone.stderr
    assert newsmark(tmp_path, "redo", url).returncode == 0

    refreshed = newsmark(tmp_path, "parse", "--refresh", url)
    assert refreshed.returncode == 2 and refreshed.stderr == f"newsmark: {url}: HTTP 404 Not Found\n"
    assert newsmark(tmp_path, "parse", url).returncode == 0  # the failed refresh left the copy as it was
    site.pages["/news/2026/harbour-dredging"] = (200, "text/html", STORY.replace(b"48 million", b"52 million"))
    refreshed = newsmark(tmp_path, "parse", "--refresh", url)
    assert refreshed.returncode == 0, refreshed.stderr
    assert "The plan will cost 52 million euros over four years." in refreshed.stdout


def test_add_fetches_several_pages_without_the_reader(tmp_path: Path, site: Site, pages: Path) -> None:
    good = [site.url("/news/2026/harbour-dredging"), site.url("/cz/most")]
    result = newsmark(tmp_path, "add", good[0], site.url("/missing"), good[1], "not-a-url")
    assert result.returncode == 2
    lines = result.stderr.splitlines()
    assert lines[:2] == [f"newsmark: {site.url('/missing')}: HTTP 404 Not Found", "newsmark: not-a-url: not an http:// or https:// URL"]
    assert lines[2] == f"2 of 4 pages kept in {pages} (newsmark {pages} lists them)"
    kept = [Path(line) for line in result.stdout.splitlines()]
    assert sorted(kept) == list(articles_in(pages)) and len(kept) == 2
    listed = newsmark(tmp_path, "stats", str(pages))  # the folder reads as any folder of articles
    assert listed.returncode == 0, listed.stderr
    assert newsmark(tmp_path, "add", *good).returncode == 0


def test_a_host_that_does_not_resolve_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No lookup leaves the machine: the resolver is replaced by one that knows no host."""
    import socket

    from annotations.web.fetch import WebError
    from annotations.web.pages import WebPages

    def no_such_host(*args: object, **kwargs: object) -> object:
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", no_such_host)
    pages = WebPages(tmp_path / "pages")
    with pytest.raises(WebError) as error:
        pages.get("https://news.invalid/2026/story")
    assert str(error.value) == "https://news.invalid/2026/story: host not found: news.invalid (DNS lookup failed)"
    assert not (tmp_path / "pages").exists()


def test_page_names_are_readable_and_distinct() -> None:
    from annotations.web.pages import page_name

    name = page_name("https://www.Coastal-Ledger.example/news/2026/03/harbour-dredging-plan.html?ref=rss#comments")
    assert name.startswith("www-coastal-ledger-example-harbour-dredging-plan-") and name.endswith(".html")
    assert page_name("https://a.example/x?id=1") != page_name("https://a.example/x?id=2")
    assert page_name("https://a.example/story#top") == page_name("https://a.example/story")
    assert page_name("https://a.example/").startswith("a-example-")
    assert "/" not in page_name("https://a.example/" + "../" * 5 + "etc/passwd")


def test_the_reader_is_given_the_kept_copy_of_a_url(tmp_path: Path, site: Site, monkeypatch: pytest.MonkeyPatch) -> None:
    from tui.cli.parser import build_open_parser
    from tui.cli.urls import resolve_urls

    monkeypatch.setenv("NEWSMARK_PAGES", str(tmp_path / "pages"))
    url = site.url("/news/2026/harbour-dredging")
    args = build_open_parser().parse_args(["--refresh", url, str(WEB / "wire-story.html")])
    resolve_urls(args)
    [copy] = articles_in(tmp_path / "pages")
    assert args.paths == [str(copy), str(WEB / "wire-story.html")]


def test_a_page_that_never_ends_is_stopped_by_the_whole_fetchs_limit(tmp_path: Path, site: Site, pages: Path) -> None:
    url = site.url("/dribble")
    result = newsmark(tmp_path, "parse", url)
    assert result.returncode == 2
    assert result.stderr == f"newsmark: {url}: too slow (not complete within {4 * float(TIMEOUT):g} seconds)\n"
    assert not pages.exists()


def test_annotations_follow_their_sentence_when_a_refresh_brings_an_edited_page(tmp_path: Path, site: Site) -> None:
    url = site.url("/news/2026/harbour-dredging")
    assert newsmark(tmp_path, "tag", url, "3", "concern", "--note", "Which study?").returncode == 0
    edited = STORY.replace(
        b"<p>The harbour authority voted",
        b"<p>Update: the regional council confirmed the vote on Wednesday.</p><p>The harbour authority voted",
    )
    site.pages["/news/2026/harbour-dredging"] = (200, "text/html", edited)
    refreshed = newsmark(tmp_path, "parse", "--refresh", url)
    assert refreshed.returncode == 0, refreshed.stderr
    assert "1  Update: the regional council confirmed the vote on Wednesday." in refreshed.stdout
    exported = json.loads(newsmark(tmp_path, "export", url, "--format", "json").stdout)
    [record] = exported["articles"][0]["annotations"]
    assert (record["sentence"], record["note"], record["anchor"]) == (4, "Which study?", "moved")
    assert record["text"].startswith("Fishers' associations had asked the board")


def test_import_reads_no_url_as_an_article(tmp_path: Path, site: Site, pages: Path) -> None:
    url = site.url("/news/2026/harbour-dredging")
    result = newsmark(tmp_path, "import", url)
    assert result.returncode == 2 and result.stderr.endswith(": no such file\n")  # an export file's path, not fetched
    assert site.agents == [] and not pages.exists()


def test_a_latin_1_header_is_read_as_windows_1252_as_browsers_do(tmp_path: Path, site: Site) -> None:
    result = newsmark(tmp_path, "parse", "--json", site.url("/cafe"))
    assert result.returncode == 0, result.stderr
    sentences = [s["text"] for s in json.loads(result.stdout)["sections"][0]["paragraphs"][0]]
    assert sentences[1] == "“We cannot pay this in a bad summer,” said Zöe Müller, who runs a café on the quay."


def test_page_names_fit_a_file_name_whatever_the_hosts_length() -> None:
    """A legal host of three 63-character labels and a long last path segment: the name
    must stay within the 255 bytes file systems allow (else the fetch fails to keep it)."""
    from annotations.web.pages import page_name

    host = ".".join(["a" * 63] * 3)
    name = page_name(f"https://{host}/{'b' * 200}")
    assert len(name.encode()) + len(".json") - len(".html") <= 255
    assert len(name.encode()) <= 255
    assert page_name(f"https://{host}/x") != page_name(f"https://{host}/y")


@pytest.mark.parametrize(
    "other",
    ["HTTPS://A.Example/story?id=1", "https://a.example:443/story?id=1", "https://A.EXAMPLE:443/story?id=1#top"],
)
def test_one_page_is_one_copy_however_its_scheme_and_host_are_written(other: str) -> None:
    """Scheme and host are case-insensitive and :443 is https's own port: the same page,
    so one kept copy (and one set of annotations). The path and query stay case-sensitive."""
    from annotations.web.pages import page_name

    assert page_name(other) == page_name("https://a.example/story?id=1")
    assert page_name("https://a.example/Story?id=1") != page_name("https://a.example/story?id=1")
    assert page_name("http://a.example:8080/story") != page_name("http://a.example/story")


@pytest.mark.parametrize("url", ["http://[::1", "https://[news.example]/story"])
@pytest.mark.parametrize("command", ["parse", "add"])
def test_a_url_that_does_not_parse_is_one_line_not_an_internal_error(tmp_path: Path, pages: Path, url: str, command: str) -> None:
    result = newsmark(tmp_path, command, url)
    assert result.returncode == 2, result.stderr
    assert result.stderr.splitlines()[0].startswith(f"newsmark: {url}: not a URL newsmark can fetch: ")
    assert "internal error" not in result.stderr
    assert not pages.exists() or list(pages.iterdir()) == []


def test_a_compressed_page_is_decoded_within_the_limit_not_whole_first(site: Site) -> None:
    """A small gzip or deflate body that decodes to 50 MB: refused as too big, and the
    memory the fetch took stays near the limit, not the bomb's size; a body in an
    encoding newsmark does not decode (br, zstd...) is one line, whatever is installed."""
    import gzip
    import tracemalloc
    import zlib

    from annotations.web.fetch import FetchLimits, WebError, fetch_page

    bomb = b"<html><body><p>" + b"a" * 50_000_000
    site.pages["/bomb.gz"] = (200, "text/html", gzip.compress(bomb, compresslevel=9))
    site.encodings["/bomb.gz"] = "gzip"
    site.pages["/bomb.z"] = (200, "text/html", zlib.compress(bomb, 9))
    site.encodings["/bomb.z"] = "deflate"
    site.pages["/story.gz"] = (200, "text/html; charset=utf-8", gzip.compress(STORY))
    site.encodings["/story.gz"] = "gzip"
    site.pages["/story.br"] = (200, "text/html", b"not really brotli")
    site.encodings["/story.br"] = "br"
    limits = FetchLimits(timeout=5, max_bytes=100_000)  # more than the compressed bombs (~50 KB)
    for path in ("/bomb.gz", "/bomb.z"):
        tracemalloc.start()
        try:
            with pytest.raises(WebError) as error:
                fetch_page(site.url(path), limits)
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
        assert str(error.value) == f"{site.url(path)}: too big (more than {limits.max_bytes:,} bytes)"
        assert peak < 4_000_000, f"{path}: {peak:,} bytes at the peak"
    assert fetch_page(site.url("/story.gz"), FetchLimits(timeout=5)).content == STORY
    with pytest.raises(WebError) as error:
        fetch_page(site.url("/story.br"), limits)
    assert str(error.value) == f"{site.url('/story.br')}: compressed as br, which newsmark does not decode"


@pytest.mark.parametrize("target", ["file:///etc/passwd", "ftp://files.example/story.html"])
def test_a_redirect_to_another_scheme_names_where_it_led(tmp_path: Path, site: Site, pages: Path, target: str) -> None:
    """The user gave an http URL: the refusal must say the server redirected elsewhere,
    not that the user's URL is not one newsmark can fetch."""
    site.redirects["/elsewhere"] = target
    url = site.url("/elsewhere")
    result = newsmark(tmp_path, "parse", url)
    assert result.returncode == 2
    scheme = target.split(":")[0]  # httpx gives a host-less file:/// the host it came from
    assert result.stderr.startswith(f"newsmark: {url}: redirected to {scheme}://") and result.stderr.count("\n") == 1
    assert result.stderr.endswith(f"{target.rpartition('/')[2]}, which newsmark does not fetch (http:// and https:// only)\n")
    assert not pages.exists()


def test_the_progress_bar_shows_a_url_as_written_not_as_rich_markup(tmp_path: Path) -> None:
    """On a terminal, ``add`` shows each URL beside its bar: ``[bold red]`` in a URL is
    part of it, not a style that would hide it."""
    import pty
    import re
    import socket

    with socket.socket() as probe:  # a port nothing listens on: the fetch fails at once
        probe.bind(("127.0.0.1", 0))
        url = f"http://127.0.0.1:{probe.getsockname()[1]}/[bold red]x"
    main, secondary = pty.openpty()
    env = {
        **os.environ,
        "NEWSMARK_PAGES": str(tmp_path / "pages"),
        "NEWSMARK_DB": str(tmp_path / "store"),
        "TERM": "xterm",
        "COLUMNS": "200",
    }
    env.pop("NO_COLOR", None)
    process = subprocess.Popen(
        [sys.executable, "-m", "tui.cli", "add", url], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=secondary, env=env
    )
    os.close(secondary)
    output = b""
    while True:
        try:
            data = os.read(main, 65536)
        except OSError:  # the other end closed: the process is done
            break
        if not data:
            break
        output += data
    os.close(main)
    assert process.wait(timeout=120) == 2
    shown = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", output.decode("utf-8", "replace"))
    bar_lines = [line for line in re.split(r"[\r\n]+", shown) if line.startswith("fetching")]
    assert bar_lines, shown
    assert any(url in line for line in bar_lines), bar_lines


async def test_the_info_panel_of_a_fetched_page_says_where_from_and_when(tmp_path: Path, site: Site, pages: Path) -> None:
    """The URL asked for and the time lived only in the copy's sidecar; the info panel
    showed the page's own canonical link and a hashed file name (found in a tryout)."""
    import io

    from rich.console import Console

    from tui.widgets.panels import InfoPanel

    from .conftest import wait_until
    from .test_reader import make_app, reader

    url = site.url("/short/7")
    assert newsmark(tmp_path, "add", url).returncode == 0
    [copy] = articles_in(pages)
    sidecar = json.loads(copy.with_suffix(".json").read_text(encoding="utf-8"))
    app = make_app(tmp_path / "store", [copy])
    async with app.run_test(size=(100, 30)) as pilot:
        screen = reader(app)
        await pilot.press("i")
        await wait_until(pilot, lambda: screen.query("#info-text"), "the info panel")
        console = Console(width=200, record=True, color_system=None, file=io.StringIO())
        console.print(screen.query_one(InfoPanel).info_table())
        text = console.export_text()
    assert f"Fetched from  {url}" in text
    assert f"Redirected to {site.url('/news/2026/harbour-dredging')}" in text
    assert f"Fetched       {sidecar['fetched']}" in text


def test_a_page_fetched_by_url_is_extracted_once(tmp_path: Path, site: Site, monkeypatch: pytest.MonkeyPatch) -> None:
    """The fetch reads the page to check it holds an article, the command reads the copy
    kept: the extraction (seconds on a big page) runs once for both."""
    from annotations.formats import html
    from annotations.formats.loader import load_article
    from tui.cli.parser import build_open_parser
    from tui.cli.urls import resolve_urls

    extractions: list[int] = []
    extract = html._extract

    def counted(page: str) -> object:
        extractions.append(len(page))
        return extract(page)

    monkeypatch.setattr(html, "_extract", counted)
    monkeypatch.setenv("NEWSMARK_PAGES", str(tmp_path / "pages"))
    (tmp_path / "config.yaml").write_text("annotator: ana\n", encoding="utf-8")
    monkeypatch.setenv("NEWSMARK_CONFIG", str(tmp_path / "config.yaml"))
    site.pages["/once"] = (200, "text/html", STORY.replace(b"</body>", f"<!-- {tmp_path} --></body>".encode()))
    args = build_open_parser().parse_args([site.url("/once")])
    resolve_urls(args)
    article = load_article(args.paths[0])
    assert article.title == "Harbour authority approves dredging plan"
    assert len(extractions) == 1
    load_article(WEB / "wire-story.html")  # another page is read as itself
    assert len(extractions) == 2


@pytest.mark.parametrize("configured", [False, True])
async def test_e_on_a_page_by_url_writes_where_the_user_finds_it(
    tmp_path: Path, site: Site, pages: Path, monkeypatch: pytest.MonkeyPatch, notices: list[Notice], configured: bool
) -> None:
    """E on a page opened by URL wrote into the hidden folder of fetched pages."""
    from annotations.config import Settings
    from annotations.formats.loader import load_article
    from annotations.schema import TagSchema
    from annotations.store.folder import LockMode, Store
    from tui.app import NewsmarkApp

    from .conftest import wait_until

    here, exports = tmp_path / "here", tmp_path / "exports"
    here.mkdir()
    exports.mkdir()
    monkeypatch.chdir(here)
    assert newsmark(tmp_path, "add", site.url("/news/2026/harbour-dredging")).returncode == 0
    [copy] = articles_in(pages)
    article = load_article(copy)
    settings = Settings(store_path=tmp_path / "store", annotator="ana", schema=TagSchema(), export_folder=exports if configured else None)
    app = NewsmarkApp(settings, Store(tmp_path / "store", mode=LockMode.AUTO), article=article, paths=[copy])
    expected = (exports if configured else here) / "harbour-authority-approves-dredging-plan.newsmark.yaml"
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("1", "E")
        await wait_until(pilot, lambda: any(str(expected) in n.message for n in notices), "the export's full path named")
    assert expected.is_file() and not list(pages.glob("*.newsmark*"))


def test_stats_names_a_page_by_url_by_its_title_and_url(tmp_path: Path, site: Site) -> None:
    """stats showed the kept copy's file name (``127-0-0-1-harbour-dredging-….html``)."""
    url = site.url("/news/2026/harbour-dredging")
    assert newsmark(tmp_path, "tag", url, "2", "figure").returncode == 0
    table = newsmark(tmp_path, "stats")
    assert table.returncode == 0, table.stderr
    assert "Harbour authority approves dredging plan" in table.stdout and url in table.stdout and ".html" not in table.stdout
    [row] = json.loads(newsmark(tmp_path, "stats", "--json").stdout)["articles"]
    assert (row["title"], row["path"]) == ("Harbour authority approves dredging plan", url)
    header, line = newsmark(tmp_path, "stats", "--csv").stdout.splitlines()
    assert header.startswith("title,path,") and line.startswith(f"Harbour authority approves dredging plan,{url},")
    by_url = json.loads(newsmark(tmp_path, "stats", "--json", url).stdout)["articles"]
    assert [r["path"] for r in by_url] == [url]
