"""The architecture holds: layers in the core and the TUI, no cycles, no presentation code
in the core, modules of a readable size, one registry per kind of format, and the
reader's keys agree with the tag schema's rules."""

from __future__ import annotations

import ast
import functools
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
TUI = REPO / "tui"
#: No module of the project (outside tests and benchmarks) is longer than this.
MAX_MODULE_LINES = 400

#: The core's layers, lowest first: a module may import its own layer or lower ones only.
LAYERS = {
    "errors": 0,
    "files": 0,
    "cache_budget": 0,
    "safe_yaml": 0,
    "patterns": 0,
    "model": 0,
    "metadata": 0,
    "preferences": 0,
    "schema": 0,
    "scores": 0,
    "sentences": 1,
    "formats": 2,
    "store": 3,
    "library": 4,
    "exchange": 4,
    "web": 4,
    "team": 5,
    "suggest": 4,
    "config": 5,
    "elsewhere": 6,
}

#: Inside the TUI, packages that must not import others: (importer, imported). Widgets
#: sit below screens; neither knows the command line, which starts the app.
TUI_FORBIDDEN = [
    ("tui.widgets", "tui.screens"),
    ("tui.widgets", "tui.cli"),
    ("tui.screens", "tui.cli"),
]


@functools.cache
def project_modules() -> dict[str, Path]:
    """Every module of the core and the TUI by dotted name."""
    modules = {}
    for root in (CORE, TUI):
        for path in root.rglob("*.py"):
            parts = path.relative_to(REPO).with_suffix("").parts
            name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
            modules[name] = path
    return modules


def core_modules() -> dict[str, Path]:
    """Every module of the core by dotted name."""
    return {name: path for name, path in project_modules().items() if in_package(name, "annotations")}


def in_package(module: str, package: str) -> bool:
    return module == package or module.startswith(package + ".")


def imports_of(path: Path, name: str) -> set[str]:
    """The project modules ``path`` imports (at any depth of the file, lazy imports included)."""
    found: set[str] = set()
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    modules = project_modules()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, *([base] if base else [])])
            submodules = {f"{base}.{alias.name}" for alias in node.names}
            found.update(submodules)
            # ``from package import submodule`` needs the submodule, not what the
            # package's __init__ defines: only a name that is no module ties to the package.
            if not submodules <= modules.keys():
                found.add(base)
    return {m for m in found if m in modules and m != name}


def layer_of(module: str) -> int:
    part = module.split(".")[1] if "." in module else ""
    return LAYERS[part] if part else 0


def test_every_core_module_sits_in_a_layer() -> None:
    for module in core_modules():
        if module != "annotations":
            assert module.split(".")[1] in LAYERS, f"{module} is in no layer: add it to LAYERS and the README's architecture"


def test_no_import_runs_back_up_a_layer() -> None:
    core = core_modules()
    wrong = [
        f"{module} (layer {layer_of(module)}) imports {target} (layer {layer_of(target)})"
        for module, path in core.items()
        for target in imports_of(path, module)
        if target in core and layer_of(target) > layer_of(module)
    ]
    assert not wrong, wrong


def test_the_core_never_imports_the_tui() -> None:
    wrong = [
        f"{module} imports {target}"
        for module, path in core_modules().items()
        for target in imports_of(path, module)
        if in_package(target, "tui")
    ]
    assert not wrong, wrong


def test_widgets_import_no_screen_and_neither_imports_the_command_line() -> None:
    wrong = [
        f"{module} imports {target}"
        for module, path in project_modules().items()
        for target in imports_of(path, module)
        for importer, imported in TUI_FORBIDDEN
        if in_package(module, importer) and in_package(target, imported)
    ]
    assert not wrong, wrong


def import_cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cycles: list[list[str]] = []

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        on_stack.add(module)
        for target in sorted(graph[module]):
            if target not in index:
                visit(target)
                low[module] = min(low[module], low[target])
            elif target in on_stack:
                low[module] = min(low[module], index[target])
        if low[module] == index[module]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == module:
                    break
            if len(component) > 1:
                cycles.append(sorted(component))

    for module in sorted(graph):
        if module not in index:
            visit(module)
    return sorted(cycles)


def test_no_import_cycles_in_the_core_or_the_tui() -> None:
    roots = {"annotations", "tui"}  # the packages' own __init__ modules import nothing of theirs
    graph = {module: imports_of(path, module) - roots for module, path in project_modules().items()}
    cycles = import_cycles(graph)
    assert not cycles, "import cycles among: " + "; ".join(" <-> ".join(cycle) for cycle in cycles)


def test_the_cycle_check_finds_a_cycle() -> None:
    assert import_cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert import_cycles({"a": {"b"}, "b": set()}) == []


def test_no_module_is_longer_than_the_limit() -> None:
    paths = [*project_modules().values(), *REPO.glob("*.py")]
    long = {
        str(path.relative_to(REPO)): lines
        for path in paths
        if (lines := len(path.read_text(encoding="utf-8").splitlines())) > MAX_MODULE_LINES
    }
    assert not long, f"modules over {MAX_MODULE_LINES} lines (split them by concern): {dict(sorted(long.items()))}"


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
