"""Pages, the permission matrix over every write, query counts, CSV/XLSX and the API."""

import pytest
from django.urls import reverse

from dugnad.accounts.models import ApiToken
from dugnad.grants import actions
from dugnad.grants.models import Application, Decision, WorkflowTransition

from .conftest import good_data

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "applicant", "other_org", "handler", "inhabil", "reviewer", "viewer"]


@pytest.fixture
def people(leader, other_leader, case_handler, inhabil_handler, reviewer, unit_viewer):
    return {
        "anonymous": None,
        "applicant": leader,
        "other_org": other_leader,
        "handler": case_handler,
        "inhabil": inhabil_handler,
        "reviewer": reviewer,
        "viewer": unit_viewer,
    }


def as_(client, person):
    if person is not None:
        client.force_login(person)
    return client


# Which roles may do each write on a case in review (the applicant's own writes are below).
CASE_WRITES = {
    "transition": {"handler"},
    "note": {"handler", "reviewer"},
    "score": {"handler", "reviewer"},
    "decide": {"handler"},
    "conflict": {"handler", "reviewer", "viewer"},
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("write", sorted(CASE_WRITES))
def test_case_write_matrix(client, people, with_conflict, case_handler, reviewer, role, write):
    application = with_conflict
    actions.assign(case_handler, application, handler=case_handler, reviewers=[reviewer])
    as_(client, people[role])
    pk = application.pk
    if write == "transition":
        # Review -> decided is a decision step; use a non-decision workflow edge instead.
        paid = WorkflowTransition.objects.get(
            scheme=application.scheme, source__kind="review", target__kind="approved"
        )
        paid.target = application.scheme.states.get(kind="closed")
        paid.save()
        response = client.post(reverse("grants:transition", args=[pk, paid.pk]))
        done = Application.objects.get(pk=pk).state.kind == "closed"
    elif write == "note":
        response = client.post(reverse("grants:note", args=[pk]), {"text": "Notat"})
        done = application.notes.exists()
    elif write == "score":
        response = client.post(reverse("grants:score", args=[pk]), {"c0": "3", "c1": "4"})
        done = application.scores.exists()
    elif write == "decide":
        response = client.post(
            reverse("grants:decide", args=[pk]),
            {"outcome": "approved", "amount": "12500", "justification": "Bra"},
        )
        done = Decision.objects.exists()
    else:
        response = client.post(reverse("grants:conflict", args=[pk]), {"reason": "Inhabil"})
        done = application.conflicts.count() == 2
    assert done is (role in CASE_WRITES[write]), (role, write, response.status_code)
    assert response.status_code < 500


@pytest.mark.parametrize("role", ROLES)
def test_edit_and_submit_matrix(client, people, filled, role):
    as_(client, people[role])
    response = client.post(
        reverse("grants:edit", args=[filled.pk]),
        {**good_data(filled, title="Endret"), "action": "submit"},
    )
    filled.refresh_from_db()
    assert (not filled.is_draft) is (role == "applicant")
    assert (filled.title == "Endret") is (role == "applicant")
    assert response.status_code < 500


@pytest.mark.parametrize("role", ROLES)
def test_view_matrix(client, people, with_conflict, role):
    as_(client, people[role])
    with_conflict.reviewers.add(people["reviewer"])
    app_page = client.get(reverse("grants:application", args=[with_conflict.pk]))
    case_page = client.get(reverse("grants:case", args=[with_conflict.pk]))
    may_see_app = role in {"applicant", "handler", "reviewer", "viewer"}
    may_see_case = role in {"handler", "reviewer", "viewer"}
    assert (app_page.status_code == 200) is may_see_app
    assert (case_page.status_code == 200) is may_see_case


def test_internal_notes_never_shown_to_applicant(client, leader, in_review, case_handler):
    actions.add_note(case_handler, in_review, "Hemmelig vurdering")
    client.force_login(leader)
    assert "Hemmelig vurdering" not in client.get(in_review.get_absolute_url()).content.decode()
    assert client.get(reverse("grants:case", args=[in_review.pk])).status_code == 403


def test_full_submit_shows_all_problems_and_keeps_input(client, leader, draft):
    client.force_login(leader)
    response = client.post(
        reverse("grants:edit", args=[draft.pk]),
        {"version": "1", "title": "Mitt prosjekt", "f_belop": "-4", "action": "submit"},
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "Mitt prosjekt" in body and 'value="-4"' in body
    assert body.count('class="ds-validation-message"') >= 4
    draft.refresh_from_db()
    assert draft.is_draft and draft.title == "Mitt prosjekt"


def test_double_submit_posts_once(client, leader, filled):
    client.force_login(leader)
    url = reverse("grants:submit", args=[filled.pk])
    first, second = client.post(url), client.post(url)
    assert first.status_code == second.status_code == 302
    assert Application.objects.submitted().count() == 1


def test_autosave_and_stale_tab(client, leader, draft):
    client.force_login(leader)
    url = reverse("grants:autosave", args=[draft.pk])
    ok = client.post(url, good_data(draft, title="Tastet"), headers={"HX-Request": "true"})
    assert ok.status_code == 200 and 'value="2"' in ok.content.decode()
    stale = client.post(url, good_data(draft, title="Gammel fane"))
    assert stale.status_code == 409
    draft.refresh_from_db()
    assert draft.title == "Tastet"
    # The full-page save from the old tab keeps its text and offers a deliberate overwrite.
    page = client.post(
        reverse("grants:edit", args=[draft.pk]), good_data(draft, version="1", title="Gammel fane")
    )
    assert page.status_code == 409 and "Gammel fane" in page.content.decode()


def test_attachment_served_only_with_rights(client, leader, other_leader, draft):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("b.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")
    actions.save_draft(leader, draft, good_data(draft), {"f_budsjett": upload})
    item = draft.attachments.get()
    url = reverse("grants:attachment", args=[draft.pk, item.pk])
    client.force_login(other_leader)
    assert client.get(url).status_code == 403
    client.force_login(leader)
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"


def _decided(in_review, case_handler):
    actions.decide(
        case_handler,
        in_review,
        outcome="approved",
        amount=12_500_00,
        justification="Bra tiltak",
        purpose="Sommerleir",
    )
    return in_review


def test_letter_and_print(client, leader, in_review, case_handler):
    _decided(in_review, case_handler)
    client.force_login(leader)
    page = client.get(reverse("grants:letter", args=[in_review.pk]))
    printable = client.get(reverse("grants:letter", args=[in_review.pk]) + "?utskrift=1")
    assert "Bra tiltak" in page.content.decode()
    assert "letter.css" in printable.content.decode()


def test_awards_page_csv_and_api(client, in_review, case_handler, django_assert_max_num_queries):
    _decided(in_review, case_handler)
    with django_assert_max_num_queries(8):
        page = client.get(reverse("grants:awards"))
    assert "Sommerleir" in page.content.decode()
    csv = client.get(reverse("grants:awards_csv")).content.decode("utf-8-sig")
    assert "Sommerleir" in csv and "12500.00" in csv
    api = client.get("/api/v1/grants/awards", {"year": in_review.round.year}).json()
    assert api["items"][0]["amount_ore"] == 12_500_00
    assert client.get("/api/v1/grants/awards", {"year": 1990}).json()["items"] == []


def test_api_schemes_and_mine(client, leader, submitted, other_leader):
    schemes = client.get("/api/v1/grants/schemes").json()["items"]
    assert schemes[0]["slug"] == "aktivitetstilskudd" and schemes[0]["rounds"][0]["is_open"]
    assert client.get("/api/v1/grants/applications/mine").status_code == 401
    raw = ApiToken.new_raw_key()
    from datetime import timedelta

    from django.utils import timezone

    ApiToken.objects.create(
        user=leader,
        key_hash=ApiToken.hash(raw),
        prefix=raw[:8],
        expires_at=timezone.now() + timedelta(days=1),
    )
    mine = client.get(
        "/api/v1/grants/applications/mine", headers={"Authorization": f"Bearer {raw}"}
    ).json()
    assert mine["items"][0]["state"] == "received"
    client.force_login(other_leader)
    assert client.get("/api/v1/grants/applications/mine").json()["items"] == []


def test_overview_and_xlsx(client, case_handler, citizen, submitted):
    client.force_login(citizen)
    assert client.get(reverse("grants:overview")).status_code == 403
    client.force_login(case_handler)
    assert client.get(reverse("grants:overview")).status_code == 200
    xlsx = client.get(reverse("grants:overview") + "?format=xlsx")
    assert xlsx.content[:2] == b"PK"


def _more_cases(scheme, open_round, organisation, leader, n):
    for _ in range(n):
        app = actions.start_application(leader, scheme, organisation, open_round)
        actions.save_draft(leader, app, good_data(app))
        app.refresh_from_db()
        actions.submit_application(leader, app)


@pytest.mark.parametrize("page", ["grants:index", "grants:cases", "grants:mine"])
def test_query_counts_do_not_grow(
    client,
    case_handler,
    leader,
    scheme,
    open_round,
    organisation,
    submitted,
    page,
    django_assert_max_num_queries,
):
    client.force_login(leader if page == "grants:mine" else case_handler)
    with django_assert_max_num_queries(14) as few:
        assert client.get(reverse(page)).status_code == 200
    _more_cases(scheme, open_round, organisation, leader, 4)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse(page))


def test_case_page_query_count(client, case_handler, in_review, django_assert_max_num_queries):
    client.force_login(case_handler)
    with django_assert_max_num_queries(30):
        assert client.get(reverse("grants:case", args=[in_review.pk])).status_code == 200


def test_public_pages(client, scheme, open_round):
    assert client.get(reverse("grants:index")).status_code == 200
    assert client.get(scheme.get_absolute_url()).status_code == 200
    assert client.get(reverse("grants:preview", args=[scheme.slug])).status_code == 403


def test_same_tab_may_save_after_its_own_autosave(client, leader, draft):
    client.force_login(leader)
    data = good_data(draft, tab="tab-a")
    client.post(reverse("grants:autosave", args=[draft.pk]), data)
    # The tab's full save still carries version 1; its own autosave is not "newer work".
    response = client.post(reverse("grants:edit", args=[draft.pk]), {**data, "title": "Ny"})
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.title == "Ny" and draft.version == 3
    other = client.post(
        reverse("grants:edit", args=[draft.pk]), good_data(draft, version="1", tab="tab-b")
    )
    assert other.status_code == 409


def test_case_list_rule_admits_handlers_viewers_and_reviewers(
    case_handler, citizen, reviewer, submitted
):
    from django.utils import translation

    from dugnad.grants import rules

    assert rules.can_see_case_list(case_handler)
    with translation.override("en"):
        verdict = rules.can_see_case_list(reviewer)
        assert not verdict and "asked to review" in str(verdict.reason)
    submitted.reviewers.add(reviewer)
    assert rules.can_see_case_list(reviewer)
    assert not rules.can_see_case_list(citizen)
