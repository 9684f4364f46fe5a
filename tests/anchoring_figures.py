"""The figures behind re-anchoring's similarity threshold: ``python -m tests.anchoring_figures``.

1. How alike a sentence stays after a slight edit (a word changed, a punctuation fix, a
   clause added), and how alike a sentence is to an unrelated one that replaces it.
2. The edit simulations run with several thresholds: re-anchored fuzzily, orphaned, wrong.
"""

from __future__ import annotations

import random
import statistics
import tempfile
from collections import defaultdict
from pathlib import Path

from annotations.formats.loader import load_article
from annotations.store import anchoring
from tests.edit_simulation import _CLAUSES, _WORDS, EDIT_KINDS, POOL, Outcome, generate_news, sample_sources, simulate


def _slight(text: str, how: str, rng: random.Random) -> str | None:
    words = text.split(" ")
    if how == "word":
        spots = [i for i, w in enumerate(words[1:-1], start=1) if w.isalpha() and len(w) > 3]
        if not spots:
            return None
        words[rng.choice(spots)] = rng.choice(_WORDS)
        return " ".join(words)
    if how == "punctuation":
        if "," in text:
            return text.replace(",", "", 1)
        if len(words) < 4:
            return None
        at = rng.randrange(1, len(words) - 1)
        words[at] += ","
        return " ".join(words)
    end = len(text.rstrip('.!?"”'))
    return text[:end] + rng.choice(_CLAUSES) + text[end:]


def percentile(values: list[float], share: float) -> float:
    """The value below which ``share`` of ``values`` lie."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def main() -> None:
    rng = random.Random(0)
    work = Path(tempfile.mkdtemp())
    sources = [*sample_sources(), generate_news(work / "generated.txt", 60)]
    sentences = [s.text for path in sources for s in load_article(path).sentences if len(s.text) > 20]
    slight: dict[str, list[float]] = defaultdict(list)
    for _ in range(2000):
        text = rng.choice(sentences)
        for how in ("word", "punctuation", "clause"):
            edited = _slight(text, how, rng)
            if edited is not None:
                slight[how].append(anchoring.similarity(text, edited))
    by_article = [[s.text for s in load_article(path).sentences if len(s.text) > 20] for path in sample_sources()]
    unrelated = [
        anchoring.similarity(a, b)
        for i, own in enumerate(by_article)
        for a in own
        for other in [*by_article[:i], *by_article[i + 1 :], POOL]
        for b in other
    ]
    generated = [s.text for s in load_article(sources[-1]).sentences]
    alike = [anchoring.similarity(a, b) for a in generated[:150] for b in generated[:150] if a != b]
    print("similarity after a slight edit (min / 1st percentile / median):")
    for how, values in slight.items():
        print(f"  {how:12} {min(values):.2f} / {percentile(values, 0.01):.2f} / {statistics.median(values):.2f}  ({len(values)} edits)")
    print(
        f"sentences of different articles: max {max(unrelated):.2f}, 99.9th percentile {percentile(unrelated, 0.999):.2f} ({len(unrelated):,} pairs)"
    )
    print(
        f"distinct sentences of one template-made article: max {max(alike):.2f}, median {statistics.median(alike):.2f} ({len(alike):,} pairs)"
    )
    print("\nedit simulations (all kinds together, 4 seeds x 5 articles, each kind alone) by threshold:")
    for threshold in (0.5, 0.65, 0.75, 0.85, 0.95):
        anchoring.THRESHOLD = threshold
        total = Outcome()
        for number, source in enumerate(sources):
            for seed in range(4):
                folder = work / f"{threshold}-{number}-{seed}"
                folder.mkdir()
                for kinds in ((kind,) for kind in EDIT_KINDS):
                    sub = folder / kinds[0]
                    sub.mkdir()
                    total.add(simulate(source, sub, kinds, count=3, seed=seed))
        counts = total.counts
        print(
            f"  {threshold:.2f}: fuzzy {counts['re-anchored fuzzy']}, orphaned {counts['orphaned']}, "
            f"wrong {counts['wrong']}, lost {counts['lost']}"
        )


if __name__ == "__main__":
    main()
