"""Re-anchoring: where each annotation's sentence is in an article whose text changed.

Every record keeps a W3C-style selector of the sentence it was on: the quote (its text),
32 characters of context either side and its offsets in the text of the time. Like the
Hypothesis client's quote anchoring (``match-quote``: an approximate match of the quote
with bounded errors, scored with the context and the expected position), and in this
order:

1. **exact** / **moved**: the quote is a sentence of the new text (compared in NFC):
   that sentence (``exact`` if it starts where it did, else ``moved``). A sentence of
   at least :data:`DISTINCT_CHARS` characters found once is taken wherever it went; a
   repeated or short one ("He declined to comment.") only where a neighbour is exactly
   as it was, the copy ranked first by unchanged sides, then as Hypothesis ranks. Each
   old sentence gets its own new one: a repeated sentence that lost a copy leaves one
   record an orphan instead of merging it into the other.
2. **fuzzy**: otherwise the best approximate match among the sentences *where the old
   one was*: within :data:`WINDOW` sentence of its expected position (its old offset
   shifted as the nearest exactly anchored records before and after it moved), between
   the new places of those two, not taken, not the old neighbour its context names,
   with both sides of its context at least :data:`CONTEXT_THRESHOLD` alike, and a quote
   similarity (the normalized Indel similarity of rapidfuzz's ``fuzz.ratio``) of at
   least :data:`THRESHOLD`. Candidates are ranked as Hypothesis ranks them: quote 50,
   prefix 20, suffix 20, position 2. The record is marked ``fuzzy`` with its quote
   similarity and keeps the quote it was made on.
3. **orphan**: otherwise. Never a guess: a sentence rewritten beyond recognition,
   deleted, changed together with a neighbour, or moved far *and* changed is an
   orphan, and the triage view offers the best candidates from the whole article
   (:meth:`Anchorer.candidates`).

Why position and context and not similarity alone: a deleted sentence often has
near-twins (news repeats its formulas: "Inspectors visited 518 sites in Bilbao…",
"Inspectors visited 547 sites in Lyon…" in one paragraph) that no similarity threshold
tells from a corrected sentence; where it stood and what stood around it do. They also
keep opening fast: a changed record is compared with a few sentences, not the article.

Why :data:`THRESHOLD` = 0.75 (``python -m tests.anchoring_figures`` prints these, from
the sample articles, a generated one, and 2,000 edits of each kind): after a slight edit
a sentence stays 0.78 alike or more in 99% of word changes (min 0.69), 0.98 after a
punctuation fix, 0.71 after a clause is added in 99% of cases (min 0.57: a clause on a
short sentence); sentences of different articles are at most 0.54 alike (99.9th
percentile 0.50); a sentence half rewritten from its first words ("Critics called the
figure far too low." → "Critics called the plan far too costly for the town.") is
0.71. In the edit simulations every threshold from 0.50 to 0.75 attaches the same
(13 fuzzy, 34 orphans, 0 wrong, 0 lost: the position and context rules stop the
near-twins), 0.85 loses two word edits to orphans and 0.95 nine. 0.75 keeps almost
every slight edit and leaves a half-rewritten sentence to a person (an orphan with
it as the first candidate) rather than attaching the tag to what may now say
something else.
"""

from __future__ import annotations

import bisect
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from types import ModuleType

from annotations.model import Article, Sentence

#: The least quote similarity (0-1) of a fuzzy anchor; see the module docstring.
THRESHOLD = 0.75
#: The least similarity (0-1) of both sides of a fuzzy anchor's context to the quote's.
CONTEXT_THRESHOLD = 0.75
#: A sentence at least this long, found once, is the quoted one wherever it went; a
#: shorter one ("He declined to comment.") must still have a neighbour it had.
DISTINCT_CHARS = 40
#: How many copies of a repeated sentence, either side of where the quote should be,
#: are compared with it.
COPIES = 25
#: How many sentences either side of the expected one a fuzzy anchor may be.
WINDOW = 1
#: Hypothesis' weights of the quote, the prefix, the suffix and the position.
_WEIGHTS = (50.0, 20.0, 20.0, 2.0)


