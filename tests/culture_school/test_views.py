"""Pages: the catalogue, the family's journey, the staff's pages, and who may do what."""

import pytest
from django.urls import reverse

from dugnad.culture_school import actions
from dugnad.culture_school.models import Application, Place, PlaceOffer, Pupil
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def login(client, user):
    client.force_login(user)
    return client


def test_catalogue_shows_free_places_and_queue_with_course_jsonld(client, offer, dance_offer):
    response = client.get(reverse("culture_school:index"))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Piano" in body and "Dans" in body
    assert '"@type": "Course"' in body
    response = client.get(reverse("culture_school:index"), {"area": "dance", "age": "10"})
    assert "Piano" not in response.content.decode().split("offers-heading")[1]
    response = client.get(reverse("culture_school:index"), {"age": "abc"})
    assert response.status_code == 200


def test_catalogue_says_how_many_are_ahead(client, offer, school, admin):
    from .conftest import add_child

    for n in range(3):
        g = UserFactory()
        actions.apply(g, add_child(g, school, f"B{n}"), [offer])
    actions.make_offers(admin, offer)
    response = client.get(
        reverse("culture_school:offer", kwargs={"pk": offer.pk}), HTTP_ACCEPT_LANGUAGE="en"
    )
    assert "about 1 ahead of you" in response.content.decode()


def test_family_journey_in_pages(client, guardian, school, offer, dance_offer, admin):
    login(client, guardian)
    response = client.post(
        reverse("culture_school:pupil_add"),
        {"first_name": "Emma", "last_name": "Hansen", "birth_date": "2016-03-01"},
    )
    pupil = Pupil.objects.get(first_name="Emma")
    assert response.status_code == 302
    response = client.post(
        reverse("culture_school:apply"),
        {"pupil": pupil.pk, "choice_1": dance_offer.pk, "choice_2": offer.pk},
    )
    assert response.status_code == 302
    assert pupil.applications.count() == 2
    # applying twice: the form comes back with the reason and the choices kept
    response = client.post(
        reverse("culture_school:apply"), {"pupil": pupil.pk, "choice_1": offer.pk}
    )
    assert response.status_code == 200
    assert "already applied" in response.content.decode()
    page = client.get(reverse("culture_school:family")).content.decode()
    assert "Number 1 in line" in page or "Nummer 1" in page or "1" in page
    (made,) = actions.make_offers(admin, offer, count=1)
    response = client.post(
        reverse("culture_school:answer_offer", kwargs={"pk": made.pk}), {"answer": "accept"}
    )
    assert response.status_code == 302
    assert Place.objects.filter(pupil=pupil, offer=offer).exists()


def test_form_errors_keep_what_was_typed(client, guardian, school):
    login(client, guardian)
    response = client.post(
        reverse("culture_school:pupil_add"),
        {"first_name": "Emma", "last_name": "Hansen", "birth_date": "2999-01-01"},
    )
    assert response.status_code == 200
    assert 'value="Emma"' in response.content.decode()


STAFF_PAGES = ["culture_school:staff", "culture_school:offer_create"]


@pytest.mark.parametrize("who,status", [("anonymous", 302), ("guardian", 403), ("teacher", 403),
                                        ("other_staff", 403), ("admin", 200)])  # fmt: skip
def test_staff_pages_permission_matrix(client, who, status, offer, guardian, teacher, admin,
                                       unit_editor):  # fmt: skip
    people = {"guardian": guardian, "teacher": teacher, "admin": admin, "other_staff": unit_editor}
    if who in people:
        login(client, people[who])
    for name in STAFF_PAGES:
        assert client.get(reverse(name)).status_code == status, name
    url = reverse("culture_school:waiting_list", kwargs={"pk": offer.pk})
    assert client.get(url).status_code == status
    response = client.post(url, {"count": "1"})
    assert response.status_code == (302 if who == "admin" else status)


