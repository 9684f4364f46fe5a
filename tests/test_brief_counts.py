"""The brief counts sentences as ``stats`` does: a sentence counts under a tag once,
whether tagged as a whole or on its words (several runs of them too), in every reading
(everyone's, the final one, ``--by``). Real ``newsmark`` processes."""

from __future__ import annotations

import json
from pathlib import Path

from annotations.formats.loader import load_article
from annotations.schema import TagSchema
from annotations.store.article_annotations import open_article
from annotations.store.folder import Store
from annotations.store.spans import find_words
from annotations.team.adjudication import Adjudication
from tests.test_brief import run, section

TAGS = ("claim", "figure", "concern", "source")


def tag_words(store: Path, article: Path, annotator: str, tag: str, words: str, sentence: int = 6) -> None:
    done = run("tag", str(article), str(sentence), tag, "--span", words, store=store, annotator=annotator)
    assert done.returncode == 0, done.stderr


def brief_counts(store: Path, article: Path, *options: str) -> dict[str, int]:
    """The brief's counts table: tag (or ``all tagged``) → sentences."""
    done = run("brief", str(article), *options, store=store)
    assert done.returncode == 0, done.stderr
    rows = [line.strip("|").split("|") for line in section(done.stdout, "Counts").splitlines() if line.startswith("| ")]
    return {name.strip(): int(count) for name, count in rows[1:]}


def stats_counts(store: Path, article: Path) -> dict[str, int]:
    """``stats --json``'s counts of the article, named as the brief names them."""
    done = run("stats", str(article), "--json", store=store)
    assert done.returncode == 0, done.stderr
    total = json.loads(done.stdout)["total"]
    return {**{tag: total["tags"][tag] for tag in TAGS}, "all tagged": total["tagged"]}


def without_disputes(counts: dict[str, int]) -> dict[str, int]:
    return {name: count for name, count in counts.items() if name in (*TAGS, "all tagged")}


def test_words_tagged_in_one_sentence_count_it_once_as_stats_does(tmp_path: Path, store_root: Path, article_copy: Path) -> None:
    """The tryout's steps: three spans in sentence 6 are one figure sentence, one source sentence."""
    tag_words(store_root, article_copy, "ana", "figure", "approx. 300,000 shells")
    tag_words(store_root, article_copy, "ana", "source", "officials said")
    tag_words(store_root, article_copy, "bo", "figure", "300,000 shells")
    counts = brief_counts(store_root, article_copy)
    assert without_disputes(counts) == stats_counts(store_root, article_copy)
    assert without_disputes(counts) == {"claim": 0, "figure": 1, "concern": 0, "source": 1, "all tagged": 1}
    assert counts["disputed"] == 1
    done = run("brief", str(article_copy), "-o", str(tmp_path / "brief.md"), store=store_root)
    assert "## Figure (1)" in (tmp_path / "brief.md").read_text(encoding="utf-8") and "a brief of 1 sentence(s)" in done.stderr


def test_every_reading_counts_a_sentence_once(store_root: Path, article_copy: Path) -> None:
    """Ana and Bo tag sentence 6 on its words and as a whole; the final layer settles Ana's
    words as figure: each reading counts each sentence once under each of its tags."""
    tag_words(store_root, article_copy, "ana", "figure", "approx. 300,000 shells")
    tag_words(store_root, article_copy, "ana", "source", "officials said")
    tag_words(store_root, article_copy, "bo", "figure", "300,000 shells")
    for annotator, sentence, tags in (("ana", "6", ["figure"]), ("ana", "3", ["claim"]), ("bo", "3", ["claim", "figure"])):
        assert run("tag", str(article_copy), sentence, *tags, store=store_root, annotator=annotator).returncode == 0
    with Store(store_root) as store:
        opened = open_article(store, load_article(article_copy), annotator="ana", schema=TagSchema())
        adjudication = Adjudication(store, opened.article, opened.file, final="final", schema=TagSchema())
        words = find_words(opened.article, 6, "approx. 300,000 shells")
        assert adjudication.take(words, adjudication.readings(words)[0])  # ana's: figure
        assert adjudication.take(3, adjudication.readings(3)[1])  # bo's: claim, figure

    everyone = brief_counts(store_root, article_copy, "--all")
    assert without_disputes(everyone) == stats_counts(store_root, article_copy)
    assert without_disputes(everyone) == {"claim": 1, "figure": 2, "concern": 0, "source": 1, "all tagged": 2}
    final = {"claim": 1, "figure": 2, "concern": 0, "source": 1, "all tagged": 2}
    assert without_disputes(brief_counts(store_root, article_copy)) == final
    assert without_disputes(brief_counts(store_root, article_copy, "--by", "final")) == {
        "claim": 1,
        "figure": 2,
        "concern": 0,
        "source": 0,
        "all tagged": 2,
    }
    assert without_disputes(brief_counts(store_root, article_copy, "--by", "bo")) == {
        "claim": 1,
        "figure": 2,
        "concern": 0,
        "source": 0,
        "all tagged": 2,
    }
