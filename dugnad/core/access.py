"""The one access model: which units and organisations a person acts for, in which role.

Every permission question in the platform ends here. `access_for(user)` builds one `Access`
per user object (so once per request: `request.user` is one object for the whole request, and
`AccessMiddleware` puts the same object on `request.access`). It reads:

- the person's role grants, from every installed app that declares a `role_source` in its
  `AppConfig` (accounts gives roles in municipal units, organisations gives roles in
  organisations); the kernel never names those apps;
- the tree of municipal units, once, so that a role held in a unit covers all its sub-units to
  any depth (a role in "Kultur og fritid" counts in "Kulturskolen" and in every unit below it).

Site administrators (`is_superuser`) hold every role everywhere. Inactive or anonymous users
hold none.

One deployment serves several municipalities. In a request, `AccessMiddleware` scopes access
to the request's municipality (`scope_to_municipality`): unit roles held in another
municipality's units do not count, a site administrator holds the units of that municipality
only, and `covers_municipality` tells rules whether an object belongs to it. Outside a request
(commands, tasks, tests calling actions directly) there is no scope and every municipality
counts.

Rules (`<app>/rules.py`) ask this object; nothing else reads role tables for permissions.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from contextvars import ContextVar, Token
from dataclasses import dataclass
from functools import cached_property

from .prepared import Prepared, sample_int

UNIT = "unit"
ORGANISATION = "organisation"


class _Scope:
    """The municipality access is scoped to, resolved on first use: a request that never asks
    about access (a health check) never looks its municipality up."""

    def __init__(self, resolve: Callable[[], object]):
        self._resolve = resolve

    @cached_property
    def municipality_id(self) -> int | None:
        municipality = self._resolve()
        return getattr(municipality, "pk", municipality)


_scope: ContextVar[_Scope | None] = ContextVar("dugnad_access_scope", default=None)


def scope_to_municipality(resolve: Callable[[], object]) -> Token:
    """Scope access to the municipality `resolve()` returns (a Municipality, its id or None),
    until `end_scope(token)`."""
    return _scope.set(_Scope(resolve))


def end_scope(token: Token) -> None:
    _scope.reset(token)


def scoped_municipality_id() -> int | None:
    """The id of the municipality access is scoped to, None outside a scope."""
    scope = _scope.get()
    return None if scope is None else scope.municipality_id


def grant_rows(queryset, kind: str, object_field: str, *, role_field=None, role=None):
    """An app's role rows as the access model reads them: (kind, object id, role) per row.

    Give `role_field`, the field holding each row's role, or `role`, the one role every row of a
    table stands for. A `role_source` returns these querysets; core reads all apps' rows in one
    UNION ALL, so a request reads a person's roles in one query however many apps declare some.
    """
    from django.db.models import CharField, Value

    if (role_field is None) == (role is None):
        raise TypeError("grant_rows needs exactly one of role_field and role")
    role_column = role_field if role is None else Value(role, output_field=CharField())
    return queryset.order_by().values_list(
        Value(kind, output_field=CharField()), object_field, role_column
    )


def _grants_of(user_id):
    """Every app's role rows of one person (`user_id`: the key the role sources filter
    by), as one UNION ALL."""
    from .plugins import role_sources

    queries = [query for source in role_sources() for query in source(user_id)]
    return queries[0].union(*queries[1:], all=True) if len(queries) > 1 else queries[0]


# Every logged-in request reads the person's grants first. Building and compiling the union of
# seven querysets cost 1.4 ms a request at `norway`, against 0.1 ms to run it (and 0.4 ms for
# PostgreSQL to plan it, now prepared once per connection): compiled once per process.
_GRANTS = Prepared(_grants_of, sample_int(0))


@dataclass(frozen=True)
class Grant:
    """One role held by a person: `kind` is UNIT or ORGANISATION, `object_id` its primary key."""

    kind: str
    object_id: int
    role: str


class Access:
    """What one person may act for. Build it with `access_for(user)`, never directly."""

    def __init__(self, user, municipality_id: int | None = None):
        self.user = user
        # None: every municipality counts (no request, e.g. a management command).
        self.municipality_id = municipality_id
        self.is_authenticated = bool(
            user is not None and user.is_authenticated and getattr(user, "is_active", False)
        )
        self.is_superuser = self.is_authenticated and bool(user.is_superuser)

    # -- the raw grants ------------------------------------------------------------------------

    @cached_property
    def grants(self) -> frozenset[Grant]:
        if not self.is_authenticated:
            return frozenset()
        from .plugins import role_sources

        if not role_sources():
            return frozenset()
        rows = _GRANTS(self.user.pk)
        return frozenset(Grant(kind, object_id, role) for kind, object_id, role in rows)

    def _direct(self, kind: str, roles: Iterable[str]) -> set[int]:
        wanted = set(roles)
        return {
            g.object_id for g in self.grants if g.kind == kind and (not wanted or g.role in wanted)
        }

    # -- municipal units -----------------------------------------------------------------------

    @cached_property
    def _unit_tree(self) -> UnitTree:
        return read_units()

    def _in_scope(self, unit_id: int) -> bool:
        return (
            self.municipality_id is None
            or self._unit_tree.municipality_of.get(unit_id) == self.municipality_id
        )

    def covers_municipality(self, municipality_id: int | None) -> bool:
        """False when an object of `municipality_id` belongs to another municipality than the
        one access is scoped to (an object without a municipality, or no scope: True)."""
        return (
            self.municipality_id is None
            or municipality_id is None
            or municipality_id == self.municipality_id
        )

    def unit_ids(self, *roles: str) -> frozenset[int]:
        """Every unit where the person holds one of `roles` (any role if none given), the
        units where the role is held and all their sub-units, to any depth.

        A site administrator gets every unit. Under a municipality scope, only that
        municipality's units count."""
        if not self.is_authenticated:
            return frozenset()
        cache = self.__dict__.setdefault("_unit_ids", {})
        key = frozenset(roles)
        if key in cache:
            return cache[key]
        if self.is_superuser:
            result = frozenset(pk for pk in self._unit_tree.parent_of if self._in_scope(pk))
        else:
            roots = self._direct(UNIT, roles)
            result: set[int] = set()
            if roots:
                children = self._unit_tree.children
                stack = [pk for pk in roots if self._in_scope(pk)]
                while stack:
                    pk = stack.pop()
                    if pk not in result and self._in_scope(pk):
                        result.add(pk)
                        stack.extend(children.get(pk, ()))
            result = frozenset(result)
        cache[key] = result
        return result

    def has_unit_role(self, *roles: str, unit=None) -> bool:
        """True when the person holds one of `roles` in `unit` (a Unit or its id) or in a unit
        above it; with `unit=None`, in any unit (of the scoped municipality, if any)."""
        if not self.is_authenticated:
            return False
        if self.is_superuser and (unit is None or self.municipality_id is None):
            return True
        if unit is None:
            if self.municipality_id is None:
                return bool(self._direct(UNIT, roles))
            return bool(self.unit_ids(*roles))
        unit_id = getattr(unit, "pk", unit)
        return unit_id in self.unit_ids(*roles)

    @property
    def is_staff_member(self) -> bool:
        """Holds any role in any municipal unit (of the scoped municipality, if any), or is a
        site administrator."""
        return self.has_unit_role()

    # -- organisations -------------------------------------------------------------------------

    def organisation_ids(self, *roles: str) -> frozenset[int]:
        """Organisations where the person holds one of `roles` (any role if none given).

        Not widened for site administrators: acting *for* an organisation is its members'
        business; administrators reach organisations through the unit roles they hold."""
        return frozenset(self._direct(ORGANISATION, roles))

    def organisation_roles(self, organisation) -> set[str]:
        org_id = getattr(organisation, "pk", organisation)
        return {g.role for g in self.grants if g.kind == ORGANISATION and g.object_id == org_id}

    def has_organisation_role(self, organisation, *roles: str) -> bool:
        held = self.organisation_roles(organisation)
        return bool(held & set(roles)) if roles else bool(held)


