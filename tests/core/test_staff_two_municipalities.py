"""Staff roles count only in their own municipality.

One deployment serves Ås (as.test) and Nordre Follo (follo.test). A volunteer coordinator, an
editor and a premises manager of Ås must not see or change Nordre Follo's staff pages, neither
under Nordre Follo's host nor with Nordre Follo's object ids under Ås's host, and still do their
work in Ås. The data comes from the public two-municipality test (`_make`).
"""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from dugnad.accounts.models import UnitRole
from dugnad.core.access import access_for, end_scope, scope_to_municipality
from dugnad.core.models import Unit
from dugnad.organisations.models import Organisation
from dugnad.premises.models import AllocationRound, Booking, BookingState, RenterType
from tests.core.test_two_municipalities import HOSTS, _make
from tests.factories import OrganisationFactory, UnitFactory, UnitRoleFactory, UserFactory

pytestmark = pytest.mark.django_db

AS, FOLLO = "3218", "3207"
Role = UnitRole.Role


def _with_staff_objects(made: dict) -> dict:
    municipality = made["municipality"]
    made["unit"] = Unit.objects.get(municipality=municipality)
    made["round"] = AllocationRound.objects.get(municipality=municipality)
    start = timezone.now() + dt.timedelta(days=10)
    made["booking"] = Booking.objects.create(
        room=made["room"],
        booked_by=UserFactory(),
        renter_type=RenterType.PRIVATE,
        title=f"{made['word']} bursdag",
        start=start,
        end=start + dt.timedelta(hours=2),
    )
    made["pending"] = OrganisationFactory(
        municipality=municipality,
        name=f"{made['word']} Ventelag",
        status=Organisation.Status.PENDING,
    )
    return made


@pytest.fixture
def two(settings):
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, *HOSTS.values()]
    settings.DUGNAD_MUNICIPALITY_NUMBER = AS
    return {
        AS: _with_staff_objects(_make(AS, "Ås")),
        FOLLO: _with_staff_objects(_make(FOLLO, "Nordre Follo")),
    }


@pytest.fixture
def staff(two):
    unit = two[AS]["unit"]
    return {
        role: UnitRoleFactory(unit=unit, role=role).user
        for role in (Role.VOLUNTEER_COORDINATOR, Role.EDITOR, Role.PREMISES_MANAGER)
    }


def _pages(made: dict) -> list[tuple[str, str, str]]:
    """(role, method, path) of staff pages on `made`'s data."""
    event, occurrence = made["event"], made["occurrence"]
    on_occurrence = {"pk": event.pk, "occurrence_pk": occurrence.pk}
    return [
        (
            Role.VOLUNTEER_COORDINATOR,
            "get",
            reverse("activities:participants", kwargs=on_occurrence),
        ),
        (
            Role.VOLUNTEER_COORDINATOR,
            "get",
            reverse("activities:participants_csv", kwargs=on_occurrence),
        ),
        (
            Role.VOLUNTEER_COORDINATOR,
            "get",
            reverse("activities:event_edit", kwargs={"pk": event.pk}),
        ),
        (Role.VOLUNTEER_COORDINATOR, "get", reverse("volunteering:hours_report")),
        (Role.VOLUNTEER_COORDINATOR, "get", reverse("organisations:review")),
        (
            Role.VOLUNTEER_COORDINATOR,
            "get",
            reverse("organisations:review_one", kwargs={"slug": made["pending"].slug}),
        ),
        (
            Role.VOLUNTEER_COORDINATOR,
            "get",
            reverse("volunteering:assignment_edit", kwargs={"pk": made["assignment"].pk}),
        ),
        (Role.EDITOR, "get", reverse("core:page_edit", kwargs={"slug": made["page"].slug})),
        (
            Role.PREMISES_MANAGER,
            "get",
            reverse("premises:allocation", kwargs={"pk": made["round"].pk}),
        ),
    ]


def _request(client, method: str, path: str, number: str, data=None):
    return getattr(client, method)(path, data or {}, HTTP_HOST=HOSTS[number])


