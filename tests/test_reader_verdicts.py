"""Checking claims in the reader, key by key, against the real store on disk: a status
from the picker (with its rationale), evidence, a source's grade, the markers that say
it all without colour, the status line and the verdict panel."""

from __future__ import annotations

from pathlib import Path

from annotations.formats.loader import load_article
from annotations.schema import TagSchema
from annotations.store.article_annotations import ArticleAnnotations, open_article
from annotations.store.folder import LockMode, Store
from tui.app import NewsmarkApp
from tui.screens.choice_picker import ChoicePicker
from tui.screens.prompt_dialog import PromptDialog
from tui.widgets.verdict_panel import VerdictPanel

from .conftest import wait_until
from .test_reader import make_app, reader, status
from .test_reader_daily import screen_lines

CLAIM, SOURCE = 8, 9  # "Analysts caution that container counts ...", "Some containers may carry fuel ..."


def stored(store_root: Path, article_path: Path) -> ArticleAnnotations:
    """The article's records as the store holds them now (read-only)."""
    with Store(store_root, mode=LockMode.READ) as store:
        return open_article(store, load_article(article_path), annotator="ana", schema=TagSchema())


def prompt_error(app: NewsmarkApp) -> str:
    return str(app.screen.query_one("#prompt-error").render())


async def type_line(pilot: object, app: NewsmarkApp, text: str) -> None:
    """Type ``text`` into the open prompt and press Enter."""
    assert isinstance(app.screen, PromptDialog)
    app.screen.query_one("#prompt-input").value = text  # type: ignore[attr-defined]
    await pilot.press("enter")  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]


async def test_a_claim_goes_from_unverified_to_false_with_evidence_and_rationale(store_root: Path, article_copy: Path) -> None:
    app = make_app(store_root, [article_copy])
    async with app.run_test(size=(110, 30)) as pilot:
        reader(app).move_to(CLAIM)
        await pilot.press("V")
        await pilot.pause()
        assert not isinstance(app.screen, ChoicePicker), "no picker on an untagged sentence"
        await pilot.press("c", "V")  # the claim tag, then the status key
        await wait_until(pilot, lambda: isinstance(app.screen, ChoicePicker), "the status picker")
        picker = app.screen
        assert isinstance(picker, ChoicePicker) and [c.value for c in picker.choices] == list(TagSchema().verdicts.names)
        await pilot.press("c")  # checking: no rationale asked
        await wait_until(pilot, lambda: stored(store_root, article_copy).assessment(CLAIM).status == "checking", "checking saved")
        await pilot.press("V", "f")  # false: a final verdict asks why
        await wait_until(pilot, lambda: isinstance(app.screen, PromptDialog), "the rationale prompt")
        await type_line(pilot, app, "The count covers containers, not shells.")
        await wait_until(pilot, lambda: stored(store_root, article_copy).assessment(CLAIM).status == "false", "false saved")
        assessment = stored(store_root, article_copy).assessment(CLAIM)
        assert assessment.rationale == "The count covers containers, not shells."
        assert [(h["from"], h["to"]) for h in assessment.history] == [("unverified", "checking"), ("checking", "false")]
        assert "[claim · ✗ false]" in status(app)
        await pilot.press("V", "f")  # the same verdict again: its rationale, shown to edit
        await wait_until(pilot, lambda: isinstance(app.screen, PromptDialog), "the rationale prompt")
        assert app.screen.query_one("#prompt-input").value == "The count covers containers, not shells."  # type: ignore[attr-defined]
        await type_line(pilot, app, "Containers, not shells.")
        await wait_until(pilot, lambda: stored(store_root, article_copy).assessment(CLAIM).rationale == "Containers, not shells.", "edited")
        assert len(stored(store_root, article_copy).assessment(CLAIM).history) == 2, "no status change: no history"

        await pilot.press("p")
        await wait_until(pilot, lambda: isinstance(app.screen, PromptDialog), "the evidence prompt")
        await type_line(pilot, app, "https://")  # not a web address: the reason shown, the text kept
        assert "not a web address" in prompt_error(app) and isinstance(app.screen, PromptDialog)
        await type_line(pilot, app, "https://example.org/containers")
        await wait_until(pilot, lambda: not isinstance(app.screen, PromptDialog), "the evidence saved")
        await pilot.press("p")
        await wait_until(pilot, lambda: isinstance(app.screen, PromptDialog), "the evidence prompt")
        await type_line(pilot, app, "Port records list fuel tanks.")
        evidence = stored(store_root, article_copy).assessment(CLAIM).evidence
        assert [(e["kind"], e["value"], e["by"]) for e in evidence] == [
            ("url", "https://example.org/containers", "ana"),
            ("text", "Port records list fuel tanks.", "ana"),
        ]
        await pilot.press("u")  # undone like every change
        await wait_until(pilot, lambda: len(stored(store_root, article_copy).assessment(CLAIM).evidence) == 1, "the undo")


