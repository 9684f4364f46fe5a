"""The installed distribution carries every module and data file of the source tree."""

from __future__ import annotations

import json
import sysconfig
from importlib import metadata
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


def test_installed_distribution_has_every_module() -> None:
    # Look in the environment's site-packages only: a build leaves newsmark.egg-info in the
    # checkout, and that must not stand in for what was installed.
    site_packages = sysconfig.get_paths()["purelib"]
    distribution = next(iter(metadata.distributions(name="newsmark", path=[site_packages])), None)
    if distribution is None:
        pytest.skip("newsmark is not installed in this environment")
    direct_url = distribution.read_text("direct_url.json")
    if direct_url and json.loads(direct_url).get("dir_info", {}).get("editable"):
        pytest.skip("an editable install has no file list to check")
    installed = {str(path).replace("\\", "/") for path in distribution.files or []}
    if not any(path.startswith("annotations/") for path in installed):
        pytest.skip("an editable install lists no modules to check")
    wanted = {
        str(path.relative_to(REPO))
        for package in ("annotations", "tui")
        for path in (REPO / package).rglob("*")
        if path.suffix in (".py", ".tcss") and "__pycache__" not in path.parts
    }
    missing = sorted(wanted - installed)
    assert not missing, f"not in the installed distribution: {missing}"
