"""Evidence typed in the reader is checked by the command line's rule: a ``PATH#N`` that
is not a sentence of an article in the store is refused in the dialog with the reason
(the text kept), and an accepted one is kept with the article's full path."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from annotations.formats.loader import load_article
from annotations.schema import TagSchema
from annotations.store.article_annotations import open_article
from annotations.store.folder import LockMode, Store
from tui.app import NewsmarkApp
from tui.screens.prompt_dialog import PromptDialog

from .conftest import wait_until
from .test_reader import make_app, reader
from .test_reader_verdicts import CLAIM, prompt_error, stored, type_line


def other_article(tmp_path: Path, samples: Path, name: str = "port-strike.txt") -> Path:
    path = tmp_path / name
    path.write_bytes((samples / name).read_bytes())
    return path


def tag(store_root: Path, path: Path, sentence: int) -> None:
    with Store(store_root, mode=LockMode.AUTO) as store:
        annotations = open_article(store, load_article(path), annotator="ana", schema=TagSchema())
        annotations.add_tags([sentence], ["claim"])
        annotations.release()


async def refused(pilot: object, app: NewsmarkApp, value: str) -> str:
    await type_line(pilot, app, value)
    assert isinstance(app.screen, PromptDialog), f"{value!r} accepted"
    assert app.screen.query_one("#prompt-input").value == value  # type: ignore[attr-defined]
    return prompt_error(app)


async def test_a_path_n_not_in_the_store_is_refused_and_a_good_one_kept_absolute(
    store_root: Path, article_copy: Path, tmp_path: Path, samples: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    port = other_article(tmp_path, samples)
    tag(store_root, article_copy, CLAIM)
    monkeypatch.chdir(tmp_path)
    app = make_app(store_root, [article_copy])
    async with app.run_test(size=(110, 30)) as pilot:
        reader(app).move_to(CLAIM)
        await pilot.press("p")
        await wait_until(pilot, lambda: isinstance(app.screen, PromptDialog), "the evidence prompt")
        assert "no annotations of this article are in the store" in await refused(pilot, app, "port-strike.txt#2")
        tag(store_root, port, 3)  # now it is in the store
        assert "sentence 999 is out of range 1-" in await refused(pilot, app, "port-strike.txt#999")
        assert "nope" in await refused(pilot, app, "nope/missing.txt#1")
        await type_line(pilot, app, "port-strike.txt#2")
        await wait_until(pilot, lambda: not isinstance(app.screen, PromptDialog), "the evidence saved")
        evidence = stored(store_root, article_copy).assessment(CLAIM).evidence
        assert [(e["kind"], e["value"]) for e in evidence] == [("sentence", f"{os.path.realpath(port)}#2")]
