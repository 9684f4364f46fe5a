"""Edit simulations: tag sentences of an article, edit the article as a newsroom would
(insert, delete, reword slightly, rewrite completely, reorder paragraphs, split
sections), open it again and judge where every annotation went.

The simulator knows the truth: every sentence of the edited text is a *piece* that
remembers which old sentence it came from and what happened to it. An annotation is

- **re-anchored** when it sits on a sentence overlapping its own piece (kept, moved or
  reworded),
- **orphaned** when it became an orphan,
- **wrong** when it sits on any other sentence (an inserted one, a rewritten one,
  another sentence, or anything at all after its sentence was deleted),
- **lost** when it is not in the store any more.
"""

from __future__ import annotations

import random
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from annotations.formats.loader import load_article
from annotations.formats.sectioned import is_heading_line
from annotations.model import Article
from annotations.schema import TagSchema
from annotations.store.article_annotations import open_article
from annotations.store.folder import Store

SAMPLES = Path(__file__).resolve().parent.parent / "sample_articles"
EDIT_KINDS = ("insert", "delete", "reword", "rewrite", "reorder", "split")

#: Sentences of other news, inserted or written over a sentence (never near-copies of
#: the sample articles' own sentences).
POOL = [
    "The festival drew a record crowd of families despite the rain on Saturday.",
    "A spokesperson for the museum declined to say when the gallery would reopen.",
    "Local farmers reported the earliest harvest in two decades this autumn.",
    "Engineers tested the new bridge with forty loaded trucks before it opened.",
    "The school board voted to extend the library's opening hours next year.",
    "Tourism officials expect hotel bookings to recover by the end of the season.",
    "Several airlines cancelled morning flights after fog closed the runway.",
    "The orchestra announced a new conductor after a search lasting two years.",
    "Volunteers planted more than three thousand trees along the river banks.",
    "Researchers found that the lake's water level had fallen for a fifth year.",
    "The city council postponed its vote on parking fees until the spring.",
    "Fans queued overnight for tickets to the championship final in the capital.",
]
_WORDS = ["national", "regional", "several", "officials", "reported", "significant", "quarterly", "announced", "western", "private"]
_CLAUSES = [", officials said", ", according to the report", ", the ministry confirmed on Tuesday", " last week"]


@dataclass
class Piece:
    """A sentence of the edited text: what it says, which old sentence it came from
    (None for an inserted one) and what happened to it."""

    text: str
    origin: int | None
    fate: str = "kept"


@dataclass
class Document:
    """An article file as lines: raw lines (front matter, headings, ``|``) and paragraphs of pieces."""

    lines: list[str | list[Piece]]
    fates: dict[int, str] = field(default_factory=dict)
    """What happened to each old sentence that has no piece any more (deleted, rewritten)."""

    def render(self) -> str:
        return "\n".join(line if isinstance(line, str) else " ".join(p.text for p in line) for line in self.lines) + "\n"

    def paragraphs(self) -> list[list[Piece]]:
        return [line for line in self.lines if isinstance(line, list)]

    def pieces(self) -> list[Piece]:
        return [piece for paragraph in self.paragraphs() for piece in paragraph]


def document_of(path: Path) -> Document:
    """A sectioned text file as a document whose pieces are the article's sentences."""
    article = load_article(path)
    paragraphs = iter(p for s in article.sections for p in s.paragraphs)
    lines: list[str | list[Piece]] = []
    body = path.read_text(encoding="utf-8").split("\n")
    in_front = body[0] == "---"
    for number, line in enumerate(body):
        if in_front:
            lines.append(line)
            in_front = not (line == "---" and number > 0)
            continue
        if not line.strip() or line.strip() == "|" or is_heading_line(line) or not re.search(r"[^\W_]", line):
            if line.strip():
                lines.append(line)
            continue
        paragraph = next(paragraphs)
        lines.append([Piece(s.text, s.number) for s in paragraph.sentences])
    return Document(lines)


def _reword(text: str, rng: random.Random) -> str:
    """A slight edit: a word changed, a punctuation fix, or a clause added."""
    how = rng.choice(("word", "punctuation", "clause"))
    words = text.split(" ")
    if how == "word" and len(words) > 3:
        candidates = [i for i, w in enumerate(words[1:-1], start=1) if w.isalpha() and len(w) > 3]
        if candidates:
            words[rng.choice(candidates)] = rng.choice(_WORDS)
            return " ".join(words)
    if how == "punctuation" and len(words) > 3:
        if "," in text:
            return text.replace(",", "", 1)
        at = rng.randrange(1, len(words) - 1)
        words[at] = words[at] + ","
        return " ".join(words)
    end = len(text.rstrip('.!?"”'))
    return text[:end] + rng.choice(_CLAUSES) + text[end:]