@dataclass(frozen=True, slots=True)
class Quote:
    """What a record knows of its place: the sentence text, its context and old offset,
    and which text of the article that offset is in (its ``sha256``)."""

    text: str
    prefix: str
    suffix: str
    start: int
    version: str


@dataclass(frozen=True, slots=True)
class Anchor:
    """Where a quote is now: ``kind`` is exact, moved, fuzzy or orphan; ``sentence`` is
    None for an orphan; ``score`` is the quote similarity (1.0 for exact and moved)."""

    kind: str
    sentence: int | None
    score: float


@dataclass(frozen=True, slots=True)
class Candidate:
    """A sentence a quote might belong to, with its quote similarity (0-1)."""

    sentence: int
    score: float


def nfc(text: str) -> str:
    """Text in Unicode's composed form (a text saved again decomposed is still the same)."""
    return text if text.isascii() else unicodedata.normalize("NFC", text)


def _rapidfuzz() -> ModuleType:
    """rapidfuzz's ``fuzz``, imported on first need (~15 ms: never on the reader's start path)."""
    global _FUZZ
    if _FUZZ is None:
        from rapidfuzz import fuzz

        _FUZZ = fuzz
    return _FUZZ


_FUZZ: ModuleType | None = None


def similarity(a: str, b: str) -> float:
    """How alike two texts are, 0-1 (normalized Indel similarity)."""
    return 1.0 if a == b else float(_rapidfuzz().ratio(a, b, processor=None)) / 100.0


def _was_neighbour(quote: Quote, text: str) -> bool:
    """Whether ``text`` is the sentence that stood just before or after the quoted one
    (its context says so): a neighbour that stayed is not the quoted sentence changed,
    however alike the two ("Inspectors visited 518 sites…", "Inspectors visited 547 sites…")."""
    before, after = quote.prefix.strip(), quote.suffix.strip()
    text = text.strip()
    if len(text) < 8:
        return False
    return (bool(before) and (text.endswith(before) or before.endswith(text))) or (
        bool(after) and (text.startswith(after) or after.startswith(text))
    )


_Key = tuple[str, int, str]
"""One old sentence: its text version, old offset and NFC text (several records may quote it)."""
_Proposal = tuple[int, float, _Key, int]
"""A copy of a repeated sentence for an old one: (context sides unchanged, rank, key, sentence number)."""


class _Placements:
    """What one :meth:`Anchorer.locate` call has decided: quotes grouped by old sentence,
    new sentences taken and the (old start, new start) of exact anchors, per text version."""

    def __init__(self, article: Article, quotes: Sequence[Quote], fixed: Sequence[tuple[Quote, int]]) -> None:
        self.article = article
        self.quotes = quotes
        self.taken: dict[str, set[int]] = defaultdict(set)
        self.skeleton: dict[str, list[tuple[int, int]]] = defaultdict(list)
        for quote, number in fixed:
            self.skeleton[quote.version].append((quote.start, article.sentence(number).start))
        self.groups: dict[_Key, list[int]] = defaultdict(list)
        for index, quote in enumerate(quotes):
            self.groups[(quote.version, quote.start, nfc(quote.text))].append(index)
        self.placed: dict[_Key, Anchor] = {}

    def place(self, key: _Key, anchor: Anchor) -> None:
        """Anchor the old sentence ``key``: its new sentence is taken, and an exact or
        moved anchor joins the skeleton."""
        self.placed[key] = anchor
        assert anchor.sentence is not None
        self.taken[key[0]].add(anchor.sentence)
        if anchor.kind != "fuzzy":
            bisect.insort(self.skeleton[key[0]], (key[1], self.article.sentence(anchor.sentence).start))

    def anchors(self) -> list[Anchor]:
        """Each quote's anchor, in the order given; an orphan where none was found."""
        orphan = Anchor("orphan", None, 0.0)
        return [self.placed.get((q.version, q.start, nfc(q.text)), orphan) for q in self.quotes]


