"""Agreement between annotators on verdicts (``newsmark agree``): do they give a claim
the same status?

**Items** are claims: a place (a sentence, or the same words in it) where an annotator's
record has a checkable tag and a status they set. An annotator rates a claim with the
status they set on it; one who set none (or did not tag it) is *missing* there, so two
annotators who only tagged a claim do not count as agreeing that it is unverified. The
final (adjudicated) layer is no annotator here. Statuses are nominal categories: Cohen's
kappa for two annotators, Fleiss' kappa (on the claims every annotator rated) for three
or more, Krippendorff's alpha (nominal, missing ratings allowed) and the claims where
they disagree, with each annotator's status.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from typing import Any

from annotations.schema import TagSchema
from annotations.team.agreement import RatedArticle, cohen_kappa, fleiss_kappa, krippendorff_alpha

Place = tuple[str, int, int, int]
"""A claim's place: the article's path, the sentence, the words' offsets (-1, -1 for the whole sentence)."""


@dataclass(frozen=True)
class VerdictDisagreement:
    """A claim the annotators who set a status on it gave different statuses."""

    path: str
    sentence: int
    words: str
    """The words for a span ("" for the whole sentence)."""
    statuses: dict[str, str]

    def as_json(self) -> dict[str, Any]:
        """``{"path", "sentence", "words", "annotators": {name: status}}``."""
        return {"path": self.path, "sentence": self.sentence, "words": self.words, "annotators": dict(self.statuses)}


@dataclass
class VerdictAgreement:
    """The figures of agreement on verdicts."""

    annotators: list[str]
    items: int
    """Claims with a status from at least two annotators."""
    kappa: float | None
    kappa_kind: str
    alpha: float | None
    disagreements: list[VerdictDisagreement] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        """The ``verdicts`` entry of ``agree --json``."""
        return {
            "kappa": self.kappa,
            "kappa_kind": self.kappa_kind,
            "alpha": self.alpha,
            "items": self.items,
            "annotators": list(self.annotators),
            "disagreements": [d.as_json() for d in self.disagreements],
        }


def statuses_by_place(
    articles: Sequence[RatedArticle], schema: TagSchema, exclude: Collection[str]
) -> dict[Place, tuple[str, dict[str, str]]]:
    """Per claim, its words ("" for a whole sentence) and the status each annotator set
    on it (records with a checkable tag only)."""
    checkable = set(schema.checkable)
    given: dict[Place, tuple[str, dict[str, str]]] = {}
    for article in articles:
        for record in article.records:
            if record.get("orphan") or record["annotator"] in exclude or "status" not in record or not set(record["tags"]) & checkable:
                continue
            span = record.get("span")
            place = (article.path, record["sentence"], *((span["start"], span["end"]) if span else (-1, -1)))
            given.setdefault(place, (span["quote"] if span else "", {}))[1][record["annotator"]] = record["status"]
    return given


def verdict_agreement(articles: Sequence[RatedArticle], schema: TagSchema, exclude: Collection[str] = ()) -> VerdictAgreement:
    """The agreement on verdicts over ``articles`` (``exclude``: the final layer)."""
    given = statuses_by_place(articles, schema, exclude)
    pairable = sorted((place, statuses) for place, (_, statuses) in given.items() if len(statuses) >= 2)
    annotators = sorted({name for _, statuses in pairable for name in statuses})
    order = {name: index for index, name in enumerate(schema.verdicts.names)}
    code = {status: order.get(status, len(order) + i) for i, status in enumerate(sorted({s for _, st in pairable for s in st.values()}))}
    ratings = [[code[st[name]] if name in st else None for _, st in pairable] for name in annotators]
    result = VerdictAgreement(
        annotators=annotators,
        items=len(pairable),
        kappa=None,
        kappa_kind="",
        alpha=krippendorff_alpha(ratings) if pairable else None,
        disagreements=[
            VerdictDisagreement(place[0], place[1], given[place][0], dict(sorted(st.items())))
            for place, st in pairable
            if len(set(st.values())) > 1
        ],
    )
    if len(annotators) == 2:
        first, second = annotators
        both = [st for _, st in pairable if first in st and second in st]
        result.kappa, result.kappa_kind = cohen_kappa([st[first] for st in both], [st[second] for st in both]), "cohen"
    elif len(annotators) > 2:
        complete = [st for _, st in pairable if len(st) == len(annotators)]
        categories = sorted(code, key=code.__getitem__)
        result.kappa = fleiss_kappa([[list(st.values()).count(c) for c in categories] for st in complete])
        result.kappa_kind = "fleiss"
    return result
