"""The command palette says what each key's command does, as the help does, then its key."""

from __future__ import annotations

from pathlib import Path

from textual.content import Content

from .test_reader import SIZE, make_app, reader


async def test_each_key_command_in_the_reader_palette_says_what_it_does(store_root: Path, article_copy: Path) -> None:
    app = make_app(store_root, [article_copy], suggestions=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = reader(app)
        helps: dict[str, str] = {}
        for command in app.get_system_commands(screen):  # the screen's keys come first
            helps.setdefault(command.title, Content.from_markup(command.help).plain)
        described = {a.binding.description: a.binding.tooltip for a in screen.active_bindings.values() if a.binding.tooltip}
    shown = {title: tooltip for title, tooltip in described.items() if title in helps}
    assert len(shown) > 20
    for title, tooltip in shown.items():  # the help's words first, then the key
        assert helps[title].startswith(f"{tooltip} · Key: "), (title, helps[title])
    assert helps["Suggestions"].startswith("Hide or show") and helps["Suggestions"].endswith("Key: z")
