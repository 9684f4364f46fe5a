"""A toast's text wraps at whole words and never breaks a file name across two lines:
the file on a line of its own, shortened in its middle to the toast's width (the tryout
showed ``…/artillery-pip`` / ``eline.newsmark.yaml``); the real app driven by Pilot."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widget import Widget

from annotations.config import Settings
from annotations.formats.loader import load_article
from annotations.schema import TagSchema
from annotations.store.folder import LockMode, Store
from tui.app import NewsmarkApp
from tui.widgets.notification_text import fit_notice, toast_text_width

from .conftest import wait_until

EXPORT = "artillery-pipeline.newsmark.yaml"


def make_app(store_root: Path, article: Path) -> NewsmarkApp:
    settings = Settings(store_path=store_root, annotator="ana", schema=TagSchema(), suggestions=False)
    return NewsmarkApp(settings, Store(store_root, mode=LockMode.AUTO), article=load_article(article), paths=[article])


@pytest.fixture
def deep_article(tmp_path: Path, samples: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The sample article deep in folders, the current folder elsewhere: its export is
    named by a long whole path, as in the tryout."""
    folder = tmp_path / "newsroom" / "desk-europe" / "2026-12" / "analysts-shared-articles"
    folder.mkdir(parents=True)
    article = folder / "artillery-pipeline.txt"
    article.write_bytes((samples / "artillery-pipeline.txt").read_bytes())
    monkeypatch.chdir(tmp_path)
    return article


def toasts(app: NewsmarkApp) -> list[Widget]:
    return [toast for toast in app.screen.query("Toast") if toast.region.height]


def toast_lines(toast: Widget) -> list[str]:
    return [toast.render_line(y).text for y in range(toast.region.height)]


@pytest.mark.parametrize("width", [60, 80, 81, 100, 140])
async def test_the_text_width_is_the_toasts_own(store_root: Path, article_copy: Path, width: int) -> None:
    app = make_app(store_root, article_copy)
    async with app.run_test(size=(width, 30), notifications=True) as pilot:
        app.notify("word " * 80)
        await wait_until(pilot, lambda: toasts(app), "a toast")
        assert toasts(app)[0].content_region.width == toast_text_width(width)


@pytest.mark.parametrize("size", [(80, 24), (100, 30)])
@pytest.mark.parametrize("where", ["elsewhere", "beside"])
async def test_a_toast_never_splits_the_file_name(
    store_root: Path, deep_article: Path, size: tuple[int, int], where: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    if where == "beside":
        monkeypatch.chdir(deep_article.parent)
    app = make_app(store_root, deep_article)
    async with app.run_test(size=size, notifications=True) as pilot:
        await pilot.press("E", "E")
        await wait_until(pilot, lambda: len(toasts(app)) == 2 and "unchanged" in str(toasts(app)[-1].render()), "two toasts")
        for toast in toasts(app):
            lines = toast_lines(toast)
            assert any(line.strip().endswith(EXPORT) for line in lines), lines
            if where == "beside":
                assert any(line.strip() == EXPORT for line in lines), lines  # named relative to the current folder


def test_words_are_never_broken_and_a_long_name_keeps_both_ends() -> None:
    fitted = fit_notice("Brief written to /a/very/long/folder/of/folders/an-article.brief.md (x.md exists)", 24)
    assert fitted.splitlines() == ["Brief written to", "/a/…/an-article.brief.md", "(x.md exists)"]
    long_name = "averyveryverylongfilenamewithoutfolders.newsmark.yaml"
    # a name longer than a line is kept whole, over several lines (it was cut in its middle)
    assert fit_notice(f"to ./{long_name}", 20).splitlines() == ["to", "./", "averyveryverylongfil", "enamewithoutfolders.", "newsmark.yaml"]
    here = Path.cwd() / "rail-tunnel-reopens-after-six-month-repair.newsmark.yaml"  # named relative to here: no folder
    fitted = fit_notice(f"Exported 1 annotation to {here}", 46)
    assert fitted.splitlines() == ["Exported 1 annotation to", "rail-tunnel-reopens-after-six-month-repair.", "newsmark.yaml"]
    assert fit_notice("this and/or that", 20) == "this and/or that"
