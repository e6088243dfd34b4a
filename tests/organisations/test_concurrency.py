"""PostgreSQL: concurrent writes that must never break the directory's invariants."""

import pytest

from dugnad.core.errors import DomainError
from dugnad.organisations import actions
from dugnad.organisations.models import Organisation, OrganisationRole
from tests.race import race_each

from .conftest import make_organisation, make_user, org_number

Role = OrganisationRole.Role
pytestmark = [pytest.mark.postgres_only, pytest.mark.django_db(transaction=True)]


def test_two_leaders_removing_each_other_leave_one_leader(municipality):
    organisation = make_organisation(municipality=municipality, name="Samtidig lag")
    a, b = make_user(), make_user()
    role_a = OrganisationRole.objects.create(organisation=organisation, user=a, role=Role.LEADER)
    role_b = OrganisationRole.objects.create(organisation=organisation, user=b, role=Role.LEADER)
    for _ in range(3):
        results = race_each(
            [
                lambda ra=role_a, rb=role_b: actions.remove_role(a, rb),
                lambda ra=role_a, rb=role_b: actions.remove_role(b, ra),
            ]
        )
        assert organisation.roles.filter(role=Role.LEADER).count() == 1
        assert sum(isinstance(r, DomainError) for r in results) == 1, results
        assert all(r is None or isinstance(r, DomainError) for r in results), results
        # Restore both leaders for the next round.
        role_a, _ = OrganisationRole.objects.get_or_create(
            organisation=organisation, user=a, role=Role.LEADER
        )
        role_b, _ = OrganisationRole.objects.get_or_create(
            organisation=organisation, user=b, role=Role.LEADER
        )


def test_same_org_number_registered_twice_at_once(municipality):
    number = org_number()
    people = [make_user() for _ in range(4)]
    results = race_each([
        (lambda p=p: actions.register_organisation(
            p, municipality, name=f"Lag {p.pk}", org_number=number
        ))
        for p in people
    ])  # fmt: skip
    assert Organisation.objects.filter(org_number=number).count() == 1
    assert sum(isinstance(r, Organisation) for r in results) == 1, results
    assert all(isinstance(r, Organisation | DomainError) for r in results), results
