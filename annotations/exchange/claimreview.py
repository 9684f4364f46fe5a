"""ClaimReview exports: the final verdicts as schema.org ``ClaimReview`` items in JSON-LD,
for a publisher's fact-check pages and the fact-check aggregators that read them.

One item per claim (a record with a checkable tag) whose status is a final verdict (one
with a rating on the scale: verified, false, misleading, unverifiable by default; none
for unverified or checking)::

    {"@context": "https://schema.org", "@type": "ClaimReview",
     "url": review_url with {id} = the record's id,
     "claimReviewed": the sentence, or "the words" in: the sentence,
     "author": {"@type": "Organization", "name": organisation},
     "datePublished": the day the verdict was set,
     "reviewRating": {"@type": "Rating", "alternateName": the verdict's label,
                      "ratingValue", "bestRating", "worstRating": the scale's},
     "itemReviewed": {"@type": "Claim", "appearance": the article (its URL for a web
                      article or one in its front matter), "datePublished" and "author"
                      from the article's front matter where it has them},
     "reviewBody": the verdict's rationale, where it has one}

Google requires ``claimReviewed``, ``reviewRating`` (with ``alternateName``) and ``url``
and recommends the rest. The organisation and the review URL come from the config
(``organisation:``, ``review_url:``) or ``newsmark export --organisation/--review-url``;
the export command puts them, with the scale, under ``claimreview`` in the document it
hands to :func:`dump`. A ClaimReview file is written, never imported.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any, NamedTuple

from annotations.errors import ConfigError, ImportFormatError, NewsmarkError
from annotations.schema import TagSchema, VerdictScale

CONTEXT = "https://schema.org"
#: Written as ``\\u`` escapes: ``<`` (so the JSON-LD can go in a ``<script>`` element as it
#: is), and the controls the JSON export escapes (see :mod:`annotations.exchange.json_export`).
_ESCAPED = re.compile("[<\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
#: Where the export document carries what :func:`dump` needs beyond the records.
SETTINGS_KEY = "claimreview"


class ReviewSettings(NamedTuple):
    """Who publishes the reviews and where, and the scale and tags they rate."""

    organisation: str
    review_url: str
    scale: VerdictScale
    checkable: tuple[str, ...]
    final: str = "final"
    """The final (adjudicated) layer's annotator: its verdict on a claim is the one published."""

    def as_document(self) -> dict[str, Any]:
        """What the export document carries under :data:`SETTINGS_KEY`."""
        return {
            "organisation": self.organisation,
            "review_url": self.review_url,
            "scale": self.scale,
            "checkable": self.checkable,
            "final": self.final,
        }


def review_settings(
    schema: TagSchema,
    organisation: str | None,
    review_url: str | None,
    source: str | Path | None,
    final: str = "final",
    *,
    options: tuple[bool, bool] = (False, False),
) -> ReviewSettings:
    """The settings of a ClaimReview export; one clear error naming the setting that is
    missing or wrong: the config's (``source``), or the option's where ``options`` says the
    organisation, the review URL came from ``--organisation``, ``--review-url``."""
    if not organisation or not organisation.strip():
        if options[0]:
            raise ConfigError("--organisation", "give the publishing organisation's name (it is empty)")
        raise ConfigError(
            source, "a ClaimReview export needs the publishing organisation: set organisation: in the config or give --organisation"
        )
    if not review_url:
        raise ConfigError(source, "a ClaimReview export needs each review's address: set review_url: in the config or give --review-url")
    if not review_url.startswith(("https://", "http://")) or "{id}" not in review_url:
        name = ("--review-url", "") if options[1] else (source, "review_url: ")
        raise ConfigError(name[0], f"{name[1]}{review_url!r} must be a web address with {{id}} where each review's id goes")
    return ReviewSettings(" ".join(organisation.split()), review_url, schema.verdicts, schema.checkable, final)


def _place(record: dict[str, Any]) -> tuple[int, int, int]:
    span = record.get("span")
    return (record["sentence"], *((span["start"], span["end"]) if span else (-1, -1)))


