"""The report's attachments: listed to staff on the case page and to the applicant, served only
with rights."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from dugnad.grants import actions
from dugnad.grants.models import WorkflowTransition

pytestmark = pytest.mark.django_db


@pytest.fixture
def reported(in_review, case_handler, leader):
    actions.decide(
        case_handler, in_review, outcome="approved", amount=12_500_00, justification="Bra"
    )
    in_review.refresh_from_db()
    paid = WorkflowTransition.objects.get(
        scheme=in_review.scheme, source=in_review.state, target__kind="paid"
    )
    actions.take_transition(case_handler, in_review, paid)
    in_review.refresh_from_db()
    pdf = b"%PDF-1.4\n%%EOF\n"
    upload = SimpleUploadedFile("regnskap.pdf", pdf, content_type="application/pdf")
    actions.submit_report(
        leader,
        in_review,
        what_was_done="Leir",
        amount_used=12_000_00,
        results="40 barn",
        upload=upload,
        mime="application/pdf",
    )
    in_review.refresh_from_db()
    return in_review


def _item(application):
    return application.attachments.get(for_report=True)


def test_case_page_lists_report_attachment(client, case_handler, reported):
    item = _item(reported)
    client.force_login(case_handler)
    page = client.get(reverse("grants:case", args=[reported.pk])).content.decode()
    assert "regnskap.pdf" in page
    assert reverse("grants:attachment", args=[reported.pk, item.pk]) in page


def test_applicant_sees_report_attachment(client, leader, reported):
    item = _item(reported)
    client.force_login(leader)
    page = client.get(reverse("grants:application", args=[reported.pk])).content.decode()
    assert reverse("grants:attachment", args=[reported.pk, item.pk]) in page


def test_report_attachment_not_in_answers_list(client, leader, reported):
    # The report's file belongs to the report, not to the application's answers.
    client.force_login(leader)
    page = client.get(reverse("grants:application", args=[reported.pk])).content.decode()
    assert page.count("regnskap.pdf") == 1


@pytest.mark.parametrize(
    "role, status",
    [
        ("anonymous", 302),
        ("other_org", 403),
        ("inhabil", 403),
        ("applicant", 200),
        ("handler", 200),
        ("viewer", 200),
    ],
)
def test_report_attachment_rights(
    client, role, status, reported, leader, other_leader, case_handler, inhabil_handler, unit_viewer
):
    people = {
        "anonymous": None,
        "applicant": leader,
        "other_org": other_leader,
        "handler": case_handler,
        "inhabil": inhabil_handler,
        "viewer": unit_viewer,
    }
    if role == "inhabil":
        actions.declare_conflict(inhabil_handler, reported, "Styremedlem i laget.")
    if people[role] is not None:
        client.force_login(people[role])
    response = client.get(reverse("grants:attachment", args=[reported.pk, _item(reported).pk]))
    assert response.status_code == status
    if status == 200:
        assert response["Content-Type"] == "application/pdf"
        assert b"%PDF" in b"".join(response.streaming_content)


def test_report_attachment_under_another_application_is_404(
    client, reported, other_leader, other_organisation, scheme, open_round
):
    # Rights on one's own application never open another application's file by its id.
    own = actions.start_application(other_leader, scheme, other_organisation, open_round)
    client.force_login(other_leader)
    url = reverse("grants:attachment", args=[own.pk, _item(reported).pk])
    assert client.get(url).status_code == 404