def _refused(response) -> bool:
    return response.status_code in (403, 404)


def _publish_and_approve(client, staff, made, number):
    client.force_login(staff[Role.PREMISES_MANAGER])
    _request(
        client,
        "post",
        reverse("premises:allocation_publish", kwargs={"pk": made["round"].pk}),
        number,
        {"confirm": "1"},  # publishing is confirmed on its preview page
    )
    _request(
        client,
        "post",
        reverse("premises:transition", kwargs={"pk": made["booking"].pk, "name": "approve"}),
        number,
    )
    made["round"].refresh_from_db()
    made["booking"].refresh_from_db()


def test_staff_of_one_municipality_are_refused_under_the_other_host(client, two, staff):
    for role, method, path in _pages(two[FOLLO]):
        client.force_login(staff[role])
        response = _request(client, method, path, FOLLO)
        assert _refused(response), f"{role} got {response.status_code} on {path} under follo"
    _publish_and_approve(client, staff, two[FOLLO], FOLLO)
    assert two[FOLLO]["round"].status == AllocationRound.Status.OPEN
    assert two[FOLLO]["booking"].state == BookingState.REQUESTED


def test_staff_cannot_reach_the_other_municipalitys_objects_from_their_own_host(client, two, staff):
    for role, method, path in _pages(two[FOLLO]):
        client.force_login(staff[role])
        if path in (reverse("volunteering:hours_report"), reverse("organisations:review")):
            continue  # lists without an id: under their own host they show their own data
        response = _request(client, method, path, AS)
        assert _refused(response), f"{role} got {response.status_code} on {path} under as"
    _publish_and_approve(client, staff, two[FOLLO], AS)
    assert two[FOLLO]["round"].status == AllocationRound.Status.OPEN
    assert two[FOLLO]["booking"].state == BookingState.REQUESTED


def test_a_coordinator_rule_refuses_another_municipalitys_object_with_the_reason(two, staff):
    """The rules themselves refuse, whatever lookup a view or the API does before them."""
    from django.utils import translation

    from dugnad.activities.rules import can_edit_event
    from dugnad.organisations.rules import can_review
    from dugnad.premises.rules import can_allocate, can_transition
    from dugnad.volunteering.rules import can_manage

    coordinator, manager = staff[Role.VOLUNTEER_COORDINATOR], staff[Role.PREMISES_MANAGER]
    own, other = two[AS], two[FOLLO]
    with _Scoped(own["municipality"]):
        for verdict in (
            can_edit_event(coordinator, other["event"]),
            can_review(coordinator, other["pending"]),
            can_manage(coordinator, other["assignment"]),
            can_allocate(manager, other["round"]),
            can_transition(manager, other["booking"], "approve"),
        ):
            assert not verdict
            with translation.override("nb"):
                assert str(verdict.reason) == "Dette hører til en annen kommune."
        assert can_edit_event(coordinator, own["event"])
        assert can_review(coordinator, own["pending"])
        assert can_manage(coordinator, own["assignment"])
        assert can_allocate(manager, own["round"])
        assert can_transition(manager, own["booking"], "approve")
    # Outside a request (a command, a task) no municipality is refused.
    assert can_edit_event(coordinator, other["event"])


def test_the_same_staff_still_work_in_their_own_municipality(client, two, staff):
    for role, method, path in _pages(two[AS]):
        client.force_login(staff[role])
        response = _request(client, method, path, AS)
        assert response.status_code == 200, f"{role} got {response.status_code} on {path}"
    _publish_and_approve(client, staff, two[AS], AS)
    assert two[AS]["round"].status == AllocationRound.Status.PUBLISHED
    assert two[AS]["booking"].state == BookingState.CONFIRMED


# -- the access model itself ----------------------------------------------------------------


