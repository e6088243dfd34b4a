"""A four-level tree of municipal units, A > B > C > D, for the per-app depth tests.

Every app's `test_unit_tree.py` checks the one depth rule of `core.access`: a role held in a
unit covers all its sub-units, to any depth, and never the units above it.
"""

from dataclasses import dataclass

from dugnad.core.models import Unit

from .factories import UnitFactory, UnitRoleFactory


@dataclass(frozen=True)
class UnitTree:
    a: Unit
    b: Unit
    c: Unit
    d: Unit

    @property
    def below_a(self) -> tuple[Unit, ...]:
        return (self.b, self.c, self.d)

    @property
    def above_c(self) -> tuple[Unit, ...]:
        return (self.a, self.b)


def build_unit_tree(municipality) -> UnitTree:
    a = UnitFactory(municipality=municipality, name="Oppvekst og kultur", slug="tree-a")
    b = UnitFactory(municipality=municipality, name="Kultur og fritid", slug="tree-b", parent=a)
    c = UnitFactory(municipality=municipality, name="Kulturskolen", slug="tree-c", parent=b)
    d = UnitFactory(municipality=municipality, name="Kulturskolen, dans", slug="tree-d", parent=c)
    return UnitTree(a, b, c, d)


def person_with_role(unit, role):
    return UnitRoleFactory(unit=unit, role=role).user
