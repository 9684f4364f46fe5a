"""The Rich tables that ``newsmark agree`` prints."""

from __future__ import annotations

from pathlib import Path

from rich import box
from rich.console import Group
from rich.table import Table

from annotations.errors import escape_controls
from annotations.team.agreement import TagAgreement
from annotations.team.span_agreement import SpanAgreement

#: Disagreements listed per tag (``--json`` lists them all).
SHOWN_DISAGREEMENTS = 20


def figure(value: float | None) -> str:
    """A kappa or alpha to three decimals, or ``n/a`` when undefined."""
    return "n/a" if value is None else f"{value:.3f}"


def render_span_agreement(spans: dict[str, SpanAgreement]) -> list[Table]:
    """Per tag with spans: how many, exact-match and token-overlap F1 (then per pair, for
    three or more annotators); nothing when no tag has a span."""
    if not any(result.spans for result in spans.values()):
        return []
    table = Table(title="Agreement per tag (spans: words inside a sentence)", box=box.SIMPLE_HEAD)
    for name in ("tag", "spans", "exact F1", "token F1", "annotators"):
        table.add_column(name, justify="left" if name in ("tag", "annotators") else "right")
    parts = [table]
    for tag, result in spans.items():
        who = ", ".join(escape_controls(a) for a in result.annotators)
        table.add_row(tag, str(result.spans), figure(result.exact_f1), figure(result.token_f1), who)
        if result.pairs:
            pairs = Table(title=f"{tag}: span F1 per pair", box=box.SIMPLE_HEAD)
            for name in ("annotators", "spans", "exact F1", "token F1"):
                pairs.add_column(name, justify="left" if name == "annotators" else "right")
            for pair in result.pairs:
                names = f"{escape_controls(pair.first)} / {escape_controls(pair.second)}"
                pairs.add_row(names, f"{pair.spans[0]} / {pair.spans[1]}", figure(pair.exact_f1), figure(pair.token_f1))
            parts.append(pairs)
    return parts


def render_agreement(figures: dict[str, TagAgreement], spans: dict[str, SpanAgreement] | None = None) -> Group:
    """Per tag: items, disagreements, kappa and alpha; the pairwise kappas (3+ annotators);
    then the span-level figures (when there are spans); then the sentences where
    annotators disagree."""
    table = Table(title="Agreement per tag (sentence level)", box=box.SIMPLE_HEAD)
    for name, justify in (
        ("tag", "left"),
        ("items", "right"),
        ("disagree", "right"),
        ("kappa", "right"),
        ("alpha", "right"),
        ("annotators", "left"),
    ):
        table.add_column(name, justify=justify)  # type: ignore[arg-type]
    parts: list[Table] = [table]
    for tag, result in figures.items():
        kind = {"cohen": " (Cohen)", "fleiss": " (Fleiss)"}.get(result.kappa_kind, "")
        who = ", ".join(escape_controls(a) for a in result.annotators)
        table.add_row(tag, str(result.items), str(len(result.disagreements)), figure(result.kappa) + kind, figure(result.alpha), who)
        if result.pairwise:
            pairs = Table(title=f"{tag}: Cohen's kappa per pair", box=box.SIMPLE_HEAD)
            for name in ("annotators", "items", "kappa"):
                pairs.add_column(name, justify="left" if name == "annotators" else "right")
            for first, second, kappa, items in result.pairwise:
                pairs.add_row(f"{escape_controls(first)} / {escape_controls(second)}", str(items), figure(kappa))
            parts.append(pairs)
    parts += render_span_agreement(spans or {})
    for tag, result in figures.items():
        if not result.disagreements:
            continue
        listed = Table(title=f"{tag}: disagreements", box=box.SIMPLE_HEAD)
        listed.add_column("where")
        listed.add_column("tagged by")
        listed.add_column("not by")
        for item in result.disagreements[:SHOWN_DISAGREEMENTS]:
            yes = ", ".join(escape_controls(a) for a, v in item.annotators.items() if v)
            no = ", ".join(escape_controls(a) for a, v in item.annotators.items() if not v)
            listed.add_row(f"{escape_controls(Path(item.path).name)} sentence {item.sentence}", yes, no)
        if len(result.disagreements) > SHOWN_DISAGREEMENTS:
            listed.caption = f"and {len(result.disagreements) - SHOWN_DISAGREEMENTS} more (--json lists them all)"
        parts.append(listed)
    return Group(*parts)
