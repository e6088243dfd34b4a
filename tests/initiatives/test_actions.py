"""Initiatives' actions and rules: who may do what, the failure paths, reach from sign-ups."""

import datetime as dt

import pytest

from dugnad.activities.models import SignUp
from dugnad.core.errors import DomainError, NotAllowed
from dugnad.core.models import ActivityLog
from dugnad.initiatives import actions, queries, rules
from dugnad.initiatives.models import Initiative
from tests.factories import MunicipalityFactory, OrganisationFactory, UnitFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_create_requires_lead_unit_and_ordered_period(municipality, lead_staff, lead_unit):
    with pytest.raises(DomainError) as error:
        actions.create_initiative(lead_staff, municipality, {"title": "X", "aim": "Y"})
    assert error.value.field == "lead_unit"
    with pytest.raises(DomainError) as error:
        actions.create_initiative(
            lead_staff,
            municipality,
            {"title": "X", "aim": "Y", "lead_unit": lead_unit,
             "starts_on": dt.date(2026, 5, 1), "ends_on": dt.date(2026, 4, 1)},
        )  # fmt: skip
    assert error.value.field == "ends_on"
    assert not Initiative.objects.exists()


def test_create_keeps_history_and_logs(initiative, lead_staff):
    assert initiative.history.count() == 1
    assert initiative.history.first().history_user == lead_staff
    assert ActivityLog.objects.filter(event="initiative.created", actor=lead_staff).exists()
    assert list(initiative.partner_organisations.all())


def test_staff_cannot_lead_for_a_unit_they_do_not_work_in(municipality, other_staff, lead_unit):
    with pytest.raises(NotAllowed):
        actions.create_initiative(
            other_staff, municipality, {"title": "X", "aim": "Y", "lead_unit": lead_unit}
        )


def test_citizen_cannot_create(municipality, citizen, lead_unit):
    with pytest.raises(NotAllowed):
        actions.create_initiative(
            citizen, municipality, {"title": "X", "aim": "Y", "lead_unit": lead_unit}
        )


@pytest.mark.parametrize(
    ("who", "edit", "update"),
    [
        ("lead_staff", True, True),
        ("partner_staff", True, True),
        ("other_staff", False, False),
        ("org_editor", False, True),
        ("citizen", False, False),
        ("coordinator", True, True),
    ],
)
def test_permission_matrix(request, initiative, who, edit, update):
    user = request.getfixturevalue(who)
    assert bool(rules.can_edit_initiative(user, initiative)) is edit
    assert bool(rules.can_post_update(user, initiative)) is update


def test_anonymous_matrix(initiative):
    from django.contrib.auth.models import AnonymousUser

    anonymous = AnonymousUser()
    assert not rules.can_edit_initiative(anonymous, initiative)
    assert not rules.can_post_update(anonymous, initiative)
    assert rules.can_view_initiative(anonymous, initiative)


def test_edit_by_other_unit_refused_with_reason(initiative, other_staff):
    from django.utils import translation

    with translation.override("en"), pytest.raises(NotAllowed) as error:
        actions.update_initiative(other_staff, initiative, {"state": "paused"})
    with translation.override("en"):
        assert str(error.value.message) == "Only staff of the initiative's units change it."


def test_partner_staff_edits_and_history_grows(initiative, partner_staff):
    actions.update_initiative(partner_staff, initiative, {"state": "paused"})
    initiative.refresh_from_db()
    assert initiative.state == "paused"
    assert initiative.history.count() == 2


def test_org_editor_posts_update_once_on_double_submit(initiative, org_editor, organisation):
    first = actions.post_update(
        org_editor, initiative, "Vi stiller med 5 frivillige.", organisation
    )
    second = actions.post_update(
        org_editor, initiative, "Vi stiller med 5 frivillige.", organisation
    )
    assert first.pk == second.pk
    assert initiative.updates.count() == 1


def test_link_event_idempotent_and_other_municipality_refused(initiative, lead_staff, make_event):
    event = make_event()
    actions.link_event(lead_staff, initiative, event)
    actions.link_event(lead_staff, initiative, event)
    assert list(initiative.events.all()) == [event]
    other = MunicipalityFactory(number="3207", name="Nordre Follo")
    foreign_unit = UnitFactory(municipality=other, name="Follo enhet")
    foreign = make_event(title="Fremmed", unit=foreign_unit)
    foreign.municipality = other
    foreign.save()
    with pytest.raises(DomainError):
        actions.link_event(lead_staff, initiative, foreign)


