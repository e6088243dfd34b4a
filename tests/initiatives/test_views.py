"""Pages: status codes, the write endpoints as a role x action matrix, forms that keep input."""

import pytest
from django.urls import reverse

from dugnad.accounts.models import UnitRole
from dugnad.initiatives.models import Initiative
from tests.factories import UnitFactory, UnitRoleFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "name", ["initiatives:volunteering", "initiatives:index", "initiatives:stories",
             "initiatives:stories_feed", "initiatives:conference", "initiatives:council"],
)  # fmt: skip
def test_public_pages(client, municipality, name):
    assert client.get(reverse(name)).status_code == 200


def test_detail_page_with_jsonld(client, initiative):
    html = client.get(initiative.get_absolute_url()).content.decode()
    assert '"@type": "Project"' in html and initiative.title in html


def test_landing_page_finds_nursing_home_contact(client, municipality):
    homes = UnitFactory(municipality=municipality, name="Sykehjem og boliger")
    dementia = UnitFactory(municipality=municipality, name="Moertunet demenssenter", parent=homes)
    contact = UserFactory(first_name="Sverre", last_name="Sand", phone="64 96 20 00")
    UnitRoleFactory(
        unit=homes, user=contact, role=UnitRole.Role.VOLUNTEER_CONTACT, show_publicly=True
    )
    UnitFactory(municipality=municipality, name="Bibliotek")
    html = client.get(reverse("initiatives:volunteering"), {"unit": "sykehjem"}).content.decode()
    assert "Sverre Sand" in html and dementia.name in html and "Bibliotek" not in html
    unit_html = client.get(reverse("initiatives:unit", args=[dementia.slug])).content.decode()
    assert "Sverre Sand" in unit_html


def _post_targets(initiative, event):
    slug = initiative.slug
    return {
        "edit": (reverse("initiatives:edit", args=[slug]),
                 {"title": "Nytt navn", "aim": "Mål", "lead_unit": initiative.lead_unit_id,
                  "state": "running"}),
        "link_event": (reverse("initiatives:link_event", args=[slug]), {"event": event.pk}),
        "add_reach": (reverse("initiatives:add_reach", args=[slug]),
                      {"label": "Besøkende", "count": "30", "counted_on": "2026-05-01"}),
        "add_resource": (reverse("initiatives:add_resource", args=[slug]),
                         {"partner": "Biblioteket", "kind": "premises"}),
        "post_update": (reverse("initiatives:post_update", args=[slug]), {"text": "Nytt"}),
    }  # fmt: skip


EXPECTED = {
    # who: actions allowed
    "lead_staff": {"edit", "link_event", "add_reach", "add_resource", "post_update"},
    "partner_staff": {"edit", "link_event", "add_reach", "add_resource", "post_update"},
    "other_staff": set(),
    "org_editor": {"post_update"},
    "citizen": set(),
}


@pytest.mark.parametrize("who", sorted(EXPECTED))
@pytest.mark.parametrize(
    "action", ["edit", "link_event", "add_reach", "add_resource", "post_update"]
)
def test_write_matrix(client, request, initiative, make_event, who, action):
    user = request.getfixturevalue(who)
    url, data = _post_targets(initiative, make_event())[action]
    client.force_login(user)
    response = client.post(url, data)
    if action in EXPECTED[who]:
        assert response.status_code == 302, response.content[:500]
    else:
        assert response.status_code == 403


@pytest.mark.parametrize("action", ["edit", "link_event", "add_reach", "post_update"])
def test_anonymous_is_sent_to_login(client, initiative, make_event, action):
    url, data = _post_targets(initiative, make_event())[action]
    response = client.post(url, data)
    assert response.status_code == 302 and "/konto/login/" in response["Location"]


def test_create_with_partner_and_bad_period_keeps_input(
    client, lead_staff, lead_unit, organisation
):
    client.force_login(lead_staff)
    data = {"title": "Lonely Riders", "aim": "Dans", "lead_unit": lead_unit.pk, "state": "planned",
            "partner_organisations": [organisation.pk], "starts_on": "2026-05-01",
            "ends_on": "2026-04-01"}  # fmt: skip
    response = client.post(reverse("initiatives:create"), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "cannot end before it starts" in html or "slutte før" in html
    assert 'value="Lonely Riders"' in html
    data["ends_on"] = "2026-09-01"
    response = client.post(reverse("initiatives:create"), data)
    initiative = Initiative.objects.get(title="Lonely Riders")
    assert response.status_code == 302 and list(initiative.partner_organisations.all()) == [
        organisation
    ]


def test_create_without_lead_unit_says_so(client, lead_staff):
    client.force_login(lead_staff)
    response = client.post(
        reverse("initiatives:create"), {"title": "X", "aim": "Y", "state": "idea"}
    )
    assert response.status_code == 200 and not Initiative.objects.exists()


def test_desk_page_only_for_desk_staff(client, desk_staff, coordinator):
    client.force_login(coordinator)
    assert client.get(reverse("initiatives:desk")).status_code == 403
    client.force_login(desk_staff)
    assert client.get(reverse("initiatives:desk")).status_code == 200
    response = client.post(
        reverse("initiatives:desk_register", args=["volunteer"]),
        {"volunteer-first_name": "Nora", "volunteer-email": "nora@test.example"},
    )
    assert response.status_code == 200
    assert 'value="nora@test.example"' in response.content.decode()


def test_api_lists(client, initiative):
    body = client.get("/api/v1/initiatives", {"age_group": "youth"}).json()
    assert body["count"] == 1 and body["items"][0]["slug"] == initiative.slug
    assert client.get("/api/v1/initiatives", {"age_group": "elderly"}).json()["count"] == 0
    detail = client.get(f"/api/v1/initiatives/{initiative.slug}").json()
    assert detail["reach"]["total"] == 0
    assert client.get("/api/v1/stories").json() == {"items": [], "count": 0}
    assert client.get("/api/v1/initiatives/finnes-ikke").status_code == 404