def edit(document: Document, kind: str, count: int, rng: random.Random) -> None:
    """Apply ``count`` edits of ``kind`` to ``document``."""
    for _ in range(count):
        paragraphs = document.paragraphs()
        pieces = document.pieces()
        if kind == "insert":
            paragraph = rng.choice(paragraphs)
            paragraph.insert(rng.randint(0, len(paragraph)), Piece(rng.choice(POOL), None, "inserted"))
        elif kind == "delete" and len(pieces) > 3:
            paragraph = rng.choice([p for p in paragraphs if p])
            piece = paragraph.pop(rng.randrange(len(paragraph)))
            if piece.origin is not None:
                document.fates[piece.origin] = "deleted"
            if not paragraph:
                document.lines.remove(paragraph)
        elif kind == "reword":
            piece = rng.choice([p for p in pieces if p.origin is not None and p.fate == "kept"] or pieces)
            piece.text = _reword(piece.text, rng)
            piece.fate = "reworded" if piece.origin is not None else piece.fate
        elif kind == "rewrite":
            piece = rng.choice([p for p in pieces if p.origin is not None and p.fate == "kept"] or pieces)
            if piece.origin is not None:
                document.fates[piece.origin] = "rewritten"
            piece.text, piece.origin, piece.fate = rng.choice(POOL), None, "inserted"
        elif kind == "reorder":
            at = [i for i, line in enumerate(document.lines) if isinstance(line, list)]
            moved = [document.lines[i] for i in at]
            rng.shuffle(moved)
            for i, line in zip(at, moved, strict=True):
                document.lines[i] = line
        elif kind == "split":
            at = [i for i, line in enumerate(document.lines) if isinstance(line, list)][1:]
            if at:
                document.lines.insert(rng.choice(at), f"A New Part Number {rng.randint(1, 999)}")


@dataclass
class Outcome:
    """What became of the annotations of one simulation."""

    counts: Counter[str] = field(default_factory=Counter)
    wrong_cases: list[str] = field(default_factory=list)

    def add(self, other: Outcome) -> None:
        self.counts.update(other.counts)
        self.wrong_cases.extend(other.wrong_cases)


def piece_spans(document: Document, article: Article) -> dict[int, tuple[int, int]]:
    """Each old sentence still in the document → its span in the edited article's text."""
    paragraphs = [p for s in article.sections for p in s.paragraphs]
    assert len(paragraphs) == len(document.paragraphs()), "the edited file parses into other paragraphs"
    spans: dict[int, tuple[int, int]] = {}
    for paragraph, pieces in zip(paragraphs, document.paragraphs(), strict=True):
        offset = paragraph.start
        for piece in pieces:
            if piece.origin is not None:
                spans[piece.origin] = (offset, offset + len(piece.text))
            offset += len(piece.text) + 1
    return spans


def simulate(
    source: Path,
    work: Path,
    kinds: tuple[str, ...],
    *,
    count: int,
    seed: int,
    share: float = 0.4,
    opener: Callable[..., object] | None = None,
) -> Outcome:
    """Tag ``share`` of the sentences of ``source`` (rebuilt from its pieces), apply
    ``count`` edits of each of ``kinds``, reopen, and judge every annotation."""
    rng = random.Random(seed)
    document = document_of(source)
    article_path = work / "article.txt"
    article_path.write_text(document.render(), encoding="utf-8")
    store_root = work / "store"
    before = load_article(article_path)
    numbers = sorted(rng.sample(range(1, len(before.sentences) + 1), max(1, int(len(before.sentences) * share))))
    with Store(store_root) as store:
        notes = open_article(store, before, annotator="ana", schema=TagSchema())
        notes.toggle(numbers, "claim")
        ids = {r["id"]: r["sentence"] for r in notes.records()}
    # Old sentence numbers as the document knows them (its pieces were built from `before`).
    for kind in kinds:
        edit(document, kind, count, rng)
    article_path.write_text(document.render(), encoding="utf-8")
    after = load_article(article_path)
    with Store(store_root) as store:
        reopened = open_article(store, after, annotator="ana", schema=TagSchema())
        anchored = {r["id"]: r for r in reopened.records()}
        orphans = {r["id"]: r for r in reopened.orphans()}
    spans = piece_spans(document, after)
    outcome = Outcome()
    for record_id, old_number in ids.items():
        if record_id in orphans:
            outcome.counts["orphaned"] += 1
            continue
        record = anchored.get(record_id)
        if record is None:
            outcome.counts["lost"] += 1
            continue
        sentence = after.sentence(record["sentence"])
        span = spans.get(old_number)
        if span is not None and sentence.start < span[1] and span[0] < sentence.end:
            outcome.counts["re-anchored"] += 1
            outcome.counts[f"re-anchored {record.get('anchor', 'exact').split()[0]}"] += 1
        else:
            outcome.counts["wrong"] += 1
            fate = document.fates.get(old_number, "kept")
            outcome.wrong_cases.append(
                f"{source.name} seed {seed}: old {old_number} ({fate}) {before.sentence(old_number).text!r} -> {sentence.text!r}"
            )
    return outcome


