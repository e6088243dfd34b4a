"""The access log: staff views of personal data are logged by one mechanism driven by the
apps' declarations; the person sees the entries; nobody can change or delete them."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.module_loading import import_string

from dugnad.activities.models import SignUp
from dugnad.core.models import ActivityLog, PersonalDataAccess
from dugnad.core.privacy import personal_data_views
from dugnad.grants.models import Attachment
from tests import personal_data
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def world(municipality, unit, organisation):
    return personal_data.build(municipality, unit, organisation)


def test_every_declared_view_exists_and_says_whose_data_it_shows():
    declared = personal_data_views()
    assert {
        "activities:participants",
        "activities:participants_csv",
        "grants:case",
        "grants:attachment",
        "volunteering:volunteer",
    } <= set(declared)
    for view_name, path in declared.items():
        assert callable(import_string(path)), path
        try:
            reverse(view_name)
        except NoReverseMatch as error:
            # The name exists (it needs arguments); an unknown name says "not a valid view".
            assert "is not a valid view function or pattern name" not in str(error), view_name


def _participants_args(world):
    return [world.occurrence.event_id, world.occurrence.pk]


@pytest.mark.parametrize("view", ["activities:participants", "activities:participants_csv"])
def test_participant_list_writes_one_entry_for_the_guardian(client, world, view):
    client.force_login(world.organiser)
    response = client.get(reverse(view, args=_participants_args(world)))
    assert response.status_code == 200
    (entry,) = PersonalDataAccess.objects.all()
    assert entry.viewer == world.organiser and entry.person == world.person
    assert entry.view_name == view and world.occurrence.event.title in entry.what
    # The children's names are not in the log, which is kept for good.
    assert all(child not in entry.what for child in personal_data.CHILDREN)


def test_participant_without_account_is_described_by_the_record(client, world):
    SignUp.objects.filter(occurrence=world.occurrence).update(booked_by=None)
    first, second = SignUp.objects.filter(occurrence=world.occurrence).order_by("pk")
    client.force_login(world.organiser)
    client.get(reverse("activities:participants", args=_participants_args(world)))
    entries = PersonalDataAccess.objects.order_by("description")
    assert [e.person for e in entries] == [None, None]
    # The record's number, never the child's name.
    assert [e.description.split()[-1] for e in entries] == [str(first.pk), str(second.pk)]


def test_refused_view_is_not_logged(client, world):
    client.force_login(UserFactory())
    response = client.get(reverse("activities:participants", args=_participants_args(world)))
    assert response.status_code == 403
    assert not PersonalDataAccess.objects.exists()


def test_grant_case_writes_one_entry(client, world):
    client.force_login(world.case_handler)
    assert client.get(reverse("grants:case", args=[world.application.pk])).status_code == 200
    (entry,) = PersonalDataAccess.objects.all()
    assert entry.viewer == world.case_handler and entry.person == world.person
    assert entry.view_name == "grants:case" and world.application.reference in entry.what


def test_grant_attachment_download_writes_one_entry(client, world):
    attachment = Attachment.objects.get(application=world.application)
    client.force_login(world.case_handler)
    response = client.get(reverse("grants:attachment", args=[world.application.pk, attachment.pk]))
    assert response.status_code == 200
    (entry,) = PersonalDataAccess.objects.all()
    assert entry.viewer == world.case_handler and entry.person == world.person
    assert entry.view_name == "grants:attachment" and str(attachment.pk) in entry.what


def test_own_view_is_not_logged(client, world):
    client.force_login(world.person)
    client.get(reverse("grants:application", args=[world.application.pk]))
    assert not PersonalDataAccess.objects.exists()


def test_the_person_sees_who_looked(client, world):
    client.force_login(world.case_handler)
    client.get(reverse("grants:case", args=[world.application.pk]))
    client.force_login(world.person)
    response = client.get(reverse("accounts:data_access"))
    html = response.content.decode()
    assert response.status_code == 200
    assert str(world.case_handler) in html and world.application.reference in html


def test_nobody_looked(client):
    client.force_login(UserFactory())
    response = client.get(reverse("accounts:data_access"))
    assert (
        response.status_code == 200 and '<tbody><tr><td colspan="3">' in response.content.decode()
    )


def _an_entry(world):
    return PersonalDataAccess.objects.create(
        viewer=world.case_handler,
        viewer_label=str(world.case_handler),
        person=world.person,
        view_name="grants:case",
        what="Søknad",
    )


def test_the_log_cannot_be_changed_or_deleted_in_code(world):
    entry = _an_entry(world)
    with pytest.raises(PermissionDenied):
        entry.delete()
    with pytest.raises(PermissionDenied):
        PersonalDataAccess.objects.all().delete()
    with pytest.raises(PermissionDenied):
        PersonalDataAccess.objects.update(what="nothing")
    entry.what = "nothing"
    with pytest.raises(PermissionDenied):
        entry.save()
    assert PersonalDataAccess.objects.get().what == "Søknad"


def test_admin_refuses_to_add_change_or_delete(client, world):
    entry = _an_entry(world)
    log = ActivityLog.objects.create(event="test.event", target_repr="x")
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    assert client.get(reverse("admin:core_personaldataaccess_changelist")).status_code == 200
    for model, pk in (("personaldataaccess", entry.pk), ("activitylog", log.pk)):
        assert client.get(reverse(f"admin:core_{model}_add")).status_code == 403
        assert (
            client.post(
                reverse(f"admin:core_{model}_delete", args=[pk]), {"post": "yes"}
            ).status_code
            == 403
        )
        response = client.post(
            reverse(f"admin:core_{model}_changelist"),
            {"action": "delete_selected", "_selected_action": [pk], "post": "yes"},
        )
        assert response.status_code in (200, 302)
    assert PersonalDataAccess.objects.filter(pk=entry.pk).exists()
    assert ActivityLog.objects.filter(pk=log.pk).exists()
    response = client.post(
        reverse("admin:core_personaldataaccess_change", args=[entry.pk]), {"what": "edited"}
    )
    assert response.status_code in (200, 403)
    assert PersonalDataAccess.objects.get(pk=entry.pk).what == "Søknad"


def test_booking_page_writes_one_entry_for_the_booker(client, world, premises_manager):
    client.force_login(premises_manager)
    assert client.get(reverse("premises:booking", args=[world.booking.pk])).status_code == 200
    (entry,) = PersonalDataAccess.objects.all()
    assert entry.viewer == premises_manager and entry.person == world.person
    assert entry.view_name == "premises:booking"


def test_invoice_basis_writes_one_entry_per_private_renter(client, world, premises_manager):
    client.force_login(premises_manager)
    day = timezone.localtime(world.booking.start).date()
    response = client.get(
        reverse("premises:invoice"),
        {"first": day.isoformat(), "last": day.isoformat(), "format": "csv"},
    )
    assert response.status_code == 200
    (entry,) = PersonalDataAccess.objects.all()
    assert entry.person == world.person and entry.view_name == "premises:invoice"
    # The empty form shows nobody.
    client.get(reverse("premises:invoice"))
    assert PersonalDataAccess.objects.count() == 1


def test_hours_report_writes_one_entry_per_volunteer(client, world, coordinator):
    from dugnad.volunteering import actions
    from dugnad.volunteering.models import HoursEntry

    actions.decide_hours(world.organiser, HoursEntry.objects.get(), approve=True)
    client.force_login(coordinator)
    assert client.get(reverse("volunteering:hours_report")).status_code == 200
    (entry,) = PersonalDataAccess.objects.all()
    assert entry.viewer == coordinator and entry.person == world.person


def test_erasure_keeps_the_log_whole_and_says_so(client, world):
    from django.utils import translation

    from dugnad.core.privacy import erase_person

    client.force_login(world.case_handler)
    client.get(reverse("grants:case", args=[world.application.pk]))
    with translation.override("en"):
        person_result = erase_person(world.person)
        viewer_result = erase_person(world.case_handler)
        assert "The record of who looked at your data" in str(person_result.kept[-1].what)
        assert "That you looked at other people's data" in str(viewer_result.kept[-1].what)
    assert person_result.account == viewer_result.account == "anonymised"
    (entry,) = PersonalDataAccess.objects.all()
    assert entry.person_id == world.person.pk and entry.viewer_id == world.case_handler.pk
    assert entry.viewer_label == str(world.case_handler)


def test_managers_page_writes_one_entry_per_private_renter(client, world, premises_manager):
    from dugnad.premises.models import Booking, BookingState

    start = timezone.now() + dt.timedelta(days=1)
    Booking.objects.create(
        room=world.booking.room,
        booked_by=world.person,
        renter_type=world.booking.renter_type,
        title="Forespørsel",
        start=start,
        end=start + dt.timedelta(hours=1),
        state=BookingState.REQUESTED,
    )
    client.force_login(premises_manager)
    assert client.get(reverse("premises:manage")).status_code == 200
    (entry,) = PersonalDataAccess.objects.all()
    assert entry.person == world.person and entry.view_name == "premises:manage"


def test_grant_report_review_is_declared_with_the_case():
    declared = personal_data_views()
    assert declared["grants:report_review"] == declared["grants:case"]


def test_volunteering_overview_writes_one_entry_per_waiting_volunteer(client, world, unit):
    from dugnad.accounts.models import UnitRole
    from dugnad.volunteering.models import Interest
    from tests.factories import UnitRoleFactory

    Interest.objects.filter(volunteer=world.person).update(status=Interest.Status.PENDING)
    volunteer_coordinator = UnitRoleFactory(
        unit=unit, role=UnitRole.Role.VOLUNTEER_COORDINATOR
    ).user
    client.force_login(volunteer_coordinator)
    response = client.get(reverse("volunteering:overview"))
    assert response.status_code == 200 and str(world.person) in response.content.decode()
    (entry,) = PersonalDataAccess.objects.all()
    assert entry.viewer == volunteer_coordinator and entry.person == world.person
    assert entry.view_name == "volunteering:overview"


def test_organisation_review_queue_writes_one_entry_per_registrant(client, coordinator, leader):
    from dugnad.organisations.models import Organisation

    Organisation.objects.update(status=Organisation.Status.PENDING)
    client.force_login(coordinator)
    response = client.get(reverse("organisations:review"))
    assert response.status_code == 200
    (entry,) = PersonalDataAccess.objects.all()
    assert entry.viewer == coordinator and entry.person == leader
    assert entry.view_name == "organisations:review"


def test_managers_page_log_reads_what_the_view_showed(
    rf, world, premises_manager, django_assert_num_queries
):
    """The log function does not run the page's queries again: it reads what the view noted."""
    from dugnad.core.privacy import note_people_shown
    from dugnad.premises.privacy import manage_shown

    request = rf.get(reverse("premises:manage"), {"uke": "2026-W48"})
    request.user, request.municipality = premises_manager, world.organisation.municipality
    note_people_shown(request, [world.person, None])
    with django_assert_num_queries(0):
        shown = manage_shown(request)
    assert [subject.user for subject in shown.subjects] == [world.person]
    assert "23.11.2026" in shown.what
