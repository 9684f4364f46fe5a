"""Re-anchoring records made on different texts of one article: a record made on the
new text does not push off another annotator's record of the same sentence made on the
text before the edit (real article files)."""

from __future__ import annotations

from pathlib import Path

from annotations.formats.loader import load_article
from annotations.store.anchoring import Anchorer, Quote

BODY = (
    "Officials said the plant would reopen in the spring after repairs.\n\n"
    "He declined to comment.\n\n"
    "The ministry counted about 300,000 shells delivered since January this year.\n\n"
    "A sentence that the edit will delete from the article entirely.\n\n"
    "Talks resume next week in the capital, the spokesman added.\n"
)


def quote_of(path: Path, number: int) -> tuple[Quote, int]:
    article = load_article(path)
    sentence = article.sentence(number)
    text = article.text
    return Quote(
        sentence.text,
        text[max(0, sentence.start - 32) : sentence.start],
        text[sentence.end : sentence.end + 32],
        sentence.start,
        article.sha256,
    ), number


def test_a_record_on_the_new_text_leaves_its_sentence_to_the_same_sentence_quoted_on_the_old(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(BODY, encoding="utf-8")
    old = {n: quote_of(path, n)[0] for n in (1, 2, 3, 5)}
    path.write_text(BODY.replace("A sentence that the edit will delete from the article entirely.\n\n", ""), encoding="utf-8")
    new_article = load_article(path)
    fixed = [quote_of(path, 3), quote_of(path, 4), quote_of(path, 2)]  # made after the edit by one annotator
    anchors = Anchorer(new_article).locate([old[3], old[5], old[2], old[1]], fixed)  # another's, made before it
    assert [(a.kind, a.sentence) for a in anchors] == [("exact", 3), ("moved", 4), ("exact", 2), ("exact", 1)]


def test_two_old_sentences_of_one_text_still_never_share_a_new_one(tmp_path: Path) -> None:
    path = tmp_path / "b.txt"
    body = "Prices rose again in May. He declined to comment.\nThe union will vote on Friday. He declined to comment.\nTalks resume next week.\n"
    path.write_text(body, encoding="utf-8")
    first, second = quote_of(path, 2)[0], quote_of(path, 4)[0]
    path.write_text(
        body.replace("The union will vote on Friday. He declined to comment.", "The union will vote on Friday."), encoding="utf-8"
    )
    anchors = Anchorer(load_article(path)).locate([first, second], [quote_of(path, 2)])
    assert sorted((a.kind, a.sentence) for a in anchors) == [("exact", 2), ("orphan", None)]