@pytest.mark.parametrize("who", ["anonymous", "stranger", "guardian"])
def test_answer_offer_permission_matrix(client, who, school, offer, admin):
    from .conftest import add_child

    g = UserFactory()
    pupil = add_child(g, school)
    actions.apply(g, pupil, [offer])
    (made,) = actions.make_offers(admin, offer)
    if who == "stranger":
        login(client, UserFactory())
    elif who == "guardian":
        login(client, g)
    response = client.post(
        reverse("culture_school:answer_offer", kwargs={"pk": made.pk}), {"answer": "accept"}
    )
    expected = {"anonymous": 302, "stranger": 404, "guardian": 302}[who]
    assert response.status_code == expected
    made.refresh_from_db()
    assert (made.status == PlaceOffer.Status.ACCEPTED) == (who == "guardian")


def test_admin_edits_an_offer_and_makes_offers(client, admin, offer, school, piano, fee_plan, year):
    from .conftest import add_child

    login(client, admin)
    data = {
        "subject": piano.pk, "programme": "core", "teaching": "individual", "minutes": "25",
        "min_age": "8", "max_age": "7", "places": "3", "fee_plan": fee_plan.pk,
        "venue": "Kulturhuset", "is_published": "on",
    }  # fmt: skip
    response = client.post(reverse("culture_school:offer_edit", kwargs={"pk": offer.pk}), data)
    assert response.status_code == 200  # oldest below youngest: shown on the form
    data["max_age"] = "19"
    response = client.post(reverse("culture_school:offer_edit", kwargs={"pk": offer.pk}), data)
    assert response.status_code == 302
    offer.refresh_from_db()
    assert offer.places == 3
    g = UserFactory()
    actions.apply(g, add_child(g, school), [offer])
    url = reverse("culture_school:waiting_list", kwargs={"pk": offer.pk})
    page = client.get(url).content.decode()
    assert "child or young person" in page or "barn" in page.lower()
    application = Application.objects.get()
    assert client.post(url, {"application": application.pk}).status_code == 302
    assert PlaceOffer.objects.open().count() == 1
    response = client.post(reverse("culture_school:rules", kwargs={"year_pk": year.pk}),
                           {"rule_1": "earlier_application"})  # fmt: skip
    assert response.status_code == 302
    assert [r.kind for r in year.rules.all()] == ["earlier_application"]
    assert (
        client.post(reverse("culture_school:lottery", kwargs={"year_pk": year.pk})).status_code
        == 302
    )


def test_waiting_list_view_is_in_the_access_log(client, admin, offer, school):
    from dugnad.core.models import PersonalDataAccess

    from .conftest import add_child

    g = UserFactory()
    actions.apply(g, add_child(g, school), [offer])
    login(client, admin)
    client.get(reverse("culture_school:waiting_list", kwargs={"pk": offer.pk}))
    assert PersonalDataAccess.objects.filter(viewer=admin).count() == 1


def test_catalogue_query_count_does_not_grow(
    client, year, piano, fee_plan, django_assert_max_num_queries
):
    from .conftest import make_offer

    for n in range(15):
        make_offer(year, piano, fee_plan, min_age=6 + n % 5)
    with django_assert_max_num_queries(12):
        assert client.get(reverse("culture_school:index")).status_code == 200


def test_family_page_query_count(
    client, guardian, school, offer, dance_offer, django_assert_max_num_queries
):
    from .conftest import add_child

    for n in range(4):
        actions.apply(guardian, add_child(guardian, school, f"B{n}"), [offer, dance_offer])
    login(client, guardian)
    with django_assert_max_num_queries(25):
        assert client.get(reverse("culture_school:family")).status_code == 200


def test_invitation_page(client, guardian, child):
    other = UserFactory(email="far@test.example")
    invitation = actions.invite_guardian(guardian, child, "far@test.example", "http://x")
    login(client, other)
    url = reverse("culture_school:invitation", kwargs={"token": invitation.token})
    assert client.get(url).status_code == 200
    assert client.post(url).status_code == 302
    assert child.guardianships.filter(user=other).exists()


def test_admin_sets_the_population_for_the_reach_figure(client, admin, guardian, year):
    url = reverse("culture_school:population", kwargs={"year_pk": year.pk})
    login(client, guardian)
    assert client.post(url, {"population": "2900"}).status_code == 403
    login(client, admin)
    assert client.post(url, {"population": "abc"}).status_code == 302
    assert client.post(url, {"population": "2900"}).status_code == 302
    year.refresh_from_db()
    assert year.population_6_15 == 2900