class Anchorer:
    """Re-anchors quotes on one article's current text (indexes built on first need)."""

    def __init__(self, article: Article) -> None:
        self.article = article
        self._by_text: dict[str, list[int]] | None = None
        self._starts: list[int] | None = None
        self._copy_starts: dict[str, list[int]] = {}
        self._start_of: dict[int, int] | None = None

    @property
    def by_text(self) -> dict[str, list[int]]:
        """Sentence numbers by NFC text."""
        if self._by_text is None:
            self._by_text = defaultdict(list)
            composed = unicodedata.is_normalized("NFC", self.article.text)  # one pass in C, not one per sentence
            for sentence in self.article.sentences:
                self._by_text[sentence.text if composed else nfc(sentence.text)].append(sentence.number)
        return self._by_text

    def locate(self, quotes: Sequence[Quote], fixed: Sequence[tuple[Quote, int]] = ()) -> list[Anchor]:
        """Where each quote is now. ``fixed`` are quotes known to be on a sentence already
        (records that fit the text as they are): they guide the expected positions only
        (another's record made before the edit may be on the same sentence).

        Quotes of one old sentence (same text version, offset and text: several
        annotators' records) go together; two old sentences of one text never share a new
        one, so a repeated sentence ("He declined to comment.") that lost a copy leaves
        one of its records an orphan rather than merging it into the other.
        """
        placements = _Placements(self.article, quotes, fixed)
        self._place_distinct(placements)
        self._place_repeated(placements)
        self._place_changed(placements)
        return placements.anchors()

    def _place_distinct(self, placements: _Placements) -> None:
        """1. A sentence long enough to be told apart that occurs once, quoted by one old
        sentence: it is that one, wherever it went."""
        texts = Counter((version, text) for version, _, text in placements.groups)
        for key in placements.groups:
            found = self.by_text.get(key[2], [])
            if (
                len(found) == 1
                and texts[(key[0], key[2])] == 1
                and len(key[2]) >= DISTINCT_CHARS
                and found[0] not in placements.taken[key[0]]
            ):
                placements.place(key, self._exact(key[1], found[0]))
        for pairs in placements.skeleton.values():
            pairs.sort()

    def _place_repeated(self, placements: _Placements) -> None:
        """2. Repeated (or short) sentences: by context and expected position, one old
        sentence each; only a copy with a neighbour exactly as it was (a copy elsewhere
        is another sentence that says the same: the old text may have had "He declined
        to comment." twice, and lost the tagged one). Ranked first by how many sides of
        the context are exactly as they were (a copy whose neighbours stayed is the
        one), then as Hypothesis ranks."""
        proposals: list[_Proposal] = []
        shift: dict[str, int] = {}
        for key in sorted(k for k in placements.groups if k not in placements.placed):
            proposals.extend(self._place_copy(placements, key, shift))
        for _sides, _rank, key, number in sorted(proposals, key=lambda p: (-p[0], -p[1], p[2], p[3])):
            if key not in placements.placed and number not in placements.taken[key[0]]:
                placements.place(key, self._exact(key[1], number))

    def _place_copy(self, placements: _Placements, key: _Key, shift: dict[str, int]) -> list[_Proposal]:
        """Place at once, in old order, the copy that stands exactly where the one before
        moved it, or whose context is wholly unchanged (the common case: text inserted or
        removed elsewhere shifted everything), so that a thousand copies of one sentence
        are not ranked against a thousand quotes; else the copies to rank against the
        other quotes'."""
        article = self.article
        quote = placements.quotes[placements.groups[key][0]]
        pairs = placements.skeleton.get(key[0], [])
        offsets = self._expected(quote, pairs)
        if key[0] in shift:
            offsets.add(key[1] + shift[key[0]])
        number = self._copy_at(key[2], offsets, placements.taken[key[0]])
        if number is None or max(self._context(quote, article.sentence(number))) != 1.0:
            ranked = self._ranked_copies(quote, key, pairs, offsets, placements.taken[key[0]])
            best = max(ranked, key=lambda p: (p[0], p[1]), default=None)
            if best is None or best[0] < 2:
                return ranked
            number = best[3]
        placements.place(key, self._exact(key[1], number))
        shift[key[0]] = article.sentence(number).start - key[1]
        return []

    def _ranked_copies(self, quote: Quote, key: _Key, pairs: list[tuple[int, int]], offsets: set[int], taken: set[int]) -> list[_Proposal]:
        """The free copies of the quoted sentence with at least one side of the context
        exactly as it was: (sides unchanged and at the expected offset, rank, key, number)."""
        ranked: list[_Proposal] = []
        for number in self._nearest(key[2], offsets):
            sentence = self.article.sentence(number)
            if number in taken:
                continue
            context = self._context(quote, sentence)
            if max(context) == 1.0:
                same_sides = sum(score == 1.0 for score in context)
                ranked.append((same_sides + (sentence.start in offsets), self._rank(quote, sentence, 1.0, pairs, context), key, number))
        return ranked

    def _place_changed(self, placements: _Placements) -> None:
        """3. Changed sentences: the best approximate match where the old one was."""
        fuzzy: list[tuple[float, _Key, int, float]] = []
        for key, members in placements.groups.items():
            if key not in placements.placed:
                fuzzy.extend(self._fuzzy_matches(placements, key, placements.quotes[members[0]]))
        for _rank, key, number, score in sorted(fuzzy, key=lambda p: (-p[0], p[1], p[2])):
            if key not in placements.placed and number not in placements.taken[key[0]]:
                placements.place(key, Anchor("fuzzy", number, round(score, 2)))

    def _fuzzy_matches(self, placements: _Placements, key: _Key, quote: Quote) -> list[tuple[float, _Key, int, float]]:
        """The free sentences in the quote's window alike enough to it and its context:
        (rank, key, number, quote similarity)."""
        pairs = placements.skeleton.get(key[0], [])
        found: list[tuple[float, _Key, int, float]] = []
        for sentence in self._window(quote, pairs):
            if sentence.number in placements.taken[key[0]] or _was_neighbour(quote, sentence.text):
                continue
            score = similarity(key[2], nfc(sentence.text))
            if score >= THRESHOLD and min(self._context(quote, sentence)) >= CONTEXT_THRESHOLD:
                found.append((self._rank(quote, sentence, score, pairs), key, sentence.number, score))
        return found

    def _copy_at(self, text: str, offsets: set[int], taken: set[int]) -> int | None:
        """A free sentence reading ``text`` that starts at one of ``offsets``, if any."""
        if self._start_of is None:
            self._start_of = {s.start: s.number for s in self.article.sentences}
        for offset in sorted(offsets):
            number = self._start_of.get(offset)
            if number is not None and number not in taken and nfc(self.article.sentence(number).text) == text:
                return number
        return None

    def _nearest(self, text: str, offsets: set[int]) -> list[int]:
        """The sentences reading ``text``, the :data:`COPIES` nearest to each offset only:
        a sentence repeated thousands of times is not compared thousands of times."""
        numbers = self.by_text.get(text, [])
        if len(numbers) <= 2 * COPIES:
            return numbers
        starts = self._copy_starts.get(text)
        if starts is None:
            starts = self._copy_starts[text] = [self.article.sentence(n).start for n in numbers]
        chosen: set[int] = set()
        for offset in offsets:
            at = bisect.bisect_left(starts, offset)
            chosen.update(numbers[max(0, at - COPIES) : at + COPIES])
        return sorted(chosen)

    def _exact(self, old_start: int, number: int) -> Anchor:
        return Anchor("exact" if self.article.sentence(number).start == old_start else "moved", number, 1.0)

    def _expected(self, quote: Quote, pairs: list[tuple[int, int]]) -> set[int]:
        """Where the quote should start now: its old offset shifted as the nearest exactly
        anchored quote before it moved, and as the nearest after it moved (the old offset
        itself when there is neither)."""
        expected: set[int] = set()
        at = bisect.bisect_left(pairs, (quote.start, -1))
        if at > 0:
            old, new = pairs[at - 1]
            expected.add(new + quote.start - old)
        if at < len(pairs):
            old, new = pairs[at]
            expected.add(new - (old - quote.start))
        return expected or {quote.start}

    def _window(self, quote: Quote, pairs: list[tuple[int, int]]) -> list[Sentence]:
        """The sentences within :data:`WINDOW` of where the quote should be now, and
        between the new places of the exactly anchored quotes before and after it (a
        changed sentence stays between its unchanged neighbours; none if they swapped)."""
        at = bisect.bisect_left(pairs, (quote.start, -1))
        low = pairs[at - 1][1] if at > 0 else -1
        high = pairs[at][1] if at < len(pairs) else len(self.article.text) + 1
        numbers: set[int] = set()
        total = len(self.article.sentences)
        for offset in self._expected(quote, pairs):
            centre = self._sentence_at(offset)
            numbers.update(range(max(1, centre - WINDOW), min(total, centre + WINDOW) + 1))
        window = (self.article.sentence(n) for n in sorted(numbers))
        return [sentence for sentence in window if low < sentence.start < high]

    def _sentence_at(self, offset: int) -> int:
        """The number of the sentence starting at or last before ``offset``."""
        if self._starts is None:
            self._starts = [s.start for s in self.article.sentences]
        return max(1, bisect.bisect_right(self._starts, offset))

    def _rank(
        self, quote: Quote, sentence: Sentence, score: float, pairs: list[tuple[int, int]], context: tuple[float, float] | None = None
    ) -> float:
        """Hypothesis' weighting of quote, prefix, suffix and position (distance from
        where the quote should be now), 0-1."""
        text = self.article.text
        prefix_score, suffix_score = context if context is not None else self._context(quote, sentence)
        distance = min(abs(sentence.start - offset) for offset in self._expected(quote, pairs))
        position = 1.0 - distance / max(1, len(text))
        quote_w, prefix_w, suffix_w, position_w = _WEIGHTS
        total = quote_w * score + prefix_w * prefix_score + suffix_w * suffix_score + position_w * position
        return total / sum(_WEIGHTS)

    def _context(self, quote: Quote, sentence: Sentence) -> tuple[float, float]:
        """How alike the quote's prefix and suffix are to the sentence's, 0-1 each."""
        text = self.article.text
        prefix = text[max(0, sentence.start - len(quote.prefix)) : sentence.start]
        suffix = text[sentence.end : sentence.end + len(quote.suffix)]
        prefix_score = similarity(quote.prefix, prefix) if quote.prefix else float(not prefix)
        suffix_score = similarity(quote.suffix, suffix) if quote.suffix else float(not suffix)
        return prefix_score, suffix_score

    def candidates(self, text: str, limit: int = 3) -> list[Candidate]:
        """The ``limit`` sentences of the article most like ``text`` (for triage), best first,
        however weak: re-attaching needs the best there is; the score says how alike."""
        from rapidfuzz import process

        choices = {s.number: nfc(s.text) for s in self.article.sentences}
        found = process.extract(nfc(text), choices, scorer=_rapidfuzz().ratio, processor=None, limit=limit)
        return [Candidate(int(key), round(score / 100.0, 2)) for _, score, key in found]
