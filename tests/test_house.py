"""The house rules a machine can check (docs/CONTRIBUTING.md): rooms import downwards only
(import-linter, pyproject.toml), no import cycle anywhere, modules and functions of a readable
size, and every command a reader can run written down in the docs."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
MODULE_LINES, PAGE_LINES, FUNCTION_LINES = 300, 160, 80


def test_layers_contract_is_kept():
    lint = Path(sys.executable).with_name("lint-imports")
    done = subprocess.run([str(lint)], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout[-3000:]
    assert "0 broken" in done.stdout


def _cycles(graph, modules: set[str]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index, low, stack, on, out, counter = {}, {}, [], set(), [], [0]

    def visit(v: str) -> None:
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in graph.find_modules_directly_imported_by(v) & modules:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    for m in sorted(modules):
        if m not in index:
            visit(m)
    return out


def test_no_import_cycle_in_atlas_or_pipelines():
    grimp = pytest.importorskip("grimp")
    graph = grimp.build_graph("atlas", "pipelines")
    modules = {m for m in graph.modules if m.split(".")[0] in {"atlas", "pipelines"}}
    assert _cycles(graph, modules) == []


def test_cycle_finder_finds_a_cycle():
    class Graph:  # a -> b -> c -> a, d alone
        edges = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}

        def find_modules_directly_imported_by(self, m):
            return set(self.edges[m])

    assert _cycles(Graph(), {"a", "b", "c", "d"}) == [["a", "b", "c"]]


def _make_targets() -> list[str]:
    text = (ROOT / "Makefile").read_text()
    return re.findall(r"^([a-z][a-z-]*):.*## ", text, flags=re.M)


def _pipelines_commands() -> list[str]:
    done = subprocess.run(
        [sys.executable, "-m", "pipelines", "--help"], cwd=ROOT, capture_output=True, text=True
    )
    match = re.search(r"\{([a-z,-]+)\}", done.stdout)
    assert match, done.stdout
    return match.group(1).split(",")


def test_every_make_target_and_pipelines_command_is_documented():
    text = "\n".join(p.read_text() for p in DOCS)
    targets, commands = _make_targets(), _pipelines_commands()
    assert {"run", "test", "build", "validate", "bench", "lint"} <= set(targets)
    assert {"build", "evaluate", "export"} <= set(commands)
    assert [t for t in targets if f"make {t}" not in text] == []
    assert [c for c in commands if f"pipelines {c}" not in text] == []


def test_docs_links_resolve():
    broken = []
    for doc in DOCS:
        for target in re.findall(r"\]\(([^)#\s]+)(?:#[^)]*)?\)", doc.read_text()):
            if re.match(r"[a-z]+:|//", target):
                continue  # an address outside the repository, written as a citation
            if not (doc.parent / target).exists():
                broken.append(f"{doc.relative_to(ROOT)} -> {target}")
    assert broken == []


def test_readme_is_short():
    assert len((ROOT / "README.md").read_text().splitlines()) <= 250


def _sizes(root: str) -> list[tuple[str, int]]:
    return [
        (str(p.relative_to(ROOT)), len(p.read_text().splitlines()))
        for p in (ROOT / root).rglob("*.py")
    ]


def _long_functions() -> list[str]:
    out = []
    for root in ("atlas", "pipelines", "pages"):
        for path in (ROOT / root).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text())):
                if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                    n = node.end_lineno - node.lineno + 1
                    if n > FUNCTION_LINES:
                        out.append(f"{path.relative_to(ROOT)}::{node.name} ({n} lines)")
    return out


def test_modules_and_pages_are_a_readable_size():
    over = [(f, n) for root in ("atlas", "pipelines") for f, n in _sizes(root) if n > MODULE_LINES]
    pages = [(f, n) for f, n in _sizes("pages") if n > PAGE_LINES]
    assert over == [] and pages == []


def test_functions_fit_on_a_screen():
    assert _long_functions() == []
