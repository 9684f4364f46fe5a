"""The article model: Article → Sections → Paragraphs → Sentences.

Every input format parses a file into :class:`RawSection` objects (titles, subtitles and
paragraph texts); :mod:`annotations.formats.loader` lays them out as one normalized text
and splits the paragraphs into sentences.
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, NamedTuple

from annotations.patterns import text_pattern


def text_hash(text: str) -> str:
    """SHA-256 of a normalized article text (NFC, UTF-8): an article's identity by content."""
    if not text.isascii() and not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


#: Curly apostrophes and quotes, compared as the straight ones by :func:`fold`.
_QUOTES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "“": '"', "”": '"', "„": '"'})
#: The combining marks (accents) :func:`fold` drops once letters are decomposed.
_COMBINING = "[̀-ͯ᪰-᫿᷀-᷿⃐-⃿︠-︯]"


def fold(text: str) -> str:
    """``text`` as a search compares it, as the corpus search does: case and accents
    folded (``Kím`` is ``kim``), curly apostrophes and quotes straight (``’`` is ``'``)."""
    if text.isascii():
        return text.casefold()
    return text_pattern(_COMBINING).sub("", unicodedata.normalize("NFKD", text.translate(_QUOTES))).casefold()


def folded_spans(text: str, term: str) -> list[tuple[int, int]]:
    """Where ``term`` occurs in ``text`` as :func:`fold` compares them: (start, end) in ``text``."""
    needle = fold(term)
    if not needle:
        return []
    if text.isascii():
        pieces = None
        haystack = text.casefold()
    else:
        pieces = [fold(char) for char in text]
        haystack = "".join(pieces)
        origin = [index for index, piece in enumerate(pieces) for _ in piece]  # each folded letter's letter in text
    spans: list[tuple[int, int]] = []
    found = haystack.find(needle)
    while found >= 0:
        end = found + len(needle)
        if pieces is None:
            spans.append((found, end))
        else:
            last = origin[end - 1] + 1
            while last < len(pieces) and not pieces[last]:
                last += 1  # an accent written apart goes with its letter
            spans.append((origin[found], last))
        found = haystack.find(needle, end)
    return spans


class RawSection:
    """A section as an input format reads it, before sentence splitting (a plain class:
    a dataclass costs several times as much to define, on every start)."""

    __slots__ = ("paragraphs", "subtitles", "title")

    def __init__(self, title: str | None, subtitles: list[str] | None = None, paragraphs: list[str] | None = None) -> None:
        self.title = title
        self.subtitles: list[str] = [] if subtitles is None else subtitles
        self.paragraphs: list[str] = [] if paragraphs is None else paragraphs


class ParsedBody(NamedTuple):
    """What an input format's parser returns: a title found in the body (a Markdown
    ``#`` heading, say; ``None`` if the format has none), the sections, and meta the
    body itself gives (a web page's author and date; front matter's meta wins over it)."""

    title: str | None
    sections: list[RawSection]
    meta: Mapping[str, object] = MappingProxyType({})  # shared and read-only: a named tuple's default


def storable_path(path: str) -> str:
    """A file path as text every store and export can hold: bytes of a file name that are
    not UTF-8 (kept by Python as lone surrogates) become ``\\xNN``; other paths unchanged."""
    try:
        raw = path.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:
        raw = path.encode("utf-8", "surrogatepass")
    return raw.decode("utf-8", "backslashreplace")


class Sentence(NamedTuple):
    """One sentence, anchored in the article's normalized text.

    ``number`` is 1-based across the whole article, ``section`` is the 1-based
    section number, and ``text == article.text[start:end]`` (code points). A named
    tuple: a 5 MB article has ~70,000 of them, and tuples are built 3x faster than
    frozen dataclasses.
    """

    number: int
    section: int
    paragraph: int
    start: int
    end: int
    text: str


class Paragraph(NamedTuple):
    """A paragraph: sentences never cross one."""

    number: int
    start: int
    end: int
    sentences: tuple[Sentence, ...]


class Section(NamedTuple):
    """A section of the reading flow; the lede has no title of its own."""

    number: int
    title: str | None
    subtitles: tuple[str, ...]
    paragraphs: tuple[Paragraph, ...]
    label: str

    @property
    def sentences(self) -> tuple[Sentence, ...]:
        """Every sentence of the section, in order."""
        return tuple(s for p in self.paragraphs for s in p.sentences)

    @property
    def first_sentence(self) -> int:
        """Number of the section's first sentence."""
        return self.paragraphs[0].sentences[0].number

    @property
    def last_sentence(self) -> int:
        """Number of the section's last sentence."""
        return self.paragraphs[-1].sentences[-1].number


@dataclass(frozen=True)
class Article:
    """A parsed article; ``text`` is the normalized text sentences index into."""

    path: str
    title: str
    meta: dict[str, Any]
    sha256: str
    text: str
    sections: tuple[Section, ...]
    format: str
    encoding: str
    pending_sections: int = 0
    """Sections not split into sentences yet (a big article opened in parts)."""
    whole_text_hash: str = ""
    """:func:`text_hash` of the whole article's text, for the first part of a big one
    (whose ``text`` is only that part): so its store file is found by content at once."""
    sentences: tuple[Sentence, ...] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        flat = tuple(s for section in self.sections for s in section.sentences)
        object.__setattr__(self, "sentences", flat)

    @property
    def complete(self) -> bool:
        """Whether every section is here (False while a big article is still being split)."""
        return self.pending_sections == 0

    @property
    def section_count(self) -> int:
        """Sections of the whole article, including those still pending."""
        return len(self.sections) + self.pending_sections

    def sentence(self, number: int) -> Sentence:
        """The sentence numbered ``number`` (1-based)."""
        if not 1 <= number <= len(self.sentences):
            raise IndexError(f"sentence {number} is not in 1-{len(self.sentences)}")
        return self.sentences[number - 1]

    def section_of(self, number: int) -> Section:
        """The section holding sentence ``number``."""
        return self.sections[self.sentence(number).section - 1]

    def matches(self, term: str) -> list[int]:
        """Numbers of the sentences containing ``term`` (case, accents and curly
        apostrophes folded: :func:`fold`), in order."""
        needle = fold(term)
        if not needle:
            return []
        return [s.number for s in self.sentences if needle in fold(s.text)]

    def find(self, term: str, start: int, *, forward: bool = True) -> int | None:
        """The first sentence matching ``term`` from ``start`` on (or back from it), wrapping
        around the article's end; ``None`` if no sentence matches."""
        matches = self.matches(term)
        if not matches:
            return None
        if forward:
            return next((n for n in matches if n >= start), matches[0])
        return next((n for n in reversed(matches) if n <= start), matches[-1])

    def to_outline(self) -> dict[str, Any]:
        """The JSON shape of ``newsmark parse --json``."""
        return {
            "title": self.title,
            "meta": self.meta,
            "sections": [
                {
                    "title": section.title,
                    "subtitles": list(section.subtitles),
                    "paragraphs": [
                        [{"n": s.number, "text": s.text, "start": s.start, "end": s.end} for s in p.sentences] for p in section.paragraphs
                    ],
                }
                for section in self.sections
            ],
        }
