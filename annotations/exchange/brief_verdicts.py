"""The brief's checking part: claims grouped by verdict (in the scale's order), each with
its evidence, its rationale and the grade of the source it is attributed to, under a
table of how many claims stand at each status.

A claim is a record with a checkable tag (the schema's ``checkable``) that the brief
lists; one without a status is at the scale's first (``unverified``). Its source is the
other end of its ``attributed-to`` link, found among the brief's records (in its own
article or another the brief covers), with that record's grade.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from annotations.exchange.export import ArticleEntry
from annotations.exchange.markdown_escape import escape_path, escape_text
from annotations.schema import TagSchema
from annotations.store.records import ExportedRecord, LinkEnd
from annotations.store.verdicts import SOURCE_TAG, grade_meaning

Place = tuple[str, int, int, int]
"""A record's place: its article (path, or content hash), sentence, and words (``-1, -1``: the whole sentence)."""


@dataclass(frozen=True)
class ClaimSource:
    """The source a claim is attributed to: where it is, its words and its grade ("" if ungraded or not in the brief)."""

    where: str
    text: str
    grade: str


@dataclass(frozen=True)
class CheckedClaim:
    """One claim with its verdict, as the brief lists it."""

    article: int
    """Index of its article among the brief's."""
    sentence: int
    text: str
    words: tuple[int, int] | None
    annotator: str
    status: str
    rationale: str
    evidence: tuple[tuple[str, str, str, str], ...]
    """``(kind, value, by, quote)`` of each evidence item (``quote``: a cited sentence's words, or "")."""
    sources: tuple[ClaimSource, ...]


def _places(entry: ArticleEntry, record: ExportedRecord | LinkEnd) -> list[Place]:
    """A record's (or a link end's) place, by path and by content hash where known."""
    span = record.get("span")
    start, end = (span["start"], span["end"]) if span else (-1, -1)
    ids = [entry["path"]] + ([entry["content"]] if entry.get("content") else [])
    return [(where, record["sentence"], start, end) for where in ids]


def _end_places(end: LinkEnd) -> list[Place]:
    """A link end's place: by its article's content hash where it names one (a sentence
    number of an older text must not meet the sentence that took it), else by path."""
    span = end.get("span")
    start, stop = (span["start"], span["end"]) if span else (-1, -1)
    ids = [end["content"]] if end.get("content") else [end["path"]]
    return [(where, end["sentence"], start, stop) for where in ids]


def gather_claims(entries: Sequence[ArticleEntry], schema: TagSchema, listed: Iterable[str]) -> list[CheckedClaim]:
    """Every claim of ``entries`` with a listed checkable tag, in article and sentence order."""
    checkable = set(schema.checkable) & set(listed)
    graded: dict[Place, tuple[int, str, str, str]] = {}
    for index, entry in enumerate(entries):
        for record in entry["annotations"]:
            if SOURCE_TAG in record["tags"]:
                where = f"{entry['path']}#{record['sentence']}"
                for place in _places(entry, record):
                    graded.setdefault(place, (index, where, _words_of(record), record.get("grade", "")))
    edited = {entry["path"]: entry["content"] for entry in entries if entry.get("content")}
    claims: list[CheckedClaim] = []
    for index, entry in enumerate(entries):
        for record in entry["annotations"]:
            if checkable & set(record["tags"]):
                claims.append(_claim(index, record, schema, graded, edited))
    return claims


def _words_of(record: ExportedRecord) -> str:
    span = record.get("span")
    return span["quote"] if span else record["text"]


