"""The pipeline's layer rule, enforced: each part of the package imports only the parts below it,
and no module imports itself back through others (type-only imports and imports inside
functions count too, since they are how layering quietly erodes).

    core            nothing of ours (the built-in themes are data, found through core.themes)
    cache           core
    load, check     core, cache
    render          core, cache, check          (never load or write)
    write           core
    pipeline        core, cache, load, check, render, write
    serve, edit     everything below (not commands, cli or each other, edit may use load)
    commands        everything below, and the front ends (lsp, sync, importer)
    cli             commands
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "jobjournal"

BELOW = {
    "core": set(),
    "cache": {"core"},
    "load": {"core", "cache"},
    "check": {"core", "cache"},
    "render": {"core", "cache", "check"},
    "write": {"core"},
    "pipeline": {"core", "cache", "load", "check", "render", "write"},
    "edit": {"core", "cache", "load"},
    "serve": {"core", "cache", "load", "check", "render", "write", "pipeline"},
}
FRONT_ENDS = {"lsp", "sync", "importer"}  # new commands' own packages sit beside serve
for part in FRONT_ENDS:
    BELOW[part] = {"core", "cache", "load", "check", "render", "write", "pipeline", "edit"}
BELOW["commands"] = set(BELOW) - {"commands"}
BELOW["cli"] = {"commands"}
BELOW["__main__"] = {"cli"}
TOP_LEVEL = {"__init__", "__main__", "cli", "write"}


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _imports(path: Path) -> set[str]:
    """Every jobjournal module this file imports, wherever the import statement stands."""
    found: set[str] = set()
    package = _module_name(path).rsplit(".", 1)[0] if path.name != "__init__.py" \
        else _module_name(path)
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            found.add(base)
            # `from jobjournal.x import y` may import the module x.y
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return {name for name in found if name == "jobjournal" or name.startswith("jobjournal.")}


def _graph() -> dict[str, set[str]]:
    modules = {_module_name(p): p for p in PACKAGE.rglob("*.py")}
    return {name: {i for i in _imports(path) if i in modules and i != name}
            for name, path in modules.items()}


def _part(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def test_every_import_goes_down_the_pipeline() -> None:
    wrong = []
    for module, imported in sorted(_graph().items()):
        part = _part(module)
        for target in sorted(imported):
            other = _part(target)
            if other in (part, "__init__") or other in BELOW.get(part, set()):
                continue
            wrong.append(f"{module} imports {target} ({part} may import only "
                         f"{sorted(BELOW.get(part, set()))})")
    assert wrong == []


def test_no_module_imports_itself_back() -> None:
    graph = _graph()
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    circles: list[list[str]] = []

    def visit(node: str) -> None:  # Tarjan's strongly connected components
        index[node] = low[node] = len(index)
        stack.append(node)
        for target in graph[node]:
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                circles.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    assert circles == []


def test_the_package_top_reads_as_the_pipeline() -> None:
    loose = {p.stem for p in PACKAGE.glob("*.py")}
    assert loose <= TOP_LEVEL
    folders = {p.name for p in PACKAGE.iterdir() if (p / "__init__.py").is_file()}
    assert {"core", "cache", "load", "check", "render", "pipeline", "serve", "edit",
            "commands"} <= folders
    assert set(BELOW) >= folders


def test_the_layer_rule_sees_imports_inside_functions_and_type_blocks() -> None:
    """The parser itself: an import hidden in a function, under TYPE_CHECKING or relative, is
    found (a probe file placed in the package for the moment of the test)."""
    probe = PACKAGE / "core" / "_layer_probe.py"
    probe.write_text("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n"
                     "    from jobjournal.render.site import X\n"
                     "def f():\n    import jobjournal.load.loader\n    from . import dates\n")
    try:
        found = _imports(probe)
    finally:
        probe.unlink()
    assert {"jobjournal.render.site", "jobjournal.load.loader", "jobjournal.core.dates"} <= found
