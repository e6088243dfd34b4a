"""Sign-up questions and price groups per event, several participants in one sign-up, and
places per date."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from dugnad.activities import actions
from dugnad.activities.models import PriceGroup, SignUp, SignUpAnswer, SignUpQuestion
from dugnad.core.errors import Conflict, DomainError, NotAllowed
from tests.factories import UserFactory


def _setup(user, event):
    return actions.save_signup_setup(
        user,
        event,
        [
            {"id": None, "label": "Allergier", "kind": "text"},
            {
                "id": None,
                "label": "Hvordan hørte du om det?",
                "kind": "choice",
                "choices": "Venner\nSkolen\n",
                "required": True,
            },
        ],
        [
            {"id": None, "name": "Barn", "price_ore": 5000},
            {"id": None, "name": "Voksen", "price_ore": 10000},
            {"id": None, "name": "Gratis", "price_ore": 0},
        ],
    )


def _child(name, age=8, group=None, answers=None, **kwargs):
    return actions.Participant(
        participant_name=name, participant_age=age, price_group=group, answers=answers or {},
        **kwargs,
    )  # fmt: skip


@pytest.fixture
def setup_event(make_event, leader):
    event = make_event(capacity=2, waitlist=1)
    _setup(leader, event)
    return event


def _parts(event):
    heard = event.signup_questions.get(kind="choice")
    allergies = event.signup_questions.get(kind="text")
    groups = {group.name: group for group in event.price_groups.all()}
    return heard, allergies, groups


def test_setup_creates_updates_and_removes(setup_event, leader):
    heard, allergies, groups = _parts(setup_event)
    assert heard.choice_list == ["Venner", "Skolen"] and heard.required
    actions.save_signup_setup(
        leader,
        setup_event,
        [
            {"id": allergies.pk, "label": "Allergier og behov", "kind": "text"},
            {"id": heard.pk, "delete": True},
        ],
        [{"id": groups["Barn"].pk, "name": "Barn", "price_ore": 2500}],
    )
    assert list(setup_event.signup_questions.values_list("label", flat=True)) == [
        "Allergier og behov"
    ]
    groups["Barn"].refresh_from_db()
    assert groups["Barn"].price_ore == 2500 and setup_event.price_groups.count() == 3


def test_setup_refuses_bad_rows_and_keeps_everything(setup_event, leader):
    heard, _allergies, groups = _parts(setup_event)
    actions.sign_up(
        UserFactory(),
        setup_event.occurrences.get(),
        participant_name="Kari",
        price_group=groups["Voksen"],
        answers={heard.pk: "Skolen"},
    )
    with pytest.raises(Conflict) as error:
        actions.save_signup_setup(leader, setup_event, [{"id": heard.pk, "delete": True}], [])
    assert error.value.code == "question_answered"
    with pytest.raises(DomainError) as error:
        actions.save_signup_setup(
            leader,
            setup_event,
            [{"id": None, "label": "Ny", "kind": "text"}],
            [{"id": None, "name": "Barn", "price_ore": 0}, {"id": None, "name": "barn"}],
        )
    assert error.value.code == "duplicate_price_group"
    with pytest.raises(DomainError) as error:
        actions.save_signup_setup(
            leader, setup_event, [{"id": None, "label": "Velg", "kind": "choice"}], []
        )
    assert error.value.code == "choices_required"
    # Nothing of the refused saves stuck.
    assert setup_event.signup_questions.count() == 2 and setup_event.price_groups.count() == 3
    # A price group removed later: the sign-up keeps its name and price.
    actions.save_signup_setup(
        leader, setup_event, [], [{"id": groups["Voksen"].pk, "delete": True}]
    )
    signup = SignUp.objects.get()
    assert signup.price_group is None
    assert (signup.price_group_name, signup.price_ore) == ("Voksen", 10000)


def test_setup_cannot_touch_another_events_rows(setup_event, make_event, leader):
    other = make_event(title="Annet", capacity=3)
    heard, _allergies, groups = _parts(setup_event)
    with pytest.raises(DomainError):
        actions.save_signup_setup(leader, other, [{"id": heard.pk, "delete": True}], [])
    with pytest.raises(DomainError):
        actions.save_signup_setup(leader, other, [], [{"id": groups["Barn"].pk, "delete": True}])
    assert SignUpQuestion.objects.filter(pk=heard.pk).exists()


def test_guardian_signs_up_several_children_in_order(
    setup_event, django_capture_on_commit_callbacks
):
    heard, allergies, groups = _parts(setup_event)
    guardian = UserFactory(email="forelder@test.example")
    with django_capture_on_commit_callbacks(execute=True):
        signups = actions.sign_up_many(
            guardian,
            setup_event.occurrences.get(),
            [
                _child(
                    "Ada",
                    group=groups["Barn"],
                    answers={heard.pk: "Venner", allergies.pk: "nøtter"},
                ),
                _child("Bo", group=groups["Gratis"], answers={heard.pk: "Venner"}),
                _child("Cy", group=groups["Barn"], answers={heard.pk: "Skolen"}),
            ],
        )
    assert [s.status for s in signups] == ["confirmed", "confirmed", "waiting"]
    assert [s.price_ore for s in signups] == [5000, 0, 5000]
    assert SignUpAnswer.objects.get(signup=signups[0], question=allergies).value == "nøtter"
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["forelder@test.example"]
    body = mail.outbox[0].body
    tokens = re.findall(r"/kalender/avmelding/([\w-]+)/", body)
    assert sorted(tokens) == sorted(s.cancel_token for s in signups)
    assert all(name in body for name in ("Ada", "Bo", "Cy"))


def test_all_or_nothing_when_there_is_no_room(setup_event):
    heard, _allergies, groups = _parts(setup_event)
    rows = [_child(n, group=groups["Barn"], answers={heard.pk: "Venner"}) for n in "ABCD"]
    with pytest.raises(Conflict) as error:
        actions.sign_up_many(UserFactory(), setup_event.occurrences.get(), rows)
    assert error.value.code == "full"
    assert not SignUp.objects.exists() and not SignUpAnswer.objects.exists()


@pytest.mark.parametrize(
    ("row", "code"),
    [
        ({"participant_name": " "}, "name_required"),
        ({"price_group": None}, "price_group_required"),
        ({"answers": {}}, "answer_required"),
        ({"answers": "bad-choice"}, "answer_invalid"),
        ({"participant_age": 4, "for_self": True}, "guardian_required"),
    ],
)
def test_a_bad_row_saves_nobody_and_names_the_row(setup_event, row, code):
    heard, _allergies, groups = _parts(setup_event)
    good = _child("Ada", group=groups["Barn"], answers={heard.pk: "Venner"})
    bad = _child("Bo", group=groups["Barn"], answers={heard.pk: "Skolen"})
    for key, value in row.items():
        setattr(bad, key, {heard.pk: "Tv"} if value == "bad-choice" else value)
    with pytest.raises(DomainError) as error:
        actions.sign_up_many(UserFactory(), setup_event.occurrences.get(), [good, bad])
    assert error.value.code == code and error.value.row == 1
    assert not SignUp.objects.exists()


def test_price_group_of_another_event_is_refused(setup_event, make_event, leader):
    other = make_event(title="Annet", capacity=3)
    actions.save_signup_setup(leader, other, [], [{"id": None, "name": "Alle", "price_ore": 0}])
    heard, _allergies, _groups = _parts(setup_event)
    with pytest.raises(DomainError) as error:
        actions.sign_up(
            UserFactory(),
            setup_event.occurrences.get(),
            participant_name="Ada",
            price_group=other.price_groups.get(),
            answers={heard.pk: "Venner"},
        )
    assert error.value.code == "price_group_invalid"


def test_event_without_groups_charges_the_event_price(make_event):
    event = make_event(capacity=3, price_ore=7500)
    signup = actions.sign_up(UserFactory(), event.occurrences.get(), participant_name="Ola")
    assert signup.price_ore == 7500 and signup.price_group_name == ""


def test_places_per_date(make_event, leader):
    event = make_event(capacity=1, waitlist=2)
    occurrence = event.occurrences.get()
    first = actions.sign_up(UserFactory(), occurrence, participant_name="A")
    second = actions.sign_up(UserFactory(), occurrence, participant_name="B")
    assert second.status == "waiting"
    with pytest.raises(Conflict) as error:
        actions.set_occurrence_capacity(leader, occurrence, 0)
    assert error.value.code == "capacity_below_signups" and "1" in str(error.value.message)
    actions.set_occurrence_capacity(leader, occurrence, 3)
    second.refresh_from_db()
    assert second.status == "confirmed"
    occurrence.refresh_from_db()
    assert occurrence.capacity == 3 and occurrence.effective_capacity == 3
    # Back to the event's number is refused too while two are confirmed on this date.
    with pytest.raises(Conflict):
        actions.set_occurrence_capacity(leader, occurrence, None)
    actions.cancel_signup(None, first, token=first.cancel_token)
    actions.set_occurrence_capacity(leader, occurrence, None)
    occurrence.refresh_from_db()
    assert occurrence.capacity is None
    with pytest.raises(NotAllowed):
        actions.set_occurrence_capacity(UserFactory(), occurrence, 10)


def test_co_organisers(make_event, leader, organisation, unit, municipality):
    from tests.factories import OrganisationFactory

    partner = OrganisationFactory(municipality=municipality)
    event = make_event()
    actions.update_event(
        leader, event, {}, co_organisers=[partner, organisation], co_organiser_units=[unit]
    )
    assert list(event.co_organisers.all()) == [partner]  # never its own co-organiser
    assert list(event.co_organiser_units.all()) == [unit]


# --- Views -----------------------------------------------------------------------------------


def _management(prefix, total, initial=0):
    return {f"{prefix}-TOTAL_FORMS": str(total), f"{prefix}-INITIAL_FORMS": str(initial)}


def test_setup_page_defines_a_question_and_a_price_group(client, make_event, leader):
    event = make_event(capacity=5)
    url = reverse("activities:signup_setup", args=[event.pk])
    client.force_login(UserFactory())
    assert client.get(url).status_code == 403
    client.force_login(leader)
    assert client.get(url).status_code == 200
    data = {
        **_management("questions", 1),
        **_management("prices", 1),
        "questions-0-label": "Hvordan hørte du om det?",
        "questions-0-kind": "choice",
        "questions-0-choices": "",
        "prices-0-name": "Barn",
        "prices-0-price_kroner": "50",
    }
    response = client.post(url, data)
    assert response.status_code == 200 and not event.signup_questions.exists()
    assert "choice" in response.content.decode()  # the row is kept as typed
    data["questions-0-choices"] = "Venner\nSkolen"
    assert client.post(url, data).status_code == 302
    question = event.signup_questions.get()
    assert question.choice_list == ["Venner", "Skolen"]
    assert event.price_groups.get().price_ore == 5000


def test_sign_up_page_with_several_children(client, setup_event, django_assert_max_num_queries):
    heard, _allergies, groups = _parts(setup_event)
    occurrence = setup_event.occurrences.get()
    url = reverse("activities:sign_up", args=[setup_event.pk, occurrence.pk])
    client.force_login(UserFactory(email="mor@test.example"))
    response = client.get(url, {"rows": "3"})
    assert response.content.decode().count('name="form-2-participant_name"') == 1
    assert client.get(url, {"rows": "x"}).status_code == 200
    data = {**_management("form", 3), "for_self": "0"}
    for index, name in enumerate(["Ada", "Bo", ""]):
        data.update(
            {
                f"form-{index}-participant_name": name,
                f"form-{index}-participant_age": "7" if name else "",
                f"form-{index}-price_group": str(groups["Barn"].pk) if name else "",
                f"form-{index}-q_{heard.pk}": "Venner" if name else "",
            }
        )
    data[f"form-1-q_{heard.pk}"] = ""  # a required question left unanswered
    with django_assert_max_num_queries(25):
        response = client.post(url, data)
    assert response.status_code == 200 and not SignUp.objects.exists()
    assert response.context["formset"].forms[1].errors
    assert response.context["formset"].forms[0].cleaned_data["participant_name"] == "Ada"
    data[f"form-1-q_{heard.pk}"] = "Skolen"
    response = client.post(url, data)
    assert response.status_code == 302
    assert list(SignUp.objects.values_list("participant_name", "status")) == [
        ("Ada", "confirmed"),
        ("Bo", "confirmed"),
    ]


def test_participants_show_answers(client, setup_event, leader, django_assert_max_num_queries):
    heard, allergies, groups = _parts(setup_event)
    occurrence = setup_event.occurrences.get()
    actions.sign_up_many(
        UserFactory(),
        occurrence,
        [
            _child("Ada", group=groups["Barn"], answers={heard.pk: "Venner", allergies.pk: "=1+1"}),
            _child("Bo", group=groups["Gratis"], answers={heard.pk: "Skolen"}),
        ],
    )
    client.force_login(leader)
    url = reverse("activities:participants", args=[setup_event.pk, occurrence.pk])
    with django_assert_max_num_queries(17):
        page = client.get(url).content.decode()
    assert "Hvordan hørte du om det?" in page and "Skolen" in page
    body = client.get(
        reverse("activities:participants_csv", args=[setup_event.pk, occurrence.pk])
    ).content.decode("utf-8-sig")
    header, ada, _bo = body.strip().splitlines()
    assert "Allergier" in header and "'=1+1" in ada and "Barn" in ada and "50,00" in ada


def test_capacity_page(client, make_event, leader):
    event = make_event(capacity=2)
    occurrence = event.occurrences.get()
    actions.sign_up(UserFactory(), occurrence, participant_name="A")
    actions.sign_up(UserFactory(), occurrence, participant_name="B")
    url = reverse("activities:occurrence_capacity", args=[event.pk, occurrence.pk])
    client.force_login(UserFactory())
    assert client.get(url).status_code == 403
    client.force_login(leader)
    response = client.post(url, {"capacity": "1"})
    assert response.status_code == 200 and "2" in response.content.decode()
    occurrence.refresh_from_db()
    assert occurrence.capacity is None
    assert client.post(url, {"capacity": "-3"}).status_code == 200
    assert client.post(url, {"capacity": "4"}).status_code == 302
    occurrence.refresh_from_db()
    assert occurrence.capacity == 4


def test_price_groups_model_free(setup_event):
    assert PriceGroup.objects.get(event=setup_event, name="Gratis").is_free


def test_jsonld_has_an_offer_per_price_group(client, setup_event):
    import json

    body = client.get(setup_event.get_absolute_url()).content.decode()
    data = json.loads(
        re.search(r'<script type="application/ld\+json">(.*?)</script>', body, re.S)[1]
    )
    offers = {offer["name"]: offer["price"] for offer in data["offers"]}
    assert offers == {"Barn": "50.00", "Voksen": "100.00", "Gratis": "0.00"}
    assert data["isAccessibleForFree"] is False
    assert "Barn: 50,00" in body or "Barn: 50" in body


def test_row_error_from_the_action_marks_that_row(client, make_event, leader):
    event = make_event(capacity=5, max_age=12)
    occurrence = event.occurrences.get()
    client.force_login(UserFactory())
    url = reverse("activities:sign_up", args=[event.pk, occurrence.pk])
    data = {
        **_management("form", 2),
        "for_self": "0",
        "form-0-participant_name": "Ada",
        "form-0-participant_age": "7",
        "form-1-participant_name": "Bo",
        "form-1-participant_age": "15",
    }
    response = client.post(url, data)
    forms = response.context["formset"].forms
    assert not forms[0].errors and "participant_age" in forms[1].errors
    assert not SignUp.objects.exists()


def test_event_form_takes_co_organisers(client, leader, organisation, unit, age_groups):
    from dugnad.activities.models import Event
    from tests.factories import MunicipalityFactory, OrganisationFactory

    partner = OrganisationFactory(municipality=organisation.municipality, name="Ås Korps")
    elsewhere = OrganisationFactory(  # another municipality: not offered
        municipality=MunicipalityFactory(number="3220", name="Frogn"), name="Frogn Korps"
    )
    client.force_login(leader)
    url = reverse("activities:event_create")
    page = client.get(url).content.decode()
    assert partner.name in page and elsewhere.name not in page
    data = {
        "organiser": f"org:{organisation.pk}",
        "title": "Kulturhack",
        "category": "course",
        "first_day": "2030-03-01",
        "start_time": "18:00",
        "end_time": "20:00",
        "languages": "norsk",
        "price_kroner": "0",
        "waitlist_capacity": "0",
        "co_organisers": [str(partner.pk)],
        "co_organiser_units": [str(unit.pk)],
    }
    assert client.post(url, data).status_code == 302
    event = Event.objects.get()
    assert list(event.co_organisers.all()) == [partner]
    assert list(event.co_organiser_units.all()) == [unit]
    body = client.get(event.get_absolute_url()).content.decode()
    assert partner.name in body and unit.name in body
