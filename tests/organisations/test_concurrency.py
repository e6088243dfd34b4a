"""PostgreSQL: concurrent writes that must never break the directory's invariants."""

import threading

import pytest
from django.db import connection

from dugnad.core.errors import DomainError
from dugnad.organisations import actions
from dugnad.organisations.models import Organisation, OrganisationRole

from .conftest import make_organisation, make_user, org_number

Role = OrganisationRole.Role
pytestmark = [pytest.mark.postgres_only, pytest.mark.django_db(transaction=True)]


def run_threads(targets):
    barrier = threading.Barrier(len(targets))
    results = []

    def wrap(target):
        try:
            barrier.wait()
            results.append(target())
        except DomainError as exc:
            results.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=wrap, args=(t,)) for t in targets]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def test_two_leaders_removing_each_other_leave_one_leader(municipality):
    organisation = make_organisation(municipality=municipality, name="Samtidig lag")
    a, b = make_user(), make_user()
    role_a = OrganisationRole.objects.create(organisation=organisation, user=a, role=Role.LEADER)
    role_b = OrganisationRole.objects.create(organisation=organisation, user=b, role=Role.LEADER)
    for _ in range(3):
        results = run_threads(
            [
                lambda ra=role_a, rb=role_b: actions.remove_role(a, rb),
                lambda ra=role_a, rb=role_b: actions.remove_role(b, ra),
            ]
        )
        assert organisation.roles.filter(role=Role.LEADER).count() == 1
        assert sum(isinstance(r, DomainError) for r in results) == 1
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
    results = run_threads([
        (lambda p=p: actions.register_organisation(
            p, municipality, name=f"Lag {p.pk}", org_number=number
        ))
        for p in people
    ])  # fmt: skip
    assert Organisation.objects.filter(org_number=number).count() == 1
    assert sum(isinstance(r, Organisation) for r in results) == 1
