"""Saved web pages read as their article alone: sections, sentences and metadata, checked
sentence by sentence on pages made in the style of real news sites (tests/data/web/)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from annotations.errors import ArticleError
from annotations.formats.loader import load_article
from annotations.formats.registry import articles_in, format_for
from annotations.model import Article

WEB = Path(__file__).resolve().parent / "data" / "web"


def outline(article: Article) -> list[tuple[str | None, tuple[str, ...], list[str]]]:
    """Each section's title, subtitles and sentences."""
    return [(s.title, s.subtitles, [x.text for p in s.paragraphs for x in p.sentences]) for s in article.sections]


def test_wire_story() -> None:
    article = load_article(WEB / "wire-story.html")
    assert article.format == "html"
    assert article.title == "Copper miners end strike after pay deal"
    assert article.meta == {
        "author": "Luis Ferrer",
        "date": "2026-05-02",
        "source": "Meridian Wire",
        "url": "https://meridian-wire.example/world/copper-miners-end-strike",
        "description": "Workers at the Sierra Alta mine accepted a 9 percent raise.",
    }
    assert outline(article) == [
        (
            None,
            (),
            [
                "SANTIAGO, May 2 (Meridian) - Workers at the Sierra Alta copper mine voted on Saturday to end a 19-day strike"
                " after accepting a 9% pay rise, the union said.",
                "The stoppage had cut output at one of the country's largest mines by about 40,000 tonnes, according to company estimates.",
                '"This agreement recognises the effort of every worker," union leader Ana Rojas told reporters outside the mine.',
                "Production is expected to resume on Monday.",
                "Copper prices fell 1.2% on the London Metal Exchange after the news.",
                "(Reporting by Luis Ferrer; Editing by Tom Hale)",
            ],
        )
    ]
    for furniture in ("Sign in", "Markets", "Trust Principles", "quotes delayed", "Updated 3 hours ago"):
        assert furniture not in article.text


def test_live_updates_page_has_one_section_per_entry() -> None:
    article = load_article(WEB / "live-updates.html")
    assert article.title == "Flood warnings across the valley: live updates"
    assert article.meta["author"] == "Priya Nair"
    assert article.meta["date"] == "2026-02-09"
    assert article.meta["source"] == "Daily Courier"
    assert outline(article) == [
        ("Key events", (), ["Three towns placed under a severe flood warning.", "Rail services between Ardmore and Bellfield suspended."]),
        (
            "River level passes the 2019 record",
            (),
            [
                "The gauge at Ardmore bridge read 5.4 metres at nine o'clock, higher than the record set in 2019.",
                "The environment agency expects the peak around midday.",
            ],
        ),
        (
            "Schools closed in Bellfield",
            (),
            [
                "All eleven schools in Bellfield will stay closed today, the council said.",
                "Parents were told by text message before seven.",
            ],
        ),
        (
            "Welcome to our live coverage",
            (),
            [
                "Good morning.",
                "Heavy rain fell across the valley overnight, and forecasters say more is on the way.",
                "We will bring you the latest updates throughout the day.",
            ],
        ),
    ]
    for furniture in ("Home", "Weather", "Share", "First Edition", "Registered in England"):
        assert furniture not in article.text


FURNITURE = (
    "cookies",
    "Accept all",
    "Subscribe today",
    "Sport",
    "SeaBreeze",
    "crossword",
    "Share on",
    "Email this article",
    "A dredger",
    "Photo: Ledger archive",
    "Related stories",
    "Port traffic hits record",
    "Ferry operator",
    "morning briefing",
    "newsletter",
    "Comments",
    "Reader42",
    "Sailor_Tom",
    "disgrace",
    "Most read",
    "Celebrity chef",
    "Storm warning",
    "Copyright",
    "Privacy policy",
    "Contact us",
    "dataLayer",
    "position:fixed",
    "By Maria Okafor",
)


