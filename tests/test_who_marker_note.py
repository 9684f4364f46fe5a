"""The who-tagged-what marker of a sentence someone only noted names who (tryout 6: it
was ``[✎]``, while a tagged one reads ``[≠ bo:c ✎]``)."""

from __future__ import annotations

from annotations.store.views import RecordView
from annotations.team.readings import sentence_readings
from tui.widgets.markers import who_text

LETTERS = {"claim": "c", "figure": "f", "concern": "o", "source": "s"}


def readings(records: list[dict[str, object]], who: list[str]):  # type: ignore[no-untyped-def]
    return sentence_readings(RecordView(records), 3, who)  # type: ignore[arg-type]


def record(annotator: str, tags: list[str], note: str) -> dict[str, object]:
    return {"annotator": annotator, "tags": tags, "note": note, "sentence": 3, "id": annotator, "anchor": "exact"}


def test_a_note_alone_names_whose_it_is() -> None:
    alone = readings([record("bo", [], "check this")], ["ana", "bo"])
    assert who_text(alone, ["ana", "bo"], LETTERS, "✎") == "[= bo ✎]"
    tagged = readings([record("bo", ["claim"], "check this")], ["ana", "bo"])
    assert who_text(tagged, ["ana", "bo"], LETTERS, "✎") == "[≠ bo:c ✎]"  # the tags name them: as before
