"""What the reader draws fits its room: the text's lines within the measure and never cut
mid-word after markers arrive, whole status items, the key bar's essential keys, and
notifications clear of the cursor sentence; real keys through Pilot."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rich.cells import cell_len

from annotations.config import Settings
from annotations.formats.loader import load_article
from annotations.schema import TagSchema
from annotations.store.folder import LockMode, Store
from tui.app import NewsmarkApp
from tui.widgets.section_layout import SectionLayout

from .conftest import wait_until
from .test_reader import reader

#: A marker drawn before a sentence: tags' letters in brackets, suggested ones in ‹›.
MARKER = re.compile(r"\[[^\]]*\]|‹[^›]*›")


def drawn_text(app: NewsmarkApp) -> tuple[list[str], int]:
    """The article view's text lines of the section on screen, as drawn (the whole
    section, scrolled through), and the widest a line of text may be, with its indent."""
    view = reader(app).view
    lines, _ = view.laid_out()
    drawn = []
    for index, line in enumerate(lines):
        if line.kind == "text":
            view.scroll_to(y=index, animate=False, immediate=True)
            drawn.append(view.render_line(index - view.scroll_offset.y).text.rstrip())
    indent = len(drawn[0]) - len(drawn[0].lstrip()) if drawn else 0
    return drawn, indent + view.text_width


def words(text: str) -> list[str]:
    return MARKER.sub(" ", text).split()


def make_app(store_root: Path, path: Path, *, reading_width: int = 88, suggestions: bool = True) -> NewsmarkApp:
    """The app on one article, with this reading width."""
    settings = Settings(store_path=store_root, annotator="ana", schema=TagSchema(), suggestions=suggestions, reading_width=reading_width)
    return NewsmarkApp(settings, Store(store_root, mode=LockMode.AUTO), article=load_article(path))


@pytest.mark.parametrize("reading_width", [88, 53])
async def test_markers_arriving_after_the_wrap_never_cut_a_word(store_root: Path, samples: Path, reading_width: int) -> None:
    """The issue's steps at 100x30: section 3's suggestions arrive after its lines were
    wrapped, on several paragraphs at once (at these measures one of them gains a line)."""
    app = make_app(store_root, samples / "artillery-pipeline.txt", reading_width=reading_width)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = reader(app)
        await pilot.press("colon", "6", "enter", "t", "j", "enter")
        await wait_until(pilot, lambda: screen.view.section.number == 3, "section 3")
        await wait_until(pilot, lambda: 3 in {screen.article.sentence(n).section for n in screen.view.suggested}, "section 3's suggestions")
        await pilot.pause()
        drawn, measure = drawn_text(app)
        section = screen.view.section
        expected = [word for p in section.paragraphs for s in p.sentences for word in s.text.split()]
        assert [w for line in drawn for w in words(line)] == expected
        assert all(cell_len(line) <= measure for line in drawn), [line for line in drawn if cell_len(line) > measure]
        assert any("‹" in line for line in drawn)


def test_a_partial_rewrap_gives_the_lines_of_a_whole_layout(samples: Path) -> None:
    """Markers appearing on many sentences of many paragraphs at once, at every width:
    the rewrapped lines, spans and markers are those of laying the section out afresh."""
    article = load_article(samples / "artillery-pipeline.txt")
    shown = {"on": False}

    def marker(number: int) -> str:
        return ("[cs]‹f›" if number % 3 == 0 else "‹o›" if number % 2 else "") if shown["on"] else ""

    for section in article.sections:
        changed = list(range(section.first_sentence, section.last_sentence + 1))
        for width in range(20, 89):
            for one_per_line in (False, True):
                shown["on"] = False
                partial = SectionLayout(marker)
                partial.lay_out(article, section, width, one_per_line=one_per_line)
                shown["on"] = True
                partial.rewrap_from(changed, width)
                whole = SectionLayout(marker)
                whole.lay_out(article, section, width, one_per_line=one_per_line)
                assert (partial.lines, partial.spans, partial.markers) == (whole.lines, whole.spans, whole.markers), (section.number, width)