def test_heavy_furniture_page_reads_as_the_article_alone() -> None:
    article = load_article(WEB / "furniture.html")
    assert article.title == "Harbour authority approves dredging plan"
    assert article.meta == {
        "author": "Maria Okafor",
        "date": "2026-03-14",
        "source": "The Coastal Ledger",
        "url": "https://coastal-ledger.example/news/2026/03/harbour-dredging-plan",
        "description": "The harbour authority voted to deepen the main channel despite objections from fishers.",
    }
    assert outline(article) == [
        (
            None,
            (),
            [
                "The harbour authority voted on Tuesday to deepen the main shipping channel by two metres.",
                "The plan will cost 48 million euros over four years.",
                "Fishers' associations had asked the board to delay the vote until an independent study of the seabed was published.",
                "The board rejected the request by seven votes to two.",
            ],
        ),
        (
            "Objections from the fishing fleet",
            (),
            [
                '"The sediment will smother the mussel beds," said Jonas Vell, who chairs the northern fishers\' cooperative.',
                "He said members would consider legal action.",
            ],
        ),
        (
            "What the study found",
            (),
            [
                "A draft of the environmental study, seen by the Ledger, estimates that 12 hectares of seabed would be disturbed.",
                "The authority says the effect will be temporary.",
            ],
        ),
        (
            "Next steps",
            (),
            ["Work is due to begin in September.", "The authority will publish monthly reports on water quality during the dredging."],
        ),
    ]
    for furniture in FURNITURE:
        assert furniture not in article.text, furniture
    assert "<" not in article.text and "&" not in article.text


def test_a_heading_right_after_another_is_its_subtitle(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(
        "<html><head><title>Budget vote</title></head><body><article><h1>Budget vote</h1>"
        "<p>The council met on Monday to vote on the budget for next year, after a long debate.</p>"
        "<h2>The vote</h2><h3>Seven for, two against</h3><p>The budget passed by seven votes to two on a show of hands.</p>"
        "</article></body></html>",
        encoding="utf-8",
    )
    article = load_article(page)
    assert [(s.title, s.subtitles) for s in article.sections] == [(None, ()), ("The vote", ("Seven for, two against",))]


def test_page_in_windows_1252_declared_only_in_meta() -> None:
    article = load_article(WEB / "legacy-cp1252.html")
    assert article.encoding == "cp1252"
    assert article.title == "Café owners protest new terrace fees"
    assert article.meta == {"author": "Renée Dubé", "description": "Owners say the €300 fee will close small cafés."}
    assert outline(article) == [
        (
            None,
            (),
            [
                "Owners of small cafés gathered outside the city hall on Thursday to protest a new €300 fee for terraces.",
                "“We cannot pay this in a bad summer,” said Zöe Müller, who runs a café on the quay.",
                "The council says the fee pays for street cleaning.",
                "It will vote on the matter next month.",
            ],
        )
    ]
    assert "Accueil" not in article.text and "droits" not in article.text


def test_page_in_windows_1250_declared_only_in_meta() -> None:
    """Detection alone takes these bytes for Windows-1252 (Nový most v Brnì): the page's
    own declaration decides."""
    article = load_article(WEB / "legacy-cp1250.html")
    assert article.encoding == "cp1250"
    assert article.title == "Nový most v Brně"
    assert article.meta == {"source": "Jihomoravský deník"}
    assert outline(article) == [
        (
            None,
            (),
            [
                "Městská rada ve čtvrtek schválila stavbu nového mostu přes řeku Svratku.",
                "Práce začnou v září a potrvají dva roky.",
                "Stavba bude stát přibližně 310 milionů korun.",
                "Část nákladů zaplatí kraj.",
            ],
        )
    ]
    assert "Úvod" not in article.text and "vyhrazena" not in article.text


def test_page_in_iso_8859_7_declared_only_in_meta() -> None:
    article = load_article(WEB / "legacy-iso-8859-7.html")
    assert article.encoding == "iso8859_7"
    assert article.title == "Νέο λιμάνι στη Σύρο"
    assert article.meta == {}  # no date guessed from the copyright line
    assert outline(article) == [
        (
            None,
            (),
            [
                "Το δημοτικό συμβούλιο ενέκρινε την κατασκευή νέου λιμανιού.",
                "Τα έργα θα ξεκινήσουν τον Μάιο.",
                "Η δαπάνη εκτιμάται σε δώδεκα εκατομμύρια ευρώ.",
                "Οι κάτοικοι ζητούν δημόσια διαβούλευση.",
            ],
        )
    ]


def test_a_page_is_html_by_its_content_whatever_its_name(tmp_path: Path) -> None:
    page = tmp_path / "saved-page"
    shutil.copy(WEB / "wire-story.html", page)
    assert format_for(page, page.read_text(encoding="utf-8")).name == "html"
    assert load_article(page).title == "Copper miners end strike after pay deal"
    text = tmp_path / "note"
    text.write_text("The council met on Monday. It voted on the budget.\n", encoding="utf-8")
    assert format_for(text, text.read_text(encoding="utf-8")).name == "text"


def test_a_folder_lists_html_pages_beside_text_and_markdown(tmp_path: Path) -> None:
    for name in ("a.txt", "b.md", "c.html", "d.htm", "e.css"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    assert [p.name for p in articles_in(tmp_path)] == ["a.txt", "b.md", "c.html", "d.htm"]


def test_a_page_without_an_article_is_one_clear_error(tmp_path: Path) -> None:
    page = tmp_path / "empty.html"
    page.write_text("<html><head><title>Home</title></head><body><nav><a href='/'>Home</a></nav></body></html>", encoding="utf-8")
    with pytest.raises(ArticleError) as error:
        load_article(page)
    assert str(error.value) == f"{page}: no article found in the web page"


HOSTILE = """<!DOCTYPE html><html><head><meta charset="utf-8">
<title>Budget &#27;]0;pwned&#7; vote</title>
<meta name="author" content="Ana Lima &#x202e;Evil">
</head><body><article><h1>Budget &#27;]0;pwned&#7; vote</h1>
<p>He wrote [bold]this[/] and [red]that[/red] &#27;[2Jhere, and &lt;b&gt;not bold&lt;/b&gt; either.
The council met on Monday&#x9b;31m to vote on the budget for next year.</p>
<h2>Reac&#0;tions &#27;[31m</h2><p>Nobody in the room objected to the proposal when it was read out in full.</p>
</article></body></html>
"""


def test_extracted_text_keeps_article_hygiene(tmp_path: Path) -> None:
    page = tmp_path / "hostile.html"
    page.write_text(HOSTILE, encoding="utf-8")
    article = load_article(page)
    unsafe = [ch for ch in article.text + article.title + "".join(s.title or "" for s in article.sections) if ord(ch) < 32 and ch != "\n"]
    assert unsafe == []
    assert "\x9b" not in article.text and "\x00" not in article.text
    assert article.sentences[1].text == "The council met on Monday›31m to vote on the budget for next year."
    assert article.title == "Budget ]0;pwned vote"
    assert article.meta["author"] == "Ana Lima Evil"  # a field: bidi overrides go too
    assert article.sentences[0].text == "He wrote [bold]this[/] and [red]that[/red] [2Jhere, and <b>not bold</b> either."
    assert article.sections[1].title == "Reactions [31m"


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "tui.cli", *args], capture_output=True, text=True, timeout=120)


