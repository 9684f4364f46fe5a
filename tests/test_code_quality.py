"""Lint, format and type checks, run as tests so CI and the README's test command run them.

ruff (lint, with its complexity limit, and format) over the sources, mypy in strict mode
over the core and the TUI; both configured in pyproject.toml. Their caches go to a
temporary folder, never the checkout.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


def run(tool: list[str], tmp_path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(tool, cwd=REPO, capture_output=True, text=True, timeout=600, env=None)


@pytest.fixture(scope="module")
def ruff() -> str:
    found = shutil.which("ruff", path=str(Path(sys.executable).parent)) or shutil.which("ruff")
    if found is None:
        pytest.fail("ruff is not installed: pip install '.[test]'")
    return found


def test_ruff_finds_no_lint_problems(ruff: str, tmp_path: Path) -> None:
    result = run([ruff, "check", "--no-cache", "--output-format", "concise", "."], tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_code_is_formatted_as_ruff_formats_it(ruff: str, tmp_path: Path) -> None:
    result = run([ruff, "format", "--no-cache", "--check", "."], tmp_path)
    assert result.returncode == 0, "run `ruff format .`:\n" + result.stdout + result.stderr


def test_lint_and_format_check_the_sources_not_build_outputs(ruff: str, tmp_path: Path) -> None:
    """After ``pip install .`` in a tree without .git (an unpacked source archive), build/lib
    holds copies of the sources, and ruff reads no .gitignore there: the configuration
    itself must leave build outputs out."""
    tree = tmp_path / "newsmark"
    shutil.copytree(REPO, tree, ignore=shutil.ignore_patterns(".git", "__pycache__", ".*cache", ".venv", "build", "dist", "*.egg-info"))
    for folder in ("build/lib/annotations", "dist", "newsmark.egg-info"):
        (tree / folder).mkdir(parents=True)
        (tree / folder / "copied.py").write_text("import os\nx=1\n", encoding="utf-8")  # an unused import, unformatted
    for command in (["check", "--exit-zero", "--output-format", "concise"], ["format", "--check"]):
        result = subprocess.run([ruff, *command, "--no-cache", "."], cwd=tree, capture_output=True, text=True, timeout=600)
        assert "copied.py" not in result.stdout + result.stderr, result.stdout + result.stderr


def test_mypy_strict_finds_no_type_errors_in_the_core_and_the_tui(tmp_path: Path) -> None:
    result = run([sys.executable, "-m", "mypy", "--cache-dir", str(tmp_path / "mypy-cache"), "annotations", "tui"], tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
