"""core.paging.page_of: the pages Paginator gives, with no COUNT when the first page is all
there is; and the directory page, which pages through it, shows its rows' areas unjoined."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from dugnad.core.models import Area
from dugnad.core.paging import HeadFirstRows, page_of
from dugnad.organisations.models import Organisation

from ..factories import OrganisationFactory as make_organisation

pytestmark = pytest.mark.django_db


def _counts(captured) -> int:
    return sum("COUNT(" in query["sql"].upper() for query in captured.captured_queries)


@pytest.fixture
def names(municipality):
    for n in range(7):
        make_organisation(municipality=municipality, name=f"Lag {n}")
    return Organisation.objects.filter(municipality=municipality).order_by("name")


def test_a_short_first_page_is_counted_by_its_length(names):
    with CaptureQueriesContext(connection) as captured:
        page = page_of(names, None, per_page=10)
    assert [o.name for o in page.object_list] == [f"Lag {n}" for n in range(7)]
    assert (page.paginator.count, page.has_next()) == (7, False)
    assert len(captured.captured_queries) == 1
    assert _counts(captured) == 0


def test_a_full_first_page_and_later_pages_count_and_read_their_own_slice(names):
    with CaptureQueriesContext(connection) as captured:
        first = page_of(names, "1", per_page=3)
    assert [o.name for o in first.object_list] == ["Lag 0", "Lag 1", "Lag 2"]
    assert (first.paginator.count, first.paginator.num_pages) == (7, 3)
    # The first page was read once, before the count, and served from what was read.
    assert (len(captured.captured_queries), _counts(captured)) == (2, 1)
    last = page_of(names, "3", per_page=3)
    assert [o.name for o in last.object_list] == ["Lag 6"]


@pytest.mark.parametrize("number", ["", "x", "0", "-1", "99", "2.5"])
def test_odd_page_numbers_give_the_first_or_the_last_page(names, number):
    page = page_of(names, number, per_page=3)
    assert page.number in (1, 3)
    assert page.object_list


def test_rows_are_read_through_the_given_function(names):
    rows = HeadFirstRows(names, read=lambda sliced: [o.name.upper() for o in sliced])
    assert list(page_of(rows, None, per_page=5).object_list) == [f"LAG {n}" for n in range(5)]
    assert list(page_of(rows, "2", per_page=5).object_list) == ["LAG 5", "LAG 6"]


def test_directory_search_on_one_page_runs_no_count_and_shows_areas(client, municipality):
    nordby = Area.objects.create(municipality=municipality, name="Nordby", slug="nordby")
    Area.objects.create(municipality=municipality, name="Søndre Ås", slug="sondre")
    make_organisation(municipality=municipality, name="Nordby korps", area=nordby)
    make_organisation(municipality=municipality, name="Uten område korps")
    url = reverse("organisations:list")
    with CaptureQueriesContext(connection) as captured:
        html = client.get(url, {"area": "nordby"}).content.decode()
    assert "Nordby korps" in html and "Uten område korps" not in html
    assert " · Nordby" in html
    assert _counts(captured) == 0
    # The area is filtered by its key: the directory's own queries join no area table.
    directory = [
        q["sql"] for q in captured.captured_queries if "organisations_organisation" in q["sql"]
    ]
    assert not any('JOIN "core_area"' in sql for sql in directory)
    html = client.get(url).content.decode()
    assert "Uten område korps" in html
    assert "Uten område korps</a>" in html


def test_an_unordered_queryset_is_still_reported_by_the_paginator(municipality, names):
    from django.core.paginator import UnorderedObjectListWarning

    with pytest.warns(UnorderedObjectListWarning):
        page_of(Organisation.objects.filter(municipality=municipality).order_by(), "2", 3)
