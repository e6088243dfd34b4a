"""/api/v1/plans (measures with states) and /api/v1/figures (key figures with definitions)."""

import datetime as dt

import pytest

from dugnad.plans import actions
from dugnad.plans.models import MeasureState
from dugnad.volunteering.models import Assignment, HoursEntry

pytestmark = pytest.mark.django_db


def test_measures_with_their_states(client, plan, measure, library_staff):
    actions.add_update(
        library_staff, measure, date=dt.date(2025, 3, 1), done="Lansert.",
        state=MeasureState.DELAYED, progress=30,
    )  # fmt: skip
    response = client.get("/api/v1/plans")
    assert response.status_code == 200
    (item,) = response.json()["items"]
    assert item["code"] == "1.3"
    assert (item["state"], item["progress"], item["last_update"]) == ("delayed", 30, "2025-03-01")
    assert item["responsible_unit"] == "Biblioteket"
    assert item["url"] == measure.get_absolute_url()


def test_unpublished_plans_are_not_listed(client, plan, measure):
    plan.published = False
    plan.save()
    assert client.get("/api/v1/plans").json()["items"] == []


def test_figures_for_a_year_with_definitions(client, organisation):
    assignment = Assignment.objects.create(organisation=organisation, title="T", description="-")
    HoursEntry.objects.create(
        assignment=assignment, date=dt.date(2025, 2, 1), minutes=90,
        status=HoursEntry.Status.APPROVED,
    )  # fmt: skip
    response = client.get("/api/v1/figures", {"year": "2025"})
    assert response.status_code == 200
    body = response.json()
    assert (body["start"], body["end"]) == ("2025-01-01", "2026-01-01")
    hours = next(f for f in body["figures"] if f["key"] == "volunteering.hours")
    assert hours["value"] == 1.5 and hours["definition"] and hours["section"] == "volunteering"
    assert {"label": "2025-02", "value": 1.5} in hours["table"]
    empty = next(f for f in body["figures"] if f["key"] == "grants.applications")
    assert empty["value"] is None


def test_figures_for_a_four_month_period(client):
    body = client.get("/api/v1/figures", {"year": "2025", "period": "2"}).json()
    assert (body["start"], body["end"]) == ("2025-05-01", "2025-09-01")


@pytest.mark.parametrize(
    "query",
    [{"year": "abc"}, {"year": "1800"}, {"year": "99999"}, {"period": "4"}, {"period": "x"}],
)
def test_bad_figure_parameters_are_400_with_a_reason(client, query):
    response = client.get("/api/v1/figures", query)
    assert response.status_code == 400
    assert response.json()["detail"]
