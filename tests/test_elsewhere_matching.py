"""The elsewhere matcher: results from other articles only, ranked, with whether their
numbers agree (same, differs, none); the dev set's evaluation runs and reports."""

from __future__ import annotations

from pathlib import Path

from annotations.elsewhere.evaluation import evaluate, load_dev_queries, load_queries
from annotations.elsewhere.figures import figures
from annotations.elsewhere.matching import find_elsewhere
from annotations.elsewhere.pool import SentencePool
from annotations.elsewhere.scoring import Numbers, numbers_verdict

DEV = Path(__file__).parent / "data" / "elsewhere" / "dev"


def verdict(mine: str, theirs: str) -> Numbers:
    return numbers_verdict(figures(mine), figures(theirs))


def test_numbers_same_differs_none() -> None:
    assert verdict("Russia fires up to 7,000 shells a day.", "Moscow's guns fire about 15,000 shells daily.") is Numbers.DIFFERS
    assert verdict("The strike began on Sept. 13.", "Workers walked out on September 13th.") is Numbers.SAME
    assert verdict("The strike began on Sept. 13.", "Workers walked out on September 14th.") is Numbers.DIFFERS
    assert verdict("Some 300,000 people fled.", "About 300k people have fled.") is Numbers.SAME
    assert verdict("The minister urged talks.", "The minister said 3,000 people marched.") is Numbers.NONE
    assert verdict("Rates rose 8%.", "The harbour opened in 1998.") is Numbers.NONE  # no figure of one kind on both sides


def test_an_unrelated_figure_of_the_other_sentence_is_not_a_difference() -> None:
    mine = "The army fired 7,000 shells on Monday."
    assert verdict(mine, "About 7,000 shells were fired, killing 12 soldiers.") is Numbers.SAME


def write(folder: Path, name: str, title: str, *sentences: str) -> Path:
    path = folder / name
    path.write_text(f"# {title}\n\n" + "\n\n".join(sentences) + "\n", encoding="utf-8")
    return path


def test_results_come_from_other_articles_only_best_first(tmp_path: Path) -> None:
    claim = "About 4,000 dockworkers walked off the job at the Port of Halden on Sept. 13."
    mine = write(
        tmp_path, "mine.md", "Mine", claim, "The same dockworkers at the Port of Halden walked off on Sept. 13, about 4,000 of them."
    )
    paraphrase = write(tmp_path, "other.md", "Other", "Roughly 4,000 port employees at Halden downed tools on September 13th.")
    differs = write(tmp_path, "third.md", "Third", "Up to 7,000 dockworkers walked off the job at Halden on September 13, the union said.")
    unrelated = write(tmp_path, "fourth.md", "Fourth", "Freight rates into northern Europe rose 8% this month.")
    pool = SentencePool.load([mine, paraphrase, differs, unrelated])

    results = find_elsewhere(claim, str(mine), pool)

    assert {(Path(r.path).name, r.sentence): r.numbers for r in results} == {
        ("other.md", 1): Numbers.SAME,
        ("third.md", 1): Numbers.DIFFERS,
    }
    assert results[0].score >= results[1].score and {r.title for r in results} == {"Other", "Third"}
    assert set(results[0].as_json()) == {"path", "title", "sentence", "text", "score", "numbers"}


def test_a_sentence_of_stop_words_finds_nothing(tmp_path: Path) -> None:
    mine = write(tmp_path, "mine.md", "Mine", "It was.")
    other = write(tmp_path, "other.md", "Other", "It was so.")
    assert find_elsewhere("It was.", str(mine), SentencePool.load([mine, other])) == []


def test_the_dev_set_evaluation_runs_and_reports() -> None:
    queries = load_dev_queries(DEV / "pairs.yaml")
    report = evaluate(DEV, queries)
    assert report.tp + report.fn == sum(len(q.matches) for q in queries) > 0
    assert 0 <= report.precision <= 1 and 0 <= report.recall <= 1
    assert "precision" in report.summary() and "recall" in report.summary()


def test_the_blind_set_evaluation_runs_and_reports(tmp_path: Path) -> None:
    blind = DEV.parent / "blind"
    queries = load_queries(blind / "pairs.yaml")
    assert len(queries) == 38 and sum(len(q.matches) for q in queries) == 61
    report = evaluate(blind, queries, index_folder=tmp_path / "index")
    assert report.tp + report.fn == 61 and report.unlabelled == 0  # complete lists: every other result is wrong
    assert report.numbers_asked == report.tp and "precision" in report.summary()


def test_an_identical_sentence_scores_one_and_the_scale_keeps_the_results(tmp_path: Path) -> None:
    """The parts' weights add up to 0.95, so an identical sentence scored 0.95 at most: the
    score is now their share of that (0 to 1) and the lowest listed moved with it, the
    dev set's results and figures unchanged (README's table). A sentence without a figure
    cannot earn the figure part: identical, it scores the words' share, 0.84."""
    claim = "About 4,000 dockworkers walked off the job at the Port of Halden on Sept. 13."
    plain = "The transport minister urged both sides to return to talks."
    mine = write(tmp_path, "mine.md", "Mine", claim, plain)
    other = write(tmp_path, "other.md", "Other", "Ships queued outside the harbour.", claim, plain)
    pool = SentencePool.load([mine, other])
    [same] = [r for r in find_elsewhere(claim, str(mine), pool) if r.text == claim]
    assert round(same.score, 4) == 1.0
    [words_only] = [r for r in find_elsewhere(plain, str(mine), pool) if r.text == plain]
    assert round(words_only.score, 2) == 0.84
    report = evaluate(DEV, load_dev_queries(DEV / "pairs.yaml"))
    assert (report.tp, report.fp, report.fn, report.numbers_right) == (24, 2, 2, 24), report.summary()