def _claim(
    index: int, record: ExportedRecord, schema: TagSchema, graded: Mapping[Place, tuple[int, str, str, str]], known: Mapping[str, str]
) -> CheckedClaim:
    """``record``'s claim; ``known``: each brief article's content hash by path (a source
    named on another text of one of them, not found, is gone since an edit: said so)."""
    sources = []
    for link in record.get("links", ()):
        if link["as"] == "attributed-to":
            found = next((graded[place] for place in _end_places(link["to"]) if place in graded), None)
            if found is not None:
                article, where, words, grade = found
                here = f"sentence {link['to']['sentence']}"
                sources.append(ClaimSource(here if article == index else where, words, grade))
            else:
                now = known.get(link["to"]["path"])
                gone = " (gone: its article was edited since the link was made)" if now and now != link["to"]["content"] else ""
                sources.append(ClaimSource(f"{link['to']['path']}#{link['to']['sentence']}{gone}", "", ""))
    span = record.get("span")
    return CheckedClaim(
        article=index,
        sentence=record["sentence"],
        text=record["text"],
        words=(span["start"], span["end"]) if span else None,
        annotator=record["annotator"],
        status=record.get("status") or schema.verdicts.default.name,
        rationale=record.get("rationale", ""),
        evidence=tuple((item["kind"], item["value"], item["by"], item.get("quote", "")) for item in record.get("evidence", ())),
        sources=tuple(sources),
    )


def claims_part(claims: Sequence[CheckedClaim], schema: TagSchema, titles: Sequence[str]) -> list[str]:
    """The brief's ``## Verdicts`` section in Markdown: the table of statuses, then the
    claims under each status that has some. No section while no claim was checked (no
    status set, no evidence, rationale or source): the tag's own section lists them then.
    ``titles``: each article's title or path, named only when the brief covers several."""
    scale = schema.verdicts
    if not any(c.status != scale.default.name or c.evidence or c.rationale or c.sources for c in claims):
        return []
    order = [v.name for v in scale.verdicts] + sorted({c.status for c in claims} - set(scale.names))
    counts = {name: sum(1 for c in claims if c.status == name) for name in order}
    lines = ["## Verdicts", "", "| status | claims |", "|---|---:|"]
    for name in order:
        verdict = scale.get(name)
        label = f"{verdict.mark} {verdict.label}" if verdict is not None else name
        lines.append(f"| {escape_text(label)} | {counts[name]} |")
    lines += [f"| all claims | {len(claims)} |", ""]
    for name in order:
        if counts[name]:
            verdict = scale.get(name)
            label = verdict.label if verdict is not None else name
            lines += [f"### {escape_text(label)} ({counts[name]})", ""]
            for claim in (c for c in claims if c.status == name):
                lines += _claim_lines(claim, titles)
    return lines


def _claim_lines(claim: CheckedClaim, titles: Sequence[str]) -> list[str]:
    """One claim: the quote (its words in bold), where and whose, rationale, evidence, source."""
    text = claim.text
    quote = bold_words(text, claim.words)
    where = f"sentence {claim.sentence}"
    if len(titles) > 1:
        where = f"*{escape_path(titles[claim.article])}*, {where}"
    lines = [f"> {quote}", "", f"— {where} · by {escape_text(claim.annotator)}", ""]
    if claim.rationale.strip():
        lines.append(f"- Rationale: {escape_text(' '.join(claim.rationale.split()))}")
    for kind, value, by, quote in claim.evidence:
        words = f" “{escape_text(quote)}”" if quote.strip() and kind == "sentence" else ""
        lines.append(f"- Evidence ({escape_text(kind)}): {escape_text(value)}{words} (by {escape_text(by)})")
    for source in claim.sources:
        grade = f", graded **{escape_text(source.grade)}** ({grade_meaning(source.grade)})" if source.grade else ", not graded"
        words = f" “{escape_text(source.text)}”" if source.text else ""
        lines.append(f"- Source: {escape_text(source.where)}{words}{grade}")
    if not claim.evidence and not claim.rationale.strip():
        lines.append("- No evidence or rationale yet.")
    return [*lines, ""]


#: Stand-ins for a span's bold marks while its sentence is escaped as one text (its white
#: space and line-start rules then apply once): private-use characters no escape touches.
_OPEN, _CLOSE = "\ue000", "\ue001"


def bold_words(text: str, words: tuple[int, int] | None) -> str:
    """The sentence escaped as Markdown, the ``words`` (offsets in ``text``) in **bold**,
    the spaces around them kept."""
    if words is None or _OPEN in text or _CLOSE in text:
        return escape_text(text)
    start, end = words
    marked = escape_text(f"{text[:start]}{_OPEN}{text[start:end]}{_CLOSE}{text[end:]}")
    return marked.replace(_OPEN, "**").replace(_CLOSE, "**")