def test_parse_json_of_a_saved_page_has_its_metadata() -> None:
    result = run_cli("parse", "--json", str(WEB / "furniture.html"))
    assert result.returncode == 0, result.stderr
    parsed = json.loads(result.stdout)
    assert parsed["title"] == "Harbour authority approves dredging plan"
    assert parsed["meta"]["source"] == "The Coastal Ledger"
    assert [s["title"] for s in parsed["sections"]] == [None, "Objections from the fishing fleet", "What the study found", "Next steps"]
    assert result.stderr == ""


def test_trafilatura_stays_off_the_start_path_of_other_formats(samples: Path) -> None:
    code = (
        "import sys\n"
        "from annotations.formats.loader import load_article\n"
        "import tui.cli, tui.app\n"
        f"load_article({str(samples / 'artillery-pipeline.txt')!r})\n"
        f"load_article({str(samples / 'water-audit.md')!r})\n"
        f"assert tui.cli.main(['parse', {str(samples / 'water-audit.md')!r}]) == 0\n"
        "print(sorted(n for n in ('trafilatura', 'lxml', 'httpx', 'annotations.formats.html', 'annotations.web.fetch') if n in sys.modules))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "[]"


def test_the_library_scan_reads_a_page_as_opening_it_does(tmp_path: Path) -> None:
    from annotations.library.scan import summarize

    shutil.copy(WEB / "furniture.html", tmp_path / "harbour.html")
    summary = summarize(tmp_path / "harbour.html")
    assert summary is not None
    assert (summary.title, summary.sections, summary.error) == ("Harbour authority approves dredging plan", 4, None)
    empty = tmp_path / "home.html"
    empty.write_text("<html><head><title>Home</title></head><body><nav><a href='/'>Home</a></nav></body></html>", encoding="utf-8")
    problem = summarize(empty)
    assert problem is not None and problem.error == "no article found in the web page"


async def test_the_reader_shows_a_pages_metadata_in_the_info_panel(tmp_path: Path) -> None:
    import io

    from rich.console import Console

    from tui.widgets.panels import InfoPanel

    from .conftest import wait_until
    from .test_reader import make_app, reader

    page = tmp_path / "harbour.html"
    shutil.copy(WEB / "furniture.html", page)
    app = make_app(tmp_path / "store", [page])
    async with app.run_test(size=(100, 30)) as pilot:
        screen = reader(app)
        await wait_until(pilot, lambda: screen.article is not None, "the article")
        await pilot.press("i")
        await wait_until(pilot, lambda: screen.query("#info-text"), "the info panel")
        console = Console(width=200, record=True, color_system=None, file=io.StringIO())
        console.print(screen.query_one(InfoPanel).info_table())
        text = console.export_text()
        for expected in (
            "Harbour authority approves dredging plan",
            "Maria Okafor",
            "2026-03-14",
            "The Coastal Ledger",
            "https://coastal-ledger.example/news/2026/03/harbour-dredging-plan",
            "despite objections from fishers",
            "html (utf-8)",
        ):
            assert expected in text, expected


@pytest.mark.filterwarnings("ignore")
def test_any_page_reads_as_an_article_or_one_refusal() -> None:
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from annotations.formats.loader import parse_article_bytes

    pieces = st.sampled_from(
        ["<p>", "</p>", "<h2>", "</h2>", "<div>", "<script>", "&#27;", "&#0;", "&#x9b;", "&amp;", "<!--", "-->", "\x1b[2J", ". "]
    )
    text = st.text(min_size=0, max_size=80)

    @settings(max_examples=60, deadline=None)
    @given(st.lists(st.one_of(pieces, text), max_size=40), st.sampled_from(["utf-8", "utf-16", "cp1252"]))
    def check(parts: list[str], encoding: str) -> None:
        page = "<html><body><article><h1>Headline</h1>" + "".join(parts) + "</article></body></html>"
        try:
            data = page.encode(encoding)
        except UnicodeEncodeError:
            return
        try:
            article = parse_article_bytes(data, "page.html")
        except ArticleError as error:
            assert "\n" not in str(error)
            return
        shown = article.text + article.title + "".join(str(v) for v in article.meta.values())
        assert not [ch for ch in shown if (ord(ch) < 32 and ch != "\n") or 0x7F <= ord(ch) <= 0x9F]
        for sentence in article.sentences:
            assert article.text[sentence.start : sentence.end] == sentence.text

    check()


def test_deeply_nested_markup_is_one_refusal(tmp_path: Path) -> None:
    page = tmp_path / "deep.html"
    page.write_bytes(b"<html><body>" + b"<div>" * 5000 + b"<p>Deep text.</p>" + b"</div>" * 5000 + b"</body></html>")
    with pytest.raises(ArticleError) as error:
        load_article(page)
    assert str(error.value) == f"{page}: no article found in the web page"


def test_references_to_c1_bytes_are_the_windows_1252_characters_browsers_show(tmp_path: Path) -> None:
    page = tmp_path / "legacy.html"
    page.write_text(
        "<html><body><article><h1>Port talks</h1><p>The union said it &#145;won&#146;t&#146; sign &#150; not this year &#x85; "
        "and the port&#146;s owners agreed&#129; to talk again on Monday after the long weekend of strikes.</p></article></body></html>",
        encoding="ascii",
    )
    assert load_article(page).sentences[0].text == (
        "The union said it ‘won’t’ sign – not this year … and the port’s owners agreed to talk again on Monday after the long weekend of strikes."
    )


def test_hidden_elements_and_templates_are_not_article_text(tmp_path: Path) -> None:
    """A browser never shows ``<p hidden>`` nor a ``<template>``'s content: nor does the reader."""
    page = tmp_path / "hidden.html"
    page.write_text(
        "<html><head><title>Harbour plan</title></head><body><article><h1>Harbour plan</h1>"
        "<p>The harbour authority approved the dredging plan on Tuesday after a long debate.</p>"
        "<p hidden>A hidden paragraph that no reader sees in a browser.</p>"
        "<div hidden=''><p>A hidden block that no reader sees either.</p></div>"
        "<template><p>A template paragraph that a browser never renders.</p></template>"
        "<p>The plan will cost 48 million euros over four years, officials said.</p>"
        "</article></body></html>",
        encoding="utf-8",
    )
    assert [s.text for s in load_article(page).sentences] == [
        "The harbour authority approved the dredging plan on Tuesday after a long debate.",
        "The plan will cost 48 million euros over four years, officials said.",
    ]
