"""The data generator: it runs, and what it builds is consistent."""

import datetime as dt
import io
import random

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.utils import timezone
from stdnum.no import orgnr

from bench import generate
from bench.generate import BENCH_LEADER_EMAIL, BENCH_LEADER_PASSWORD, Generator, split
from bench.scales import SCALES
from dugnad.activities.models import Event, Occurrence
from dugnad.core.models import Municipality
from dugnad.grants.models import Application
from dugnad.organisations.models import Organisation, OrganisationRole
from dugnad.premises.models import Booking, Room
from dugnad.volunteering.models import Assignment, VolunteerProfile

TINY = SCALES["tiny"]


@pytest.mark.parametrize(("total", "parts", "home"), [(30, 2, 400), (4000, 36, 400), (7, 5, 3)])
def test_split_gives_the_home_municipality_its_share_and_keeps_the_total(total, parts, home):
    counts = split(total, parts, home, random.Random(1))
    assert sum(counts) == total
    assert len(counts) == parts
    assert counts[0] == min(total, home)
    assert all(count >= 0 for count in counts)


def test_split_with_one_municipality_puts_everything_there():
    assert split(30_000, 1, 400, random.Random(1)) == [30_000]


def test_sqlite_is_refused_with_a_clear_message(monkeypatch, capsys):
    monkeypatch.setenv("DATABASE_URL", "sqlite:///var/x.sqlite3")
    assert generate.main(["--scale", "tiny"]) == 2
    assert "needs PostgreSQL" in capsys.readouterr().err


def test_reset_only_drops_bench_databases():
    with pytest.raises(SystemExit, match="dugnad_bench"):
        generate._reset("postgres://postgres@127.0.0.1:5432/dugnad")


@pytest.mark.postgres_only
def test_tiny_scale_builds_the_promised_counts(tiny):
    # The data goes to TINY.municipalities of the register's 357 (a core migration loads it).
    assert tiny["municipalities"] == TINY.municipalities
    assert Municipality.objects.count() >= TINY.municipalities
    assert Organisation.objects.values("municipality").distinct().count() <= TINY.municipalities
    assert Organisation.objects.count() == TINY.organisations
    assert Room.objects.count() == TINY.rooms
    # The benchmark leader's booking is not part of the scale.
    assert Booking.objects.count() == TINY.bookings
    assert Occurrence.objects.count() == TINY.occurrences
    assert VolunteerProfile.objects.count() == TINY.volunteers
    assert Assignment.objects.count() == TINY.assignments
    assert tiny["organisations"] == TINY.organisations
    assert Application.objects.count() == TINY.applications


@pytest.mark.postgres_only
def test_grant_applications_follow_the_workflow_rules(tiny):
    # A case in the workflow was submitted; a draft has no state (the model's check constraint).
    assert not Application.objects.filter(state__isnull=False, submitted_at__isnull=True).exists()
    for application in Application.objects.select_related("state", "round", "scheme"):
        assert application.round.scheme_id == application.scheme_id
        if application.state_id:
            assert application.state.scheme_id == application.scheme_id
        assert application.organisation.municipality_id == application.scheme.municipality_id


@pytest.mark.postgres_only
def test_organisations_have_valid_unique_numbers_and_a_search_document(tiny):
    numbers = list(Organisation.objects.values_list("org_number", flat=True))
    assert len(set(numbers)) == len(numbers)
    assert all(orgnr.is_valid(number) for number in numbers)
    for organisation in Organisation.objects.prefetch_related("activity_types")[:10]:
        document = organisation.search_document
        assert organisation.name in document
        assert all(t.name in document for t in organisation.activity_types.all())
        assert organisation.activity_types.exists()
        assert organisation.age_groups.exists()
    # Full-text search finds them through the shared search code.
    word = Organisation.objects.first().activity_types.first().name
    from dugnad.organisations.search import apply_search

    assert apply_search(Organisation.objects.all(), word).exists()


@pytest.mark.postgres_only
def test_active_bookings_never_overlap_and_fit_the_window(tiny):
    with connection.cursor() as cursor:
        cursor.execute(
            """SELECT count(*) FROM premises_booking a JOIN premises_booking b
               ON a.room_id = b.room_id AND a.id < b.id AND a.start < b."end"
               AND b.start < a."end"
               WHERE a.state IN ('requested', 'confirmed')
               AND b.state IN ('requested', 'confirmed')"""
        )
        assert cursor.fetchone()[0] == 0
    today = timezone.localdate()
    first = Booking.objects.order_by("start").first().start
    last = Booking.objects.order_by("start").last().start
    assert today - dt.timedelta(days=366) <= timezone.localtime(first).date()
    assert timezone.localtime(last).date() <= today + dt.timedelta(days=366)
    voluntary = Booking.objects.filter(renter_type="voluntary")
    assert voluntary.exists()
    assert not voluntary.filter(organisation__isnull=True).exists()
    assert Booking.objects.filter(state="confirmed").count() > Booking.objects.count() / 2


@pytest.mark.postgres_only
def test_events_have_occurrences_spread_over_two_years(tiny):
    assert not Occurrence.objects.filter(end__lte=models_f("start")).exists()
    assert Event.objects.published().count() > Event.objects.count() / 2
    assert not Event.objects.filter(occurrences__isnull=True).exists()
    assert (
        Event.objects.filter(age_groups__isnull=False).distinct().count() == Event.objects.count()
    )
    now = timezone.now()
    assert Occurrence.objects.filter(start__lt=now).exists()
    assert Occurrence.objects.filter(start__gt=now).exists()


@pytest.mark.postgres_only
def test_events_are_found_by_the_calendars_search_as_saved_events_are(tiny):
    # COPY bypasses Event.save(), so the generator must store the same search text it would.
    event = Event.objects.order_by("pk").first()
    stored = event.search_text
    assert stored
    event.save()
    event.refresh_from_db()
    assert event.search_text == stored


def models_f(name):
    from django.db.models import F

    return F(name)


@pytest.mark.postgres_only
def test_the_bench_leader_can_log_in_and_leads_an_approved_home_organisation(tiny, client):
    user = get_user_model().objects.get(email=BENCH_LEADER_EMAIL)
    assert user.check_password(BENCH_LEADER_PASSWORD)
    role = OrganisationRole.objects.get(user=user, role="leader")
    assert role.organisation.status == "approved"
    assert role.organisation.municipality.number == "3218"
    response = client.post(
        "/api/v1/auth/token",
        {"email": BENCH_LEADER_EMAIL, "password": BENCH_LEADER_PASSWORD},
        content_type="application/json",
    )
    assert response.status_code == 201, response.content


@pytest.mark.postgres_only
def test_sequences_follow_the_copied_ids(tiny, municipality):
    # The app's own inserts after a COPY with explicit ids must not collide.
    created = Organisation.objects.create(
        municipality=municipality, name="Nytt lag", slug="nytt-lag-etter-benk"
    )
    assert created.pk > max(
        Organisation.objects.exclude(pk=created.pk).values_list("pk", flat=True)
    )
    user = get_user_model().objects.create_user("ny@example.org", "x")
    assert user.pk


@pytest.mark.postgres_only
def test_a_second_run_into_filled_data_is_refused(tiny):
    with pytest.raises(SystemExit, match="--reset"):
        Generator("tiny", progress=False, out=io.StringIO()).run()