def sample_sources() -> list[Path]:
    """The sectioned-text sample articles."""
    return sorted(SAMPLES.glob("*.txt"))


_TEMPLATES = [
    "{name} told reporters on {day} that the {thing} would cost about {n} million.",
    "The {thing} was first proposed in {year} by a committee in {place}.",
    "According to {name}, at least {n} people had signed the petition by {day}.",
    "Critics in {place} argue the plan ignores the needs of small businesses.",
    "Shares in the company fell {n}% after the announcement on {day}.",
    "{name} has led the agency since {year} and is expected to testify next month.",
    "Residents of {place} said they learned about the {thing} from social media.",
    "The report, published in {year}, found {n} cases of unpaid overtime.",
    "A spokesperson for {name} did not respond to several requests for comment.",
    "Inspectors visited {n} sites in {place} but found no serious violations.",
    "Budget documents show the {thing} was underfunded by {n} percent in {year}.",
    "Opposition lawmakers called for an independent inquiry into the {thing}.",
    "Weather delays pushed the opening of the {thing} back to {day}.",
    "Teachers in {place} plan to strike unless the offer improves by {day}.",
    "The court will hear arguments about the {thing} in the autumn of {year}.",
    "More than {n} tonnes of grain left the harbour of {place} last quarter.",
    "{name} resigned unexpectedly, citing health reasons, in {year}.",
    "Insurance claims after the storm in {place} reached {n} thousand.",
    "Analysts at two banks lowered their forecasts for growth to {n}.5 percent.",
    "The museum in {place} returned {n} artefacts to their country of origin.",
    "Hospital waiting lists in {place} grew for the {n}th month in a row.",
    "Negotiators from both sides met for {n} hours without reaching a deal.",
    "Police closed the bridge in {place} after cracks appeared on {day}.",
    "The minister defended the {thing} in a speech to farmers on {day}.",
]
_NAMES = ["Ana Ortiz", "Peter Lind", "Mr. Okafor", "Dr. Haller", "Judge Marsh", "Mayor Duval", "Ms. Reyes", "Tom Becker"]
_PLACES = ["Ostend", "Lyon", "the capital", "Gdansk", "the northern provinces", "Bilbao", "Turku", "the river valley"]
_THINGS = ["pipeline", "tram line", "tax reform", "harbour expansion", "school merger", "flood barrier", "data centre"]
_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]


def generate_news(path: Path, paragraphs: int, seed: int = 0) -> Path:
    """A sectioned article of ``paragraphs`` paragraphs of news-like sentences (24
    templates, filled at random: distinct sentences alike in form, whose neighbours
    look alike too), with one short sentence repeated ("He declined to comment.") as
    real articles repeat it."""
    rng = random.Random(seed)
    lines = ["Generated Report on Public Works", "|"]
    used: set[str] = set()
    for number in range(paragraphs):
        if number % 8 == 0:
            lines.append(f"Part {number // 8 + 1} of the Investigation")
        sentences: list[str] = []
        while len(sentences) < 2 + number % 4:
            template = rng.choice(_TEMPLATES)
            sentence = template.format(
                name=rng.choice(_NAMES), place=rng.choice(_PLACES), thing=rng.choice(_THINGS), day=rng.choice(_DAYS),
                n=rng.randint(2, 900), year=rng.randint(1990, 2025),
            )  # fmt: skip
            if sentence not in used:  # only the one short sentence below repeats
                used.add(sentence)
                sentences.append(sentence)
        if number % 20 == 2:
            sentences.insert(rng.randint(0, len(sentences)), "He declined to comment.")
        lines.append(" ".join(sentences))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path
