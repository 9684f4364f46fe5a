"""The text index (annotations/library/text_*.py): what a query finds, how an update follows
the files, and a damaged or outdated index built anew with one line."""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path

import pytest

from annotations.library import text_index
from annotations.library.text_index import TextIndex
from annotations.library.text_query import QuerySyntaxError
from annotations.library.text_scope import Scope
from annotations.library.text_search import candidates, search
from annotations.sentences.cache import SPLITTER_VERSION, SentenceCache

ARTICLES = {
    "depot.md": (
        "# Shells at the Depot\n\nOfficials counted about 7,000 shells at the depot. The minister called it misleading.\n\n"
        "## Numbers\n\nThe central bank raised rates. Analysts expect more."
    ),
    "bank.md": "# The Bank\n\nThe bank's central office moved. A ministry spokesman declined to comment.\n",
    "cafe.md": "# Café Society\n\nDr. Kím met the Prime Minister at the café. Roughly 300 000 people watched.\n",
}


def write(folder: Path, articles: dict[str, str]) -> None:
    """Write each article of ``articles`` into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in articles.items():
        (folder / name).write_text(text, encoding="utf-8")


@pytest.fixture
def corpus(tmp_path: Path) -> tuple[TextIndex, Scope, Path]:
    """An index of the three articles, up to date."""
    folder = tmp_path / "articles"
    write(folder, ARTICLES)
    index = TextIndex(tmp_path / "cache" / "search", sentence_cache=SentenceCache(tmp_path / "cache" / "sentences"))
    scope = Scope.of([folder])
    index.update(scope)
    return index, scope, folder


def found(index: TextIndex, query: str, scope: Scope) -> list[tuple[str, int]]:
    """(file name, sentence number) of every hit, best first."""
    return [(Path(hit.path).name, hit.sentence) for hit in search(index, query, scope, limit=None)]


def test_words_are_all_required_and_case_and_accents_do_not_matter(corpus: tuple[TextIndex, Scope, Path]) -> None:
    index, scope, _ = corpus
    assert found(index, "KIM cafe", scope) == [("cafe.md", 1)]
    assert found(index, "kím CAFÉ", scope) == [("cafe.md", 1)]
    assert found(index, "shells minister", scope) == []


def test_a_quoted_phrase_needs_its_words_in_order(corpus: tuple[TextIndex, Scope, Path]) -> None:
    index, scope, _ = corpus
    assert found(index, '"central bank"', scope) == [("depot.md", 3)]
    assert sorted(found(index, "central bank", scope)) == [("bank.md", 1), ("depot.md", 3)]


def test_a_prefix_finds_every_word_that_starts_so(corpus: tuple[TextIndex, Scope, Path]) -> None:
    index, scope, _ = corpus
    assert sorted(found(index, "minist*", scope)) == [("bank.md", 2), ("cafe.md", 1), ("depot.md", 2)]
    assert found(index, '"prime minis"*', scope) == [("cafe.md", 1)]


def test_numbers_are_phrases_of_their_parts_and_a_word_can_be_left_out(corpus: tuple[TextIndex, Scope, Path]) -> None:
    index, scope, _ = corpus
    assert found(index, "7,000", scope) == [("depot.md", 1)]
    assert found(index, "300,000", scope) == [("cafe.md", 2)]
    assert sorted(found(index, "bank -central", scope)) == []
    assert found(index, "bank -raised", scope) == [("bank.md", 1)]


def test_a_hit_says_where_it_is_and_marks_the_words(corpus: tuple[TextIndex, Scope, Path]) -> None:
    index, scope, folder = corpus
    (hit,) = search(index, '"central bank"', scope)
    assert (hit.path, hit.title, hit.section, hit.section_label, hit.sentence) == (
        str(folder / "depot.md"),
        "Shells at the Depot",
        2,
        "Numbers",
        3,
    )
    assert [hit.text[start:end] for start, end in hit.marks] == ["central", "bank"]
    assert hit.score > 0


def test_the_best_hit_comes_first(corpus: tuple[TextIndex, Scope, Path]) -> None:
    index, scope, _ = corpus
    hits = search(index, "bank", scope)
    assert [hit.score for hit in hits] == sorted((hit.score for hit in hits), reverse=True)


@pytest.mark.parametrize("query", ['"unclosed', "*", "- -", ":", '""', "-shells"])
def test_a_query_that_cannot_be_read_says_why(corpus: tuple[TextIndex, Scope, Path], query: str) -> None:
    index, scope, _ = corpus
    with pytest.raises(QuerySyntaxError) as raised:
        search(index, query, scope)
    assert "\n" not in str(raised.value)


@pytest.mark.parametrize("query", ['shells:"depot"', "a-b* (shells)", "shells OR AND NOT", "depot\\"])
def test_punctuation_in_a_query_means_nothing_to_the_engine(corpus: tuple[TextIndex, Scope, Path], query: str) -> None:
    index, scope, _ = corpus
    search(index, query, scope)  # no error: any punctuation only separates words


def test_the_scope_limits_the_hits(corpus: tuple[TextIndex, Scope, Path]) -> None:
    index, _, folder = corpus
    assert found(index, "bank", Scope.of([folder / "bank.md"])) == [("bank.md", 1)]


def test_candidates_share_distinctive_words_and_leave_out_the_sentence_s_own_article(corpus: tuple[TextIndex, Scope, Path]) -> None:
    index, scope, folder = corpus
    hits = candidates(index, "The minister said about 7,000 shells were at the depot.", scope, exclude=str(folder / "cafe.md"))
    assert (Path(hits[0].path).name, hits[0].sentence) == ("depot.md", 1)
    assert all(Path(hit.path).name != "cafe.md" for hit in hits)


def test_an_update_follows_a_changed_a_removed_and_a_new_article(corpus: tuple[TextIndex, Scope, Path]) -> None:
    index, scope, folder = corpus
    (folder / "depot.md").write_text("# Shells at the Depot\n\nNobody counted anything at the warehouse.\n", encoding="utf-8")
    os.utime(folder / "depot.md", ns=(1, 1))  # a different time even on a coarse clock
    (folder / "bank.md").unlink()
    write(folder, {"new.md": "# New\n\nThe central bank cut rates.\n"})
    assert index.update(scope) == 3
    assert found(index, "warehouse", scope) == [("depot.md", 1)]
    assert found(index, "shells", scope) == []
    assert found(index, "spokesman", scope) == []
    assert found(index, '"central bank"', scope) == [("new.md", 1)]
    assert index.update(scope) == 0
    reopened = TextIndex(index.folder)
    assert found(reopened, '"central bank"', scope) == [("new.md", 1)]
    assert sorted(Path(path).name for path in reopened.articles()) == ["cafe.md", "depot.md", "new.md"]


def test_a_file_rewritten_at_the_same_size_with_its_time_set_back_is_indexed_again(corpus: tuple[TextIndex, Scope, Path]) -> None:
    index, scope, folder = corpus
    path = folder / "cafe.md"
    before = path.stat()
    path.write_text(path.read_text(encoding="utf-8").replace("watched", "marched"), encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))  # as cp -p, rsync -t, tar do
    assert (path.stat().st_size, path.stat().st_mtime_ns) == (before.st_size, before.st_mtime_ns)
    assert index.outdated(scope) == ([str(path)], [])
    assert index.update(scope) == 1
    assert found(index, "marched", scope) == [("cafe.md", 2)]
    assert found(index, "watched", scope) == []
    assert index.outdated(scope) == ([], [])


def test_the_list_of_articles_holds_each_file_s_stamp_and_a_damaged_one_indexes_that_file_again(
    corpus: tuple[TextIndex, Scope, Path],
) -> None:
    index, scope, folder = corpus
    data = json.loads(index.articles_path.read_text())
    assert data == {"newsmark_search": text_index.FORMAT_VERSION, "splitter": SPLITTER_VERSION, "stamps": scope.stamps()}
    data["stamps"][str(folder / "bank.md")] = [True, "x"]
    index.articles_path.write_text(json.dumps(data))
    again = TextIndex(index.folder)
    assert again.outdated(scope) == ([str(folder / "bank.md")], [])
    assert again.update(scope) == 1 and again.notices == []
    assert found(again, "spokesman", scope) == [("bank.md", 2)]
    assert TextIndex(index.folder).outdated(scope) == ([], [])


def test_an_index_up_to_date_is_known_so_without_decoding_its_list_and_a_change_still_is_found(
    corpus: tuple[TextIndex, Scope, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    index, scope, folder = corpus
    write(folder, {"b0.md": "# B\n\nA new central bank.\n", "zz.md": "# Z\n\nZebras.\n"})  # among the others
    assert index.update(scope) == 2
    monkeypatch.setattr(TextIndex, "_read_articles", lambda self: pytest.fail("the list was decoded"))
    warm = TextIndex(index.folder)
    assert warm.outdated(scope) == ([], [])
    assert sorted(found(warm, '"central bank"', scope)) == [("b0.md", 1), ("depot.md", 3)]
    monkeypatch.undo()
    (folder / "zz.md").write_text("# Z\n\nZebus.\n", encoding="utf-8")
    (folder / "bank.md").unlink()
    assert TextIndex(index.folder).outdated(scope) == ([str(folder / "zz.md")], [str(folder / "bank.md")])


def test_a_list_written_in_another_order_is_written_in_the_walk_s_order_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "articles"
    write(folder, ARTICLES)
    scope = Scope.of([folder])
    index = TextIndex(tmp_path / "search")
    index.update(Scope.of(list(reversed(scope.stamps()))))  # as the library updates it: its files, in its order
    written = index.articles_path.read_bytes()
    assert TextIndex(index.folder).outdated(scope) == ([], [])
    assert index.articles_path.read_bytes() != written
    assert json.loads(index.articles_path.read_bytes()) == json.loads(written)  # the same list, in the walk's order
    monkeypatch.setattr(TextIndex, "_read_articles", lambda self: pytest.fail("the list was decoded"))
    assert TextIndex(index.folder).outdated(scope) == ([], [])


@pytest.mark.parametrize("target", ["meta.json", "*.term", "*.store", "articles.json"])
def test_a_damaged_index_is_built_anew_with_one_line(corpus: tuple[TextIndex, Scope, Path], target: str) -> None:
    index, scope, _ = corpus
    files = list(index.folder.glob(target)) + list(index.engine_folder.glob(target))
    assert files
    for file in files:
        file.write_bytes(os.urandom(300) + b"\xff garbage")
    again = TextIndex(index.folder)
    again.update(scope)
    assert found(again, "cafe", scope) == [("cafe.md", 1)]
    assert len(again.notices) == 1
    assert again.notices[0].startswith("search index: ") and "\n" not in again.notices[0]


def test_an_index_of_another_format_is_built_anew(corpus: tuple[TextIndex, Scope, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    index, scope, _ = corpus
    monkeypatch.setattr(text_index, "FORMAT_VERSION", text_index.FORMAT_VERSION + 1)
    again = TextIndex(index.folder)
    again.update(scope)
    assert found(again, "cafe", scope) == [("cafe.md", 1)]
    assert again.notices == [
        f"search index: made by another version of newsmark (format {text_index.FORMAT_VERSION - 1}, now {text_index.FORMAT_VERSION}); building it anew"
    ]
    assert json.loads(again.articles_path.read_text())["newsmark_search"] == text_index.FORMAT_VERSION


def test_two_updates_at_once_index_each_article_once(tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    write(folder, {f"a{number}.md": f"# A{number}\n\nThe depot held {number} crates.\n" for number in range(40)})
    scope = Scope.of([folder])
    indexes = [TextIndex(tmp_path / "search"), TextIndex(tmp_path / "search")]
    threads = [threading.Thread(target=index.update, args=(scope,)) for index in indexes]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(search(TextIndex(tmp_path / "search"), "depot crates", scope, limit=None)) == 40


def test_the_best_hits_outside_the_scope_never_crowd_out_those_inside(tmp_path: Path) -> None:
    write(tmp_path / "elsewhere", {f"e{number}.md": f"# E{number}\n\nDepot, depot, depot.\n" for number in range(30)})
    write(tmp_path / "here", {"h.md": "# H\n\nAmong many other words the depot was named once in this long sentence.\n"})
    index = TextIndex(tmp_path / "search")
    index.update(Scope.of([tmp_path / "elsewhere", tmp_path / "here"]))
    assert [Path(hit.path).name for hit in search(index, "depot", Scope.of([tmp_path / "here"]), limit=1)] == ["h.md"]
    assert len(search(index, "depot", Scope.of([tmp_path / "elsewhere"]), limit=5)) == 5
