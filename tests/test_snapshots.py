"""Screens as the user sees them (pytest-textual-snapshot; update with --snapshot-update)."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot

from tui.screens.library import LibraryScreen

from .conftest import wait_until
from .test_reader import make_app

SIZE = (100, 30)


async def _settle(pilot: Pilot) -> None:
    """Wait until the library has read every article (off the UI thread), indexed their
    text (in another process) and shown it."""
    library = pilot.app.screen
    assert isinstance(library, LibraryScreen)
    await wait_until(pilot, lambda: not library.working, "every article listed and counted")
    await wait_until(pilot, lambda: library.text.indexed, "the text index brought up to date")
    await pilot.pause()


def test_library(snap_compare, store_root: Path, samples: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "news"  # the library lists paths relative to the folder its articles share
    folder.mkdir()
    for name in ("artillery-pipeline.txt", "grid-outage.txt", "water-audit.md"):
        (folder / name).write_bytes((samples / name).read_bytes())
    broken = folder / "notes.txt"
    broken.write_bytes(b"\x00\x01binary\xff")
    paths = [folder / "artillery-pipeline.txt", folder / "grid-outage.txt", broken, folder / "water-audit.md"]
    assert snap_compare(make_app(store_root, paths), terminal_size=SIZE, run_before=_settle)


def test_reader_with_tags(snap_compare, store_root: Path, article_copy: Path) -> None:  # type: ignore[no-untyped-def]
    app = make_app(store_root, [article_copy])
    assert snap_compare(app, terminal_size=SIZE, press=["j", "j", "1", "j", "2", "4", "j", "v", "j", "3"])


def test_help(snap_compare, store_root: Path, article_copy: Path) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(make_app(store_root, [article_copy]), terminal_size=SIZE, press=["question_mark"])


def test_note_dialog(snap_compare, store_root: Path, article_copy: Path) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(make_app(store_root, [article_copy]), terminal_size=SIZE, press=["j", "e", *"Who counted?"])


def test_markers_without_colour(snap_compare, store_root: Path, article_copy: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Several tagged sentences on one line, with NO_COLOR: each marker names its own sentence."""
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(store_root, [article_copy])
    keys = [":", "1", "3", "enter", "2", "4", "j", "3", "e", *"Which vote?", "ctrl+s", "j", "1", "j", "1", "3"]
    assert snap_compare(app, terminal_size=(80, 24), press=keys)


def test_range_note_with_notes_already_there(snap_compare, store_root: Path, article_copy: Path) -> None:  # type: ignore[no-untyped-def]
    """The note dialog on a range: the sentences in sight, the notes there listed, replacing them a choice."""
    keys = ["j", "e", *"Keep me", "ctrl+s", "k", "v", "j", "j", "e", *"On all three"]
    assert snap_compare(make_app(store_root, [article_copy]), terminal_size=SIZE, press=keys)


def test_notes_in_the_note_line_and_the_annotations_panel(snap_compare, store_root: Path, article_copy: Path) -> None:  # type: ignore[no-untyped-def]
    """A note read without the editor: under the text for the cursor sentence, and in the panel."""
    keys = ["1", "e", *"Which officials? Ask the desk for names", "ctrl+s", "j", "j", "2", "k", "k", "a"]

    async def run_before(pilot: Pilot) -> None:  # type: ignore[type-arg]
        await pilot.press(*keys)
        # The panel is mounted when first asked for: wait until it lists the two sentences.
        await wait_until(pilot, lambda: _listed(pilot, "#annotations-list") >= 2, "the annotations panel's list")

    assert snap_compare(make_app(store_root, [article_copy]), terminal_size=SIZE, run_before=run_before)


def _listed(pilot: Pilot, selector: str) -> int:  # type: ignore[type-arg]
    """How many options the list ``selector`` on the current screen holds (0 before it is mounted)."""
    from textual.widgets import OptionList

    found = pilot.app.screen.query(selector)
    return found.first(OptionList).option_count if found else 0


def test_sentence_per_line(snap_compare, store_root: Path, article_copy: Path) -> None:  # type: ignore[no-untyped-def]
    """# : one sentence per line with its number, markers as in paragraphs."""
    keys = [":", "1", "3", "enter", "2", "4", "j", "3", "j", "1", "number_sign"]
    assert snap_compare(make_app(store_root, [article_copy]), terminal_size=(80, 24), press=keys)


def test_suggestions_without_colour(snap_compare, store_root: Path, article_copy: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Suggested tags with NO_COLOR: lowercase letters in ‹›, after a tagged sentence's [c]; accepted ones become tags."""
    from .conftest import wait_until

    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(store_root, [article_copy], suggestions=True)

    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await wait_until(pilot, lambda: app.screen.suggestions, "the suggestions")
        await pilot.press("l", "1", "j", "y", "y", "j")  # y asks which of several: y again takes them all
        await pilot.pause()

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)
