"""The markers drawn before a sentence in the reader: the who-tagged-what one,
``[≠ ana:cf bo:c ✎]``, built from the readings the core returns."""

from __future__ import annotations

from collections.abc import Sequence

from annotations.store.views import RecordView
from annotations.team.readings import SentenceReadings, sentence_readings

#: The marker's glyph when every reader of the article gave the sentence the same tags.
AGREE_GLYPH = "="
#: ... and when they did not.
DISAGREE_GLYPH = "≠"
#: Characters of an annotator's name in a marker (the whole name when two would clash).
SHORT_NAME = 3


def short_names(names: Sequence[str]) -> dict[str, str]:
    """Each name cut to :data:`SHORT_NAME` characters, unless that makes two alike."""
    cut = {name: name[:SHORT_NAME] for name in names}
    clashing = {short for short in cut.values() if list(cut.values()).count(short) > 1}
    return {name: name if short in clashing else short for name, short in cut.items()}


def who_text(given: SentenceReadings, who: Sequence[str], letters: dict[str, str], note: str) -> str:
    """The who-tagged-what marker for these readings: ``[≠ ana:cf bo:c ✎]`` (the glyph
    only when two or more readers are compared; "" if nobody tagged or noted it).
    ``letters``: each tag's key letter, in key order; ``note``: the note mark."""
    names = short_names(list(who))
    parts = []
    for name, tags in given.tags.items():
        keys = "".join(key for tag, key in letters.items() if tag in tags) + "".join("?" for tag in tags if tag not in letters)
        parts.append(f"{names[name]}:{keys}")
    if not parts and not given.noted:
        return ""
    if given.agree is not None:
        parts.insert(0, AGREE_GLYPH if given.agree else DISAGREE_GLYPH)
    if given.noted:
        parts.append(note)
    return "[" + " ".join(parts) + "]"


def who_marker(view: RecordView, sentence: int, who: Sequence[str], letters: dict[str, str], note: str, *, final: str = "") -> str:
    """The who-tagged-what marker of ``sentence`` as the store has it (see :func:`who_text`);
    ``final``: the final layer, shown but no party to the glyph (it settles only disputes)."""
    return who_text(sentence_readings(view, sentence, who, final=final), who, letters, note)
