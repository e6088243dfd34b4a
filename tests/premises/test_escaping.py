"""Premises: text through the API as typed and without direction overrides; safe invoice files."""

import csv
import io

import openpyxl
import pytest
from django.core import mail
from django.urls import reverse

from dugnad.premises import actions
from dugnad.premises.models import Booking
from tests.factories import OrganisationFactory, OrganisationRoleFactory

from .conftest import next_weekday, slot

pytestmark = pytest.mark.django_db

HYPERLINK = '=HYPERLINK("http://x")'


def _payload(room, title, **extra):
    start, end = slot(next_weekday(2))
    return {"room_id": room.pk, "start": start.isoformat(), "end": end.isoformat(),
            "title": title, **extra}  # fmt: skip


def test_api_stores_text_as_typed_without_direction_overrides(
    client, citizen, room, api_token, django_capture_on_commit_callbacks
):
    headers = api_token(citizen)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/api/v1/bookings",
            _payload(room, ' Mat & "drikke"\u202e <3\u2066 '),
            content_type="application/json",
            **headers,
        )
    assert response.status_code == 201, response.content
    assert response.json()["title"] == 'Mat & "drikke" <3'
    booking = Booking.objects.get()
    assert booking.title == 'Mat & "drikke" <3'
    assert mail.outbox[-1].subject.endswith(': Mat & "drikke" <3')  # text email, not escaped

    response = client.post(
        f"/api/v1/bookings/{booking.pk}/cancel",
        {"reason": "Syk\u202e & borte\x07"},
        content_type="application/json",
        **headers,
    )
    assert response.status_code == 200, response.content
    booking.refresh_from_db()
    assert booking.state_reason == "Syk & borte"

    client.force_login(citizen)
    html = client.get(booking.get_absolute_url()).content.decode()
    assert "Mat &amp; &quot;drikke&quot; &lt;3" in html and "&amp;amp;" not in html


def test_api_length_limit_counts_the_stored_characters(client, citizen, room, api_token):
    title = "\u202e" * 10 + "x" * 150  # 150 after the overrides are gone: within max_length
    response = client.post(
        "/api/v1/bookings", _payload(room, title), content_type="application/json",
        **api_token(citizen),
    )  # fmt: skip
    assert response.status_code == 201, response.content
    assert Booking.objects.get().title == "x" * 150


def test_invoice_files_neutralise_formulas(client, premises_manager, municipality, room):
    hyperlink = OrganisationFactory(municipality=municipality, name=HYPERLINK)
    tabbed = OrganisationFactory(municipality=municipality, name="\tLaget")
    for day, organisation in ((2, hyperlink), (3, tabbed)):
        leader = OrganisationRoleFactory(organisation=organisation).user
        actions.book_room(
            leader, room, *slot(next_weekday(day)), title="@Trening", organisation=organisation
        )
    client.force_login(premises_manager)
    params = {"first": next_weekday(2).isoformat(), "last": next_weekday(3).isoformat()}

    response = client.get(reverse("premises:invoice"), {**params, "format": "csv"})
    assert response["Content-Disposition"].startswith('attachment; filename="fakturagrunnlag-')
    assert response.content.startswith("\ufeff".encode())
    _header, *rows = csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";")
    renters = {row[0] for row in rows}
    assert renters == {"'" + HYPERLINK, "'\tLaget"}
    assert {row[4] for row in rows if row[4]} == {"'@Trening"}

    response = client.get(reverse("premises:invoice"), {**params, "format": "xlsx"})
    assert response["Content-Disposition"].endswith('.xlsx"')
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    cells = [cell for row in sheet.iter_rows(min_row=2) for cell in row]
    assert {cell.value for cell in cells if cell.column == 1} == {"'" + HYPERLINK, "'\tLaget"}
    assert not any(cell.data_type == "f" for cell in cells)