@dataclass(frozen=True)
class UnitTree:
    parent_of: dict[int, int | None]
    children: dict[int | None, list[int]]
    municipality_of: dict[int, int]


def read_units() -> UnitTree:
    """Parent, children and municipality of every unit, read in one query."""
    from .models import Unit

    parent_of: dict[int, int | None] = {}
    children: dict[int | None, list[int]] = defaultdict(list)
    municipality_of: dict[int, int] = {}
    for pk, parent_id, municipality_id in Unit.objects.values_list(
        "pk", "parent_id", "municipality_id"
    ):
        parent_of[pk] = parent_id
        children[parent_id].append(pk)
        municipality_of[pk] = municipality_id
    return UnitTree(parent_of, children, municipality_of)


def read_unit_tree() -> tuple[dict[int, int | None], dict[int | None, list[int]]]:
    """(parent of each unit, children of each unit) for every unit, read in one query."""
    tree = read_units()
    return tree.parent_of, tree.children


def covering_unit_ids(unit) -> list[int]:
    """The unit (a Unit or its id) and every unit above it, nearest first: the units where a
    role covers `unit`. The reverse of `Access.unit_ids`, for "who handles this?" (whom to
    notify), using the same tree and the same depth rule."""
    parent_of = read_unit_tree()[0]
    chain: list[int] = []
    unit_id = getattr(unit, "pk", unit)
    while unit_id is not None and unit_id not in chain:
        chain.append(unit_id)
        unit_id = parent_of.get(unit_id)
    return chain


def access_for(user) -> Access:
    """The person's Access in the current municipality scope (see `scope_to_municipality`),
    built once per user object and scope (and so once per request)."""
    municipality_id = scoped_municipality_id()
    if user is None or not getattr(user, "is_authenticated", False):
        return Access(user, municipality_id)
    by_scope = getattr(user, "_dugnad_access", None)
    if by_scope is None:
        by_scope = user._dugnad_access = {}
    access = by_scope.get(municipality_id)
    if access is None:
        access = by_scope[municipality_id] = Access(user, municipality_id)
    return access


def forget_access(user) -> None:
    """Drop the cached Access after the person's roles changed within one request."""
    if user is not None and hasattr(user, "_dugnad_access"):
        del user._dugnad_access
