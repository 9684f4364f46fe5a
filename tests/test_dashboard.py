"""The dashboard's figures (annotations.library.dashboard) on a real store, and the same
figures as SVG in the HTML brief."""

from __future__ import annotations

from pathlib import Path

from annotations.formats.loader import load_article
from annotations.library.dashboard import (
    ArticleFacts,
    DateGroup,
    Progress,
    build_dashboard,
    captions,
    publication_day,
    rate,
    visible_bars,
)
from annotations.library.dashboard_facts import library_facts
from annotations.library.index import LibraryIndex
from annotations.library.listing import Library
from annotations.library.source_names import UNNAMED, source_name
from annotations.schema import TagSchema
from annotations.store.article_annotations import open_article
from annotations.store.folder import LockMode, Store
from annotations.store.spans import Words


def write_corpus(folder: Path) -> list[Path]:
    """Three articles: two dated (one day apart), one without a date."""
    folder.mkdir(parents=True, exist_ok=True)
    texts = {
        "first.txt": ("date: 2026-11-02", "Ministers met on Monday. The minister said the plan works. Prices rose by 4 percent."),
        "second.txt": ("date: 2026-11-03T08:00:00Z", "According to Reuters the deal is done. Nobody objected. The talks went on late."),
        "third.txt": ("source: wire", "Farmers protested in the capital. Police said 300 people came. The march was calm."),
    }
    paths = []
    for name, (field, body) in texts.items():
        path = folder / name
        path.write_text(f"---\ntitle: {name}\n{field}\n---\n{body}\n", encoding="utf-8")
        paths.append(path)
    return paths


def tag_corpus(store_root: Path, paths: list[Path]) -> None:
    """ana (the store's owner) reads and tags; bo's records are there as if imported."""
    schema = TagSchema()
    with Store(store_root, mode=LockMode.WRITE) as store:
        first = open_article(store, load_article(paths[0]), annotator="ana", schema=schema)
        first.add_tags([1, 3], ["claim"])
        first.add_tags([2], ["source"])
        first.save_position(3)
        second = open_article(store, load_article(paths[1]), annotator="ana", schema=schema)
        second.add_tags([1], ["source", "claim"])
        second.save_position(2)
        article = load_article(paths[1])
        start = article.sentence(1).text.index("Reuters")
        others = open_article(store, article, annotator="bo", schema=schema)
        others.toggle_span(Words(1, start, start + len("Reuters")), "source")
        others.add_tags([3], ["concern"])
        open_article(store, load_article(paths[2]), annotator="bo", schema=schema).add_tags([2], ["source", "figure"])


def scanned_library(paths: list[Path], store_root: Path, tmp_path: Path) -> Library:
    library = Library(paths, store_root, LibraryIndex(tmp_path / "index"))
    library.open_index()
    for number in library.unscanned():
        library.scan(number)
    stamps = library.store_stamps()
    for number in range(len(library.items)):
        library.refresh_store(number, stamps)
    return library


def test_the_figures_of_a_real_store_with_two_annotators(tmp_path: Path) -> None:
    store_root = tmp_path / "store"
    paths = write_corpus(tmp_path / "news")
    tag_corpus(store_root, paths)
    library = scanned_library(paths, store_root, tmp_path)
    facts = list(library_facts(library.items))
    assert [f.date for f in facts] == ["2026-11-02", "2026-11-03", None]
    dashboard = build_dashboard(facts, reader="ana")
    assert dashboard.articles == 3
    # first: claim, claim, source (3 tags); second: source+claim, concern (3: bo's source on
    # words of the sentence ana tagged source is that sentence's source once, as stats counts it)
    assert dashboard.by_date == (DateGroup("2026-11-02", 1, 3), DateGroup("2026-11-03", 1, 3))
    assert dashboard.undated == DateGroup("no date", 1, 2)  # said apart, not on the date axis
    assert dashboard.claims == (("unverified", 3),)  # no verdict yet: every claim is unverified
    assert dict(dashboard.sources) == {"Reuters": 2, "The minister": 1, "Police": 1}
    assert dashboard.sources[0] == ("Reuters", 2)
    # opened and read: known for the store's own annotator only (bo's are in bo's store)
    assert dashboard.progress == (Progress("ana", 2, 5, 4), Progress("bo", None, None, 3))
    dates, claims, sources, progress = captions(dashboard)
    assert "2026-11-02: 1 art., 3 tags (3/article)" in dates and "without a date (apart): 1 art., 2 tags" in dates
    assert claims == "unverified 3" and sources.startswith("Reuters 2 · ")
    assert progress == "ana: 2 opened, 5 read, 4 tagged · bo: — opened, — read, 3 tagged"
    assert not dashboard.empty


