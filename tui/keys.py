"""The README's key table, generated from the real bindings (``python -m tui.keys``)."""

from __future__ import annotations

from textual.binding import Binding, BindingType

from annotations.schema import TagSchema

from .key_groups import grouped

_KEY_NAMES = {
    "down": "↓",
    "up": "↑",
    "right_square_bracket": "]",
    "left_square_bracket": "[",
    "slash": "/",
    "question_mark": "?",
    "escape": "Esc",
    "enter": "Enter",
    "home": "Home",
    "end": "End",
    "ctrl+s": "Ctrl+S",
    "ctrl+r": "Ctrl+R",
    "pagedown": "PgDn",
    "pageup": "PgUp",
    "space": "Space",
    "colon": ":",
    "number_sign": "#",
    "right": "→",
    "left": "←",
    "shift+right": "Shift+→",
    "shift+left": "Shift+←",
    "greater_than_sign": ">",
    "less_than_sign": "<",
    "equals_sign": "=",
}


def _rows(bindings: list[Binding]) -> list[tuple[str, str]]:
    rows: dict[str, list[str]] = {}
    for binding in bindings:
        description = binding.tooltip or binding.description
        keys = rows.setdefault(description, [])
        name = _KEY_NAMES.get(binding.key) or _ctrl_name(binding.key)
        if name not in keys:
            keys.append(name)
    return [(" ".join(f"`{k}`" for k in keys), description) for description, keys in rows.items()]


def _table(bindings: list[BindingType]) -> list[str]:
    """One screen's keys: a table whose rows are led, group by group, by the group's name
    (the help screen's groups, :mod:`tui.key_groups`)."""
    lines = ["| keys | action |", "|---|---|"]
    for group, members in grouped(Binding.make_bindings(bindings)):
        lines.append(f"| **{group.description}** | |")
        lines.extend(f"| {keys} | {_escape_cell(description)} |" for keys, description in _rows(members))
    return lines


def _ctrl_name(key: str) -> str:
    """``ctrl+s`` as ``Ctrl+S``; other keys as they are."""
    return f"Ctrl+{key[5:].upper()}" if key.startswith("ctrl+") and len(key) == 6 else key


def _escape_cell(text: str) -> str:
    return text.replace("|", "\\|")


def markdown_key_table() -> str:
    """Markdown tables of the keys of the reader, word mode, link mode, the elsewhere panel, the note dialog, the triage and adjudication views, the library and the annotations overview."""
    from .screens.adjudication import AdjudicationScreen
    from .screens.annotations import AnnotationsScreen
    from .screens.brief import BriefScreen
    from .screens.library import LibraryScreen
    from .screens.note import DiscardNote, NoteDialog
    from .screens.reader import ReaderScreen
    from .screens.reader.elsewhere_panel import ElsewherePanel
    from .screens.reader.link_mode import LinkBar
    from .screens.reader.word_bar import WordBar
    from .screens.triage import TriageScreen

    out: list[str] = []
    for title, bindings in (
        ("Reader", ReaderScreen.for_schema(TagSchema()).BINDINGS),
        ("Word mode (`m` in the reader)", WordBar.for_schema(TagSchema()).BINDINGS),
        ("Link mode (`X` in the reader)", LinkBar.BINDINGS),
        ("Elsewhere panel (`=` in the reader)", ElsewherePanel.help_mode()[2]),
        ("Note dialog", NoteDialog.BINDINGS),
        ("Discard a changed note? (Esc in the note dialog)", DiscardNote.BINDINGS),
        ("Triage of orphans (R)", TriageScreen.BINDINGS),
        ("Brief preview (b)", BriefScreen.BINDINGS),
        ("Adjudication (A)", AdjudicationScreen.for_schema(TagSchema()).BINDINGS),
        ("Library", LibraryScreen.BINDINGS),
        ("Annotations (`a` in the library)", AnnotationsScreen.BINDINGS),
    ):
        out.append(f"**{title}**\n")
        out.extend(_table(list(bindings)))
        out.append("")
    out.append(
        "Everywhere: `Ctrl+P` opens the command palette (newsmark's own commands, every section, every article;"
        " in the reader a number such as `14` offers *Go to sentence 14*); `Ctrl+Q` quits."
    )
    return "\n".join(out)


if __name__ == "__main__":
    print(markdown_key_table())
