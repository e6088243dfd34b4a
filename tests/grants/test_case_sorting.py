"""The staff case list sorts on the server (`?sort=`), with aria-sort on the sorted column."""

import re

import pytest
from django.urls import reverse

from dugnad.grants import actions

from .conftest import good_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_cases(submitted, other_leader, other_organisation, scheme, open_round):
    second = actions.start_application(other_leader, scheme, other_organisation, open_round)
    actions.save_draft(
        other_leader, second, good_data(second, f_belop="20 000", title="Stor søknad")
    )
    second.refresh_from_db()
    return submitted, actions.submit_application(other_leader, second)


def _order(response) -> list[str]:
    return re.findall(r"(TS-\d{5})", response.content.decode())


def test_sorting_by_amount_both_ways(client, case_handler, two_cases):
    small, large = two_cases
    client.force_login(case_handler)
    url = reverse("grants:cases")
    up = client.get(url, {"sort": "amount"})
    assert _order(up) == [small.reference, large.reference]
    assert re.search(r'aria-sort="ascending"><a[^>]*sort=-amount', up.content.decode())
    down = client.get(url, {"sort": "-amount"})
    assert _order(down) == [large.reference, small.reference]
    assert down.content.decode().count("aria-sort=") == 1
    assert 'aria-sort="descending"' in down.content.decode()


def test_the_default_is_newest_first_and_unknown_sorts_fall_back(client, case_handler, two_cases):
    first, second = two_cases
    client.force_login(case_handler)
    for params in ({}, {"sort": "'; drop table"}, {"sort": "-password"}):
        response = client.get(reverse("grants:cases"), params)
        assert response.status_code == 200
        assert _order(response) == [second.reference, first.reference]


def test_sorting_keeps_the_filters(client, case_handler, two_cases):
    client.force_login(case_handler)
    response = client.get(reverse("grants:cases"), {"sort": "amount", "q": "Stor"})
    assert _order(response) == [two_cases[1].reference]
    assert "q=Stor" in response.content.decode()
    assert 'name="sort" value="amount"' in response.content.decode()


def test_sorted_list_has_a_flat_query_count(
    client, case_handler, two_cases, django_assert_max_num_queries
):
    client.force_login(case_handler)
    for sort in ("handler", "-status", "report_due"):
        with django_assert_max_num_queries(12):
            client.get(reverse("grants:cases"), {"sort": sort})
