"""The Rich tables that ``newsmark agree`` prints."""

from __future__ import annotations

from pathlib import Path

from rich import box
from rich.console import Group
from rich.table import Table

from annotations.errors import escape_controls
from annotations.team.agreement import TagAgreement

#: Disagreements listed per tag (``--json`` lists them all).
SHOWN_DISAGREEMENTS = 20


def figure(value: float | None) -> str:
    """A kappa or alpha to three decimals, or ``n/a`` when undefined."""
    return "n/a" if value is None else f"{value:.3f}"


def render_agreement(figures: dict[str, TagAgreement]) -> Group:
    """Per tag: items, disagreements, kappa and alpha; the pairwise kappas (3+ annotators);
    then the sentences where annotators disagree."""
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
