"""The Rich table ``newsmark agree`` prints for agreement on verdicts."""

from __future__ import annotations

from pathlib import Path

from rich import box
from rich.console import Group
from rich.table import Table

from annotations.errors import escape_controls
from annotations.team.verdict_agreement import VerdictAgreement

from .agree_table import SHOWN_DISAGREEMENTS, figure


def render_verdict_agreement(result: VerdictAgreement) -> Group:
    """Claims rated, kappa and alpha on verdicts; then the claims whose statuses differ."""
    table = Table(title="Agreement on verdicts (claims with a status from two or more)", box=box.SIMPLE_HEAD)
    for name in ("claims", "disagree", "kappa", "alpha", "annotators"):
        table.add_column(name, justify="left" if name == "annotators" else "right")
    who = ", ".join(escape_controls(a) for a in result.annotators)
    table.add_row(str(result.items), str(len(result.disagreements)), figure(result.kappa), figure(result.alpha), who)
    parts: list[Table] = [table]
    if result.disagreements:
        shown = Table(title="Claims with different verdicts", box=box.SIMPLE_HEAD)
        for name in ("article", "sentence", "statuses"):
            shown.add_column(name, justify="right" if name == "sentence" else "left")
        for found in result.disagreements[:SHOWN_DISAGREEMENTS]:
            words = f' "{escape_controls(found.words)}"' if found.words else ""
            statuses = ", ".join(f"{escape_controls(name)}: {status}" for name, status in found.statuses.items())
            shown.add_row(escape_controls(Path(found.path).name), f"{found.sentence}{words}", statuses)
        parts.append(shown)
    return Group(*parts)