@pytest.fixture
def units(settings):
    settings.DUGNAD_MUNICIPALITY_NUMBER = AS
    from tests.factories import MunicipalityFactory

    as_ = MunicipalityFactory(number=AS, name="Ås")
    follo = MunicipalityFactory(number=FOLLO, name="Nordre Follo")
    as_top = UnitFactory(municipality=as_, name="Kultur")
    return {
        "as": as_,
        "follo": follo,
        "as_top": as_top,
        "as_sub": UnitFactory(municipality=as_, name="Kulturskolen", parent=as_top),
        "follo_unit": UnitFactory(municipality=follo, name="Frivilligsentralen"),
    }


class _Scoped:
    def __init__(self, municipality):
        self.municipality = municipality

    def __enter__(self):
        self.token = scope_to_municipality(lambda: self.municipality)

    def __exit__(self, *exc):
        end_scope(self.token)


def test_a_role_in_one_municipality_does_not_count_under_the_others_scope(units):
    coordinator = UnitRoleFactory(unit=units["as_top"], role=Role.VOLUNTEER_COORDINATOR).user
    with _Scoped(units["follo"]):
        access = access_for(coordinator)
        assert access.unit_ids(Role.VOLUNTEER_COORDINATOR) == frozenset()
        assert not access.has_unit_role(Role.VOLUNTEER_COORDINATOR)
        assert not access.has_unit_role(Role.VOLUNTEER_COORDINATOR, unit=units["as_top"])
        assert not access.is_staff_member
        assert not access.covers_municipality(units["as"].pk)
    with _Scoped(units["as"]):
        access = access_for(coordinator)
        assert access.unit_ids(Role.VOLUNTEER_COORDINATOR) == {
            units["as_top"].pk,
            units["as_sub"].pk,
        }
        assert access.has_unit_role(Role.VOLUNTEER_COORDINATOR)
        assert access.has_unit_role(Role.VOLUNTEER_COORDINATOR, unit=units["as_sub"])
        assert access.is_staff_member
        assert access.covers_municipality(units["as"].pk)
        assert not access.covers_municipality(units["follo"].pk)


def test_without_a_scope_roles_count_in_every_municipality(units):
    coordinator = UnitRoleFactory(unit=units["as_top"], role=Role.VOLUNTEER_COORDINATOR).user
    UnitRoleFactory(user=coordinator, unit=units["follo_unit"], role=Role.EDITOR)
    access = access_for(coordinator)
    assert access.municipality_id is None
    assert access.has_unit_role(Role.VOLUNTEER_COORDINATOR)
    assert access.has_unit_role(Role.EDITOR, unit=units["follo_unit"])
    assert access.unit_ids() == {units["as_top"].pk, units["as_sub"].pk, units["follo_unit"].pk}
    assert access.covers_municipality(units["follo"].pk)
    with _Scoped(units["as"]):
        assert not access_for(coordinator).has_unit_role(Role.EDITOR)
    # The scoped Access is cached apart: leaving the scope gives the unscoped one back.
    assert access_for(coordinator) is access


def test_a_site_administrator_under_a_scope_holds_that_municipalitys_units_only(units):
    admin = UserFactory(is_superuser=True)
    with _Scoped(units["follo"]):
        access = access_for(admin)
        assert access.unit_ids() == {units["follo_unit"].pk}
        assert access.has_unit_role(Role.EDITOR)
        assert access.has_unit_role(Role.EDITOR, unit=units["follo_unit"])
        assert not access.has_unit_role(Role.EDITOR, unit=units["as_top"])
    assert access_for(admin).unit_ids() == {
        units["as_top"].pk,
        units["as_sub"].pk,
        units["follo_unit"].pk,
    }


def test_the_scope_is_resolved_only_when_access_is_asked(units):
    asked = []

    def resolve():
        asked.append(True)
        return units["as"]

    token = scope_to_municipality(resolve)
    try:
        assert asked == []
        assert access_for(UserFactory()).municipality_id == units["as"].pk
        assert asked == [True]
    finally:
        end_scope(token)


def test_a_health_check_does_not_look_up_the_municipality(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        assert client.get("/livez").status_code in (200, 204)
