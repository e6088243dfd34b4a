"""Query counts of the pages and the API do not grow with the number of ideas."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from dugnad.participation import actions
from dugnad.participation.models import Comment, Idea, Support

from .conftest import participant, young

pytestmark = pytest.mark.django_db


def _fill(process, count, start=0):
    author = young(process.municipality, 15, f"A{start}")
    ideas = Idea.objects.bulk_create(
        Idea(process=process, author=author, shown_name="A", title=f"Ide {start + i}", text="t",
             category="culture")
        for i in range(count)
    )  # fmt: skip
    fan = young(process.municipality, 16, f"F{start}")
    Support.objects.bulk_create(Support(idea=i, user=fan) for i in ideas)
    Comment.objects.bulk_create(Comment(idea=ideas[0], author=fan, shown_name="F", text="ok")
                                for _ in range(count))  # fmt: skip
    return ideas


def _count(client, url):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize("who", ["anonymous", "young", "staff"])
def test_pages_do_not_grow_with_the_data(client, process, staff, who, municipality):
    if who == "young":
        client.force_login(young(municipality, 15, "Q"))
    elif who == "staff":
        client.force_login(staff)
    ideas = _fill(process, 3)
    urls = [
        reverse("participation:index"),
        process.get_absolute_url(),
        ideas[0].get_absolute_url(),
        f"/api/v1/participation/processes/{process.pk}",
        "/api/v1/participation/processes",
    ]
    if who == "staff":
        urls.append(reverse("participation:work"))
    for url in urls:  # warm the per-process caches (municipality map, content types)
        client.get(url)
    before = [_count(client, url) for url in urls]
    _fill(process, 20, start=100)
    after = [_count(client, url) for url in urls]
    assert after == before, list(zip(urls, before, after, strict=True))
    assert max(after) <= 30


def test_my_page_section_is_bounded(client, process, sara, ali, django_assert_max_num_queries):
    idea = actions.propose_idea(
        sara, process, participant(sara, process.municipality),
        {"title": "T", "text": "x", "category": "other"},
    )  # fmt: skip
    actions.support(ali, idea, participant(ali, process.municipality))
    from dugnad.participation.queries import my_page

    with django_assert_max_num_queries(3):
        section = my_page(ali)
    assert [s.idea for s in section["supports"]] == [idea]
