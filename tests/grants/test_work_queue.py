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
