"""What an article is, for people: a readable title and its metadata as labelled lines.

Titles come from the front matter, a Markdown ``#`` heading, the file name made
readable (``artillery-pipeline.txt`` → ``Artillery pipeline``) or, when the file name is
a hash or a number, the first heading or the lede's first words.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from annotations.model import Article, RawSection

#: Front matter fields shown first, in this order, with these labels.
KNOWN_FIELDS = (("author", "Author"), ("authors", "Authors"), ("date", "Date"), ("source", "Source"), ("url", "URL"))
#: Words of the lede that make a title when nothing else does.
LEDE_TITLE_WORDS = 8

_SEPARATORS = re.compile(r"[_\-.\s]+")
_HEX = re.compile(r"^[0-9a-fA-F]+$")


def counted(count: int, noun: str, plural: str | None = None) -> str:
    """How many of something, in words: ``1 article``, ``2 articles``, ``1,204 sentences``."""
    return f"{count:,} {noun if count == 1 else plural or noun + 's'}"


def humanise_file_stem(stem: str) -> str | None:
    """A title from a file name without its suffix: separators become spaces and the first
    letter is capitalised (``artillery-pipeline`` → ``Artillery pipeline``); ``None`` when
    the name is hash-like (hex digests, UUIDs, numbers, letters and digits jumbled)."""
    words = [word for word in _SEPARATORS.split(stem) if word]
    if not words or not any(_is_word(word) for word in words):
        return None
    if all(_HEX.match(word) for word in words) and any(c.isdigit() for c in stem) and len("".join(words)) >= 8:
        return None  # a UUID or a digest cut into groups
    text = " ".join(words)
    return text[0].upper() + text[1:]


def _is_word(token: str) -> bool:
    """A token a person wrote: letters only, and not a run of hex digits 8 or longer."""
    return token.isalpha() and not (len(token) >= 8 and _HEX.match(token))


def content_title(sections: Sequence[RawSection]) -> str | None:
    """A title from the text itself: the first heading, else the lede's first words."""
    for section in sections:
        if section.title:
            return " ".join(section.title.split())
    for section in sections:
        for paragraph in section.paragraphs:
            words = paragraph.split()
            if words:
                return " ".join(words[:LEDE_TITLE_WORDS]).rstrip(",;:") + ("…" if len(words) > LEDE_TITLE_WORDS else "")
    return None


def meta_value(value: Any) -> str:
    """A front matter value as one line of text (lists joined, other structures as JSON)."""
    if isinstance(value, list) and all(isinstance(item, str | int | float) for item in value):
        return ", ".join(str(item) for item in value)
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False, default=str)
    return " ".join(str(value).split())


def article_info(article: Article) -> list[tuple[str, str]]:
    """``(label, value)`` lines about an article: its title, the known front matter
    fields, any others, then the file, its format and size."""
    lines = [("Title", article.title)]
    meta = article.meta
    known = {key for key, _ in KNOWN_FIELDS}
    for key, label in KNOWN_FIELDS:
        if meta.get(key) not in (None, ""):
            lines.append((label, meta_value(meta[key])))
    for key, value in meta.items():
        if key not in known and key != "title" and value not in (None, ""):
            lines.append((key[:1].upper() + key[1:], meta_value(value)))
    sentences = f"{len(article.sentences):,}" + ("+" if not article.complete else "")
    lines += [
        ("File", article.path),
        ("Format", f"{article.format} ({article.encoding})"),
        ("Size", f"{counted(article.section_count, 'section')} · {sentences} {'sentence' if sentences == '1' else 'sentences'}"),
    ]
    return lines
