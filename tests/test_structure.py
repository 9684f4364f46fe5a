"""The architecture holds: layers, no cycles, no presentation code in the core, one
registry per kind of format, and the reader's keys agree with the tag schema's rules."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from annotations.formats.loader import load_article
from annotations.formats.registry import FORMATS, articles_in, format_for
from annotations.schema import DEFAULT_TAGS
from tui.reserved_keys import RESERVED_KEYS

REPO = Path(__file__).resolve().parent.parent
CORE = REPO / "annotations"

#: The core's layers, lowest first: a module may import its own layer or lower ones only.
LAYERS = {
    "errors": 0,
    "files": 0,
    "safe_yaml": 0,
    "model": 0,
    "metadata": 0,
    "preferences": 0,
    "schema": 0,
    "sentences": 1,
    "formats": 2,
    "store": 3,
    "library": 4,
    "exchange": 4,
    "web": 4,
    "team": 5,
    "suggest": 4,
    "config": 5,
}


def core_modules() -> dict[str, Path]:
    """Every module of the core by dotted name."""
    modules = {}
    for path in CORE.rglob("*.py"):
        parts = path.relative_to(REPO).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        modules[name] = path
    return modules


def imports_of(path: Path, name: str) -> set[str]:
    """The core modules ``path`` imports (at any depth of the file, lazy imports included)."""
    found: set[str] = set()
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, *([base] if base else [])])
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
    modules = core_modules()
    return {m for m in found if m in modules and m != name}


def layer_of(module: str) -> int:
    part = module.split(".")[1] if "." in module else ""
    return LAYERS[part] if part else 0


def test_every_core_module_sits_in_a_layer() -> None:
    for module in core_modules():
        if module != "annotations":
            assert module.split(".")[1] in LAYERS, f"{module} is in no layer: add it to LAYERS and the README's architecture"


def test_no_import_runs_back_up_a_layer() -> None:
    wrong = [
        f"{module} (layer {layer_of(module)}) imports {target} (layer {layer_of(target)})"
        for module, path in core_modules().items()
        for target in imports_of(path, module)
        if layer_of(target) > layer_of(module)
    ]
    assert not wrong, wrong


def test_no_import_cycles_in_the_core() -> None:
    graph = {module: imports_of(path, module) for module, path in core_modules().items()}
    graph = {m: {t for t in targets if t != "annotations"} for m, targets in graph.items()}
    state: dict[str, int] = {}

    def visit(module: str, trail: list[str]) -> None:
        state[module] = 1
        for target in sorted(graph[module]):
            if state.get(target) == 1:
                raise AssertionError("import cycle: " + " -> ".join([*trail[trail.index(target) :], target]))
            if target not in state:
                visit(target, [*trail, target])
        state[module] = 2

    for module in sorted(graph):
        if module not in state:
            visit(module, [module])


def test_the_core_imports_neither_textual_nor_rich() -> None:
    code = (
        "import sys, pkgutil, importlib, annotations\n"
        "for m in pkgutil.walk_packages(annotations.__path__, 'annotations.'):\n"
        "    importlib.import_module(m.name)\n"
        "import tui.cli\n"
        "bad = sorted(n for n in sys.modules if n.split('.')[0] in ('textual', 'rich'))\n"
        "assert not bad, bad\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr


# -- the format registry ---------------------------------------------------------------


@pytest.mark.parametrize(("suffix", "fmt"), [(s, f.name) for f in FORMATS for s in sorted(f.suffixes)])
def test_every_registered_suffix_opens_in_its_format_and_is_found_in_folders(tmp_path: Path, suffix: str, fmt: str) -> None:
    body = {
        "markdown": "# Title of It\n\n## A Section\n\nOfficials said the plan works. Critics disagreed.\n",
        "html": "<html><body><article><h1>Title of It</h1><h2>A Section</h2><p>Officials said the plan works. Critics disagreed.</p></article></body></html>",
    }.get(fmt, "A Section\nOfficials said the plan works. Critics disagreed.\n")
    path = tmp_path / f"article{suffix.upper() if suffix == '.md' else suffix}"
    path.write_text(body, encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text(body, encoding="utf-8")
    (tmp_path / "notes.log").write_text(body, encoding="utf-8")
    article = load_article(path)
    assert article.format == fmt and format_for(path).name == fmt
    assert [s.text for s in article.sentences] == ["Officials said the plan works.", "Critics disagreed."]
    assert list(articles_in(tmp_path)) == [path]


def test_a_file_without_a_known_suffix_opens_as_sectioned_text(tmp_path: Path) -> None:
    path = tmp_path / "README"
    path.write_text("Heading Here\nOfficials said so.\n", encoding="utf-8")
    article = load_article(path)
    assert article.format == "text" and article.sections[0].title == "Heading Here"


def test_every_format_module_has_a_parser() -> None:
    for article_format in FORMATS:
        assert callable(article_format.parse), article_format.name


# -- keys ---------------------------------------------------------------------------------


def test_the_readers_own_keys_are_reserved_and_the_default_tags_keys_are_free() -> None:
    from textual.binding import Binding
    from textual.keys import key_to_character

    from annotations.schema import TagSchema
    from tui.screens.reader import ReaderScreen

    own = {b.key for b in Binding.make_bindings(ReaderScreen.BINDINGS)}
    characters = {key_to_character(key) or key for key in own}
    single = {c for c in characters if len(c) == 1 and c.isprintable()}
    assert single, "no single-character keys found: the check would prove nothing"
    assert single <= RESERVED_KEYS, f"reader keys a tag could take: {sorted(single - RESERVED_KEYS)}"
    tag_keys = {tag.key for tag in DEFAULT_TAGS}
    assert not tag_keys & RESERVED_KEYS
    with_tags = {b.key for b in Binding.make_bindings(ReaderScreen.for_schema(TagSchema()).BINDINGS)}
    assert tag_keys <= with_tags and own <= with_tags
