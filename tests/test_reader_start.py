"""The reader's start path does only what its first frame needs: the checking keys'
parts, link mode, the dialogs and the suggestion prompt load with the first key that uses
them (a cold start pays for every module it imports), and the screen is made with its width
class, so its first resize restyles nothing."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tui.screens.reader import ReaderScreen

from .test_reader import make_app

#: Modules no key before the first checking key (or suggestion prompt) needs.
LATER = (
    "tui.widgets.verdict_panel",
    "tui.screens.choice_picker",
    "tui.screens.prompt_dialog",
    "tui.screens.reader.link_mode",
    "tui.screens.reader.verdict_keys",
    "tui.screens.reader.verdict_links",
    "tui.screens.reader.suggestion_prompt",
    "tui.screens.reader.bars",
    "tui.typed_ahead",
    "tui.screens.reader.word_bar",
)

CODE = """
import asyncio, sys
from pathlib import Path
from annotations.config import Settings
from annotations.formats.loader import load_article
from annotations.schema import TagSchema
from annotations.store.folder import LockMode, Store
from tui.app import NewsmarkApp

LATER = {later!r}

async def main():
    settings = Settings(store_path=Path({store!r}), annotator="ana", schema=TagSchema())
    path = Path({article!r})
    app = NewsmarkApp(settings, Store(settings.store_path, mode=LockMode.AUTO), article=load_article(path), paths=[path])
    async with app.run_test(size=(100, 30)) as pilot:
        for label, keys in {steps!r}:
            await pilot.press(*keys)
            await pilot.pause()
            print(label + ":", *[name for name in LATER if name in sys.modules])

asyncio.run(main())
"""


def loaded_after(store_root: Path, article: Path, later: tuple[str, ...], steps: list[tuple[str, list[str]]]) -> dict[str, list[str]]:
    """Which of ``later`` a fresh process running the reader on ``article`` has imported
    after each step's keys (this process may have imported them already), by step label."""
    code = CODE.format(later=later, store=str(store_root), article=str(article), steps=steps)
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    lines = dict(line.split(":", 1) for line in result.stdout.splitlines() if ":" in line)
    assert [label for label, _ in steps] == list(lines), result.stdout
    return {label: modules.split() for label, modules in lines.items()}


def test_reader_start_leaves_checking_parts_and_prompts_for_their_keys(store_root: Path, article_copy: Path) -> None:
    """Moving, a tag key and undo import none of :data:`LATER`; the search bar, word mode,
    the verdict panel and the status key load theirs (a fresh process: this one may have imported them already)."""
    loaded = loaded_after(
        store_root, article_copy, LATER, [("started", ["j", "1", "j", "u"]), ("after", ["slash", "escape", "m", "escape", "I", "V"])]
    )
    assert loaded["started"] == [], loaded
    after = loaded["after"]
    # The keys that need them load them: the check above sees modules when they are there.
    assert {
        "tui.widgets.verdict_panel",
        "tui.screens.reader.verdict_keys",
        "tui.screens.choice_picker",
        "tui.screens.reader.bars",
        "tui.screens.reader.word_bar",
    } <= set(after), after


@pytest.mark.parametrize(("size", "width_class"), [((100, 30), "-normal"), ((60, 24), "-narrow")])
async def test_the_reader_is_made_with_its_width_class(
    store_root: Path, article_copy: Path, size: tuple[int, int], width_class: str
) -> None:
    """The class Textual sets from ``HORIZONTAL_BREAKPOINTS`` on a resize is there before
    the screen is mounted (the first resize then changes no class: no restyle of every widget)."""
    app = make_app(store_root, [article_copy])
    async with app.run_test(size=size):
        shown = app.screen
        assert isinstance(shown, ReaderScreen)
        made = type(shown)(shown.annotations, shown.options)
        assert made.has_class(width_class)
        assert not made.has_class({"-normal": "-narrow", "-narrow": "-normal"}[width_class])
        assert shown.has_class(width_class)


async def test_the_reader_is_the_first_screen(store_root: Path, article_copy: Path) -> None:
    """Opened on one article, the app's first screen is the reader: no blank screen is
    composed, styled and left under it before the first frame. ``q`` still quits."""
    app = make_app(store_root, [article_copy])
    async with app.run_test(size=(100, 30)) as pilot:
        assert len(app.screen_stack) == 1, app.screen_stack
        assert isinstance(app.screen, ReaderScreen)
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running


#: The reader's start path as a fresh process imports it (Textual first: not ours to count).
START_IMPORTS = """
import sys
import textual.app
seen = []
{spy}
import tui.app, tui.cli.entry, tui.cli.commands.opening
print(*seen)
"""

#: Records the module of each ``re.compile`` call.
PATTERN_SPY = """
import re
real = re.compile
def spy(pattern, flags=0):
    seen.append(sys._getframe(1).f_globals.get("__name__", ""))
    return real(pattern, flags)
re.compile = spy
"""

#: Records each class made a dataclass.
DATACLASS_SPY = """
import dataclasses
real = dataclasses.dataclass
def spy(cls=None, /, **options):
    def made(cls):
        seen.append(cls.__qualname__)
        return real(**options)(cls)
    return made if cls is None else made(cls)
dataclasses.dataclass = spy
"""


def seen_on_start_path(spy: str) -> list[str]:
    """What ``spy`` appended to ``seen`` while a fresh process imported the start path."""
    code = START_IMPORTS.format(spy=spy)
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return result.stdout.split()


#: Modules on the start path whose patterns wait for their first use (a web page's
#: charset, a colour in a config file, a search's accents, a sentence range).
PATTERNS_LATER = (
    "annotations.formats.decoding",
    "annotations.formats.sniffing",
    "annotations.model",
    "annotations.store.identity",
    "tui.cli.common",
)


def test_the_start_path_compiles_no_pattern_it_keeps_for_later() -> None:
    """Importing the reader's modules compiles the patterns its first frame uses (tag
    names, control characters) and none it keeps for later."""
    compiled = seen_on_start_path(PATTERN_SPY)
    assert not set(PATTERNS_LATER) & set(compiled), compiled
    assert compiled.count("annotations.schema") == 1, compiled  # tag names, not colours
    assert compiled.count("annotations.formats.hygiene") == 1, compiled  # article text, not fields


def test_the_start_path_defines_few_dataclasses() -> None:
    """Each dataclass costs its definition ~0.3-1 ms of generated code on every start: the
    start path keeps them for what needs their copying and comparing (named tuples and
    plain classes elsewhere: the reader's options, the verdict scale, a held article, a
    section as a format reads it)."""
    assert sorted(seen_on_start_path(DATACLASS_SPY)) == ["Article", "Settings", "TagSchema"]