async def test_a_source_is_graded_with_the_meanings_shown_and_a_bad_grade_refused(store_root: Path, article_copy: Path) -> None:
    app = make_app(store_root, [article_copy])
    async with app.run_test(size=(110, 30)) as pilot:
        reader(app).move_to(SOURCE)
        await pilot.press("s", "r")
        await wait_until(pilot, lambda: isinstance(app.screen, PromptDialog), "the grade prompt")
        about_widget = app.screen.query_one("#prompt-about")
        about = "\n".join(about_widget.render_line(y).text for y in range(about_widget.size.height))
        assert "usually reliable" in about and "probably true" in about and "F reliability cannot be judged" in about
        await type_line(pilot, app, "G7")
        assert "not a grade" in prompt_error(app)
        await type_line(pilot, app, "b2")
        await wait_until(pilot, lambda: stored(store_root, article_copy).grade(SOURCE) == "B2", "the grade saved")
        assert "· B2]" in status(app)
        await pilot.press("j", "V")  # a source is not a claim: no status
        await pilot.pause()
        assert not isinstance(app.screen, ChoicePicker)


async def test_markers_say_status_and_grade_without_colour(store_root: Path, article_copy: Path) -> None:
    with Store(store_root, mode=LockMode.AUTO) as store:
        annotations = open_article(store, load_article(article_copy), annotator="ana", schema=TagSchema())
        annotations.add_tags([7, CLAIM], ["claim"])
        annotations.add_tags([SOURCE], ["source"])
        annotations.set_status(CLAIM, "false")
        annotations.set_status(7, "verified")
        annotations.set_grade(SOURCE, "B2")
        annotations.release()
    app = make_app(store_root, [article_copy])
    async with app.run_test(size=(110, 30)) as pilot:
        view = reader(app).view
        reader(app).move_to(CLAIM)
        await pilot.pause()
        drawn = "\n".join(screen_lines(view))  # the text alone: no colour, no style
        assert "[c✗]Analysts caution" in drawn.replace(" ", "") or "[c✗] Analysts caution" in drawn
        assert "[c✓]" in drawn and "[s B2]" in drawn


async def test_the_verdict_panel_lists_status_history_evidence_rationale_and_links(store_root: Path, article_copy: Path) -> None:
    with Store(store_root, mode=LockMode.AUTO) as store:
        annotations = open_article(store, load_article(article_copy), annotator="ana", schema=TagSchema())
        annotations.add_tags([CLAIM], ["claim"])
        annotations.add_tags([SOURCE], ["source"])
        annotations.set_status(CLAIM, "false", "Containers are not shells.")
        annotations.add_evidence(CLAIM, "url", "https://example.org/a")
        annotations.set_grade(SOURCE, "B2")
        annotations.link(CLAIM, annotations.link_end(SOURCE), "attributed-to")
        annotations.release()
    app = make_app(store_root, [article_copy])
    async with app.run_test(size=(140, 40)) as pilot:
        reader(app).move_to(CLAIM)
        await pilot.press("I")
        await wait_until(pilot, lambda: app.screen.query(VerdictPanel), "the panel")
        panel = app.screen.query_one(VerdictPanel)
        await wait_until(pilot, lambda: "Status: ✗ False" in panel.shown, "the panel's text")
        shown = panel.shown
        assert "unverified → false" in shown and "https://example.org/a" in shown
        assert "Rationale: Containers are not shells." in shown and "→ attributed-to sentence 9" in shown
        await pilot.press("j")  # the panel follows the cursor: the source, graded, and the link into it
        await wait_until(pilot, lambda: "Grade: B2 (usually reliable, probably true)" in panel.shown, "the source in the panel")
        assert "← attributed-to sentence 8" in panel.shown


async def test_each_checking_key_is_in_the_command_palette(store_root: Path, article_copy: Path) -> None:
    app = make_app(store_root, [article_copy])
    async with app.run_test(size=(110, 30)) as pilot:
        await pilot.pause()
        titles = {command.title for command in app.get_system_commands(reader(app))}
        assert {"Status", "Evidence", "Grade", "Link", "Follow link", "Verdict panel"} <= titles
