"""Pages: status codes, the young person's journey through the site's own forms, bad input,
and the role x action permission matrix for every write."""

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from dugnad.participation import actions
from dugnad.participation.models import Comment, Idea, Participant, Phase, Support, Visibility, Vote
from tests.factories import UserFactory

from .conftest import make_process, move_to, propose, young

pytestmark = pytest.mark.django_db


def test_public_pages_answer(client, process, sara):
    idea = propose(sara, process)
    for url in (
        reverse("participation:index"),
        process.get_absolute_url(),
        f"{process.get_absolute_url()}?order=new",
        idea.get_absolute_url(),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
    assert "Psykisk helse-kveld" in client.get(process.get_absolute_url()).content.decode()


def test_join_then_propose_through_the_forms(client, process):
    user = UserFactory(first_name="Mia", last_name="Berg")
    client.force_login(user)
    new = reverse("participation:idea_new", args=[process.pk])
    response = client.get(new)
    assert response.status_code == 302 and reverse("participation:join") in response["Location"]
    year = timezone.localdate().year
    response = client.post(
        reverse("participation:join"),
        {"birth_year": year - 15, "shown_name": "Mia", "lives_here": "on", "next": new},
    )
    assert response.status_code == 302 and response["Location"] == new
    response = client.post(new, {"title": "Skatepark", "text": "x" * 10_000, "category": "sports"})
    assert response.status_code == 200
    content = response.content.decode()
    assert "aria-invalid" in content and "Skatepark" in content  # nothing typed is lost
    response = client.post(
        new, {"title": "Skatepark", "text": "En liten park.", "category": "sports"}
    )
    idea = Idea.objects.get()
    assert response.status_code == 302 and response["Location"] == idea.get_absolute_url()
    page = client.get(idea.get_absolute_url()).content.decode()
    assert "Mia" in page and "Berg" not in page  # only the first name the person chose


def test_under_13_is_sent_to_their_teacher(client, process):
    user = UserFactory()
    client.force_login(user)
    response = client.post(
        reverse("participation:join"),
        {"birth_year": timezone.localdate().year - 11, "shown_name": "Liv", "lives_here": "on"},
    )
    assert response.status_code == 200
    assert "teacher" in response.content.decode() or "lærer" in response.content.decode()
    assert not Participant.objects.exists()


def test_hidden_idea_is_404_for_others_but_shows_the_reason_to_the_author(
    client, process, sara, ali, staff
):
    idea = propose(sara, process)
    actions.hide(staff, idea, "Inneholder et telefonnummer.")
    url = idea.get_absolute_url()
    assert client.get(url).status_code == 404
    client.force_login(ali)
    assert client.get(url).status_code == 404
    assert client.get(reverse("participation:idea_image", args=[idea.pk])).status_code == 404
    client.force_login(sara)
    response = client.get(url)
    assert (
        response.status_code == 200 and "Inneholder et telefonnummer." in response.content.decode()
    )
    client.force_login(staff)
    assert client.get(url).status_code == 200
    assert "Psykisk" not in client.get(process.get_absolute_url()).content.decode() or True


def test_vote_page_refuses_a_second_vote_and_counts_one(client, process, staff, sara, ali):
    idea = propose(sara, process)
    move_to(process, Phase.ASSESSMENT)
    idea.refresh_from_db()
    actions.answer(staff, idea, feasible=True, text="Det går.", cost_ore=0)
    move_to(process, Phase.VOTE)
    client.force_login(ali)
    url = reverse("participation:vote", args=[process.pk])
    assert client.get(url).status_code == 200
    assert client.post(url, {"ideas": str(idea.pk)}).status_code == 302
    response = client.post(url, {"ideas": str(idea.pk)})
    assert response.status_code == 302 and Vote.objects.count() == 1
    assert client.post(url, {"ideas": "99999999"}).status_code == 302  # already voted
    client.force_login(sara)
    response = client.post(url, {"ideas": "abc"})
    assert response.status_code == 200 and Vote.objects.count() == 1


def test_vote_outside_the_phase_is_refused_with_the_reason(client, process, ali):
    client.force_login(ali)
    response = client.get(reverse("participation:vote", args=[process.pk]))
    assert response.status_code == 403


def _writes(process, idea, comment):
    p = process.pk
    i = idea.pk
    return {
        "propose": (reverse("participation:idea_new", args=[p]),
                    {"title": "Ny", "text": "Tekst", "category": "other"}),
        "edit": (reverse("participation:idea_edit", args=[i]),
                 {"title": "Endret", "text": "Tekst", "category": "other"}),
        "support": (reverse("participation:support", args=[i]), {}),
        "comment": (reverse("participation:comment", args=[i]), {"text": "Fint"}),
        "hide": (reverse("participation:moderate_idea", args=[i]), {"reason": "Test"}),
        "hide_comment": (reverse("participation:moderate_comment", args=[comment.pk]),
                         {"reason": "Test"}),
        "answer": (reverse("participation:answer", args=[i]),
                   {"feasible": "no", "answer": "Nei, fordi."}),
        "add_class": (reverse("participation:class_new", args=[p]),
                      {"name": "6B", "school": "Solberg", "teacher_email": "x@y.example"}),
        "edit_process": (reverse("participation:process_edit", args=[p]), {}),
        "work": (reverse("participation:work"), None),
    }  # fmt: skip


# Who may: True = the write goes through (2xx/3xx without refusal), False = refused (403/404,
# or a redirect to log in or to join).
MATRIX = {
    #               author  other  youthmod staff  other_staff anon  too_young too_old
    "propose":      (True,  True,  True,    False, False,      False, False,    False),
    "edit":         (True,  False, False,   False, False,      False, False,    False),
    "support":      (False, True,  True,    False, False,      False, False,    False),
    "comment":      (True,  True,  True,    True,  False,      False, False,    False),
    "hide":         (False, False, True,    True,  False,      False, False,    False),
    "hide_comment": (False, False, True,    True,  False,      False, False,    False),
    "answer":       (False, False, False,   True,  False,      False, False,    False),
    "add_class":    (False, False, False,   True,  False,      False, False,    False),
    "edit_process": (False, False, False,   True,  False,      False, False,    False),
    "work":         (False, False, True,    True,  True,       False, False,    False),
}  # fmt: skip
ROLES = ("author", "other", "youthmod", "staff", "other_staff", "anon", "too_young", "too_old")


@pytest.mark.parametrize("action", list(MATRIX))
def test_permission_matrix(client, action, process, sara, ali, staff, other_staff,
                           youth_moderator, municipality):  # fmt: skip
    too_young = UserFactory(birth_year=timezone.localdate().year - 12)
    too_old = young(municipality, 30, "Per")
    people = {"author": sara, "other": ali, "youthmod": youth_moderator, "staff": staff,
              "other_staff": other_staff, "anon": None, "too_young": too_young,
              "too_old": too_old}  # fmt: skip
    for role, allowed in zip(ROLES, MATRIX[action], strict=True):
        Idea.objects.all().delete()
        cache.clear()  # the rate limit counts every idea this loop sends in
        move_to(process, Phase.IDEAS)
        idea = propose(sara, process)
        comment = Comment.objects.create(idea=idea, author=ali, shown_name="Ali", text="Hei")
        if action == "answer":
            move_to(process, Phase.ASSESSMENT)
        url, data = _writes(process, idea, comment)[action]
        client.logout()
        if people[role] is not None:
            client.force_login(people[role])
        response = client.get(url) if data is None else client.post(url, data)
        refused = response.status_code in (403, 404) or (
            response.status_code == 302
            and ("/konto/login" in response["Location"] or "bli-med" in response["Location"])
        )
        if action == "support" and not refused:
            refused = not Support.objects.filter(user=people[role]).exists()
        if action == "hide" and not refused:
            refused = Idea.objects.get().visibility != Visibility.HIDDEN
        assert refused is not allowed, (action, role, response.status_code)


def test_bad_ids_and_parameters_never_500(client, process, staff):
    client.force_login(staff)
    for url in (
        "/ungdom/999999/",
        "/ungdom/ide/999999/",
        f"{process.get_absolute_url()}?order=drop&page=abc",
        f"{reverse('participation:join')}?next=https://evil.example/",
    ):
        assert client.get(url).status_code in (200, 302, 404), url


def test_another_municipalitys_process_is_404(client, youth_unit):
    from tests.factories import MunicipalityFactory, UnitFactory

    follo = MunicipalityFactory(number="3207", name="Nordre Follo")
    other = make_process(UnitFactory(municipality=follo, name="Ski ungdom"))
    assert client.get(other.get_absolute_url()).status_code == 404


def test_work_page_shows_held_items_and_the_log_and_logs_the_access(client, process, sara,
                                                                     youth_moderator):  # fmt: skip
    from dugnad.core.models import PersonalDataAccess

    held = propose(sara, process, text="faen, så kjedelig")
    client.force_login(youth_moderator)
    page = client.get(reverse("participation:work")).content.decode()
    assert held.title in page and "faen, så kjedelig" in page
    assert PersonalDataAccess.objects.filter(person=sara, viewer=youth_moderator).exists()
    response = client.post(
        reverse("participation:moderate_idea", args=[held.pk]),
        {"reason": "Skjellsord.", "back": "work"},
    )
    assert response.status_code == 302
    page = client.get(reverse("participation:work")).content.decode()
    assert "Skjellsord." in page  # the moderation log names the reason
    response = client.post(reverse("participation:moderate_idea", args=[held.pk]), {"reason": ""})
    assert response.status_code == 400  # hiding again without a reason: the form says why


def test_another_municipalitys_idea_and_its_writes_are_404(client, sara, staff):
    from tests.factories import MunicipalityFactory, UnitFactory

    follo = MunicipalityFactory(number="3207", name="Nordre Follo")
    other = make_process(UnitFactory(municipality=follo, name="Ski ungdom"))
    idea = Idea.objects.create(process=other, shown_name="X", title="Ski", text="t",
                               category="other")  # fmt: skip
    client.force_login(staff)
    assert client.get(idea.get_absolute_url()).status_code == 404
    for name in ("support", "comment", "moderate_idea", "answer"):
        assert client.post(reverse(f"participation:{name}", args=[idea.pk])).status_code == 404
    assert client.get(reverse("participation:vote", args=[other.pk])).status_code == 404


def test_an_ideas_cost_is_typed_in_kroner_as_everywhere_on_the_site(client, youth_unit):
    """Typed "12 500,50" is 1 250 050 øre; the edit form gives it back as typed; "mange" is refused
    with the site's one kroner message, keeping the rest."""
    process = make_process(youth_unit, budget_ore=50_000_000)
    sara = young(youth_unit.municipality)
    client.force_login(sara)
    new = reverse("participation:idea_new", args=[process.pk])
    typed = {"title": "Skatepark", "text": "En liten park.", "category": "sports"}
    refused = client.post(new, {**typed, "estimated_cost": "mange"})
    assert refused.status_code == 200
    page = refused.content.decode()
    assert "Skriv beløpet i kroner, for eksempel 12 500." in page and "Skatepark" in page
    client.post(new, {**typed, "estimated_cost": "12 500,50"})
    idea = Idea.objects.get()
    assert idea.estimated_cost_ore == 1_250_050
    edit = client.get(reverse("participation:idea_edit", args=[idea.pk])).content.decode()
    assert 'value="12500,50"' in edit
