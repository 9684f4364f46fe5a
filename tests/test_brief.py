"""``newsmark brief``: every tagged sentence under its tag with its notes, in Markdown and
HTML; article text stays literal in both; disputes, suggestions, orphans; determinism."""

from __future__ import annotations

import os
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

from markdown_it import MarkdownIt

from annotations.exchange.brief import make_brief
from annotations.exchange.brief_content import build_brief, gather_entries
from annotations.exchange.brief_html import markdown_renderer
from annotations.exchange.markdown_escape import escape_text
from annotations.formats.loader import load_article
from annotations.schema import TagSchema
from annotations.store.article_annotations import open_article
from annotations.store.folder import LockMode, Store


def run(*args: str, store: Path, annotator: str = "ana") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NEWSMARK_DB": str(store), "NEWSMARK_ANNOTATOR": annotator, "NEWSMARK_CONFIG": ""}
    return subprocess.run([sys.executable, "-m", "tui.cli", *args], capture_output=True, text=True, env=env, timeout=120)


class Elements(HTMLParser):
    """The start tags of an HTML document, in order, and its text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse_html(document: str) -> Elements:
    parser = Elements()
    parser.feed(document)
    parser.close()
    return parser


def section(markdown: str, heading: str) -> str:
    """The part of ``markdown`` under the ``## heading`` line, up to the next ``## ``."""
    start = markdown.index(f"\n## {heading}")
    end = markdown.find("\n## ", start + 1)
    return markdown[start : end if end != -1 else None]


def test_every_tagged_sentence_is_quoted_under_its_tag_with_its_note(tmp_path: Path, store_root: Path, article_copy: Path) -> None:
    article = load_article(article_copy)
    assert run("tag", str(article_copy), "3", "claim", "--note", "Who saw the images?", store=store_root).returncode == 0
    assert run("tag", str(article_copy), "5", "figure", "claim", store=store_root).returncode == 0
    assert run("tag", str(article_copy), "4", "source", "--note", "Seoul institute\nask for the report", store=store_root).returncode == 0

    done = run("brief", str(article_copy), store=store_root)
    assert done.returncode == 0, done.stderr
    markdown = done.stdout
    headings = [line for line in markdown.splitlines() if line.startswith("## ")]
    assert headings == ["## Articles", "## Counts", "## Claim (2)", "## Figure (1)", "## Concern (0)", "## Source (1)"]
    claims = section(markdown, "Claim")
    assert escape_text(article.sentence(3).text) in claims and escape_text(article.sentence(5).text) in claims
    assert "Who saw the images?" in claims and "sentence 3" in claims and "§2 How the Shells Reached the Front" in claims
    assert escape_text(article.sentence(5).text) in section(markdown, "Figure")
    sources = section(markdown, "Source")
    assert escape_text(article.sentence(4).text) in sources and "Seoul institute" in sources and "ask for the report" in sources
    assert "A number, amount, date or statistic worth checking." in section(markdown, "Figure")
    assert "| claim | 2 |" in markdown and "| all tagged | 3 |" in markdown

    out = tmp_path / "brief.html"
    written = run("brief", str(article_copy), "--format", "html", "-o", str(out), store=store_root)
    assert written.returncode == 0, written.stderr
    assert "3 sentence(s) from 1 article(s)" in written.stderr
    document = out.read_text(encoding="utf-8")
    assert document.startswith("<!DOCTYPE html>") and "<style>" in document
    text = "".join(parse_html(document).text)
    for number in (3, 4, 5):
        assert article.sentence(number).text in text
    assert "Who saw the images?" in text and "ask for the report" in text


HOSTILE = (
    "A *starred* _under_ __twice__ #hash `tick` and ``ticks`` here.\n"
    "It said <script>alert('x')</script> and <b>bold</b> & &amp; [x](http://evil.example) ![img](y.png) <http://auto.example>.\n"
    "> Quoted start | pipe | cell and ~~struck~~ text.\n"
    "- dash start, 1. numbered, + plus and = equals \\ backslash.\n"
)


def tag_everything(store_root: Path, path: Path, note: str) -> None:
    article = load_article(path)
    with Store(store_root) as store:
        tagged = open_article(store, article, annotator="ana", schema=TagSchema())
        for number in range(1, len(article.sentences) + 1):
            tagged.edit([number], add=["claim"], note=note)


