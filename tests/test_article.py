"""Parsing articles: formats, quirks, encodings, refusals, hygiene and offsets."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotations.errors import ArticleError
from annotations.formats.loader import load_article, parse_article_bytes
from annotations.formats.sectioned import is_heading_line
from annotations.sentences.cache import SentenceCache

from .conftest import REAL_SHAPE_ARTICLE


def paragraph_counts(article) -> list[int]:  # type: ignore[no-untyped-def]
    return [len(section.paragraphs) for section in article.sections]


def test_real_sample_shape_reads_as_four_sections(write_article) -> None:  # type: ignore[no-untyped-def]
    article = load_article(write_article(REAL_SHAPE_ARTICLE))
    assert paragraph_counts(article) == [2, 5, 5, 5]
    assert len(article.sentences) == 2 + 10 + 5 + 5
    assert article.sections[0].title is None
    assert article.sections[1].title == "The First Heading"
    assert article.sections[1].subtitles == ("A Subtitle for the U.S. Officials",)
    assert "Most Commented" not in article.text


def test_sectioned_sample(samples: Path) -> None:
    article = load_article(samples / "artillery-pipeline.txt")
    assert article.title == "Artillery pipeline"
    assert article.format == "text"
    assert paragraph_counts(article) == [2, 4, 5, 3]
    assert len(article.sentences) == 21
    assert [s.title for s in article.sections] == [None, "How the Shells Reached the Front", "What Officials Fear", "Numbers on the Ground"]
    assert article.sections[1].subtitles == ("Rail Links and Port Traffic",)
    assert article.sections[0].label == "Artillery pipeline"
    assert "Most Read" not in article.text and "Related Coverage" not in article.text
    texts = [s.text for s in article.sentences]
    assert "The Ukrainian army received approx. 300,000 shells from European partners over the same period, officials said." in texts
    assert "The committee chair was born in Washington, D.C." in texts
    assert "A briefing for lawmakers ended at 3 p.m." in texts


def test_sample_with_front_matter_and_boilerplate(samples: Path) -> None:
    article = load_article(samples / "port-strike.txt")
    assert article.title == "Dockworkers Walk Out as Contract Talks Collapse"
    assert article.meta["source"] == "Harbor Ledger"
    assert article.meta["date"] == "2026-10-14"
    assert paragraph_counts(article) == [2, 3, 2]
    assert "Most Shared" not in article.text


def test_markdown_sample(samples: Path) -> None:
    article = load_article(samples / "water-audit.md")
    assert article.format == "markdown"
    assert article.title == "Audit Finds Lead Above Limits in City Schools"
    assert article.meta["author"] == "Priya Natarajan"
    assert [s.title for s in article.sections] == [None, "What the Audit Measured", "Who Is Responsible"]
    assert article.sections[1].subtitles == ("Samples From 1,300 Taps",)
    assert paragraph_counts(article) == [2, 2, 3]
    texts = [s.text for s in article.sentences]
    assert texts[0].startswith("An audit released on Monday found that drinking water at 14 of 52 city")
    assert "According to the state environmental agency, the action level is 15 parts per billion." in texts
    assert not any("**" in t or "](" in t for t in texts)
    assert "Related Stories" not in article.text


def test_markdown_title_from_heading_without_front_matter(write_article) -> None:  # type: ignore[no-untyped-def]
    path = write_article(
        "# Ports Reopen\n\nThe ports reopened on *Friday*. Ships moved.\n\n## Aftermath\n\nQueues `shrank` fast.\n", "ports.md"
    )
    article = load_article(path)
    assert article.title == "Ports Reopen"
    assert [s.text for s in article.sentences] == ["The ports reopened on Friday.", "Ships moved.", "Queues shrank fast."]


def test_title_from_file_name_without_front_matter(write_article) -> None:  # type: ignore[no-untyped-def]
    article = load_article(write_article("One paragraph here.\n", "grid_outage-report.txt"))
    assert article.title == "Grid outage report"


def test_untitled_block_after_a_break_keeps_its_paragraphs(write_article) -> None:  # type: ignore[no-untyped-def]
    article = load_article(write_article("Lede text here.\n|\nA second block without heading.\n"))
    assert paragraph_counts(article) == [1, 1]
    assert article.sections[1].label == "Section 2"


def test_blank_lines_between_paragraphs_are_ignored(write_article) -> None:  # type: ignore[no-untyped-def]
    spaced = REAL_SHAPE_ARTICLE.replace("\n", "\n\n")
    assert paragraph_counts(load_article(write_article(spaced))) == [2, 5, 5, 5]


@pytest.mark.parametrize(
    ("line", "heading"),
    [
        ("North Korean Shell Supply", True),
        ("Concerns of U.S. and European Officials", True),
        ("He said so.", False),
        ("What now?", False),
        ("Note:", False),
        ('He called it "bad"', False),
        ("It went on…", False),
        ("- a list item", False),
        ("1. first point", False),
        ("x" * 120, False),
    ],
)
def test_heading_line_rule(line: str, heading: bool) -> None:
    assert is_heading_line(line) is heading


ENCODING_TEXT = "Café Owners’ Worries\nThe minister’s “final” offer was rejected — again. Prices rose 5%.\n"


@pytest.mark.parametrize(
    "encode",
    [
        lambda t: t.encode("utf-8"),
        lambda t: b"\xef\xbb\xbf" + t.encode("utf-8"),
        lambda t: t.replace("\n", "\r\n").encode("utf-8"),
        lambda t: t.encode("utf-16"),
        lambda t: t.replace("\n", "\r\n").encode("cp1252"),
        lambda t: t.replace("’", "'").replace("“", '"').replace("”", '"').replace("—", "-").encode("latin-1"),
    ],
    ids=["utf8", "utf8-bom", "crlf", "utf16-bom", "cp1252-crlf", "latin1"],
)
def test_encodings_decode_to_the_same_text(write_article, encode) -> None:  # type: ignore[no-untyped-def]
    article = load_article(write_article(encode(ENCODING_TEXT)))
    expected = ENCODING_TEXT.split("\n")[1]
    if "’" not in article.text:
        expected = expected.replace("’", "'").replace("“", '"').replace("”", '"').replace("—", "-")
    assert article.sections[0].title == ENCODING_TEXT.split("\n")[0].replace("’", "’" if "’" in article.text else "'")
    assert " ".join(s.text for s in article.sentences) == expected
    assert "\r" not in article.text and "\ufeff" not in article.text


def test_sha256_is_of_the_file_bytes(write_article) -> None:  # type: ignore[no-untyped-def]
    path = write_article(REAL_SHAPE_ARTICLE)
    assert load_article(path).sha256 == hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "empty file"),
        (b"  \n\n \r\n", "empty file"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00", "binary file"),
        (bytes(range(0, 32)) * 20, "binary file"),
        (b"|\n|\n  |  \n", "no paragraphs"),
        (b"---\ntitle: [unclosed\n---\nText here.\n", "front matter is not valid YAML"),
        (b"---\n- a list\n---\nText here.\n", "front matter is not a YAML mapping"),
    ],
    ids=["empty", "blank", "png", "controls", "breaks-only", "bad-front-matter", "list-front-matter"],
)
def test_refusals_name_the_file_and_reason(write_article, content: bytes, reason: str) -> None:  # type: ignore[no-untyped-def]
    path = write_article(content, "bad.txt")
    with pytest.raises(ArticleError) as caught:
        load_article(path)
    message = str(caught.value)
    assert message.startswith(f"{path}: ")
    assert reason in message
    assert "\n" not in message


@pytest.mark.parametrize("content", [b"plain text not html\n", b"Only A Heading\nAnd Another One\n"])
def test_a_file_of_only_short_unpunctuated_lines_reads_as_paragraphs(write_article, content: bytes) -> None:  # type: ignore[no-untyped-def]
    """A one-line note without a full stop was refused ("no paragraphs": its line looked
    like a heading over nothing); a file with nothing but such lines is read as text."""
    article = load_article(write_article(content, "note.txt"))
    lines = content.decode().split("\n")[:-1]
    assert [s.text for s in article.sentences] == lines
    assert [section.title for section in article.sections] == [None]


def test_folder_and_missing_file_are_refused(tmp_path: Path) -> None:
    with pytest.raises(ArticleError, match="is a folder"):
        load_article(tmp_path)
    with pytest.raises(ArticleError, match="no such file"):
        load_article(tmp_path / "missing.txt")


def test_controls_are_stripped_and_markup_stays_literal(write_article) -> None:  # type: ignore[no-untyped-def]
    hostile = "Officials said [bold]no[/] deal \x1b]0;pwned\x07was\x00 made\x85 in \x1b[2Jthe end.\tTabs stay.\x7f\n"
    article = load_article(write_article(hostile))
    text = article.sentences[0].text
    assert "[bold]no[/]" in text
    for control in ("\x1b", "\x07", "\x00", "\x85", "\x7f"):
        assert control not in article.text
    assert "]0;pwned" in text  # the sequence is defused, its printable rest stays visible
    assert "\t" in article.text


def test_offsets_index_the_normalized_text(samples: Path) -> None:
    for path in samples.iterdir():
        article = load_article(path)
        numbers = [s.number for s in article.sentences]
        assert numbers == list(range(1, len(numbers) + 1))
        for section in article.sections:
            for paragraph in section.paragraphs:
                for sentence in paragraph.sentences:
                    assert article.text[sentence.start : sentence.end] == sentence.text
                    assert sentence.section == section.number
                    assert paragraph.start <= sentence.start < sentence.end <= paragraph.end


_LINE = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\n\r|"),
    min_size=0,
    max_size=120,
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.one_of(_LINE, st.just("|"), st.just("A Heading"), st.just("U.S. officials said approx. 5 p.m. Eastern.")),
        min_size=1,
        max_size=25,
    ),
    st.sampled_from(["\n", "\r\n", "\r"]),
)
def test_any_text_parses_or_is_refused_with_exact_offsets(lines: list[str], newline: str) -> None:
    data = newline.join(lines).encode("utf-8")
    try:
        article = parse_article_bytes(data, "fuzz.txt")
    except ArticleError as error:
        assert str(error).startswith("fuzz.txt: ") and "\n" not in str(error)
        return
    assert article.sentences
    for sentence in article.sentences:
        assert article.text[sentence.start : sentence.end] == sentence.text
        assert sentence.text.strip() == sentence.text
    assert not any(0x80 <= ord(c) <= 0x9F or (ord(c) < 0x20 and c not in "\t\n") or c == "\x7f" for c in article.text)


# -- the sentence-boundary cache ---------------------------------------------------


def sentence_rows(article) -> list[tuple[int, int, int, int, int, str]]:  # type: ignore[no-untyped-def]
    return [tuple(s) for s in article.sentences]


def test_a_reopened_article_takes_its_sentences_from_the_cache(write_article, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    from annotations.sentences import batch

    cache = SentenceCache(tmp_path / "cache")
    path = write_article(REAL_SHAPE_ARTICLE)
    first = load_article(path, cache=cache)
    assert cache.exists(first.sha256, first.format)

    def no_splitting(paragraphs: list[str], *, workers: int = 1) -> list[list[tuple[int, int]]]:
        raise AssertionError("split again although cached")

    monkeypatch.setattr(batch, "split_many", no_splitting)
    assert sentence_rows(load_article(path, cache=cache)) == sentence_rows(first)


def test_the_core_reads_and_writes_no_cache_unless_given_one(write_article, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """No hidden I/O: without a cache argument nothing appears in the user cache folder."""
    user_cache = SentenceCache.default().folder
    path = write_article(REAL_SHAPE_ARTICLE)
    load_article(path)
    load_article(path, first_part_only=True)
    assert not user_cache.exists()
    given = SentenceCache(tmp_path / "given")
    load_article(path, cache=given)
    assert [p.name.split("-")[0] for p in given.folder.iterdir()] == [load_article(path).sha256]
    assert not user_cache.exists()


@pytest.mark.parametrize(
    "damage",
    [
        lambda flat: [[0, 10**6] for _ in flat],  # past the paragraph's end
        lambda flat: [[5, 2] for _ in flat],  # backwards
        lambda flat: [p[:1] for p in flat],  # odd length
        lambda flat: [["0", "5"] for _ in flat],  # not numbers
        lambda flat: [[0, 4, 2, 9] for _ in flat],  # overlapping
        lambda flat: flat[:-1],  # a paragraph missing
        lambda flat: {"not": "a list"},
    ],
)
def test_a_damaged_cache_is_not_trusted_and_is_written_again(write_article, tmp_path: Path, damage) -> None:  # type: ignore[no-untyped-def]
    import json

    cache = SentenceCache(tmp_path / "cache")
    path = write_article(REAL_SHAPE_ARTICLE)
    fresh = load_article(path, cache=cache)
    cache_file = cache.path(fresh.sha256, fresh.format)
    good = json.loads(cache_file.read_text())
    cache_file.write_text(json.dumps(damage(good)))
    assert sentence_rows(load_article(path, cache=cache)) == sentence_rows(fresh)
    assert json.loads(cache_file.read_text()) == good


def test_a_big_article_opens_in_parts_even_when_cached(tmp_path: Path) -> None:
    from annotations.formats.loader import PROGRESSIVE_CHARS

    paragraphs = [f"Paragraph {n} says {n * 10} shells arrived. Officials disagreed on the {n}th." for n in range(1, 4001)]
    lines = [line for n, p in enumerate(paragraphs) for line in ((["|", f"Part {n // 100 + 1}"] if n % 100 == 0 else []) + [p])]
    path = tmp_path / "big.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert sum(map(len, paragraphs)) > PROGRESSIVE_CHARS
    cache = SentenceCache(tmp_path / "cache")
    whole = load_article(path, cache=cache)  # split and cached
    part = load_article(path, cache=cache, first_part_only=True)
    assert not part.complete and part.section_count == len(whole.sections) == 40
    assert 0 < len(part.sections) < 40
    assert sentence_rows(part) == sentence_rows(whole)[: len(part.sentences)]
    assert part.text == whole.text[: len(part.text)]
