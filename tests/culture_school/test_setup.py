"""The administrators' set-up pages (subjects, fee plans typed in kroner, income bands in G,
school years), offers limited by school grade, the home page's section and the re-registration
summary: behaviour, bad input, who may do what, and query counts."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from dugnad.core.errors import DomainError
from dugnad.core.plugins import home_sections
from dugnad.culture_school import actions, continuation, setup_actions
from dugnad.culture_school.models import (
    FeePlan,
    IncomeBand,
    Place,
    SchoolYear,
    Subject,
    grade_ages,
    school_grade,
)
from tests.factories import UserFactory

from .conftest import add_child, make_offer

pytestmark = pytest.mark.django_db


def _people(guardian, teacher, admin, unit_editor):
    return {"guardian": guardian, "teacher": teacher, "admin": admin, "other_staff": unit_editor}


# --- Permissions ---


def _pages(year, fee_plan, piano):
    band = IncomeBand.objects.create(school_year=year, up_to_g=Decimal("3.0"), reduction_percent=50)
    return [
        reverse("culture_school:subjects"),
        reverse("culture_school:subject_create"),
        reverse("culture_school:subject_edit", kwargs={"pk": piano.pk}),
        reverse("culture_school:fee_plans"),
        reverse("culture_school:fee_plan_create"),
        reverse("culture_school:fee_plan_edit", kwargs={"pk": fee_plan.pk}),
        reverse("culture_school:years"),
        reverse("culture_school:year_create"),
        reverse("culture_school:year_edit", kwargs={"year_pk": year.pk}),
        reverse("culture_school:bands", kwargs={"year_pk": year.pk}),
        reverse("culture_school:band_create", kwargs={"year_pk": year.pk}),
        reverse("culture_school:band_edit", kwargs={"year_pk": year.pk, "pk": band.pk}),
        reverse("culture_school:reregistration", kwargs={"year_pk": year.pk}),
    ], band


@pytest.mark.parametrize("who,status", [("anonymous", 302), ("guardian", 403), ("teacher", 403),
                                        ("other_staff", 403), ("admin", 200)])  # fmt: skip
def test_setup_pages_permission_matrix(
    client, who, status, year, fee_plan, piano, guardian, teacher, admin, unit_editor
):
    pages, _band = _pages(year, fee_plan, piano)
    if who != "anonymous":
        client.force_login(_people(guardian, teacher, admin, unit_editor)[who])
    for url in pages:
        assert client.get(url).status_code == status, url


WRITES = [
    ("culture_school:subject_create", {}, {"name": "Cello", "area": "music"}),
    ("culture_school:fee_plan_create", {}, {"name": "Kor", "semester_fee_ore": "950"}),
    ("culture_school:band_create", {"year": True}, {"up_to_g": "2", "reduction_percent": "100"}),
    ("culture_school:year_create", {}, {
        "name": "2027/28", "starts_on": "2027-08-16", "ends_on": "2028-06-20",
        "applications_open": "on", "offer_days": "14", "sibling_second_percent": "30",
        "sibling_third_percent": "50", "basic_amount_ore": "130 160",
    }),
]  # fmt: skip


@pytest.mark.parametrize("who", ["anonymous", "guardian", "teacher", "other_staff", "admin"])
@pytest.mark.parametrize("name,kwargs,data", WRITES)
def test_setup_writes_permission_matrix(
    client, who, name, kwargs, data, year, guardian, teacher, admin, unit_editor
):
    if who != "anonymous":
        client.force_login(_people(guardian, teacher, admin, unit_editor)[who])
    url = reverse(name, kwargs={"year_pk": year.pk} if kwargs.get("year") else None)
    counts = (Subject.objects.count(), FeePlan.objects.count(), IncomeBand.objects.count(),
              SchoolYear.objects.count())  # fmt: skip
    response = client.post(url, data)
    after = (Subject.objects.count(), FeePlan.objects.count(), IncomeBand.objects.count(),
             SchoolYear.objects.count())  # fmt: skip
    if who == "admin":
        assert response.status_code == 302
        assert sum(after) == sum(counts) + 1
    else:
        assert response.status_code == (302 if who == "anonymous" else 403)
        assert after == counts


def test_band_delete_only_by_admin(client, year, admin, teacher):
    band = IncomeBand.objects.create(
        school_year=year, up_to_g=Decimal("2.0"), reduction_percent=100
    )
    url = reverse("culture_school:band_delete", kwargs={"year_pk": year.pk, "pk": band.pk})
    client.force_login(teacher)
    assert client.post(url).status_code == 403
    client.force_login(admin)
    assert client.post(url).status_code == 302
    assert not IncomeBand.objects.filter(pk=band.pk).exists()


# --- Behaviour and bad input ---


def test_fee_plan_typed_in_kroner_is_stored_in_ore_and_shown_back(client, admin, fee_plan, school):
    client.force_login(admin)
    url = reverse("culture_school:fee_plan_edit", kwargs={"pk": fee_plan.pk})
    assert 'value="1850"' in client.get(url).content.decode()  # 185000 øre shown as kroner
    response = client.post(url, {"name": "Gruppe", "semester_fee_ore": "1 950,50"})
    assert response.status_code == 302
    fee_plan.refresh_from_db()
    assert fee_plan.semester_fee_ore == 195050
    body = client.get(reverse("culture_school:fee_plans")).content.decode()
    assert "1\xa0950,50\xa0kr" in body


def test_bad_input_keeps_what_was_typed_with_a_clear_message(client, admin, piano, fee_plan):
    client.force_login(admin)
    response = client.post(
        reverse("culture_school:fee_plan_create"), {"name": "Dyr", "semester_fee_ore": "mye"}
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Write the amount in kroner" in body and 'value="mye"' in body and 'value="Dyr"' in body
    response = client.post(
        reverse("culture_school:subject_create"),
        {"name": "piano", "area": "music", "description": "Typed text"},
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "already has a subject called piano" in body and "Typed text" in body
    assert Subject.objects.filter(name__iexact="piano").count() == 1


def test_band_rules(admin, year):
    band = setup_actions.save_band(admin, year, {"up_to_g": Decimal("3"), "reduction_percent": 50})
    assert band.limit_ore() == 3 * year.basic_amount_ore
    with pytest.raises(DomainError, match="already has a band"):
        setup_actions.save_band(admin, year, {"up_to_g": Decimal("3.0"), "reduction_percent": 25})
    with pytest.raises(DomainError, match="1 to 100"):
        setup_actions.save_band(admin, year, {"up_to_g": Decimal("4"), "reduction_percent": 0})


def test_new_year_starts_with_the_latest_years_rules_and_bands(admin, school, year):
    IncomeBand.objects.create(school_year=year, up_to_g=Decimal("2.0"), reduction_percent=100)
    data = {
        "name": "2027/28", "starts_on": year.ends_on + dt.timedelta(days=60),
        "ends_on": year.ends_on + dt.timedelta(days=360), "applications_open": False,
        "offer_days": 10, "sibling_second_percent": 25, "sibling_third_percent": 40,
        "basic_amount_ore": 13500000,
    }  # fmt: skip
    new = setup_actions.save_year(admin, school, data)
    assert [r.kind for r in new.rules.all()] == [r.kind for r in year.rules.all()]
    assert [(b.up_to_g, b.reduction_percent) for b in new.bands.all()] == [(Decimal("2.0"), 100)]
    assert new.lottery_seed and new.lottery_seed != year.lottery_seed
    with pytest.raises(DomainError, match="already has a school year"):
        setup_actions.save_year(admin, school, data)
    with pytest.raises(DomainError, match="after the first day"):
        setup_actions.save_year(admin, school, {**data, "name": "x", "ends_on": data["starts_on"]})


def test_year_settings_edit_in_kroner(client, admin, year):
    client.force_login(admin)
    url = reverse("culture_school:year_edit", kwargs={"year_pk": year.pk})
    assert 'value="130160"' in client.get(url).content.decode()
    response = client.post(url, {
        "name": year.name, "starts_on": year.starts_on.isoformat(),
        "ends_on": year.ends_on.isoformat(), "offer_days": "7", "sibling_second_percent": "20",
        "sibling_third_percent": "40", "basic_amount_ore": "135 000",
    })  # fmt: skip
    assert response.status_code == 302
    year.refresh_from_db()
    assert (year.offer_days, year.basic_amount_ore, year.applications_open) == (7, 13500000, False)


# --- School grades ---


@pytest.mark.parametrize("born,starts,grade", [
    (dt.date(2020, 1, 1), dt.date(2026, 8, 17), 1),   # turns 6 in 2026: 1st grade
    (dt.date(2020, 12, 31), dt.date(2026, 8, 17), 1),  # still 5 at the start: 1st grade too
    (dt.date(2021, 1, 1), dt.date(2026, 8, 17), 0),   # turns 6 in 2027: not at school yet
    (dt.date(2019, 6, 1), dt.date(2026, 8, 17), 2),
    (dt.date(2008, 3, 1), dt.date(2026, 8, 17), 13),  # Vg3
])  # fmt: skip
def test_school_grade_follows_the_birth_year(born, starts, grade):
    assert school_grade(born, starts) == grade


def test_offer_by_grade_refuses_a_child_outside_it(admin, guardian, school, year, piano, fee_plan):
    data = {
        "subject": piano, "programme": "broad", "teaching": "group", "minutes": 45,
        "min_age": None, "max_age": None, "min_grade": 1, "max_grade": 4, "places": 10,
        "fee_plan": fee_plan, "venue": "Skolen", "area": None, "description": "",
        "is_published": True,
    }  # fmt: skip
    offer = actions.save_offer(admin, year, data)
    assert (offer.min_age, offer.max_age) == grade_ages(1, 4) == (5, 10)
    grade = year.starts_on.year
    young = add_child(guardian, school, "Ada", age=7)
    young.birth_date = dt.date(grade - 7, 1, 10)  # 2nd grade
    young.save()
    old = add_child(guardian, school, "Bo", age=11)
    old.birth_date = dt.date(grade - 11, 1, 10)  # 6th grade
    old.save()
    assert actions.apply(guardian, young, [offer])
    with pytest.raises(DomainError, match="for grades 1 to 4; Bo is not in those grades") as err:
        actions.apply(guardian, old, [offer])
    assert err.value.code == "grade"
    with pytest.raises(DomainError, match="both the lowest and the highest grade"):
        actions.save_offer(admin, year, {**data, "max_grade": None})
    with pytest.raises(DomainError, match="from 1 to 13"):
        actions.save_offer(admin, year, {**data, "max_grade": 14})


def test_catalogue_filters_by_grade(client, year, piano, dance, fee_plan):
    by_grade = make_offer(year, piano, fee_plan, min_grade=1, max_grade=4, min_age=5, max_age=10)
    by_age = make_offer(year, dance, fee_plan, min_age=12, max_age=16)
    body = client.get(reverse("culture_school:index"), {"grade": "3"}).content.decode()
    listed = body.split('id="offers-heading"')[1]
    assert f"/kulturskole/tilbud/{by_grade.pk}/" in listed
    assert f"/kulturskole/tilbud/{by_age.pk}/" not in listed
    assert "Grades 1–4" in listed
    body = client.get(reverse("culture_school:index"), {"grade": "8"}).content.decode()
    listed = body.split('id="offers-heading"')[1]
    assert f"/kulturskole/tilbud/{by_age.pk}/" in listed  # 8th graders turn 13
    assert f"/kulturskole/tilbud/{by_grade.pk}/" not in listed
    assert client.get(reverse("culture_school:index"), {"grade": "99"}).status_code == 200


# --- Home page ---


def test_home_section_links_the_catalogue_with_free_places(
    client, municipality, offer, dance_offer
):
    sections = dict(home_sections(municipality))
    context = sections["culture_school/home_section.html"]
    assert context["free"] == offer.places + dance_offer.places
    Place.objects.create(
        pupil=add_child(UserFactory(), offer.school_year.school), offer=offer,
        started_on=timezone.localdate(),
    )  # fmt: skip
    body = client.get("/").content.decode()
    assert 'href="/kulturskole/"' in body
    assert f"{offer.places + dance_offer.places - 1} free places now" in body


def test_no_home_section_without_a_school(municipality):
    assert "culture_school/home_section.html" not in dict(home_sections(municipality))


# --- Re-registration summary ---


def test_reregistration_summary_counts_answers_and_lists_the_silent(
    client, admin, guardian, school, year, offer, dance_offer, django_assert_max_num_queries
):
    continuation.set_deadline(admin, year, timezone.localdate() + dt.timedelta(days=5), "quit")
    year.refresh_from_db()
    kids = [add_child(guardian, school, name) for name in ("Ada", "Bo", "Cy", "Di")]
    places = [Place.objects.create(pupil=k, offer=offer, started_on=year.starts_on) for k in kids]
    other = add_child(UserFactory(email="annen@test.example"), school, "Eli")
    Place.objects.create(pupil=other, offer=dance_offer, started_on=year.starts_on)
    continuation.answer(guardian, year, [(places[0], "continue", None),
                                         (places[1], "change", dance_offer),
                                         (places[2], "quit", None)])  # fmt: skip
    client.force_login(admin)
    url = reverse("culture_school:reregistration", kwargs={"year_pk": year.pk})
    with django_assert_max_num_queries(16):
        response = client.get(url)
    rows = {o.pk: o for o in response.context["offers"]}
    piano = rows[offer.pk]
    assert (piano.active_places, piano.answered_continue, piano.answered_change,
            piano.answered_quit, piano.not_answered) == (4, 1, 1, 1, 1)  # fmt: skip
    assert rows[dance_offer.pk].not_answered == 1
    assert response.context["totals"]["not_answered"] == 2
    silent = [p.pupil.first_name for p in response.context["page_obj"]]
    assert sorted(silent) == ["Di", "Eli"]
    body = response.content.decode()
    assert "annen@test.example" in body and "2 places not answered yet" in body
    # flat in the data: more silent families do not add queries
    for n in range(5):
        g = UserFactory()
        Place.objects.create(pupil=add_child(g, school, f"X{n}"), offer=offer,
                             started_on=year.starts_on)  # fmt: skip
    with django_assert_max_num_queries(16):
        client.get(url)


def test_offer_form_by_grade_without_ages(client, admin, year, piano, fee_plan):
    client.force_login(admin)
    url = f"{reverse('culture_school:offer_create')}?year={year.pk}"
    data = {
        "subject": piano.pk, "programme": "broad", "teaching": "group", "minutes": "45",
        "min_grade": "1", "max_grade": "4", "places": "12", "fee_plan": fee_plan.pk,
        "venue": "Nordby skole", "is_published": "on",
    }  # fmt: skip
    assert client.post(url, data).status_code == 302
    offer = year.offers.get()
    assert (offer.min_grade, offer.max_grade, offer.min_age, offer.max_age) == (1, 4, 5, 10)
    response = client.post(url, {**data, "min_grade": "", "max_grade": ""})
    assert response.status_code == 200
    assert "Give the age range, or a range of school grades." in response.content.decode()
    assert 'value="Nordby skole"' in response.content.decode()


def test_offers_api_filters_by_grade(client, year, piano, dance, fee_plan):
    make_offer(year, piano, fee_plan, min_grade=1, max_grade=4, min_age=5, max_age=10)
    make_offer(year, dance, fee_plan, min_age=12, max_age=16)
    rows = client.get("/api/v1/culture-school/offers?grade=2").json()["items"]
    assert [(r["subject"], r["min_grade"], r["max_grade"]) for r in rows] == [("Piano", 1, 4)]
    assert client.get("/api/v1/culture-school/offers?grade=14").status_code in (400, 422)


def test_setup_lists_query_counts_are_flat(
    client, admin, school, year, fee_plan, piano, django_assert_max_num_queries
):
    client.force_login(admin)
    pages = [
        reverse("culture_school:subjects"),
        reverse("culture_school:fee_plans"),
        reverse("culture_school:years"),
        reverse("culture_school:bands", kwargs={"year_pk": year.pk}),
    ]

    def check():
        for url in pages:
            with django_assert_max_num_queries(12):
                assert client.get(url).status_code == 200

    check()
    for n in range(6):
        subject = Subject.objects.create(school=school, name=f"Fag {n}", area="music")
        plan = FeePlan.objects.create(school=school, name=f"Sats {n}", semester_fee_ore=n * 100)
        make_offer(year, subject, plan)
        IncomeBand.objects.create(school_year=year, up_to_g=Decimal(n + 1), reduction_percent=10)
    check()