def test_claims_follow_the_verdict_scale_and_keep_unknown_statuses() -> None:
    records = ({"tags": ["claim"], "status": "false"}, {"tags": ["claim"]}, {"tags": ["claim"], "status": "disputed"})
    facts = [ArticleFacts("a.txt", None, tuple({**r, "annotator": "ana", "sentence": n} for n, r in enumerate(records, 1)))]
    dashboard = build_dashboard(facts, scale=("unverified", "true", "false"))
    assert dashboard.claims == (("unverified", 1), ("true", 0), ("false", 1), ("disputed", 1))


def test_sources_are_named_by_their_words_else_the_attributing_phrase() -> None:
    assert source_name({"text": "It rose, according to the Central Bank of Kenya.", "span": {"quote": " the  bank "}}) == "the bank"
    assert source_name({"text": "It rose, according to the Central Bank of Kenya."}) == "Central Bank of Kenya"
    assert source_name({"text": "Maria Lopez, a spokeswoman, said it was false."}) == "Maria Lopez"
    assert source_name({"text": "Maria Lopez said it was false."}) == "Maria Lopez"
    assert source_name({"text": "“It is false,” said Maria Lopez."}) == "Maria Lopez"
    assert source_name({"text": "it was false, officials told us."}) == "officials"  # "NAME told" as "NAME said"
    assert source_name({"text": "Nobody objected."}) == UNNAMED


def test_publication_days_from_front_matter() -> None:
    assert publication_day({"date": "2026-11-02"}) == "2026-11-02"
    assert publication_day({"published": "Tue, 03 Nov 2026 08:12:31 GMT"}) == "2026-11-03"
    assert publication_day({"date": "last Tuesday"}) is None
    assert publication_day({}) is None and publication_day(None) is None


def test_more_than_a_month_of_days_is_counted_by_month() -> None:
    facts = [ArticleFacts(f"{n}.txt", f"2026-{10 + n // 31:02d}-{n % 31 + 1:02d}") for n in range(40)]
    assert [g.period for g in build_dashboard(facts).by_date] == ["2026-10", "2026-11"]


def test_no_figures_is_an_empty_dashboard(tmp_path: Path) -> None:
    paths = write_corpus(tmp_path / "news")
    library = scanned_library(paths, tmp_path / "store", tmp_path)
    dashboard = build_dashboard(library_facts(library.items), reader="ana")
    assert dashboard.empty and dashboard.progress == () and dashboard.claims == ()


def test_a_small_rate_of_tags_per_article_is_never_printed_as_zero() -> None:
    """A day of 501 articles and 18 tags said ``0/article`` (rounded to one decimal)."""
    tagged = ArticleFacts("tagged.txt", "2026-10-14", tuple({"tags": ["claim"], "annotator": "ana", "sentence": n} for n in range(1, 19)))
    facts = [tagged, *(ArticleFacts(f"{n}.txt", "2026-10-14") for n in range(500))]
    dashboard = build_dashboard(facts)
    assert dashboard.by_date == (DateGroup("2026-10-14", 501, 18),)
    assert dashboard.by_date[0].per_article == 18 / 501  # the bar's height: not rounded away
    assert captions(dashboard)[0] == "2026-10-14: 501 art., 18 tags (0.036/article)"
    assert [rate(value) for value in (0, 3, 2.5, 12.25, 0.5, 0.0359, 0.0000012, 1234.56)] == [
        "0",
        "3",
        "2.5",
        "12.2",
        "0.5",
        "0.036",
        "0.0000012",
        "1234.6",
    ]


def test_every_non_zero_bar_is_at_least_one_cell_high() -> None:
    assert visible_bars([4.0, 0.036, 0.0, 1.0], cells=10) == [4.0, 0.4, 0.0, 1.0]
    assert visible_bars([0.0, 0.0], cells=10) == [0.0, 0.0] and visible_bars([], cells=10) == []
