"""The brief names who annotated an article whichever reading it shows (tryout 6, item 7):
after adjudication the final reading replaced Ana's records where it settled them, and
the brief's Annotators line named "bo, final", leaving her out."""

from __future__ import annotations

import shutil
from pathlib import Path

from .test_cli_daily import newsmark

SAMPLE = Path(__file__).resolve().parent.parent / "sample_articles" / "artillery-pipeline.txt"


def ok(*args: str, store: Path) -> str:
    done = newsmark(*args, store=store)
    assert done.returncode == 0, done.stderr
    return done.stdout


def annotators_line(store: Path, *args: str) -> str:
    (line,) = [line for line in ok("brief", "-o", "-", *args, store=store).splitlines() if "Annotators:" in line]
    return line.strip().rstrip("\\")


def test_the_people_are_named_and_the_final_layer_apart(tmp_path: Path) -> None:
    store, article = tmp_path / "store", tmp_path / "a.txt"
    shutil.copyfile(SAMPLE, article)
    ok("tag", str(article), "2", "claim", "--annotator", "ana", store=store)
    ok("tag", str(article), "2-3", "figure", "--annotator", "bo", store=store)
    assert annotators_line(store) == "Annotators: ana, bo"
    ok("tag", str(article), "2", "claim", "--annotator", "final", store=store)  # ana's only record settled
    assert annotators_line(store) == "Annotators: ana, bo (adjudicated: the final layer, final)"
    assert annotators_line(store, "--all") == "Annotators: ana, bo (adjudicated: the final layer, final)"


def test_an_annotation_that_lost_its_sentence_says_whose_it_is(tmp_path: Path) -> None:
    store, article = tmp_path / "store", tmp_path / "a.txt"
    shutil.copyfile(SAMPLE, article)
    text = article.read_text(encoding="utf-8")
    ok("tag", str(article), "2", "claim", "--annotator", "bo", store=store)
    said = (
        "The officials said the shipments arrived by rail through the Far East and were distributed to units within days, "
        "a pace that surprised Western analysts."
    )
    assert said in text
    article.write_text(text.replace(said, "Nothing of the kind was seen by anyone in the north"), encoding="utf-8")
    brief = ok("brief", "-o", "-", "--all", store=store)
    lost = brief.split("## Lost their sentence", 1)[1]
    assert "tags: claim · by bo" in lost


def test_a_dispute_the_final_layer_did_not_settle_stays_disputed(tmp_path: Path) -> None:
    """Tryout 7: once the final layer covered every sentence Ana tagged, the brief's final
    reading dropped her disputes (sentence 3, which only Bo tagged, was just "tagged by bo")."""
    store, article = tmp_path / "store", tmp_path / "a.txt"
    shutil.copyfile(SAMPLE, article)
    ok("tag", str(article), "2", "claim", "--annotator", "ana", store=store)
    ok("tag", str(article), "2-3", "claim", "--annotator", "bo", store=store)
    ok("tag", str(article), "2", "claim", "--annotator", "final", store=store)
    brief = ok("brief", "-o", "-", store=store)
    assert "**disputed** (not by ana)" in brief