def test_markup_in_articles_and_notes_stays_literal_in_markdown_and_html(tmp_path: Path) -> None:
    hostile = tmp_path / "hostile.txt"
    hostile.write_text("Title\n\n" + HOSTILE, encoding="utf-8")
    plain = tmp_path / "plain.txt"
    paragraphs = load_article(hostile).sections[0].paragraphs  # the same shape, in plain words
    plain.write_text("Title\n\n" + "".join(" ".join(["Plain words here."] * len(p.sentences)) + "\n" for p in paragraphs), encoding="utf-8")
    tag_everything(tmp_path / "hostile-store", hostile, "# note *heading*\n> quote <i>x</i> [a](b)\n- item `c`")
    tag_everything(tmp_path / "plain-store", plain, "note\nplain\nwords")
    assert len(load_article(hostile).sentences) == len(load_article(plain).sentences)

    def brief(root: Path, fmt: str) -> str:
        with Store(root, mode=LockMode.READ) as store:
            return make_brief(store, schema=TagSchema(), fmt=fmt).data.decode("utf-8")

    # Markdown: the same blocks and inline elements as a brief of plain words.
    def structure(markdown: str) -> list[str]:
        tokens = MarkdownIt("commonmark").enable("table").parse(markdown)
        inline = [child.type for token in tokens for child in token.children or [] if child.type != "text"]
        return [token.type for token in tokens] + inline

    assert structure(brief(tmp_path / "hostile-store", "md")) == structure(brief(tmp_path / "plain-store", "md"))

    # HTML: no element came from the article or the note, and the text is there as written.
    hostile_html = parse_html(brief(tmp_path / "hostile-store", "html"))
    assert hostile_html.tags == parse_html(brief(tmp_path / "plain-store", "html")).tags
    assert not {"script", "a", "img", "code", "s", "del", "h3"} & set(hostile_html.tags)
    text = "".join(hostile_html.text)
    for sentence in load_article(hostile).sentences:
        assert sentence.text in text
    for line in ("# note *heading*", "> quote <i>x</i> [a](b)", "- item `c`"):
        assert line in text


def test_the_same_store_gives_the_same_bytes(store_root: Path, article_copy: Path) -> None:
    assert run("tag", str(article_copy), "3-5", "claim", "--note", "one", store=store_root).returncode == 0
    assert run("tag", str(article_copy), "4", "figure", store=store_root, annotator="bo").returncode == 0
    for fmt in ("md", "html"):
        first = run("brief", "--format", fmt, store=store_root)
        again = run("brief", "--format", fmt, store=store_root)
        assert first.returncode == 0 and first.stdout == again.stdout
        assert "Generated" not in first.stdout
    stamped = run("brief", "--timestamp", store=store_root)
    assert stamped.stdout.startswith("# Brief") and "\nGenerated 20" in stamped.stdout


def test_disputed_sentences_and_annotators(store_root: Path, article_copy: Path) -> None:
    article = load_article(article_copy)
    assert run("tag", str(article_copy), "3", "claim", store=store_root).returncode == 0
    assert run("tag", str(article_copy), "3", "claim", store=store_root, annotator="bo").returncode == 0
    assert run("tag", str(article_copy), "5", "figure", store=store_root).returncode == 0
    assert run("tag", str(article_copy), "5", "claim", store=store_root, annotator="bo").returncode == 0
    markdown = run("brief", store=store_root).stdout
    disputed = section(markdown, "Disputed")
    assert "sentence 5: claim by bo, not by ana; figure by ana, not by bo" in disputed
    assert "sentence 3" not in disputed  # both tagged it a claim
    assert "| disputed | 1 |" in markdown and "Annotators: ana, bo" in markdown
    claims = section(markdown, "Claim")
    assert "tagged by ana, bo" in claims and claims.count(escape_text(article.sentence(3).text)) == 1
    assert "**disputed** (not by ana)" in claims
    # One annotator asked for: nobody to disagree with.
    assert "## Disputed" not in run("brief", "--by", "ana", store=store_root).stdout


