"""A case handler's work queue and the case list's filters (mine, overdue, search)."""

import datetime as dt

from django.urls import reverse

from dugnad.grants import actions, queries


def test_cases_without_a_handler_then_mine(submitted, case_handler, citizen):
    municipality = submitted.scheme.municipality
    items = {i.label: i for i in queries.work_queue(case_handler, municipality)}
    assert [i.count for i in items.values()] == [1]
    assert "status=received" in next(iter(items.values())).url
    actions.assign(case_handler, submitted, handler=case_handler, reviewers=[])
    items = queries.work_queue(case_handler, municipality)
    assert [(i.count, i.url) for i in items] == [(1, reverse("grants:cases") + "?mine=1")]
    assert queries.work_queue(citizen, municipality) == []


def test_reports_overdue_are_listed_and_filtered(submitted, case_handler):
    from dugnad.grants.models import StateKind, WorkflowState

    submitted.state = WorkflowState.objects.get(scheme=submitted.scheme, kind=StateKind.PAID)
    submitted.save()
    submitted.round.report_due = dt.date(2000, 1, 1)
    submitted.round.save()
    municipality = submitted.scheme.municipality
    overdue = [i for i in queries.work_queue(case_handler, municipality) if "overdue" in i.url]
    assert overdue and overdue[0].count == 1 and overdue[0].urgent
    found = queries.case_list(case_handler, municipality, overdue=True)
    assert list(found) == [submitted]


def test_case_list_filters_on_the_page(client, submitted, case_handler):
    client.force_login(case_handler)
    url = reverse("grants:cases")
    assert submitted.reference in client.get(url, {"q": submitted.reference}).content.decode()
    assert submitted.reference not in client.get(url, {"q": "ingenting-slikt"}).content.decode()
    assert submitted.reference not in client.get(url, {"mine": "1"}).content.decode()
    assert client.get(url, {"overdue": "1", "status": "received"}).status_code == 200


def test_case_history_is_in_words(client, in_review, case_handler):
    actions.add_note(case_handler, in_review, "Sjekk budsjettet")
    client.force_login(case_handler)
    page = client.get(reverse("grants:case", args=[in_review.pk]), HTTP_ACCEPT_LANGUAGE="en")
    text = page.content.decode()
    assert "grants.case.note_added" not in text and "Internal note added" in text
    # The application comes before the forms that act on it.
    assert text.index('id="answers-heading"') < text.index('id="steps-heading"')


def _decision(**changes):
    return {
        "outcome": "approved",
        "amount": "",
        "justification": "Godt formål",
        "purpose": "",
        "conditions": "",
        "budget_override_reason": "",
        **changes,
    }


def test_the_letter_is_previewed_before_deciding(client, in_review, case_handler):
    amount = str(in_review.amount_requested // 100)
    client.force_login(case_handler)
    url = reverse("grants:decide", args=[in_review.pk])
    preview = client.post(url, {**_decision(amount=amount), "preview": "1"})
    assert preview.status_code == 200 and preview.context["preview"]
    assert "Godt formål" in preview.context["preview"]
    in_review.refresh_from_db()
    assert not hasattr(in_review, "decision")
    done = client.post(url, _decision(amount=amount))
    assert done.status_code == 302


def test_a_letter_with_a_report_deadline_gone_by_is_refused(client, in_review, case_handler):
    in_review.round.report_due = dt.date(2000, 1, 1)
    in_review.round.save()
    client.force_login(case_handler)
    amount = str(in_review.amount_requested // 100)
    response = client.post(reverse("grants:decide", args=[in_review.pk]), _decision(amount=amount))
    assert response.status_code == 400
    in_review.refresh_from_db()
    assert not hasattr(in_review, "decision")


def test_overview_has_budget_columns(client, submitted, case_handler):
    client.force_login(case_handler)
    response = client.get(reverse("grants:overview"))
    assert response.status_code == 200
    rows = response.context["budgets"]
    assert rows and {"budget", "awarded", "remaining", "waiting"} <= set(rows[0])
    assert rows[0]["waiting"] == submitted.amount_requested
