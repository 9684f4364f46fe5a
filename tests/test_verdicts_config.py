"""The verdict settings of a config file: checkable tags, the verdict scale, the
organisation and review URL; each bad value is one clear error naming the setting."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotations.config import resolve_settings
from annotations.errors import ConfigError


def settings_from(tmp_path: Path, text: str):  # type: ignore[no-untyped-def]
    config = tmp_path / "config.yaml"
    config.write_text(text, encoding="utf-8")
    return resolve_settings(config=str(config), environ={})


def test_the_defaults_check_claims_and_figures_on_a_six_status_scale(tmp_path: Path) -> None:
    settings = settings_from(tmp_path, "annotator: ana\n")
    schema = settings.schema
    assert schema.checkable == ("claim", "figure")
    scale = schema.verdicts
    assert scale.names == ("unverified", "checking", "verified", "false", "misleading", "unverifiable")
    assert scale.default.name == "unverified"
    assert [v.name for v in scale.verdicts if v.final] == ["verified", "false", "misleading", "unverifiable"]
    assert (scale.best, scale.worst) == (5, 1)
    assert len({v.key for v in scale.verdicts}) == len({v.mark for v in scale.verdicts}) == 6
    assert (settings.organisation, settings.review_url) == (None, None)


def test_a_configured_scale_checkable_tags_organisation_and_review_url(tmp_path: Path) -> None:
    settings = settings_from(
        tmp_path,
        "checkable: [claim]\n"
        "organisation: Example Checks\n"
        "review_url: https://checks.example.org/r/{id}\n"
        "verdicts:\n  best: 3\n  worst: 1\n  scale:\n"
        "    - {name: open, label: Open, key: o, colour: grey, mark: '?'}\n"
        "    - {name: 'true', label: 'True', key: t, colour: green, mark: T, rating: 3}\n"
        "    - {name: 'false', key: f, rating: 1}\n",
    )
    assert settings.schema.checkable == ("claim",)
    scale = settings.schema.verdicts
    assert scale.names == ("open", "true", "false")
    assert scale.get("false") is not None and scale.require("false").label == "False"  # the default's label
    assert (settings.organisation, settings.review_url) == ("Example Checks", "https://checks.example.org/r/{id}")


@pytest.mark.parametrize(
    ("text", "error"),
    [
        ("checkable: claim\n", "checkable: must be a list of tag names"),
        ("checkable: [rumour]\n", "checkable: 'rumour' is not a tag"),
        ("verdicts: [a]\n", "verdicts: must be a mapping with scale:"),
        ("verdicts: {scale: [{name: false, key: f}]}\n", "name must be text (quote 'false': unquoted it is a YAML true/false)"),
        ("verdicts: {scale: [{name: open, key: '1'}]}\n", "scale[1] ('open'): key must be one letter"),
        ("verdicts: {scale: [{name: open, key: o}, {name: shut, key: o}]}\n", "scale[2] ('shut'): key 'o' is used twice"),
        ("verdicts: {scale: [{name: open, key: o}, {name: open, key: p}]}\n", "scale[2] ('open'): the name is used twice"),
        ("verdicts: {scale: [{name: open, key: o, rating: 9}]}\n", "rating must be a whole number from 1 to 5"),
        ("verdicts: {scale: [{name: open, key: o, colour: nope}]}\n", "'nope' is not a colour"),
        ("verdicts: {scale: [{name: open, key: o, mark: ab}]}\n", "mark must be one character"),
        ("verdicts: {best: 1, worst: 1, scale: []}\n", "best and worst must be two different whole numbers"),
        ("verdicts: {scale: [{name: open, key: o, size: 2}]}\n", "unknown field 'size'"),
        ("review_url: https://checks.example.org/\n", "review_url: must be a web address with {id}"),
        ("organisation: [a]\n", "organisation: must be text"),
    ],
)
def test_each_bad_value_is_one_clear_error(tmp_path: Path, text: str, error: str) -> None:
    with pytest.raises(ConfigError) as raised:
        settings_from(tmp_path, text)
    assert error in str(raised.value)
    assert "\n" not in str(raised.value)


def test_the_default_scale_is_valid_for_the_terminal_too() -> None:
    from annotations.schema import DEFAULT_VERDICTS, VerdictScale, verdicts_from_config
    from tui.colours import is_terminal_colour

    assert all(is_terminal_colour(verdict.colour) for verdict in DEFAULT_VERDICTS)
    written = {"scale": [{"name": v.name} for v in DEFAULT_VERDICTS]}
    assert verdicts_from_config(written, "config.yaml", is_terminal_colour) == VerdictScale()
