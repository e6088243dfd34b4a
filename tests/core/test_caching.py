"""The public page cache: anonymous visitors share a page until its data changes."""

import pytest
from django.test import Client

from dugnad.core.caching import CACHE_STATUS_HEADER, public_data_changed, topic_of
from dugnad.core.models import ActivityLog, InfoPage, Municipality
from dugnad.organisations.models import Invitation, Organisation
from dugnad.premises.models import Booking, Room

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 60


def page(client, path="/", **headers):
    response = client.get(path, **headers)
    assert response.status_code == 200
    return response


def test_the_second_anonymous_visit_is_served_from_the_cache(
    client, municipality, django_assert_num_queries
):
    assert page(client)[CACHE_STATUS_HEADER] == "miss"
    with django_assert_num_queries(0):
        second = page(Client())
    assert second[CACHE_STATUS_HEADER] == "hit"
    assert "Ås" in second.content.decode()


def test_a_saved_change_empties_the_cache_for_everyone(
    client, municipality, django_capture_on_commit_callbacks
):
    page(client)
    with django_capture_on_commit_callbacks(execute=True):
        InfoPage.objects.create(
            municipality=municipality,
            title="Ny frivilligsentral",
            slug="ny",
            body="<p>Hei</p>",
            published=True,
        )
    fresh = page(Client())
    assert fresh[CACHE_STATUS_HEADER] == "miss"
    assert "Ny frivilligsentral" in fresh.content.decode()


def test_a_change_is_not_seen_as_one_before_its_transaction_commits(
    client, municipality, django_capture_on_commit_callbacks
):
    page(client)
    with django_capture_on_commit_callbacks(execute=False):
        public_data_changed("core")
    assert page(Client())[CACHE_STATUS_HEADER] == "hit"


def test_each_language_has_its_own_copy(client, municipality):
    page(client)
    client.cookies["django_language"] = "en"
    english = page(client)
    assert english[CACHE_STATUS_HEADER] == "miss"
    assert 'lang="en"' in english.content.decode()


@pytest.mark.parametrize(
    "personal",
    [
        {"cookie": ("messages", "x")},
        {"HTTP_AUTHORIZATION": "Bearer x"},
    ],
)
def test_personal_requests_bypass_the_cache(client, municipality, personal):
    page(client)
    other = Client()
    headers = {}
    if "cookie" in personal:
        other.cookies[personal["cookie"][0]] = personal["cookie"][1]
    else:
        headers = personal
    assert CACHE_STATUS_HEADER not in page(other, **headers)


def test_logged_in_users_get_their_own_page(client, municipality, django_user_model):
    page(client)
    user = django_user_model.objects.create_user(email="a@example.no", password="x-long-password-1")
    client.force_login(user)
    response = page(client)
    assert CACHE_STATUS_HEADER not in response
    assert "Log out" in response.content.decode() or "Logg ut" in response.content.decode()


def test_topics_group_models_by_what_public_pages_show():
    assert topic_of(Organisation) == "organisations"
    assert topic_of(Room) == "premises"
    assert topic_of(Booking) == "bookings"  # a booking must not empty the calendar
    assert topic_of(Municipality) == "core"
    assert topic_of(ActivityLog) is None  # written by every action, shown on no public page
    assert topic_of(Invitation) is None
    assert topic_of(Organisation.history.model) is None


def test_forgetting_public_pages_keeps_sessions(client, municipality, django_user_model):
    from django.core.management import call_command

    page(client)
    user = django_user_model.objects.create_user(email="b@example.no", password="x-long-pass-2")
    member = Client()
    member.force_login(user)
    call_command("forget_public_pages")
    assert page(Client())[CACHE_STATUS_HEADER] == "miss"
    assert member.get("/min-side/").status_code == 200  # still logged in


def test_extra_query_parameters_and_an_empty_session_cookie_still_hit(client, municipality):
    page(client)
    assert page(Client(), "/?x=1a2b3c")[CACHE_STATUS_HEADER] == "hit"
    crawler = Client()
    crawler.cookies["sessionid"] = "no-such-session"
    assert page(crawler)[CACHE_STATUS_HEADER] == "hit"


def test_a_session_with_messages_or_other_state_is_not_anonymous(client, municipality):
    from importlib import import_module

    from django.conf import settings

    page(client)
    store = import_module(settings.SESSION_ENGINE).SessionStore
    for state in ({"_messages": "[]"}, {"feed-token-new-link": {"token": 1}}):
        session = store()
        session.update(state)
        session.save()
        visitor = Client()
        visitor.cookies[settings.SESSION_COOKIE_NAME] = session.session_key
        assert CACHE_STATUS_HEADER not in page(visitor)
    empty = store()
    empty.save()
    visitor = Client()
    visitor.cookies[settings.SESSION_COOKIE_NAME] = empty.session_key
    assert page(visitor)[CACHE_STATUS_HEADER] == "hit"
