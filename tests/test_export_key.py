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


async def test_e_never_overwrites_and_says_where_it_wrote(
    store_root: Path, article_copy: Path, elsewhere: Path, notices: list[Notice]
) -> None:
    first = article_copy.parent / "artillery-pipeline.newsmark.yaml"
    first.write_text("someone's own file\n", encoding="utf-8")
    second = article_copy.parent / "artillery-pipeline.newsmark-2.yaml"
    app = app_for(store_root, article_copy)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("1", "E")
        await wait_until(pilot, lambda: any(str(second) in n.message for n in notices), "the export under a new name")
        assert any("exists" in n.message for n in notices if str(second) in n.message)
        assert first.read_text(encoding="utf-8") == "someone's own file\n"
        notices.clear()
        await pilot.press("E")  # nothing changed since: no third file
        await wait_until(pilot, lambda: any("unchanged" in n.message and str(second) in n.message for n in notices), "unchanged")
        assert not (article_copy.parent / "artillery-pipeline.newsmark-3.yaml").exists()
        await pilot.press("j", "2", "E")
        third = article_copy.parent / "artillery-pipeline.newsmark-3.yaml"
        await wait_until(pilot, lambda: any(str(third) in n.message for n in notices), "a changed export under the next name")
    assert "tags: [figure]" not in second.read_text(encoding="utf-8") and "tags: [figure]" in third.read_text(encoding="utf-8")


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
