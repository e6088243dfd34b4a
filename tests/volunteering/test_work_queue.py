"""The work queue of an organiser or coordinator: interest not answered, shifts short of
people, hours to approve."""

from django.urls import reverse

from dugnad.volunteering import actions, queries

from .conftest import make_shift


def test_organiser_sees_unanswered_interest_and_short_shifts(
    assignment, leader, volunteer, citizen
):
    make_shift(assignment, days=3, needed=2)
    actions.express_interest(volunteer, assignment)
    municipality = assignment.organisation.municipality
    items = {i.label: i for i in queries.work_queue(leader, municipality)}
    counts = sorted(i.count for i in items.values())
    assert counts == [1, 1]
    assert all(reverse("volunteering:overview") in i.url for i in items.values())
    assert queries.work_queue(citizen, municipality) == []


def test_coordinator_sees_the_whole_municipality(assignment, coordinator, volunteer):
    actions.express_interest(volunteer, assignment)
    items = queries.work_queue(coordinator, assignment.organisation.municipality)
    assert [i.count for i in items] == [1]
