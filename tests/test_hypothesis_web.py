"""A news page a browser annotated with Hypothesis, kept by ``newsmark add URL`` from a
local HTTP server on 127.0.0.1: the annotations find the page by their ``uri`` and land
on its words although the browser counted positions in the whole page (menus
included); ``export --format w3c`` names the page by its URL."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from .test_cli_daily import newsmark
from .test_hypothesis_import import MENUS, row

STORY = (Path(__file__).resolve().parent / "data" / "web" / "furniture.html").read_bytes()


@pytest.fixture
def page_url(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """The URL of a news page served on 127.0.0.1, its pages folder in ``tmp_path``."""
    monkeypatch.setenv("NEWSMARK_PAGES", str(tmp_path / "pages"))

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(STORY)))
            self.end_headers()
            self.wfile.write(STORY)

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/news/harbour"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def sentences(url: str) -> list[dict[str, Any]]:
    result = newsmark("parse", url, "--json")
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    return [s for section in document["sections"] for paragraph in section["paragraphs"] for s in paragraph]


def test_hypothesis_annotations_of_a_kept_page_land_on_its_words_and_export_under_its_url(tmp_path: Path, page_url: str) -> None:
    added = newsmark("add", page_url)
    assert added.returncode == 0, added.stderr
    third, fourth = sentences(page_url)[2:4]
    words = " ".join(third["text"].split()[1:4])
    inner = third["text"].index(words)
    rows = [
        row(
            words,
            third["text"][:inner],
            third["text"][inner + len(words) :][:30],
            start=third["start"] + inner + MENUS,
            tags=["Claim"],
            text="Check",
        ),
        row(third["text"] + " " + fourth["text"][:12], "", "", start=third["start"] + MENUS, tags=["source"], number=2),
    ]
    for item in rows:
        item["uri"] = page_url
    path = tmp_path / "hypothesis.json"
    path.write_text(json.dumps({"total": 2, "rows": rows}), encoding="utf-8")
    store = tmp_path / "store"
    result = newsmark("import", str(path), "--from", "hypothesis", store=store)
    assert result.returncode == 0, result.stderr
    assert "imported 2 annotation(s): 1 as spans, 1 on sentences, 0 orphaned" in result.stdout
    exported = newsmark("export", "--format", "w3c", store=store)
    assert exported.returncode == 0, exported.stderr
    items = json.loads(exported.stdout)["first"]["items"]
    assert {item["target"]["source"] for item in items} == {page_url}
    quotes = sorted(item["target"]["selector"][0]["exact"] for item in items)
    assert quotes == sorted([words, third["text"], fourth["text"]])
    assert {item["creator"]["name"] for item in items} == {"bo_reporter"}
