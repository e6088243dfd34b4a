"""Dates, weeks and numbers typed in the address: the reported 500s, and core.params itself."""

import datetime as dt

import pytest

from dugnad.core import params

pytestmark = pytest.mark.django_db


@pytest.fixture
def room(municipality, unit):
    from dugnad.premises.models import Building, Room

    building = Building.objects.create(
        municipality=municipality, unit=unit, name="Skolen", slug="skolen", address="Vei 1"
    )
    return Room.objects.create(building=building, name="Klasserom", kind="classroom", capacity=20)


@pytest.mark.parametrize("week", ["0001-W01", "9999-W52", "2024-W99", "0001-01-01", "abc"])
def test_room_week_out_of_range_is_a_400_page_with_the_reason(client, room, week):
    response = client.get(f"/lokaler/rom/{room.pk}/", {"uke": week})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Adressen kan ikke brukes" in html and "2026-W48" in html


def test_room_week_as_week_or_date_shows_that_week(client, room):
    for value in ("2026-W10", "2026-03-04"):
        response = client.get(f"/lokaler/rom/{room.pk}/", {"uke": value})
        assert response.status_code == 200
        assert response.context["monday"] == dt.date(2026, 3, 2)


@pytest.mark.parametrize(
    "query",
    [
        {"start": "9999-12-31", "end": "9999-12-31"},
        {"start": "0001-01-01"},
        {"end": "2201-01-01"},
    ],
)
def test_calendar_dates_out_of_range_are_explained_not_500(client, municipality, query):
    page = client.get("/kalender/", query)
    assert page.status_code == 200
    assert "Velg en dato mellom 1900-01-01 og 2200-12-31." in page.content.decode()
    feed = client.get("/kalender.ics", query)
    assert feed.status_code == 400
    assert "1900-01-01" in feed.content.decode()


def test_path_id_beyond_the_database_is_404(client, room):
    assert client.get(f"/lokaler/rom/{2**63}/").status_code == 404
    assert client.get(f"/kalender/arrangement/{2**64}/").status_code == 404


def test_admin_history_of_a_non_id_is_404(client, site_admin):
    client.force_login(site_admin)
    assert client.get("/admin/organisations/organisation/abc/history/").status_code == 404


def test_parse_week_and_month_and_int_bounds():
    assert params.parse_week("2026-W48") == dt.date(2026, 11, 23)
    assert params.parse_week("2026-11-26") == dt.date(2026, 11, 23)
    assert params.parse_week("") is None
    assert params.parse_month("2026-12") == dt.date(2026, 12, 1)
    assert params.parse_int("42", maximum=100) == 42
    assert params.parse_date("2200-12-31") == dt.date(2200, 12, 31)
    for parse, value in [
        (params.parse_week, "1899-W52"),
        (params.parse_week, "2201-W01"),
        (params.parse_week, "2026-W54"),
        (params.parse_month, "2026-13"),
        (params.parse_month, "0001-01"),
        (params.parse_date, "1899-12-31"),
        (params.parse_date, "2026-02-30"),
        (params.parse_int, str(2**63)),
        (params.parse_int, "-1"),
        (params.parse_int, "1" * 5000),
        (params.parse_int, "abc"),
    ]:
        with pytest.raises(params.BadParameter):
            parse(value)


def test_room_search_with_a_huge_facility_id_explains_instead_of_500(client, room):
    response = client.get("/lokaler/", {"facilities": str(2**64)})
    assert response.status_code == 200
    assert response.context["form"].errors["facilities"]


def test_grant_awards_year_beyond_the_database_is_a_400(client, municipality):
    from django.urls import reverse

    for view in ("grants:awards", "grants:awards_csv"):
        response = client.get(reverse(view), {"aar": "9" * 25})
        assert response.status_code == 400, view
    assert client.get(reverse("grants:awards"), {"aar": "2026"}).status_code == 200


def test_signup_rows_are_clamped(rf):
    from dugnad.activities.views_signup import MAX_PARTICIPANTS, _rows_wanted

    assert _rows_wanted(rf.get("/", {"rows": "9" * 18})) == MAX_PARTICIPANTS
    assert _rows_wanted(rf.get("/", {"rows": "-3"})) == 1
    assert _rows_wanted(rf.get("/")) == 1 and _rows_wanted(rf.get("/", {"rows": "abc"})) == 1


def test_clamped_int_year_and_time():
    assert params.clamped_int("50", minimum=1, maximum=10, default=3) == 10
    assert params.clamped_int("", minimum=1, maximum=10, default=3) == 3
    assert params.int_or_default("1999", minimum=2000, maximum=2030, default=2026) == 2026
    assert params.int_or_default("2001", minimum=2000, maximum=2030, default=2026) == 2001
    assert params.parse_year("2026") == 2026 and params.parse_year("") is None
    with pytest.raises(params.BadParameter):
        params.parse_year("20260")
    assert params.parse_time("18:30") == dt.time(18, 30) and params.parse_time(None) is None
    with pytest.raises(params.BadParameter):
        params.parse_time("25:00")