def test_partner_from_other_municipality_refused(municipality, lead_staff, lead_unit):
    other = MunicipalityFactory(number="3207", name="Nordre Follo")
    foreign = OrganisationFactory(municipality=other)
    with pytest.raises(DomainError) as error:
        actions.create_initiative(
            lead_staff,
            municipality,
            {"title": "X", "aim": "Y", "lead_unit": lead_unit},
            partner_organisations=[foreign],
        )
    assert error.value.field == "partner_organisations"


def test_reach_from_signups_attendance_and_staff_numbers(initiative, lead_staff, make_event):
    event = make_event()
    occurrence = event.occurrences.get()
    actions.link_event(lead_staff, initiative, event)
    for n in range(4):
        SignUp.objects.create(
            occurrence=occurrence, participant_name=f"P{n}", status=SignUp.Status.CONFIRMED
        )
    SignUp.objects.create(occurrence=occurrence, participant_name="C", status="cancelled")
    reach = queries.reach_of(initiative)
    assert (reach.signed_up, reach.attendance_recorded, reach.total) == (4, False, 4)
    SignUp.objects.filter(participant_name__in=["P0", "P1", "P2"]).update(attended=True)
    SignUp.objects.filter(participant_name="P3").update(attended=False)
    actions.add_reach(
        lead_staff, initiative, label="Besøkende (anslag)", count=3000, counted_on=dt.date.today()
    )
    reach = queries.reach_of(initiative)
    assert (reach.signed_up, reach.attended, reach.entered, reach.total) == (4, 3, 3000, 3003)


def test_reach_needs_a_positive_count(initiative, lead_staff):
    with pytest.raises(DomainError) as error:
        actions.add_reach(lead_staff, initiative, label="X", count=0, counted_on=dt.date.today())
    assert error.value.field == "count"


def test_money_resource_needs_amount(initiative, lead_staff):
    with pytest.raises(DomainError) as error:
        actions.add_resource(lead_staff, initiative, partner="Kulturskolen", kind="money")
    assert error.value.field == "amount"
    resource = actions.add_resource(
        lead_staff, initiative, partner="Kulturskolen", kind="money", amount=500_000
    )
    assert resource.amount == 500_000


def test_ideas_are_not_public(municipality, lead_staff, lead_unit):
    idea = actions.create_initiative(
        lead_staff, municipality, {"title": "Ide", "aim": "Kanskje", "lead_unit": lead_unit}
    )
    assert idea.state == "idea"
    assert not rules.can_view_initiative(UserFactory(), idea)
    assert idea not in queries.initiatives(municipality)


def test_overview_filters(municipality, initiative, organisation, partner_unit):
    assert list(queries.initiatives(municipality, {"age_group": "youth"})) == [initiative]
    assert list(queries.initiatives(municipality, {"age_group": "elderly"})) == []
    assert list(queries.initiatives(municipality, {"unit": partner_unit.slug})) == [initiative]
    assert list(queries.initiatives(municipality, {"partner": organisation.slug})) == [initiative]
    assert list(queries.initiatives(municipality, {"state": "completed"})) == []


def test_overview_query_count_does_not_grow(
    municipality, lead_staff, lead_unit, partner_unit, django_assert_max_num_queries
):
    for n in range(8):
        actions.create_initiative(
            lead_staff,
            municipality,
            {"title": f"I{n}", "aim": "A", "lead_unit": lead_unit, "state": "running"},
            age_groups=["youth", "adults"],
            partner_units=[partner_unit],
        )
    with django_assert_max_num_queries(5):
        rows = list(queries.initiatives(municipality))
        for row in rows:
            list(row.age_groups.all()), list(row.partner_units.all()), row.lead_unit.name
    assert len(rows) == 8


def test_key_figures_per_age_group(municipality, initiative):
    from django.utils import translation

    from dugnad.initiatives.figures import key_figures

    translation.activate("en")
    figures = {
        f.key: f for f in key_figures(municipality, dt.date(2000, 1, 1), dt.date(2100, 1, 1))
    }
    assert figures["initiatives.count"].value == 1
    assert dict(figures["initiatives.count"].table)["Youth"] == 1
