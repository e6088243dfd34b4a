"""Staff pages find an event only under its own municipality's host, and the links sent about it
(cancel link, calendar attachment) point at that host."""

from datetime import time, timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from dugnad.activities import actions
from dugnad.organisations.models import OrganisationRole
from tests.factories import OrganisationFactory, OrganisationRoleFactory, UserFactory
from tests.hosts import HOME_HOST, OTHER_HOST, serve_two_municipalities

pytestmark = pytest.mark.django_db


@pytest.fixture
def events(settings, age_groups):
    """One signup-enabled event per municipality, by municipality ("home", "other")."""
    home, other = serve_two_municipalities(settings)
    made = {}
    for key, municipality in (("home", home), ("other", other)):
        organisation = OrganisationFactory(municipality=municipality)
        leader = OrganisationRoleFactory(
            organisation=organisation, role=OrganisationRole.Role.LEADER
        ).user
        made[key] = actions.create_event(
            leader,
            organisation,
            {
                "title": f"Konsert {key}",
                "venue_name": "Grendehuset",
                "signup_enabled": True,
                "capacity": 10,
            },
            actions.Schedule(
                first_day=timezone.localdate() + timedelta(days=3),
                start_time=time(18),
                end_time=time(20),
            ),
            age_groups=[age_groups["children"]],
        )
    return made


# (URL name, method, whether the URL names a date of the event too)
STAFF_PAGES = [
    ("activities:event_edit", "get", False),
    ("activities:signup_setup", "get", False),
    ("activities:review_event", "post", False),
    ("activities:occurrence_capacity", "get", True),
    ("activities:participants", "get", True),
    ("activities:move_occurrence", "get", True),
]


@pytest.mark.parametrize(("name", "method", "with_occurrence"), STAFF_PAGES)
def test_staff_pages_find_only_the_hosts_own_events(
    client, site_admin, events, name, method, with_occurrence
):
    client.force_login(site_admin)

    def url(event):
        kwargs = {"pk": event.pk}
        if with_occurrence:
            kwargs["occurrence_pk"] = event.occurrences.get().pk
        return reverse(name, kwargs=kwargs)

    other = getattr(client, method)(url(events["other"]), HTTP_HOST=HOME_HOST)
    own = getattr(client, method)(url(events["home"]), HTTP_HOST=HOME_HOST)
    assert other.status_code == 404
    assert own.status_code == (200 if method == "get" else 302)
    # The other municipality's event is found under its own host.
    assert getattr(client, method)(url(events["other"]), HTTP_HOST=OTHER_HOST).status_code != 404


def test_sign_up_email_links_use_the_events_municipalitys_host(
    settings, events, django_capture_on_commit_callbacks
):
    settings.DUGNAD_SITE_URL = f"https://{HOME_HOST}"
    occurrence = events["other"].occurrences.get()
    with django_capture_on_commit_callbacks(execute=True):
        signup = actions.sign_up(
            UserFactory(), occurrence, participant_name="Kari", email="kari@test.example"
        )
    message = mail.outbox[-1]
    cancel_path = reverse("activities:cancel_signup", args=[signup.cancel_token])
    assert f"https://{OTHER_HOST}{cancel_path}" in message.body
    assert HOME_HOST not in message.body
    _filename, content, _mimetype = message.attachments[0]
    unfolded = content.replace("\r\n ", "")
    assert f"https://{OTHER_HOST}{events['other'].get_absolute_url()}" in unfolded
    assert HOME_HOST not in unfolded
