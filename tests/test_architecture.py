"""The package's shape: imports point down the pipeline, and no module reaches back up.

Read from the source with ``ast``, every import counted, those inside
functions too: a lazy import is still a dependency.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "mdread"


def _module(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _graph() -> dict[str, set[str]]:
    modules = {_module(path): path for path in PACKAGE.rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        found: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                found.add(node.module)
                found.update(f"{node.module}.{alias.name}" for alias in node.names)
        graph[name] = {target for target in found if target in modules and target != name}
    return graph


GRAPH = _graph()


def _imports(prefix: str) -> set[str]:
    return {target for name, targets in GRAPH.items() if name == prefix or name.startswith(prefix + ".")
            for target in targets}


def test_no_import_cycle() -> None:
    """A package's own ``__init__`` importing its submodules is not a cycle; anything else that loops is."""
    state: dict[str, int] = {}
    stack: list[str] = []
    cycles: list[list[str]] = []

    def visit(name: str) -> None:
        state[name] = 1
        stack.append(name)
        for target in sorted(GRAPH[name]):
            if name.startswith(target + "."):
                continue  # a submodule importing a name from its own package's __init__
            if state.get(target) == 1:
                cycles.append([*stack[stack.index(target):], target])
            elif target not in state:
                visit(target)
        stack.pop()
        state[name] = 2

    for name in sorted(GRAPH):
        if name not in state:
            visit(name)
    assert cycles == []


def test_only_the_entry_point_imports_the_command_line() -> None:
    assert [name for name, targets in GRAPH.items() if "mdread.cli" in targets] == ["mdread.__main__"]


@pytest.mark.parametrize("stage", ["mdread.model", "mdread.load", "mdread.parse", "mdread.render",
                                   "mdread.library", "mdread.article", "mdread.faces.pipe"])
def test_only_the_command_line_and_the_reader_import_textual_screens(stage: str) -> None:
    assert not {t for t in _imports(stage) if t.startswith("mdread.faces.tui")}


@pytest.mark.parametrize("stage", ["mdread.model", "mdread.load", "mdread.parse", "mdread.library", "mdread.article"])
def test_stages_below_the_faces_import_no_face(stage: str) -> None:
    assert not {t for t in _imports(stage) if t.startswith("mdread.faces")}


def test_the_model_and_the_stages_before_rendering_import_no_rich_or_textual() -> None:
    for stage in ("mdread.model", "mdread.load", "mdread.parse", "mdread.article"):
        for name, path in ((n, p) for n, p in ((_module(p), p) for p in PACKAGE.rglob("*.py"))
                           if n == stage or n.startswith(stage + ".")):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            roots = {a.name.split(".")[0] for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
            roots |= {n.module.split(".")[0] for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.module}
            assert not roots & {"rich", "textual"}, name


def test_the_renderer_imports_no_textual() -> None:
    for path in (PACKAGE / "render").rglob("*.py"):
        assert "textual" not in path.read_text(encoding="utf-8").replace("textual-", ""), path