def test_tag_filter_several_articles_and_orphans(tmp_path: Path, store_root: Path, article_copy: Path, samples: Path) -> None:
    other = tmp_path / "second.md"
    other.write_text("---\ntitle: Second story\nauthor: Kim Lee\ndate: 2026-01-02\n---\nFirst claim here. Then more.\n", encoding="utf-8")
    assert run("tag", str(article_copy), "3", "claim", store=store_root).returncode == 0
    assert run("tag", str(article_copy), "9", "concern", "--note", "gone soon", store=store_root).returncode == 0
    assert run("tag", str(other), "1", "claim", store=store_root).returncode == 0
    doomed = load_article(article_copy).sentence(9).text
    article_copy.write_text(article_copy.read_text(encoding="utf-8").replace(doomed, "A wholly different sentence now."), encoding="utf-8")

    markdown = run("brief", str(article_copy), str(other), store=store_root).stdout
    assert markdown.startswith("# Brief: 2 articles")
    assert "**Second story**\\\n   Kim Lee · 2026-01-02" in markdown
    claims = section(markdown, "Claim")
    assert "*Second story*, §1 Second story, sentence 1" in claims
    lost = section(markdown, "Lost their sentence")
    assert escape_text(doomed) in lost and "gone soon" in lost and "tags: concern" in lost

    only = run("brief", "--tag", "c", store=store_root).stdout
    assert [line for line in only.splitlines() if line.startswith("## ")] == ["## Articles", "## Counts", "## Claim (2)"]
    assert run("brief", "--tag", "nope", store=store_root).returncode == 2


def test_suggested_tags_no_annotator_gave_are_listed_as_only_suggested(store_root: Path, article_copy: Path) -> None:
    article = load_article(article_copy)
    with Store(store_root) as store:
        open_article(store, article, annotator="ana", schema=TagSchema()).edit([3], add=["claim"])
        opened = open_article(store, article, annotator="ana", schema=TagSchema())
        suggested = {article.path: {3: ["claim", "figure"], 7: ["concern"]}}
        markdown = make_brief(store, [opened], schema=TagSchema(), suggested=suggested).data.decode("utf-8")
        entries = gather_entries(store, [opened])
    only = section(markdown, "Only suggested")
    assert "sentence 3: figure" in only and "claim" not in only.split("sentence 3: ")[1].split("\n")[0]
    assert f"sentence 7: concern: “{escape_text(article.sentence(7).text)}”" in only
    assert "| only suggested | 2 |" in markdown
    assert not build_brief(entries, TagSchema()).suggested_only  # no suggester: nothing suggested


def test_the_html_renderer_passes_no_raw_html() -> None:
    assert "<script>" not in markdown_renderer().render("<script>alert(1)</script>\n\n<b>x</b>")


def test_the_brief_of_named_articles_lists_what_the_patterns_only_suggest(tmp_path: Path, store_root: Path) -> None:
    """``newsmark brief FILE`` asks the suggestion patterns (as the reader's ``b`` does): a
    suggested tag nobody gave is *only suggested* (with ``--suggested``); once tagged it is not; suggestions off, none."""
    article = tmp_path / "harbour.txt"
    article.write_text("Harbour works\n\nThe port spent 40 million euros on dredging in 2025. Nobody came.\n", encoding="utf-8")
    first = run("brief", str(article), "--suggested", store=store_root)
    assert first.returncode == 0, first.stderr
    only = section(first.stdout, "Only suggested")
    # a stated fact with a figure: claim too (docs/tagging-guidelines.md)
    assert "sentence 1: claim, figure: “The port spent 40 million euros on dredging in 2025.”" in only, first.stdout
    assert run("tag", str(article), "1", "claim", "figure", store=store_root).returncode == 0
    tagged = run("brief", str(article), "--suggested", store=store_root)
    assert "## Only suggested" not in tagged.stdout, tagged.stdout
    assert "40 million euros" in section(tagged.stdout, "Figure (1)")
    config = tmp_path / "config.yaml"
    config.write_text("suggestions: false\n", encoding="utf-8")
    off = run("brief", str(article), "--suggested", "--config", str(config), store=store_root)
    assert off.returncode == 0, off.stderr
    assert "## Only suggested" not in off.stdout


