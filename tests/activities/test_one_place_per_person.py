"""One person holds one place (or one waiting-list place) per date: the action refuses the
second with a clear message, the database refuses it when a request slips past the check, and
a back-and-submit of the sign-up form makes no second row."""

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from dugnad.activities import actions
from dugnad.activities.models import SignUp
from dugnad.core.errors import Conflict
from tests.factories import UserFactory
from tests.race import race


def _child(name="Nora Berg", age=8):
    return actions.Participant(participant_name=name, participant_age=age)


def test_the_same_child_twice_is_refused_with_a_message(make_event):
    occurrence = make_event(capacity=5, waitlist=2).occurrences.get()
    guardian = UserFactory()
    actions.sign_up_many(guardian, occurrence, [_child()])
    with pytest.raises(Conflict) as caught:
        actions.sign_up_many(guardian, occurrence, [_child("  nora  BERG ")])
    assert caught.value.code == "duplicate"
    assert "Nora" in str(caught.value.message) or "nora" in str(caught.value.message)
    assert SignUp.objects.filter(occurrence=occurrence).count() == 1


def test_a_waiting_list_place_counts_too(make_event):
    occurrence = make_event(capacity=1, waitlist=3).occurrences.get()
    actions.sign_up_many(UserFactory(), occurrence, [_child("Someone else")])
    guardian = UserFactory()
    (first,) = actions.sign_up_many(guardian, occurrence, [_child()])
    assert first.status == SignUp.Status.WAITING
    with pytest.raises(Conflict):
        actions.sign_up_many(guardian, occurrence, [_child()])
    assert SignUp.objects.filter(status="waiting").count() == 1


def test_same_name_other_birth_year_is_another_person(make_event):
    occurrence = make_event(capacity=5, groups=("children", "adults")).occurrences.get()
    guardian = UserFactory()
    actions.sign_up_many(guardian, occurrence, [_child("Ole Hansen", 8)])
    (father,) = actions.sign_up_many(guardian, occurrence, [_child("Ole Hansen", 41)])
    assert father.status == SignUp.Status.CONFIRMED


def test_twice_in_one_form_is_refused_on_the_row(make_event):
    occurrence = make_event(capacity=5).occurrences.get()
    with pytest.raises(Conflict) as caught:
        actions.sign_up_many(UserFactory(), occurrence, [_child(), _child("Nora berg")])
    assert caught.value.row == 1
    assert not SignUp.objects.exists()


def test_after_cancelling_the_person_can_sign_up_again(make_event):
    occurrence = make_event(capacity=5).occurrences.get()
    guardian = UserFactory()
    (signup,) = actions.sign_up_many(guardian, occurrence, [_child()])
    actions.cancel_signup(guardian, signup)
    (again,) = actions.sign_up_many(guardian, occurrence, [_child()])
    assert again.status == SignUp.Status.CONFIRMED


def test_the_same_email_from_two_accounts_is_one_person(make_event):
    occurrence = make_event(capacity=5).occurrences.get()
    actions.sign_up_many(UserFactory(), occurrence, [_child()], email="familie@example.org")
    with pytest.raises(Conflict):
        actions.sign_up_many(UserFactory(), occurrence, [_child()], email="familie@example.org")


def test_the_database_refuses_a_second_place(make_event):
    occurrence = make_event(capacity=5).occurrences.get()
    guardian = UserFactory()
    (signup,) = actions.sign_up_many(guardian, occurrence, [_child()])
    with pytest.raises(IntegrityError), transaction.atomic():
        SignUp.objects.create(
            occurrence=occurrence,
            booked_by=guardian,
            participant_name="Nora Berg",
            person_key=signup.person_key,
            email="other@example.org",
            status=SignUp.Status.WAITING,
        )


