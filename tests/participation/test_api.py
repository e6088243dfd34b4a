"""The API: lists and detail with support counts and answers, no personal data, scoped."""

import pytest

from dugnad.participation import actions
from dugnad.participation.models import Phase
from tests.factories import MunicipalityFactory, UnitFactory

from .conftest import make_process, move_to, participant, propose

pytestmark = pytest.mark.django_db


def test_list_and_detail(client, process, sara, ali, staff, django_assert_max_num_queries):
    idea = propose(sara, process)
    actions.support(ali, idea, participant(ali, process.municipality))
    move_to(process, Phase.ASSESSMENT)
    idea.refresh_from_db()
    actions.answer(staff, idea, feasible=False, text="For dyrt.", cost_ore=None)
    body = client.get("/api/v1/participation/processes").json()
    assert body["count"] == 1 and body["items"][0]["idea_count"] == 1
    with django_assert_max_num_queries(6):
        detail = client.get(f"/api/v1/participation/processes/{process.pk}").json()
    (row,) = detail["ideas"]
    assert row["support_count"] == 1 and row["feasible"] is False and row["answer"] == "For dyrt."
    text = str(detail)
    assert "Sara" not in text and sara.email not in text  # nothing of the minor who wrote it


def test_hidden_ideas_and_other_municipalities_are_not_in_the_api(client, process, sara, staff):
    idea = propose(sara, process)
    actions.hide(staff, idea, "Personlig info")
    detail = client.get(f"/api/v1/participation/processes/{process.pk}").json()
    assert detail["ideas"] == []
    follo = MunicipalityFactory(number="3207", name="Nordre Follo")
    other = make_process(UnitFactory(municipality=follo, name="Ski"))
    assert client.get(f"/api/v1/participation/processes/{other.pk}").status_code == 404
    assert client.get("/api/v1/participation/processes/99999999999999999999").status_code in (
        404,
        422,
    )
    assert client.get("/api/v1/participation/processes?limit=1000").status_code in (400, 422)