#: Bidi controls that reorder what follows them until closed (embeddings, overrides, isolates).
OPENERS = {
    "\u202a": "\u202c",
    "\u202b": "\u202c",
    "\u202d": "\u202c",
    "\u202e": "\u202c",
    "\u2066": "\u2069",
    "\u2067": "\u2069",
    "\u2068": "\u2069",
}


def unclosed_bidi(text: str) -> list[str]:
    """The bidi embeddings, overrides and isolates of ``text`` still open at its end."""
    stack: list[str] = []
    for ch in text:
        if ch in OPENERS:
            stack.append(ch)
        elif ch == "\u202c" and stack and OPENERS[stack[-1]] == "\u202c":
            stack.pop()
        elif ch == "\u2069" and any(OPENERS[c] == "\u2069" for c in stack):
            while OPENERS[stack.pop()] != "\u2069":
                pass
    return stack


def test_an_unclosed_bidi_override_in_article_text_reverses_nothing_after_it(tmp_path: Path) -> None:
    """A page's headline or section title may carry an unpaired right-to-left override
    (article text keeps bidi controls); in the brief it is followed on the same line by
    the section, sentence number and who tagged it, which it must not reverse."""
    page = tmp_path / "page.md"
    page.write_text(
        "# Harbour \u202eplan\n\n## Costs \u2067rising\n\nThe plan costs more \u202bthan planned. It starts in May.\n", encoding="utf-8"
    )
    tag_everything(tmp_path / "store", page, "checked")
    with Store(tmp_path / "store", mode=LockMode.READ) as store:
        markdown = make_brief(store, schema=TagSchema(), fmt="md").data.decode("utf-8")
        document = make_brief(store, schema=TagSchema(), fmt="html").data.decode("utf-8")
    assert "\u202eplan" in markdown and "\u2067rising" in markdown  # the author's text is kept
    for line in markdown.splitlines():
        assert unclosed_bidi(line) == [], line
    for line in parse_html(document).text:
        assert unclosed_bidi(line) == [], line
    assert escape_text("a \u202eb \u202cc") == "a \u202eb \u202cc"  # balanced text stays as it is


def test_briefs_written_beside_an_article_are_not_articles_of_its_folder(tmp_path: Path) -> None:
    """``s`` in the reader writes ``<article>.newsmark.brief.md`` beside the article (and
    ``--format html`` an ``.html``): Markdown and HTML are article formats, but newsmark's
    own briefs must not be listed (nor opened by ``newsmark FOLDER``) as articles."""
    from annotations.exchange.brief import default_brief_path
    from annotations.exchange.export_target import write_new_file
    from annotations.formats.registry import articles_in

    article = tmp_path / "harbour.md"
    article.write_text("# Harbour\n\nThe plan costs more.\n", encoding="utf-8")
    for fmt in ("md", "html"):
        first = write_new_file(b"# Brief: Harbour\n", default_brief_path(article, tmp_path, fmt)).path
        second = write_new_file(b"# Brief: Harbour, later\n", default_brief_path(article, tmp_path, fmt)).path
        assert first.exists() and second.exists() and first != second
    assert list(articles_in(tmp_path)) == [article]
    listed = run("stats", str(tmp_path), store=tmp_path / "store")
    assert listed.returncode == 0, listed.stderr
    assert "Brief" not in listed.stdout


def test_a_damaged_suggestions_file_leaves_the_brief_without_that_part_not_without_a_brief(tmp_path: Path, store_root: Path) -> None:
    """``newsmark brief FILE`` failed outright (exit 2) over the optional suggestions file (found in a review)."""
    article = tmp_path / "harbour.txt"
    article.write_text("Harbour works\n\nThe port spent 40 million euros on dredging in 2025. Nobody came.\n", encoding="utf-8")
    assert run("tag", str(article), "1", "claim", store=store_root).returncode == 0
    (store_root / "suggestions.json").write_text("{bad", encoding="utf-8")
    brief = run("brief", str(article), "--suggested", store=store_root)
    assert brief.returncode == 0, brief.stderr
    assert "## Claim (1)" in brief.stdout and "## Only suggested" not in brief.stdout
    (line,) = brief.stderr.splitlines()
    assert line.startswith("newsmark: warning: no suggestions in the brief:") and "suggestions.json" in line
