"""Fixtures for the directory's tests (the shared ones are in tests/conftest.py)."""

import io

import pytest
from PIL import Image

from dugnad.core.models import AgeGroup, Area
from dugnad.organisations.models import OrganisationRole
from tests.factories import (
    ActivityTypeFactory,
    OrganisationFactory,
    OrganisationRoleFactory,
    UserFactory,
    valid_org_number,
)

# Short names the directory's tests use for the shared factories.
make_user = UserFactory
make_organisation = OrganisationFactory
org_number = valid_org_number


def _org_person(organisation, role):
    return OrganisationRoleFactory(organisation=organisation, role=role).user


@pytest.fixture
def organisation(municipality):
    return make_organisation(municipality=municipality, name="Ås Testlag")


@pytest.fixture
def contact(organisation):
    return _org_person(organisation, OrganisationRole.Role.CONTACT)


@pytest.fixture
def other_leader(municipality):
    """The leader of a different organisation: holds no role in `organisation`."""
    other = make_organisation(municipality=municipality, name="Et annet lag")
    return _org_person(other, OrganisationRole.Role.LEADER)


@pytest.fixture
def areas(municipality):
    return {
        slug: Area.objects.get_or_create(
            municipality=municipality, slug=slug, defaults={"name": name}
        )[0]
        for slug, name in [("nordby", "Nordby"), ("as-sentrum", "Ås sentrum")]
    }


@pytest.fixture
def activities(db):
    return {
        slug: ActivityTypeFactory(name=name, slug=slug, category=category)
        for slug, name, category in [
            ("fotball", "Fotball", "sports"),
            ("basketball", "Basketball", "sports"),
            ("kor", "Kor", "music"),
        ]
    }


@pytest.fixture
def age_groups(db):
    return {group.code: group for group in AgeGroup.objects.all()}


@pytest.fixture
def png_bytes():
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), (200, 30, 30)).save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.fixture
def person(db):
    return make_user()


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT
