"""The brief puts the analysts' tags first, adds what is only suggested when asked, and
once an article is adjudicated shows its final reading (saying so) with a way to see
everyone's: on the command line (``--suggested``, ``--all``, ``--by final``) and in the
reader's preview (``z``, ``f``)."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Markdown

from tests.conftest import wait_until
from tests.test_brief import parse_html, run, section
from tests.test_brief_reader import SIZE, app_for
from tests.test_team_reader import tag_as
from tui.screens.brief import BriefScreen


def headings(markdown: str) -> list[str]:
    return [line for line in markdown.splitlines() if line.startswith("## ")]


def adjudicated(store_root: Path, article: Path) -> None:
    """Ana and bo agree on sentence 2 (claim) and differ on 3 (ana: claim, bo: figure);
    the final layer settled 3 as claim and figure."""
    tag_as(store_root, article, "ana", 2, ["claim"])
    tag_as(store_root, article, "bo", 2, ["claim"])
    tag_as(store_root, article, "ana", 3, ["claim"])
    tag_as(store_root, article, "bo", 3, ["figure"])
    tag_as(store_root, article, "final", 3, ["claim", "figure"])


def test_the_analysts_tags_come_first_and_suggestions_only_when_asked(store_root: Path, article_copy: Path) -> None:
    for sentence, name in (("2", "claim"), ("3", "figure"), ("5", "concern")):
        assert run("tag", str(article_copy), sentence, name, store=store_root).returncode == 0
    plain = run("brief", str(article_copy), store=store_root)
    assert plain.returncode == 0, plain.stderr
    assert headings(plain.stdout) == ["## Articles", "## Counts", "## Claim (1)", "## Figure (1)", "## Concern (1)", "## Source (0)"]
    assert "suggested" not in plain.stdout and "Reading:" not in plain.stdout  # no final layer: no reading line

    asked = run("brief", str(article_copy), "--suggested", store=store_root)
    assert asked.returncode == 0, asked.stderr
    assert headings(asked.stdout)[-1] == "## Only suggested"  # after every tag heading
    assert headings(asked.stdout)[:-1] == headings(plain.stdout)
    assert "sentence 6: claim, figure, source" in section(asked.stdout, "Only suggested")

    storewide = run("brief", "--suggested", store=store_root)
    assert storewide.returncode == 2 and storewide.stdout == ""
    assert storewide.stderr.splitlines() == [
        "newsmark: brief --suggested: suggestions are made from an article's text: name the FILEs (or folders) to brief"
    ]


def test_an_adjudicated_article_shows_its_final_reading_and_says_so(store_root: Path, article_copy: Path, tmp_path: Path) -> None:
    adjudicated(store_root, article_copy)
    final = run("brief", str(article_copy), store=store_root)
    assert final.returncode == 0, final.stderr
    lines = final.stdout.splitlines()
    assert lines[2] == (
        "Reading: the final reading (final's tags on the sentences it settled, everyone's elsewhere; everyone's tags: --all)"
    )
    assert "## Disputed" not in final.stdout and "| disputed |" not in final.stdout
    claims = section(final.stdout, "Claim")
    assert "sentence 2 · tagged by ana, bo" in claims  # agreed: as everyone tagged it
    assert "sentence 3 · tagged by final · also: figure" in claims and "**disputed**" not in claims
    assert "sentence 3 · tagged by final" in section(final.stdout, "Figure")

    everyone = run("brief", str(article_copy), "--all", store=store_root)
    assert everyone.returncode == 0, everyone.stderr
    assert everyone.stdout.splitlines()[2] == (
        "Reading: everyone's tags, final's among them (a final reading exists: leave out --all for it)"
    )
    assert "sentence 3: claim by ana, not by bo; figure by bo, not by ana" in section(everyone.stdout, "Disputed")

    layer = run("brief", str(article_copy), "--by", "final", store=store_root)
    assert layer.stdout.splitlines()[2] == "Reading: only the tags of final"
    assert "sentence 2" not in layer.stdout and "sentence 3 · tagged by final" in layer.stdout
    picked = run("brief", str(article_copy), "--by", "ana", store=store_root)
    assert picked.stdout.splitlines()[2] == "Reading: only the tags of ana (a final reading exists: leave out --by for it)"

    out = tmp_path / "brief.html"
    assert run("brief", str(article_copy), "--format", "html", "-o", str(out), store=store_root).returncode == 0
    text = "".join(parse_html(out.read_text(encoding="utf-8")).text)
    assert "Reading: the final reading (final's tags on the sentences it settled" in text and "Disputed" not in text

    unsettled = run("tag", str(article_copy), "5", "concern", "--annotator", "bo", store=store_root)
    assert unsettled.returncode == 0, unsettled.stderr
    still = run("brief", str(article_copy), store=store_root).stdout  # a dispute the final layer has not settled stays listed
    assert "and the final layer has not settled" in still and "sentence 5: concern by bo, not by ana" in section(still, "Disputed")


async def test_the_preview_toggles_suggestions_and_the_reading(store_root: Path, article_copy: Path) -> None:
    adjudicated(store_root, article_copy)
    app = app_for(store_root, article_copy)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("b")
        await wait_until(pilot, lambda: isinstance(app.screen, BriefScreen) and app.screen.markdown is not None, "the brief built")
        preview = app.screen
        assert isinstance(preview, BriefScreen)
        shown = preview.query_one("#brief", Markdown).source
        assert "## Only suggested" not in shown and "Reading: the final reading" in shown and "## Disputed" not in shown

        await pilot.press("z")
        await wait_until(pilot, lambda: "## Only suggested" in (preview.markdown or ""), "the suggestions added")
        assert headings(preview.markdown or "")[-1] == "## Only suggested"
        await pilot.press("f")
        await wait_until(pilot, lambda: "## Disputed" in (preview.markdown or ""), "everyone's tags")
        assert "Reading: everyone's tags, final's among them (a final reading exists)" in (preview.markdown or "")
        assert "## Only suggested" in (preview.markdown or "")
        await pilot.press("z", "f")
        await wait_until(pilot, lambda: "Reading: the final reading" in (preview.markdown or ""), "the final reading again")
        assert "## Only suggested" not in (preview.markdown or "")
        await wait_until(pilot, lambda: preview.query_one("#brief", Markdown).source == preview.markdown, "shown")
