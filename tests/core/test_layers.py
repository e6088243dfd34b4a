"""Views, API handlers and feeds hold no ORM queries: reads live in the app's `queries.py`.

Every `dugnad/*/views*.py`, `api.py` and `feeds.py` is read with `ast`. A view may call a query
function and hand its queryset to `get_object_or_404` or a paginator; it may not reach a model's
manager (`Model.objects…`), look a model up by itself (`get_object_or_404(Model, …)`), or build
a query by chaining queryset methods (`.filter(…)`, `.select_related(…)`, …) on anything. Any
access to a manager is refused, so `Model.objects.get(…)`, `.all()`, `.count()` and `.first()`
are too (they need no entry of their own in QUERYSET_METHODS, where `.get(` and `.count(` would
also catch dicts and lists).

`privacy.py` modules are not faces and are not scanned: they are the app's part of the kernel's
privacy protocol, whose `export` and `erase` are the app's own reads and writes of a person's
rows (as `queries.py` and `actions.py` are). Their access-log functions must stay cheap and must
not depend on views: a view notes what it showed (`core.privacy.note_people_shown`); the test
below checks that no privacy module imports a views module.
"""

import ast
from pathlib import Path

import pytest

import dugnad

PACKAGE_ROOT = Path(dugnad.__file__).parent

# Methods that exist only on querysets and managers: calling one builds a query.
QUERYSET_METHODS = {
    "aggregate",
    "alias",
    "annotate",
    "bulk_create",
    "bulk_update",
    "defer",
    "distinct",
    "exclude",
    "exists",
    "filter",
    "get_or_create",
    "in_bulk",
    "only",
    "order_by",
    "prefetch_related",
    "select_for_update",
    "select_related",
    "update_or_create",
    "values_list",
}
MANAGERS = {"objects", "_default_manager", "_base_manager"}
LOOKUP_SHORTCUTS = {"get_object_or_404", "get_list_or_404"}

# (file relative to dugnad/, line content) pairs allowed to query. Keep it empty: a view that
# needs a read gets a named function in queries.py.
ALLOWED: set[tuple[str, str]] = set()


def thin_faces() -> list[Path]:
    return sorted(
        [
            *PACKAGE_ROOT.glob("*/views*.py"),
            *PACKAGE_ROOT.glob("*/api.py"),
            *PACKAGE_ROOT.glob("*/feeds.py"),
            PACKAGE_ROOT / "api.py",
        ]
    )


def model_names(tree: ast.Module) -> set[str]:
    """Names a module imports from a `models` module (its own or another app's)."""
    names = set()
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.ImportFrom)
            and (node.module or "").split(".")[-1] == "models"
            and node.module != "django.db.models"
        ):
            names |= {alias.asname or alias.name for alias in node.names}
    return names


def queries_in(source: str) -> list[tuple[int, str]]:
    tree = ast.parse(source)
    models = model_names(tree)
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr in MANAGERS:
            found.append((node.lineno, f"manager access {ast.unparse(node)}"))
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            if node.func.attr in QUERYSET_METHODS:
                found.append((node.lineno, f"queryset method .{node.func.attr}()"))
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            first = node.args[0] if node.args else None
            if isinstance(first, ast.Call) and isinstance(first.func, ast.Name):
                first = first.func  # get_user_model()
            if (
                node.func.id in LOOKUP_SHORTCUTS
                and isinstance(first, ast.Name)
                and (first.id in models or first.id == "get_user_model")
            ):
                found.append((node.lineno, f"{node.func.id}() on the model {first.id}"))
    return sorted(set(found))


@pytest.mark.parametrize("path", thin_faces(), ids=lambda p: str(p.relative_to(PACKAGE_ROOT)))
def test_views_and_api_hold_no_orm_queries(path):
    lines = path.read_text().splitlines()
    relative = str(path.relative_to(PACKAGE_ROOT))
    found = [
        f"{relative}:{line}: {what}: {lines[line - 1].strip()}"
        for line, what in queries_in(path.read_text())
        if (relative, lines[line - 1].strip()) not in ALLOWED
    ]
    assert not found, "Move these reads into the app's queries.py:\n" + "\n".join(found)


def test_the_checker_finds_each_kind_of_query():
    source = """
from django.shortcuts import get_object_or_404
from .models import Event
from . import queries

def view(request, pk):
    Event.objects.all()
    get_object_or_404(Event, pk=pk)
    get_object_or_404(get_user_model(), pk=pk)
    request.user.roles.filter(role="x")
    queries.events().select_related("unit")
    get_object_or_404(queries.events(), pk=pk)  # allowed: the query function picks the rows
    request.GET.get("page")  # allowed: not a queryset
    Event.objects.get(pk=pk)
    Event.objects.count()
    Event.objects.first()
"""
    found = [what for _line, what in queries_in(source)]
    assert found == [
        "manager access Event.objects",
        "get_object_or_404() on the model Event",
        "get_object_or_404() on the model get_user_model",
        "queryset method .filter()",
        "queryset method .select_related()",
        "manager access Event.objects",
        "manager access Event.objects",
        "manager access Event.objects",
    ]


def test_feeds_are_scanned():
    assert PACKAGE_ROOT / "activities" / "feeds.py" in thin_faces()


@pytest.mark.parametrize(
    "path", sorted(PACKAGE_ROOT.glob("*/privacy.py")), ids=lambda p: p.parent.name
)
def test_privacy_modules_do_not_depend_on_views(path):
    imported = []
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom):
            imported += [f"{node.module or ''}.{alias.name}" for alias in node.names]
        elif isinstance(node, ast.Import):
            imported += [alias.name for alias in node.names]
    assert not [m for m in imported if any(p.startswith("views") for p in m.split("."))], imported
