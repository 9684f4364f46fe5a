"""The reader's ``E``: the export goes beside the article (or the configured folder),
never over an existing file, and the notification says where."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import yaml

from annotations.config import Settings, resolve_settings
from annotations.formats.loader import load_article
from annotations.schema import TagSchema
from annotations.store.folder import LockMode, Store
from tui.app import NewsmarkApp

from .conftest import Notice, wait_until

SIZE = (100, 30)


def app_for(store_root: Path, article: Path, export_folder: Path | None = None) -> NewsmarkApp:
    settings = Settings(store_path=store_root, annotator="ana", schema=TagSchema(), export_folder=export_folder)
    return NewsmarkApp(settings, Store(store_root, mode=LockMode.AUTO), article=load_article(article), paths=[article])


@pytest.fixture
def elsewhere(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A current folder that is not the article's."""
    folder = tmp_path / "started-here"
    folder.mkdir()
    monkeypatch.chdir(folder)
    return folder


async def test_e_writes_beside_the_article_not_into_the_current_folder(
    store_root: Path, article_copy: Path, elsewhere: Path, notices: list[Notice]
) -> None:
    expected = article_copy.parent / "artillery-pipeline.newsmark.yaml"
    app = app_for(store_root, article_copy)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("1", "E")
        await wait_until(pilot, lambda: any(str(expected) in n.message for n in notices), "a notification naming the file")
    assert list(elsewhere.iterdir()) == []
    assert yaml.safe_load(expected.read_text(encoding="utf-8"))["articles"][0]["annotations"][0]["tags"] == ["claim"]


async def test_e_never_overwrites_another_file_and_says_so_in_one_line(
    store_root: Path, article_copy: Path, elsewhere: Path, notices: list[Notice]
) -> None:
    first = article_copy.parent / "artillery-pipeline.newsmark.yaml"
    first.write_text("someone's own file\n", encoding="utf-8")
    app = app_for(store_root, article_copy)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("1", "E")
        await wait_until(pilot, lambda: any("not written" in n.message for n in notices), "the export refused")
    [refused] = [n for n in notices if "not written" in n.message]
    assert str(first) in refused.message and "\n" not in refused.message
    assert first.read_text(encoding="utf-8") == "someone's own file\n"
    assert sorted(p.name for p in article_copy.parent.glob("*.newsmark*")) == [first.name]


async def test_a_second_e_updates_the_articles_own_export(
    store_root: Path, article_copy: Path, elsewhere: Path, notices: list[Notice]
) -> None:
    """A second E after more tagging wrote ``artillery-pipeline.newsmark-2.yaml``."""
    first = article_copy.parent / "artillery-pipeline.newsmark.yaml"
    app = app_for(store_root, article_copy)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("1", "E")
        await wait_until(pilot, lambda: any(str(first) in n.message for n in notices), "the first export")
        notices.clear()
        await pilot.press("E")  # nothing changed since
        await wait_until(pilot, lambda: any("unchanged" in n.message and str(first) in n.message for n in notices), "unchanged")
        notices.clear()
        await pilot.press("j", "2", "E")
        await wait_until(pilot, lambda: any(n.message.startswith("Exported") and str(first) in n.message for n in notices), "updated")
    assert "tags: [figure]" in first.read_text(encoding="utf-8")
    assert sorted(p.name for p in article_copy.parent.glob("*.newsmark*")) == [first.name]


async def test_e_after_the_user_edited_the_export_is_refused(
    store_root: Path, article_copy: Path, elsewhere: Path, notices: list[Notice]
) -> None:
    first = article_copy.parent / "artillery-pipeline.newsmark.yaml"
    app = app_for(store_root, article_copy)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("1", "E")
        await wait_until(pilot, lambda: any(str(first) in n.message for n in notices), "the first export")
        edited = first.read_text(encoding="utf-8") + "# checked by the desk\n"
        first.write_text(edited, encoding="utf-8")
        await pilot.press("j", "2", "E")
        await wait_until(pilot, lambda: any("not written" in n.message for n in notices), "the export refused")
    [refused] = [n for n in notices if "not written" in n.message]
    assert str(first) in refused.message and "edited" in refused.message and "\n" not in refused.message
    assert first.read_text(encoding="utf-8") == edited
    assert sorted(p.name for p in article_copy.parent.glob("*.newsmark*")) == [first.name]


def test_another_articles_export_of_the_same_name_is_refused(tmp_path: Path) -> None:
    from annotations.exchange.export_ledger import ExportLedger
    from annotations.exchange.export_target import write_article_export

    ledger, folder = ExportLedger(tmp_path / "state" / "exports.json"), tmp_path / "exports"
    folder.mkdir()
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    one = write_article_export(b"one\n", tmp_path / "a" / "story.txt", folder, ledger=ledger)
    assert not one.refused and one.path == folder / "story.newsmark.yaml"
    other = write_article_export(b"two\n", tmp_path / "b" / "story.txt", folder, ledger=ledger)
    assert other.refused and (folder / "story.newsmark.yaml").read_bytes() == b"one\n"
    again = write_article_export(b"three\n", tmp_path / "a" / "story.txt", folder, ledger=ledger)
    assert not again.refused and (folder / "story.newsmark.yaml").read_bytes() == b"three\n"
    assert sorted(p.name for p in folder.iterdir()) == ["story.newsmark.yaml"]  # no temporary file left


async def test_e_writes_into_the_configured_folder(
    store_root: Path, article_copy: Path, elsewhere: Path, tmp_path: Path, notices: list[Notice]
) -> None:
    folder = tmp_path / "exports"
    folder.mkdir()
    app = app_for(store_root, article_copy, export_folder=folder)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("1", "E")
        await wait_until(pilot, lambda: any(str(folder) in n.message for n in notices), "the configured folder named")
    assert [p.name for p in folder.iterdir()] == ["artillery-pipeline.newsmark.yaml"]


def test_the_config_names_the_export_folder(tmp_path: Path) -> None:
    config = tmp_path / "config.yaml"
    config.write_text("export_dir: ~/exports\n", encoding="utf-8")
    settings = resolve_settings(config=str(config), environ={"HOME": str(tmp_path)})
    assert settings.export_folder == Path(os.path.expanduser("~/exports"))


def test_numbered_names_and_a_missing_folder(tmp_path: Path) -> None:
    from annotations.exchange.export_target import candidates, write_new_export

    first = tmp_path / "a.newsmark.newsmark.yaml"
    assert candidates(first)[1].name == "a.newsmark.newsmark-2.yaml"
    with pytest.raises(FileNotFoundError, match="no such folder") as missing:
        write_new_export(b"x", tmp_path / "a.txt", tmp_path / "gone")
    assert missing.value.filename == str(tmp_path / "gone")
    written = [write_new_export(data, tmp_path / "a.txt", tmp_path) for data in (b"one", b"two", b"one")]
    assert [(w.path.name, w.unchanged) for w in written] == [
        ("a.newsmark.yaml", False),
        ("a.newsmark-2.yaml", False),
        ("a.newsmark.yaml", True),
    ]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.newsmark-2.yaml", "a.newsmark.yaml"]  # no temporary file left
