"""The apps are layers: the kernel (`core`) imports no app, and no two apps import each other.

The import graph of every `dugnad.*` module is read from the source with `ast`, module-level and
function-level imports alike (an import inside a function is a dependency all the same).
Migrations are left out: they name other apps' migrations by design.

The intended order, lowest first. An app may import from its own layer's apps or from a lower
layer, never from a higher one; apps in the same layer must not form a cycle. An app that is not
listed is a feature app.
"""

import ast
import importlib
from collections import defaultdict
from itertools import pairwise
from pathlib import Path

import pytest

import dugnad

LAYERS = {"core": 0, "accounts": 1, "organisations": 2}
FEATURE_LAYER = 3
LAYER_NAMES = {0: "the kernel", 1: "accounts", 2: "organisations", 3: "the feature apps"}

PACKAGE_ROOT = Path(dugnad.__file__).parent


def module_files() -> dict[str, Path]:
    """Every module of the project but migrations, by dotted name."""
    found = {}
    for path in sorted(PACKAGE_ROOT.rglob("*.py")):
        parts = path.relative_to(PACKAGE_ROOT.parent).with_suffix("").parts
        if "migrations" in parts:
            continue
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found[".".join(parts)] = path
    return found


def app_of(module: str) -> str | None:
    """`dugnad.<app>.…` -> app; the project's own modules (settings, urls, api) -> None."""
    parts = module.split(".")
    if len(parts) >= 2 and parts[0] == "dugnad" and (PACKAGE_ROOT / parts[1]).is_dir():
        return parts[1]
    return None


def imported_modules(module: str, path: Path) -> list[tuple[str, int]]:
    """(absolute module name, line) of every import of a `dugnad` module in the file."""
    is_package = path.name == "__init__.py"
    found = []
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            found += [(alias.name, node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                package = module.split(".")
                if not is_package:
                    package = package[:-1]
                package = package[: len(package) - (node.level - 1)]
                base = ".".join(package + ([node.module] if node.module else []))
            else:
                base = node.module or ""
            # `from dugnad import accounts` and `from dugnad.core import rules` name modules too.
            found.append((base, node.lineno))
            found += [(f"{base}.{alias.name}", node.lineno) for alias in node.names]
    return [(name, line) for name, line in found if name.split(".")[0] == "dugnad"]


def app_imports() -> dict[tuple[str, str], list[str]]:
    """(importing app, imported app) -> ["file:line imports module", …] across apps."""
    edges = defaultdict(list)
    for module, path in module_files().items():
        source_app = app_of(module)
        if source_app is None:
            continue
        for name, line in imported_modules(module, path):
            target_app = app_of(name)
            if target_app and target_app != source_app:
                place = f"{path.relative_to(PACKAGE_ROOT.parent)}:{line}"
                found = edges[(source_app, target_app)]
                if not any(where.startswith(f"{place} ") for where in found):
                    found.append(f"{place} imports {name}")
    return dict(edges)


def layer(app: str) -> int:
    return LAYERS.get(app, FEATURE_LAYER)


def find_cycle(edges) -> list[str] | None:
    """One cycle of the directed graph `edges` (pairs) as [a, b, …, a], or None."""
    graph = defaultdict(set)
    for source, target in edges:
        graph[source].add(target)
    state: dict[str, str] = {}  # "open" while on the current path, "done" after
    path: list[str] = []

    def visit(node):
        state[node] = "open"
        path.append(node)
        for target in sorted(graph[node]):
            if state.get(target) == "open":
                return [*path[path.index(target) :], target]
            if target not in state and (cycle := visit(target)):
                return cycle
        path.pop()
        state[node] = "done"
        return None

    for node in sorted(graph):
        if node not in state and (cycle := visit(node)):
            return cycle
    return None


@pytest.fixture(scope="module")
def edges():
    return app_imports()


def test_the_graph_sees_imports_at_module_and_function_level(edges):
    # Guards the reader itself: a graph that found nothing would pass every test below.
    assert ("accounts", "core") in edges
    assert any("queries.py" in where for where in edges[("premises", "organisations")]), (
        "premises.queries imports organisations inside functions"
    )


def test_the_kernel_imports_no_app(edges):
    offending = [
        where for (source, _), found in edges.items() if source == "core" for where in found
    ]
    assert not offending, (
        "core must not import a feature app; reach it through the app contract "
        "(core.plugins) or move the code to the app that owns it:\n  " + "\n  ".join(offending)
    )


def test_every_import_follows_the_layer_order(edges):
    broken = [
        f"{where} ({source} is in {LAYER_NAMES[layer(source)]}, "
        f"{target} in {LAYER_NAMES[layer(target)]}, a higher layer)"
        for (source, target), found in sorted(edges.items())
        if layer(target) > layer(source)
        for where in found
    ]
    assert not broken, (
        "Layer order is core < accounts < organisations < feature apps; an app imports only "
        "from its own layer or below:\n  " + "\n  ".join(broken)
    )


def test_no_cycle_between_apps(edges):
    cycle = find_cycle(edges)
    if cycle:
        steps = [f"{a} -> {b}: {edges[(a, b)][0]}" for a, b in pairwise(cycle)]
        pytest.fail("Apps import each other in a cycle:\n  " + "\n  ".join(steps))


def test_cycle_finder_finds_direct_and_transitive_cycles():
    assert find_cycle({("a", "b"), ("b", "c")}) is None
    assert find_cycle({("a", "b"), ("b", "a")}) in (["a", "b", "a"], ["b", "a", "b"])
    cycle = find_cycle({("x", "y"), ("y", "z"), ("z", "x"), ("x", "core")})
    assert cycle is not None and cycle[0] == cycle[-1] and set(cycle) == {"x", "y", "z"}


def test_relative_imports_are_resolved(tmp_path):
    source = tmp_path / "views.py"
    source.write_text("from ..accounts.models import User\nfrom . import queries\n")
    found = {name for name, _ in imported_modules("dugnad.grants.views", source)}
    assert "dugnad.accounts.models" in found
    assert "dugnad.grants.queries" in found


def test_every_module_imports():
    """Importing every module finds the cycles that would break at start-up."""
    failures = []
    for module in module_files():
        if module in ("dugnad.wsgi", "dugnad.asgi"):
            continue  # they build the application, which the test client does already
        try:
            importlib.import_module(module)
        except Exception as error:  # report every failing module, not just the first
            failures.append(f"{module}: {error!r}")
    assert not failures, "\n".join(failures)
