"""Text hygiene: article text is data, never markup or terminal control.

Two rules, one per kind of text:

- **Article text** (:func:`strip_controls`): C0 controls except tab and newline, DEL and
  C1 controls are removed as a file is decoded; vertical tabs and form feeds become
  spaces first (:func:`space_separating_controls`), so the words around them stay apart. Bidi embedding, override and isolate
  controls are kept there: in right-to-left text they are the author's own typography,
  a terminal's bidi algorithm ends their effect at the end of the paragraph, and
  removing them would change the normalized text that sentence offsets, cached
  sentence boundaries and stored anchors all index into.
  Copies of article text elsewhere (a record's quote and context, a title or section
  heading taken from the article, :func:`clean_heading`) follow the same rule.
- **Fields** (:func:`clean_field`, :func:`clean_line`): what is not article text but
  arrives from YAML front matter, an import or the user's typing: meta keys and values
  (a front-matter title among them), notes, annotator names. Here the bidi embedding, override and isolate controls
  (U+202A-U+202E, U+2066-U+2069) are removed as well: a label or a note has no
  typographic use for them that a terminal honours reliably, while an unpaired override
  reverses whatever follows it on the line (a table's other columns, the file name
  after a title), so what is shown would not be what is stored ("Trojan Source"). The
  implicit marks (U+200E, U+200F, U+061C) stay: they reorder nothing beyond themselves.

Cleaning is idempotent, so clean data (what newsmark itself exports) comes back through
an import unchanged, byte for byte. What leaves for a terminal is made inert once more
by :func:`annotations.errors.escape_controls`.
"""

from __future__ import annotations

import re

from annotations.patterns import text_pattern

# C0 controls except tab and newline, DEL, and the C1 block.
_CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b-\x1f\x7f\x80-\x9f]")
# The same, and the bidi embedding/override (U+202A-U+202E) and isolate (U+2066-U+2069) controls.
_FIELD_CONTROLS = "[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]"
_LINE_BREAKS = "\r\n?|[\n\x0b\x0c]"
#: Controls that separate what is around them: a vertical tab (a word processor's line
#: break within a paragraph) and a form feed (a page break). Removed, they would join the
#: words on either side ("here.Third").
_SEPARATING_CONTROLS = "\x0b\x0c"
_AS_SPACES = str.maketrans(dict.fromkeys(_SEPARATING_CONTROLS, " "))
_AS_LINE_BREAKS = str.maketrans(dict.fromkeys(_SEPARATING_CONTROLS, "\n"))


def strip_controls(text: str) -> str:
    """Remove C0 (except tab and newline), DEL and C1 control characters (article text)."""
    if text.isprintable():  # most text, found ~4x faster than by the substitution
        return text
    return _CONTROL_CHARACTERS.sub("", text)


def space_separating_controls(text: str) -> str:
    """Vertical tabs and form feeds turned into spaces: in article text, as a file is
    decoded, before :func:`strip_controls` (a space never turns one line of a text file
    into two paragraphs, nor a short line into a heading)."""
    if "\x0b" in text or "\x0c" in text:
        return text.translate(_AS_SPACES)
    return text


def normalize_newlines(text: str) -> str:
    """Turn CRLF and lone CR line ends into LF."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def clean_heading(text: str) -> str:
    """A one-line copy of article text (an article's title, a section heading): the
    article-text rule (:func:`strip_controls`, bidi controls kept), line ends (vertical
    tabs and form feeds too) turned into spaces. Clean for what newsmark itself derived from an article, so exports of it
    come back through an import unchanged."""
    if text.isprintable():
        return text
    return strip_controls(text_pattern(_LINE_BREAKS).sub(" ", text))


def clean_field(text: str) -> str:
    """A field that may span lines (a note, a meta value): line ends, vertical tabs and
    form feeds become LF; C0 controls except tab and newline, DEL, C1 and bidi
    embedding/override/isolate controls are removed.

    Call it wherever such text enters newsmark: front matter, imports, typed notes.
    """
    if text.isprintable():
        return text
    return text_pattern(_FIELD_CONTROLS).sub("", normalize_newlines(text).translate(_AS_LINE_BREAKS))


def clean_line(text: str) -> str:
    """A one-line field (a title, an annotator, a meta key): as :func:`clean_field`,
    with each line end (CRLF, CR or LF), vertical tab and form feed turned into one space."""
    if text.isprintable():
        return text
    return text_pattern(_FIELD_CONTROLS).sub("", text_pattern(_LINE_BREAKS).sub(" ", text))
