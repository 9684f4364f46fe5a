"""Who am I: when no option, environment or config names the annotator, tags are saved
under the login name, and newsmark says so once per store (a real subprocess, the real
reader via Pilot)."""

from __future__ import annotations

import getpass
import os
import subprocess
import sys
from pathlib import Path

from annotations.config import Settings, resolve_settings
from annotations.formats.loader import load_article
from annotations.schema import TagSchema
from annotations.store.annotator_notice import NOTICE_NAME
from annotations.store.folder import LockMode, Store
from tui.app import NewsmarkApp

from .conftest import Notice, wait_until
from .test_library import write_articles

NEWSMARK = str(Path(sys.executable).parent / "newsmark")


def newsmark(*args: str) -> subprocess.CompletedProcess[str]:
    """The installed command, in the test's environment (conftest clears NEWSMARK_* and points the config home at tmp)."""
    return subprocess.run([NEWSMARK, *args], capture_output=True, text=True, env=dict(os.environ), timeout=60)


def notice_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if "tags are saved as" in line]


def test_settings_record_whether_the_annotator_was_defaulted(tmp_path: Path) -> None:
    config = tmp_path / "config.yaml"
    config.write_text("annotator: cy\n", encoding="utf-8")
    assert resolve_settings(environ={}).annotator_defaulted
    assert not resolve_settings(annotator="ana", environ={}).annotator_defaulted
    assert not resolve_settings(environ={"NEWSMARK_ANNOTATOR": "bo"}).annotator_defaulted
    assert not resolve_settings(config=str(config), environ={}).annotator_defaulted


def test_the_cli_says_once_per_store_which_name_tags_are_saved_as(tmp_path: Path) -> None:
    article = write_articles(tmp_path / "news", 1)[0]
    store = tmp_path / "store"
    first = newsmark("--db", str(store), "tag", str(article), "2", "claim")
    assert first.returncode == 0, first.stderr
    me = getpass.getuser()
    assert notice_lines(first.stderr) == [
        f'newsmark: tags are saved as "{me}" (the login name); set --annotator, $NEWSMARK_ANNOTATOR or annotator: in the config to change it'
    ]
    assert (store / NOTICE_NAME).stat().st_mode & 0o777 == 0o600  # the store's own permissions
    second = newsmark("--db", str(store), "tag", str(article), "3", "concern")
    assert second.returncode == 0, second.stderr
    assert notice_lines(second.stderr) == []
    other = newsmark("--db", str(tmp_path / "other-store"), "tag", str(article), "2", "claim")
    assert len(notice_lines(other.stderr)) == 1  # "once" is per store


def test_a_chosen_annotator_is_never_announced(tmp_path: Path) -> None:
    article = write_articles(tmp_path / "news", 1)[0]
    store = tmp_path / "store"
    for sentence in ("2", "3"):
        result = newsmark("--db", str(store), "tag", "--annotator", "ana", str(article), sentence, "claim")
        assert result.returncode == 0, result.stderr
        assert notice_lines(result.stderr) == []
    assert not (store / NOTICE_NAME).exists()
    reading = newsmark("--db", str(tmp_path / "untouched"), "stats")  # reading writes nothing: nothing to say
    assert notice_lines(reading.stderr) == []


async def test_the_reader_says_it_once_at_the_first_change_saved(tmp_path: Path, notices: list[Notice]) -> None:
    """Said when a tag is first saved under the login name, not on opening (it was gone
    before anything was saved, and never said again: tryout 6)."""
    article = write_articles(tmp_path / "news", 1)
    settings = Settings(store_path=tmp_path / "store", annotator="root", schema=TagSchema(), suggestions=False, annotator_defaulted=True)
    Store(settings.store_path, mode=LockMode.AUTO).close()  # the store folder is there

    def said() -> list[str]:
        return [notice.message for notice in notices if "tags are saved as" in notice.message.casefold()]

    for run in range(2):
        app = NewsmarkApp(settings, Store(settings.store_path, mode=LockMode.AUTO), article=load_article(article[0]), paths=article)
        async with app.run_test(size=(120, 30)) as pilot:
            await pilot.pause()
            assert len(said()) == run  # opening says nothing
            await pilot.press("j", "c")
            await wait_until(pilot, lambda: len(said()) == 1, "the notice at the first tag saved")
            await pilot.press("j", "c")
            await pilot.pause()
    assert said() == [
        'Tags are saved as "root" (the login name); set --annotator, $NEWSMARK_ANNOTATOR or annotator: in the config to change it'
    ]


def test_an_import_keeps_the_notice_for_the_first_tag_saved_under_the_login_name(tmp_path: Path) -> None:
    """An import saves each record under its own annotator: it says nothing, and the
    first tag saved under the login name afterwards still does (tryout: the import spent it)."""
    article = write_articles(tmp_path / "news", 1)[0]
    theirs, store = tmp_path / "theirs", tmp_path / "store"
    assert newsmark("--db", str(theirs), "tag", str(article), "2", "claim", "--annotator", "ana").returncode == 0
    exported = tmp_path / "ana.yaml"
    assert newsmark("--db", str(theirs), "export", "-o", str(exported)).returncode == 0
    imported = newsmark("--db", str(store), "import", str(exported))
    assert imported.returncode == 0, imported.stderr
    assert notice_lines(imported.stderr) == []
    tagged = newsmark("--db", str(store), "tag", str(article), "3", "concern")
    assert len(notice_lines(tagged.stderr)) == 1


def test_an_import_of_complete_files_as_the_login_name_says_whose_they_are(tmp_path: Path) -> None:
    """Whose removals stay removed depends on who imports: a login name nobody chose says so."""
    article = write_articles(tmp_path / "news", 1)[0]
    theirs, store, split = tmp_path / "theirs", tmp_path / "store", tmp_path / "split"
    assert newsmark("--db", str(theirs), "tag", str(article), "2", "claim", "--annotator", "ana").returncode == 0
    assert newsmark("--db", str(theirs), "export", "--split", str(split), "--annotator", "ana").returncode == 0
    said = newsmark("--db", str(store), "import", str(split))
    assert said.returncode == 0, said.stderr
    [line] = [line for line in said.stderr.splitlines() if "imported as" in line]
    assert "complete files of ana" in line and "--annotator NAME" in line
    chosen = newsmark("--db", str(store), "import", str(split), "--annotator", "ana")
    assert "imported as" not in chosen.stderr


def test_records_under_the_login_name_made_in_another_store_are_named_on_import(tmp_path: Path) -> None:
    """Two analysts who never chose a name tag as the same login name: one annotator to
    newsmark, whose readings merge and whose removals stop reaching each other (tryout 6,
    item 6). An import that adds records under your defaulted name made elsewhere says so."""
    article = write_articles(tmp_path / "news", 1)[0]
    x, y, split = tmp_path / "x", tmp_path / "y", tmp_path / "split"
    assert newsmark("--db", str(x), "tag", str(article), "1-2", "claim").returncode == 0
    assert newsmark("--db", str(x), "export", "--split", str(split)).returncode == 0
    said = newsmark("--db", str(y), "import", str(split))
    assert said.returncode == 0, said.stderr
    [line] = [line for line in said.stderr.splitlines() if "made in another store" in line]
    assert f'2 record(s) under "{getpass.getuser()}"' in line and "--annotator NAME" in line
    again = newsmark("--db", str(y), "import", str(split))  # nothing added: nothing to say
    assert "made in another store" not in again.stderr
    named = newsmark("--db", str(tmp_path / "z"), "import", str(split), "--annotator", getpass.getuser())
    assert "made in another store" not in named.stderr  # a name chosen: yours on another machine, say
