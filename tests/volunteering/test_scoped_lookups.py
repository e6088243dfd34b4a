"""Staff pages find an assignment, its shifts, interests and hours only under the host of the
assignment's municipality."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from dugnad.volunteering.models import HoursEntry, Interest, Shift
from tests.factories import OrganisationFactory, UserFactory
from tests.hosts import HOME_HOST, OTHER_HOST, serve_two_municipalities
from tests.volunteering.conftest import make_assignment

pytestmark = pytest.mark.django_db


@pytest.fixture
def made(settings):
    """An assignment with a shift, an interest and logged hours in each municipality."""
    home, other = serve_two_municipalities(settings)
    volunteer = UserFactory()
    made = {}
    for key, municipality in (("home", home), ("other", other)):
        assignment = make_assignment(organisation=OrganisationFactory(municipality=municipality))
        start = timezone.now() + dt.timedelta(days=3)
        made[key] = {
            "assignment": assignment,
            "shift": Shift.objects.create(
                assignment=assignment, starts_at=start, ends_at=start + dt.timedelta(hours=2)
            ),
            "interest": Interest.objects.create(assignment=assignment, volunteer=volunteer),
            "hours": HoursEntry.objects.create(
                assignment=assignment,
                volunteer=volunteer,
                date=timezone.localdate(),
                minutes=60,
            ),
        }
    return made


# (URL name, method, which object the URL's id names)
STAFF_PAGES = [
    ("volunteering:assignment_edit", "get", "assignment"),
    ("volunteering:shift_create", "post", "assignment"),
    ("volunteering:certificate", "post", "assignment"),
    ("volunteering:close", "post", "assignment"),
    ("volunteering:interest", "post", "assignment"),
    ("volunteering:shift_edit", "get", "shift"),
    ("volunteering:shift_delete", "post", "shift"),
    ("volunteering:sign_up", "post", "shift"),
    ("volunteering:answer", "post", "interest"),
    ("volunteering:decide_hours", "post", "hours"),
]


@pytest.mark.parametrize(("name", "method", "kind"), STAFF_PAGES)
def test_staff_pages_find_only_the_hosts_own_objects(client, site_admin, made, name, method, kind):
    client.force_login(site_admin)
    send = getattr(client, method)
    other = send(reverse(name, args=[made["other"][kind].pk]), HTTP_HOST=HOME_HOST)
    own = send(reverse(name, args=[made["home"][kind].pk]), HTTP_HOST=HOME_HOST)
    assert other.status_code == 404
    assert own.status_code == (200 if method == "get" else 302)
    # Under its own host the other municipality's object is found.
    found = send(reverse(name, args=[made["other"][kind].pk]), HTTP_HOST=OTHER_HOST)
    assert found.status_code != 404