def verdicts_by_claim(article: dict[str, Any], settings: ReviewSettings) -> list[dict[str, Any]]:
    """The one record whose verdict each claim of ``article`` publishes: the final layer's
    where it has a record there (its verdict stands, final or not), else the annotators'
    when every status they set there is the same. One error naming the claims whose
    annotators' statuses differ and which the final layer has not settled."""
    checkable = set(settings.checkable)
    claims: dict[tuple[int, int, int], list[dict[str, Any]]] = {}
    for record in article.get("annotations", []):
        if set(record["tags"]) & checkable and not record.get("orphan"):
            claims.setdefault(_place(record), []).append(record)
    chosen: list[dict[str, Any]] = []
    differ: list[str] = []
    for place, records in sorted(claims.items()):
        final = [record for record in records if record["annotator"] == settings.final]
        statused = sorted((record for record in records if record.get("status")), key=lambda r: str(r["annotator"]))
        if final:
            chosen.append(final[0])
        elif len({record["status"] for record in statused}) > 1:
            given = ", ".join(f"{record['annotator']}: {record['status']}" for record in statused)
            differ.append(f"{Path(str(article.get('path', ''))).name}#{place[0]} ({given})")
        elif statused:
            chosen.append(statused[0])
    if differ:
        raise NewsmarkError(
            None,
            f"export: the annotators' verdicts differ on {'; '.join(differ)}: a ClaimReview publishes one verdict per claim; "
            f"settle them in adjudication (A in the reader) and export --by {settings.final}, or export one annotator's with --by NAME",
        )
    return chosen


def claim_reviews(document: dict[str, Any], settings: ReviewSettings) -> list[dict[str, Any]]:
    """One ClaimReview per claim of ``document`` (an export document) with a final verdict
    (see :func:`verdicts_by_claim`)."""
    reviews: list[dict[str, Any]] = []
    for article in document.get("articles", []):
        for record in verdicts_by_claim(article, settings):
            verdict = settings.scale.get(record.get("status", ""))
            if verdict is None or verdict.rating is None:
                continue
            reviews.append(
                {
                    "@context": CONTEXT,
                    "@type": "ClaimReview",
                    "url": settings.review_url.replace("{id}", record["id"]),
                    "claimReviewed": claim_text(record),
                    "author": {"@type": "Organization", "name": settings.organisation},
                    "datePublished": verdict_day(record),
                    "reviewRating": {
                        "@type": "Rating",
                        "alternateName": verdict.label,
                        "ratingValue": verdict.rating,
                        "bestRating": settings.scale.best,
                        "worstRating": settings.scale.worst,
                    },
                    "itemReviewed": claim(article),
                }
            )
            if record.get("rationale"):  # why the verdict is what it is: the review's text
                reviews[-1]["reviewBody"] = record["rationale"]
    return reviews


def claim_text(record: dict[str, Any]) -> str:
    """What is claimed: the sentence, or for words in it ``"the words" in: the sentence``."""
    span = record.get("span")
    sentence = " ".join(record["text"].split())
    return sentence if span is None else f'"{" ".join(span["quote"].split())}" in: {sentence}'


def verdict_day(record: dict[str, Any]) -> str:
    """The day (``YYYY-MM-DD``) the record's status was last set to what it is."""
    changes = [entry for entry in record.get("status_history", []) if entry.get("to") == record.get("status")]
    stamp = changes[-1]["at"] if changes else record["updated"]
    return str(stamp)[:10]


def claim(article: dict[str, Any]) -> dict[str, Any]:
    """The ``Claim`` reviewed: where it appeared (the article), and when and by whom as
    the article's front matter says."""
    meta = article.get("meta") or {}
    path = str(article.get("path", ""))
    url = path if path.startswith(("https://", "http://")) else meta.get("url")
    appearance: dict[str, Any] = {"@type": "CreativeWork", "name": article.get("title") or Path(path).name}
    if isinstance(url, str) and url:
        appearance["url"] = url
    item: dict[str, Any] = {"@type": "Claim", "appearance": appearance}
    if meta.get("date"):
        item["datePublished"] = str(meta["date"])
    author = meta.get("author") or meta.get("authors")
    if isinstance(author, list):
        author = ", ".join(str(name) for name in author)
    if author:
        item["author"] = {"@type": "Person", "name": str(author)}
    return item


def dump(document: dict[str, Any]) -> bytes:
    """The claim reviews as a JSON-LD array (one item each); the document must carry the
    settings under :data:`SETTINGS_KEY` (see the module docstring)."""
    carried = document.get(SETTINGS_KEY)
    if not isinstance(carried, dict):
        raise ConfigError(
            None, "a ClaimReview export is made by newsmark export --format claimreview (it needs organisation: and review_url:)"
        )
    settings = ReviewSettings(**carried)
    text = json.dumps(claim_reviews(document, settings), ensure_ascii=False, indent=2)
    return (_ESCAPED.sub(lambda m: f"\\u{ord(m.group()):04x}", text) + "\n").encode("utf-8")


def load(text: str, path: Path) -> tuple[Any, bool]:
    """ClaimReview files are for publishing, not for import: refuse in one line."""
    raise ImportFormatError(path, "a ClaimReview file is for publishing and cannot be imported; import a YAML or JSON export")
