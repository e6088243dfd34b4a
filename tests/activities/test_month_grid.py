"""The calendar's month view is a grid of weeks by weekdays, with each day's events as links;
the list shows an event's image with its description."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from dugnad.activities.views import MONTH_CELL_LIMIT

pytestmark = pytest.mark.django_db


def _month_page(client, day, **params):
    response = client.get(
        reverse("activities:calendar"), {"view": "month", "month": f"{day:%Y-%m}", **params}
    )
    assert response.status_code == 200
    return response.content.decode()


def _grid(html: str) -> str:
    return re.search(r'<table class="ds-table month-grid".*?</table>', html, re.S)[0]


def test_month_is_a_table_of_weeks_and_weekdays(client, make_event):
    event = make_event(title="Eventyrstund", days=2)
    day = timezone.localdate() + timedelta(days=2)
    grid = _grid(_month_page(client, day))
    headers = re.findall(r'<th scope="col"[^>]*>(.*?)</th>', grid, re.S)
    assert len(headers) == 8  # the week number and seven weekdays
    assert "Mandag" in headers[1] and "Søndag" in headers[7]
    rows = re.findall(r"<tr>(.*?)</tr>", grid.split("<tbody>")[1], re.S)
    assert 4 <= len(rows) <= 6
    assert all(row.count("<td") == 7 for row in rows)
    # The event sits in the cell of its own day, as a link to its page.
    cell = next(c for c in re.findall(r"<td.*?</td>", grid, re.S) if event.title in c)
    assert f'href="{event.get_absolute_url()}"' in cell
    assert f"{day.day}</span>" in cell
    assert "18:00" in cell


def test_a_busy_day_links_to_the_rest_of_its_events(client, make_event):
    for n in range(MONTH_CELL_LIMIT + 2):
        make_event(title=f"Kurs {n}", days=3)
    day = timezone.localdate() + timedelta(days=3)
    grid = _grid(_month_page(client, day, free="on"))
    assert grid.count('href="/kalender/arrangement/') == MONTH_CELL_LIMIT
    assert "2 arrangementer til" in grid
    # The link to the day keeps the filters of the grid.
    assert f"free=on&amp;start={day.isoformat()}&amp;end={day.isoformat()}" in grid


def test_month_grid_queries_stay_flat(client, make_event, django_assert_max_num_queries):
    day = timezone.localdate() + timedelta(days=1)
    make_event(title="Første")
    client.get(reverse("activities:calendar"), {"view": "month", "month": f"{day:%Y-%m}"})
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    cache.clear()
    with CaptureQueriesContext(connection) as few:
        _month_page(client, day)
    for n in range(8):
        make_event(title=f"Flere {n}", rule="FREQ=DAILY;COUNT=3")
    cache.clear()
    with django_assert_max_num_queries(len(few.captured_queries)):
        _month_page(client, day)


def test_view_switcher_is_a_toggle_group_marking_the_current_view(client, make_event):
    make_event()
    day = timezone.localdate() + timedelta(days=1)
    html = _month_page(client, day)
    switcher = re.search(r'<div class="ds-toggle-group".*?</div>', html, re.S)[0]
    links = re.findall(r"<a [^>]*>.*?</a>", switcher, re.S)
    assert len(links) == 3
    assert [("aria-current" in link) for link in links] == [False, False, True]
    assert "<ul" not in switcher


def test_period_view_subscribes_to_the_filters_not_the_month(client, make_event, unit):
    make_event()
    day = timezone.localdate() + timedelta(days=1)
    html = _month_page(client, day, free="on", unit=unit.pk)
    webcal = re.search(r'href="(webcal://[^"]+)"', html)[1]
    assert "free=on" in webcal and f"unit={unit.pk}" in webcal
    assert "start=" not in webcal and "month=" not in webcal


def test_calendar_list_shows_the_event_image_with_its_description(client, make_event):
    event = make_event(title="Med bilde", image="events/2026/dans.jpg", image_alt="Barn som danser")
    make_event(title="Uten bilde")
    html = client.get(reverse("activities:calendar")).content.decode()
    images = re.findall(r'<img class="event-thumb"[^>]*>', html)
    assert len(images) == 1
    assert 'alt="Barn som danser"' in images[0]
    assert f'src="/kalender/arrangement/{event.pk}/bilde/"' in images[0]


def test_event_image_is_served_by_the_event_and_hidden_with_it(
    client, make_event, settings, tmp_path
):
    from django.core.files.base import ContentFile

    from dugnad.activities.models import Event

    settings.MEDIA_ROOT = tmp_path
    event = make_event(title="Med bilde")
    event.image.save("dans.jpg", ContentFile(b"\xff\xd8\xff\xe0 jpeg bytes"), save=False)
    event.image_alt = "Barn som danser"
    event.save()
    url = reverse("activities:event_image", kwargs={"pk": event.pk})
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"\xff\xd8\xff\xe0 jpeg bytes"
    assert response["Cache-Control"] == "public, max-age=3600"
    Event.objects.filter(pk=event.pk).update(status=Event.Status.PENDING)
    assert client.get(url).status_code == 404
    without = make_event(title="Uten bilde")
    assert (
        client.get(reverse("activities:event_image", kwargs={"pk": without.pk})).status_code == 404
    )
