"""Several annotators' readings of one article: who read it, who tagged what.

An annotator has *read* an article when they have a record on it (see
:mod:`annotations.team.agreement`). The reader's who-tagged-what view marks each
sentence with every reading of it and whether the readers agree.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

from annotations.store.views import RecordView

#: The marker's glyph when every reader of the article gave the sentence the same tags.
AGREE_GLYPH = "="
#: ... and when they did not.
DISAGREE_GLYPH = "≠"
#: Characters of an annotator's name in a marker (the whole name when two would clash).
SHORT_NAME = 3


def readers(view: RecordView, exclude: Collection[str] = ()) -> list[str]:
    """The annotators with a record on the article, sorted (``exclude``: left out)."""
    return sorted({r["annotator"] for r in view.all()} - set(exclude))


def readings(view: RecordView, sentence: int) -> dict[str, list[str]]:
    """Each annotator's tags on ``sentence`` (only annotators with a record there)."""
    return {r["annotator"]: list(r["tags"]) for r in sorted(view.at(sentence), key=lambda r: r["annotator"])}


def agree(view: RecordView, sentence: int, who: Sequence[str]) -> bool:
    """Whether everyone in ``who`` gave ``sentence`` the same tags (none counts too)."""
    given = readings(view, sentence)
    return len({frozenset(given.get(name, ())) for name in who}) <= 1


def short_names(names: Sequence[str]) -> dict[str, str]:
    """Each name cut to :data:`SHORT_NAME` characters, unless that makes two alike."""
    cut = {name: name[:SHORT_NAME] for name in names}
    clashing = {short for short in cut.values() if list(cut.values()).count(short) > 1}
    return {name: name if short in clashing else short for name, short in cut.items()}


def who_marker(view: RecordView, sentence: int, who: Sequence[str], letters: dict[str, str], note: str, *, final: str = "") -> str:
    """The who-tagged-what marker of ``sentence``: ``[≠ ana:cf bo:c ✎]`` (the glyph only
    when two or more read the article; "" if nobody tagged or noted it). ``letters``: each
    tag's key letter, in key order; ``note``: the note mark; ``final``: the final layer,
    shown but no party to the glyph (it settles only disputes)."""
    given = readings(view, sentence)
    names = short_names(list(who))
    parts = []
    for name in who:
        tags = given.get(name, [])
        if tags:
            keys = "".join(key for tag, key in letters.items() if tag in tags) + "".join("?" for tag in tags if tag not in letters)
            parts.append(f"{names[name]}:{keys}")
    noted = any(r["note"] for r in view.at(sentence))
    if not parts and not noted:
        return ""
    compared = [name for name in who if name != final]
    if len(compared) > 1:
        parts.insert(0, AGREE_GLYPH if agree(view, sentence, compared) else DISAGREE_GLYPH)
    if noted:
        parts.append(note)
    return "[" + " ".join(parts) + "]"