def test_back_and_submit_again_gives_no_second_place(client, make_event):
    event = make_event(capacity=5)
    occurrence = event.occurrences.get()
    guardian = UserFactory()
    client.force_login(guardian)
    url = reverse("activities:sign_up", kwargs={"pk": event.pk, "occurrence_pk": occurrence.pk})
    data = {
        "for_self": "0",
        "form-TOTAL_FORMS": "1",
        "form-INITIAL_FORMS": "0",
        "form-0-participant_name": "Nora Berg",
        "form-0-participant_age": "8",
    }
    assert client.post(url, data).status_code == 302
    again = client.post(url, data)
    assert again.status_code == 200
    assert "er allerede påmeldt denne datoen" in again.content.decode()
    assert SignUp.objects.filter(occurrence=occurrence).count() == 1


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_parallel_submissions_of_the_same_child_give_one_place(make_event):
    occurrence = make_event(capacity=5, waitlist=5).occurrences.get()
    guardian = UserFactory()

    def attempt(_i):
        try:
            return actions.sign_up_many(guardian, occurrence, [_child()])[0].status
        except Conflict as error:
            return error.code

    results = race(attempt, 6)
    assert results.count("confirmed") == 1, results
    assert results.count("duplicate") == 5, results
    assert SignUp.objects.filter(occurrence=occurrence).count() == 1


def test_changing_the_number_of_rows_keeps_the_names(client, make_event):
    event = make_event(capacity=5)
    occurrence = event.occurrences.get()
    client.force_login(UserFactory())
    url = reverse("activities:sign_up", kwargs={"pk": event.pk, "occurrence_pk": occurrence.pk})
    page = client.post(
        url,
        {
            "for_self": "0",
            "rows": "3",
            "change_rows": "1",
            "form-TOTAL_FORMS": "2",
            "form-INITIAL_FORMS": "0",
            "form-0-participant_name": "Nora Berg",
            "form-0-participant_age": "8",
            "form-1-participant_name": "Emil Berg",
            "form-1-participant_age": "6",
        },
    )
    html = page.content.decode()
    assert page.status_code == 200
    assert 'value="Nora Berg"' in html and 'value="Emil Berg"' in html
    assert 'name="form-2-participant_name"' in html and 'name="form-3-' not in html
    assert 'name="form-TOTAL_FORMS" value="3"' in html
    assert "errorlist" not in html and not SignUp.objects.exists()


def test_a_childrens_event_does_not_preselect_me(client, make_event):
    event = make_event(capacity=5, groups=("children",))
    occurrence = event.occurrences.get()
    client.force_login(UserFactory(first_name="Kari", last_name="Berg"))
    url = reverse("activities:sign_up", kwargs={"pk": event.pk, "occurrence_pk": occurrence.pk})
    html = client.get(url).content.decode()
    assert 'value="0" id="id_for_self_1" required checked' in html
    assert 'value="1" id="id_for_self_0" required checked' not in html
    assert "Kari Berg" not in html


def test_a_search_without_accents_finds_sprakkafe_beyond_90_days(client, make_event):
    make_event(title="Språkkafé på biblioteket", days=200)
    make_event(title="Sjakk for alle", days=2)
    for typed in ("sprakkafe", "SPRÅKKAFÉ", "språk"):
        html = client.get(reverse("activities:calendar"), {"q": typed}).content.decode()
        assert "Språkkafé på biblioteket" in html, typed
        assert "Sjakk for alle" not in html


def test_the_feed_is_named_after_its_filter_and_honours_the_unit(client, make_event, unit):
    make_event(title="Konsert", category="music")
    feed = client.get(reverse("activities:calendar_ics"), {"category": "music", "free": "on"})
    text = feed.content.decode()
    assert "X-WR-CALNAME:Aktivitetskalender: Musikk\\, gratis" in text.replace("\r\n ", "")
    by_unit = client.get(reverse("activities:calendar_ics"), {"unit": unit.pk}).content.decode()
    assert "Konsert" not in by_unit


def test_quick_filters_and_the_subscribe_link(client, make_event):
    make_event(title="Konsert")
    html = client.get(reverse("activities:calendar"), {"category": "music"}).content.decode()
    assert "webcal://" in html and "category=music" in html
    assert "<details" in html


def test_a_broken_age_range_gets_a_clear_message(organisation):
    from django.core.exceptions import ValidationError
    from django.utils import translation

    from dugnad.activities.models import Event

    event = Event(
        municipality=organisation.municipality, organisation=organisation, title="X",
        min_age=12, max_age=6,
    )  # fmt: skip
    with translation.override("nb"):
        with pytest.raises(ValidationError) as caught:
            event.validate_constraints()
        text = " ".join(caught.value.messages)
    assert "Laveste alder kan ikke være høyere enn høyeste alder." in text
    assert "event_age_range_ordered" not in text
