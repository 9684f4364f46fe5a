"""Hostile and damaged text: a UTF-8 file with a few invalid bytes stays UTF-8; an escape
sequence next to a byte that is not UTF-8 does not get a file refused; vertical tabs and
form feeds separate words; an image in Markdown is no sentence end; a note's paragraphs
and indentation survive into the brief."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from annotations.formats.hygiene import clean_field, clean_line
from annotations.formats.loader import load_article
from annotations.sentences.splitter import split_sentences


def cli(*args: str, store: Path) -> subprocess.CompletedProcess[bytes]:
    """``newsmark ARGS`` with its own store; stdout and stderr as bytes."""
    env = {**os.environ, "NEWSMARK_DB": str(store), "NEWSMARK_ANNOTATOR": "ana", "NEWSMARK_CONFIG": ""}
    return subprocess.run([sys.executable, "-m", "tui.cli", *args], capture_output=True, env=env, timeout=120)


def sentences(path: Path) -> list[str]:
    return [sentence.text for sentence in load_article(path).sentences]


# -- decoding ------------------------------------------------------------------------


def test_a_stray_invalid_byte_leaves_a_utf8_file_utf8(tmp_path: Path, store_root: Path) -> None:
    path = tmp_path / "cafe.txt"
    path.write_bytes("Café opened today. The owner was happy ".encode() + b"\xff" + " here. Crème brûlée for all.\n".encode())
    parsed = cli("parse", str(path), store=store_root)
    assert parsed.returncode == 0, parsed.stderr
    shown = parsed.stdout.decode("utf-8")
    assert "Café opened today." in shown and "Crème brûlée for all." in shown and "Ã" not in shown
    article = load_article(path)
    assert "happy \ufffd here." in article.text
    assert article.encoding == "utf-8, 1 invalid byte replaced"  # what the reader's info panel shows


def test_a_legacy_file_stays_legacy(tmp_path: Path) -> None:
    """Windows-1252 text holds no valid UTF-8 sequence: it is still read as such."""
    path = tmp_path / "legacy.txt"
    path.write_bytes("Café opened today. Crème brûlée for all.\n".encode("cp1252"))
    article = load_article(path)
    assert article.text.startswith("Café opened today.") and article.encoding == "cp1252"


def test_an_escape_next_to_a_non_utf8_byte_is_read_with_controls_stripped(tmp_path: Path, store_root: Path) -> None:
    ascii_file = tmp_path / "escape.txt"
    ascii_file.write_bytes(b"Officials met today. An escape \x1b\xff here. Another sentence.\n")
    legacy = tmp_path / "legacy-escape.txt"
    legacy.write_bytes("Café opened today. Another \x1b[31msentence\x1b]0;x\x07 here.\n".encode("cp1252"))
    utf8 = tmp_path / "utf8-escape.txt"
    utf8.write_bytes("Café opened today. An escape ".encode() + b"\x1b\xff" + b" here. Another sentence.\n")
    for path in (ascii_file, legacy, utf8):
        parsed = cli("parse", str(path), store=store_root)
        assert parsed.returncode == 0, parsed.stderr
        assert b"\x1b" not in parsed.stdout and b"\x07" not in parsed.stdout
    assert sentences(ascii_file) == ["Officials met today.", "An escape \xff here.", "Another sentence."]  # cp1252 ÿ
    assert sentences(legacy) == ["Café opened today.", "Another [31msentence]0;x here."]
    assert sentences(utf8) == ["Café opened today.", "An escape \ufffd here.", "Another sentence."]


def test_vertical_tab_and_form_feed_separate_words(tmp_path: Path, store_root: Path) -> None:
    path = tmp_path / "tabs.txt"
    path.write_bytes(b"First sentence here.\x0bThird sentence there.\x0cFourth one.\n")
    parsed = cli("parse", str(path), store=store_root)
    assert parsed.returncode == 0, parsed.stderr
    assert b"here.Third" not in parsed.stdout and b"there.Fourth" not in parsed.stdout
    assert sentences(path) == ["First sentence here.", "Third sentence there.", "Fourth one."]


def test_vertical_tab_in_a_note_or_a_name_separates_words() -> None:
    assert clean_field("line one\x0bline two\x0cpage two") == "line one\nline two\npage two"
    assert clean_line("Ana\x0bLima") == "Ana Lima"


# -- sentences -----------------------------------------------------------------------


def test_an_image_in_markdown_is_no_sentence_end(tmp_path: Path) -> None:
    path = tmp_path / "images.md"
    path.write_text(
        "# Title\n\n"
        "First sentence here. Third sentence ![img](http://x.example/a b.png) and more text. Last one.\n\n"
        "Second paragraph here. A picture ![chart](…) follows. The end.\n",
        encoding="utf-8",
    )
    found = sentences(path)
    assert not any(sentence.endswith("!") for sentence in found), found
    assert "Third sentence ![img](http://x.example/a b.png) and more text." in found
    assert "A picture chart follows." in found


def test_an_exclamation_mark_before_a_bracket_is_no_sentence_end() -> None:
    for text in ("Third sentence ![img](x.png) more words here.", "It was big ![see](y) and loud. Then quiet."):
        spans = split_sentences(text)
        assert not any(text[start:end].endswith("!") for start, end in spans), [text[a:b] for a, b in spans]
    wow = "It was big! [Applause] Then quiet."
    assert next(wow[a:b] for a, b in split_sentences(wow)) == "It was big!"  # with a space, it still ends one


# -- the brief -----------------------------------------------------------------------

NOTE = "First paragraph line one\nline two\n\nSecond paragraph:\n    indented four\n\tindented by a tab\n\n\nThird *paragraph*\n\n  Fourth, indented"


def test_a_notes_paragraphs_and_indentation_reach_the_brief(tmp_path: Path, store_root: Path) -> None:
    article = tmp_path / "budget.txt"
    article.write_text("Officials met on Monday. The vote was close.\n", encoding="utf-8")
    assert cli("tag", str(article), "1", "claim", "--note", NOTE, store=store_root).returncode == 0
    brief = cli("brief", store=store_root)
    assert brief.returncode == 0, brief.stderr
    markdown = brief.stdout.decode("utf-8")
    nbsp = "\u00a0"
    assert "- Note by ana: First paragraph line one\\\n  line two\n\n  Second paragraph:\\\n" in markdown, markdown
    assert f"  {nbsp * 4}indented four\\\n  {nbsp * 4}indented by a tab\n\n  Third \\*paragraph\\*\n" in markdown, markdown
    assert f"\n\n  &nbsp;{nbsp}Fourth, indented\n" in markdown, markdown  # raw, a renderer would trim it

    html = tmp_path / "brief.html"
    assert cli("brief", "--format", "html", "-o", str(html), store=store_root).returncode == 0
    document = html.read_text(encoding="utf-8")
    assert "<em>paragraph</em>" not in document  # escaped as before
    assert "<p>Second paragraph:<br />" in document and f"{nbsp * 4}indented four" in document
    assert "<p>Third *paragraph*</p>" in document and f"<p>{nbsp * 2}Fourth, indented</p>" in document
