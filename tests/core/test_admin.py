"""The Django admin is for site administrators only: 403 for other staff, 200 for superusers."""

import pytest
from django.contrib import admin
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation

from dugnad.accounts.models import UnitRole
from dugnad.core.admin_site import SUPERUSERS_ONLY
from dugnad.core.models import ActivityLog
from dugnad.core.notify import notify
from tests.factories import TEST_PASSWORD, UnitRoleFactory, UserFactory

pytestmark = pytest.mark.django_db

REGISTERED = sorted(
    (model._meta.app_label, model._meta.model_name) for model in admin.site._registry
)


def url(app_label, model_name, view):
    return reverse(f"admin:{app_label}_{model_name}_{view}")


@pytest.fixture
def staff_editor(unit):
    """Staff in Django's sense (is_staff) and an editor in a unit, but no site administrator."""
    user = UserFactory(is_staff=True)
    UnitRoleFactory(user=user, unit=unit, role=UnitRole.Role.EDITOR)
    return user


@pytest.fixture
def staff_client(client, staff_editor):
    client.login(email=staff_editor.email, password=TEST_PASSWORD)
    return client


@pytest.fixture
def admin_client_(client, site_admin):
    client.login(email=site_admin.email, password=TEST_PASSWORD)
    return client


def test_every_model_of_the_platform_is_in_the_admin():
    assert ("core", "infopage") in REGISTERED
    assert ("activities", "event") in REGISTERED
    assert ("grants", "application") in REGISTERED


def test_staff_who_are_not_superusers_get_403_with_the_reason_on_the_index(staff_client):
    response = staff_client.get(reverse("admin:index"))
    assert response.status_code == 403
    with translation.override(response.wsgi_request.LANGUAGE_CODE):
        assert str(SUPERUSERS_ONLY) in response.content.decode()


def test_staff_who_are_not_superusers_get_403_on_every_changelist_and_add_page(staff_client):
    answers = {
        (app_label, model_name, view): staff_client.get(
            url(app_label, model_name, view)
        ).status_code
        for app_label, model_name in REGISTERED
        for view in ("changelist", "add")
    }
    assert set(answers.values()) == {403}, {k: v for k, v in answers.items() if v != 403}


def test_anonymous_visitors_are_sent_to_log_in(client):
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert reverse("admin:login") in response["Location"]


def test_superusers_get_every_changelist_and_add_page(admin_client_, site_admin):
    request = RequestFactory().get("/admin/")
    request.user = site_admin
    wrong = {}
    for model, model_admin in admin.site._registry.items():
        app_label, model_name = model._meta.app_label, model._meta.model_name
        changelist = admin_client_.get(url(app_label, model_name, "changelist")).status_code
        if changelist != 200:
            wrong[(app_label, model_name, "changelist")] = changelist
        expected_add = 200 if model_admin.has_add_permission(request) else 403
        add = admin_client_.get(url(app_label, model_name, "add")).status_code
        if add != expected_add:
            wrong[(app_label, model_name, "add")] = add
    assert wrong == {}
    assert admin_client_.get(reverse("admin:index")).status_code == 200


def test_the_activity_log_is_append_only_in_the_admin(admin_client_, site_admin, organisation):
    notify("organisation.approved", actor=site_admin, target=organisation)
    entry = ActivityLog.objects.get(event="organisation.approved")
    log_admin = admin.site._registry[ActivityLog]
    request = RequestFactory().get("/admin/")
    request.user = site_admin
    assert not log_admin.has_add_permission(request)
    assert not log_admin.has_change_permission(request, entry)
    assert not log_admin.has_delete_permission(request, entry)
    # Readable, but neither changed nor deleted.
    detail = admin_client_.get(reverse("admin:core_activitylog_change", args=[entry.pk]))
    assert detail.status_code == 200
    assert b'name="_save"' not in detail.content
    delete = admin_client_.post(
        reverse("admin:core_activitylog_delete", args=[entry.pk]), {"post": "yes"}
    )
    assert delete.status_code == 403
    assert ActivityLog.objects.filter(pk=entry.pk).exists()
