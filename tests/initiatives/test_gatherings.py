"""The volunteer conference's programme and documents and the volunteer council's members and
meetings: the coordinator's actions with their failure paths, the write endpoints as a role x
action matrix, the public pages that show them, and their query counts."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone, translation

from dugnad.accounts.models import UnitRole
from dugnad.activities.models import Event, Occurrence
from dugnad.core.errors import DomainError, NotAllowed
from dugnad.core.models import ActivityLog
from dugnad.initiatives import gatherings, rules
from dugnad.initiatives.models import (
    Conference,
    ConferenceDocument,
    ConferenceSession,
    Council,
    CouncilMeeting,
    CouncilMember,
)
from tests.factories import MunicipalityFactory, OrganisationFactory, UnitFactory, UnitRoleFactory

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def pdf(name="program.pdf"):
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


@pytest.fixture
def conference(municipality, unit):
    start = timezone.make_aware(dt.datetime(timezone.localdate().year, 10, 20, 17))
    event = Event.objects.create(
        municipality=municipality,
        unit=unit,
        title="Frivilligkonferansen",
        status=Event.Status.PUBLISHED,
        signup_enabled=True,
        capacity=100,
    )
    Occurrence.objects.create(
        event=event, start=start, end=start + dt.timedelta(hours=4), original_start=start
    )
    return Conference.objects.create(
        municipality=municipality, year=start.year, title="Frivilligkonferansen", event=event
    )


@pytest.fixture
def council(municipality):
    return Council.objects.create(municipality=municipality, name="Frivilligrådet")


def at(hour, minute=0):
    return timezone.make_aware(dt.datetime(timezone.localdate().year, 10, 20, hour, minute))


def session_data(**changes):
    data = {"title": "Velkommen", "starts_at": at(17), "ends_at": at(17, 30),
            "room": "Auditoriet", "speakers": "Kari", "description": "Åpning"}  # fmt: skip
    return data | changes


def member_data(organisation, **changes):
    today = timezone.localdate()
    return {"name": "Randi Rådsleder", "role": CouncilMember.Role.CHAIR,
            "organisation": organisation, "represents": "",
            "term_start": today - dt.timedelta(days=30),
            "term_end": today + dt.timedelta(days=300)} | changes  # fmt: skip


# --- actions --------------------------------------------------------------------------------


def test_coordinator_keeps_the_programme(coordinator, conference):
    session = gatherings.save_session(coordinator, conference, session_data())
    assert (session.title, session.room) == ("Velkommen", "Auditoriet")
    gatherings.save_session(coordinator, conference, session_data(title="Velkommen!"), session)
    session.refresh_from_db()
    assert session.title == "Velkommen!"
    assert (
        ActivityLog.objects.filter(event="conference.session_saved", actor=coordinator).count() == 2
    )
    gatherings.delete_session(coordinator, session)
    assert not ConferenceSession.objects.exists()


@pytest.mark.parametrize(
    ("changes", "field"),
    [({"title": "  "}, "title"), ({"ends_at": at(17)}, "ends_at"),
     ({"ends_at": at(16)}, "ends_at"), ({"starts_at": None}, "starts_at")],
)  # fmt: skip
def test_session_refused_with_reason(coordinator, conference, changes, field):
    with pytest.raises(DomainError) as caught:
        gatherings.save_session(coordinator, conference, session_data(**changes))
    assert caught.value.field == field
    assert not ConferenceSession.objects.exists()


def test_document_is_a_file_or_a_link(coordinator, conference):
    linked = gatherings.add_document(
        coordinator, conference, title="Opptak", url="https://example.org/video"
    )
    uploaded = gatherings.add_document(coordinator, conference, title="Program", file=pdf())
    assert linked.url and not linked.file
    assert uploaded.content_type == "application/pdf" and uploaded.original_name == "program.pdf"
    assert "program" not in uploaded.file.name  # stored under a random name
    for wrong in ({}, {"url": "https://example.org", "file": pdf()}):
        with pytest.raises(DomainError):
            gatherings.add_document(coordinator, conference, title="X", **wrong)
    with pytest.raises(DomainError) as caught:
        gatherings.add_document(
            coordinator,
            conference,
            title="Skript",
            file=SimpleUploadedFile("x.pdf", b"<script>alert(1)</script>"),
        )
    assert caught.value.code == "file_type"
    assert ConferenceDocument.objects.count() == 2


def test_removing_a_document_removes_its_file(
    coordinator, conference, django_capture_on_commit_callbacks
):
    document = gatherings.add_document(coordinator, conference, title="Program", file=pdf())
    storage, name = document.file.storage, document.file.name
    with django_capture_on_commit_callbacks(execute=True):
        gatherings.delete_document(coordinator, document)
    assert not storage.exists(name)


def test_member_in_their_public_role(coordinator, council, organisation):
    member = gatherings.save_member(coordinator, council, member_data(organisation))
    assert member.organisation == organisation and member.represents == ""
    other = gatherings.save_member(
        coordinator, council, member_data(None, name="Unni Ung", represents="Ungdomsrådet")
    )
    assert other.represents == "Ungdomsrådet"


@pytest.mark.parametrize(
    ("changes", "field"),
    [({"name": ""}, "name"), ({"organisation": None}, "organisation"),
     ({"term_end": timezone.localdate() - dt.timedelta(days=60)}, "term_end")],
)  # fmt: skip
def test_member_refused_with_reason(coordinator, council, organisation, changes, field):
    with pytest.raises(DomainError) as caught:
        gatherings.save_member(coordinator, council, member_data(organisation) | changes)
    assert caught.value.field == field


def test_member_of_another_municipality_organisation_refused(coordinator, council):
    elsewhere = OrganisationFactory(municipality=MunicipalityFactory(number="3207"))
    with pytest.raises(DomainError):
        gatherings.save_member(coordinator, council, member_data(elsewhere))


def test_meeting_minutes_as_text_or_file(coordinator, council, django_capture_on_commit_callbacks):
    meeting = gatherings.save_meeting(
        coordinator, council, {"date": timezone.localdate(), "agenda": "1. Velkommen"}
    )
    assert not meeting.minutes_file
    gatherings.save_meeting(
        coordinator, council, {"date": meeting.date, "minutes": "Vedtatt."}, meeting,
        minutes_file=pdf("referat.pdf"),
    )  # fmt: skip
    meeting.refresh_from_db()
    assert meeting.minutes == "Vedtatt." and meeting.minutes_file_name == "referat.pdf"
    stored = meeting.minutes_file.name
    with django_capture_on_commit_callbacks(execute=True):
        gatherings.save_meeting(
            coordinator, council, {"date": meeting.date}, meeting, remove_minutes_file=True
        )
    meeting.refresh_from_db()
    assert not meeting.minutes_file and not meeting.minutes_file.storage.exists(stored)
    with pytest.raises(DomainError) as caught:
        gatherings.save_meeting(coordinator, council, {"date": None})
    assert caught.value.field == "date"


def test_council_set_up_by_the_coordinator(coordinator, municipality):
    council = gatherings.save_council_details(
        coordinator, municipality, name="Frivilligrådet", description=""
    )
    again = gatherings.save_council_details(
        coordinator, municipality, name="Frivilligrådet i Ås", description="Rådet"
    )
    assert council.pk == again.pk and Council.objects.get().name == "Frivilligrådet i Ås"


@pytest.mark.parametrize("who", ["unit_editor", "case_handler", "org_editor", "citizen"])
def test_only_the_coordinator_writes(request, who, conference, council, organisation):
    user = request.getfixturevalue(who)
    with pytest.raises(NotAllowed):
        gatherings.save_session(user, conference, session_data())
    with pytest.raises(NotAllowed):
        gatherings.save_member(user, council, member_data(organisation))
    assert not rules.can_manage_conference(user, conference)
    assert not rules.can_manage_council(user, council)


def test_coordinator_of_another_municipality_refused(client, conference, council):
    elsewhere = UnitFactory(municipality=MunicipalityFactory(number="3207"))
    outsider = UnitRoleFactory(unit=elsewhere, role=UnitRole.Role.VOLUNTEER_COORDINATOR).user
    client.force_login(outsider)
    manage = reverse("initiatives:conference_manage", args=[conference.year])
    assert client.get(manage).status_code == 403
    assert client.get(reverse("initiatives:council_manage")).status_code == 403


# --- pages: the write endpoints as a matrix -------------------------------------------------


def _targets(conference, council, organisation):
    year = conference.year
    session = ConferenceSession.objects.create(
        conference=conference, title="Økt", starts_at=at(18), ends_at=at(19)
    )
    document = ConferenceDocument.objects.create(
        conference=conference,
        title="Lenke",
        url="https://example.org",
        published_on=timezone.localdate(),
    )
    member = CouncilMember.objects.create(
        council=council, name="Ole", organisation=organisation, term_start=timezone.localdate(),
        term_end=timezone.localdate(),
    )  # fmt: skip
    meeting = CouncilMeeting.objects.create(council=council, date=timezone.localdate())
    day = f"{year}-10-20"
    return {
        "conference_details": (reverse("initiatives:conference_manage", args=[year]),
                               {"title": "Konferansen", "summary": ""}),
        "session_add": (reverse("initiatives:session_add", args=[year]),
                        {"title": "Ny", "date": day, "start": "18:00", "end": "19:00"}),
        "session_edit": (reverse("initiatives:session_edit", args=[year, session.pk]),
                         {"title": "Endret", "date": day, "start": "18:00", "end": "19:00"}),
        "session_delete": (reverse("initiatives:session_delete", args=[year, session.pk]), {}),
        "document_add": (reverse("initiatives:document_add", args=[year]),
                         {"title": "Program", "file": pdf()}),
        "document_delete": (reverse("initiatives:document_delete", args=[year, document.pk]), {}),
        "council_details": (reverse("initiatives:council_manage"), {"name": "Rådet"}),
        "member_add": (reverse("initiatives:member_add"),
                       {"name": "Kari", "role": "member", "organisation": organisation.pk,
                        "term_start": "2026-01-01", "term_end": "2027-12-31"}),
        "member_edit": (reverse("initiatives:member_edit", args=[member.pk]),
                        {"name": "Ole O.", "role": "member", "represents": "Idrettsrådet",
                         "term_start": "2026-01-01", "term_end": "2027-12-31"}),
        "member_delete": (reverse("initiatives:member_delete", args=[member.pk]), {}),
        "meeting_add": (reverse("initiatives:meeting_add"),
                        {"date": "2026-11-11", "agenda": "1. Budsjett",
                         "minutes_file": pdf("referat.pdf")}),
        "meeting_edit": (reverse("initiatives:meeting_edit", args=[meeting.pk]),
                         {"date": "2026-11-12", "minutes": "Vedtatt"}),
        "meeting_delete": (reverse("initiatives:meeting_delete", args=[meeting.pk]), {}),
    }  # fmt: skip


ACTIONS = (
    "conference_details", "session_add", "session_edit", "session_delete", "document_add",
    "document_delete", "council_details", "member_add", "member_edit", "member_delete",
    "meeting_add", "meeting_edit", "meeting_delete",
)  # fmt: skip
ALLOWED = {"coordinator": set(ACTIONS), "unit_editor": set(), "case_handler": set(),
           "org_editor": set(), "citizen": set()}  # fmt: skip


@pytest.mark.parametrize("who", sorted(ALLOWED))
@pytest.mark.parametrize("action", ACTIONS)
def test_write_matrix(client, request, conference, council, organisation, who, action):
    url, data = _targets(conference, council, organisation)[action]
    client.force_login(request.getfixturevalue(who))
    response = client.post(url, data)
    if action in ALLOWED[who]:
        assert response.status_code == 302, response.content.decode()[:2000]
    else:
        assert response.status_code == 403


@pytest.mark.parametrize("action", ["session_add", "member_add", "meeting_add"])
def test_anonymous_is_sent_to_log_in(client, conference, council, organisation, action):
    url, data = _targets(conference, council, organisation)[action]
    response = client.post(url, data)
    assert response.status_code == 302 and "login" in response["Location"]


def test_bad_session_keeps_what_was_typed(client, coordinator, conference):
    client.force_login(coordinator)
    response = client.post(
        reverse("initiatives:session_add", args=[conference.year]),
        {"title": "Verksted om tilskudd", "date": f"{conference.year}-10-20", "start": "19:00",
         "end": "18:00", "speakers": "Sander Saksbehandler"},
    )  # fmt: skip
    html = response.content.decode()
    assert response.status_code == 200
    assert "Verksted om tilskudd" in html and "Sander Saksbehandler" in html
    assert "must end after it starts" in html or "slutte etter" in html
    assert not ConferenceSession.objects.exists()


def test_bad_member_keeps_what_was_typed(client, coordinator, council):
    client.force_login(coordinator)
    response = client.post(
        reverse("initiatives:member_add"),
        {"name": "Tor Tur", "role": "member", "term_start": "2026-01-01", "term_end": "2027-01-01"},
    )
    assert response.status_code == 200 and "Tor Tur" in response.content.decode()
    assert not CouncilMember.objects.exists()


def test_document_of_another_year_is_not_found(client, coordinator, conference):
    document = ConferenceDocument.objects.create(
        conference=conference,
        title="X",
        url="https://example.org",
        published_on=timezone.localdate(),
    )
    client.force_login(coordinator)
    url = reverse("initiatives:document_delete", args=[conference.year + 5, document.pk])
    assert client.post(url).status_code == 404


# --- the public pages -----------------------------------------------------------------------


def test_public_conference_shows_programme_and_documents(client, coordinator, conference):
    gatherings.save_session(coordinator, conference, session_data(description="Åpning av dagen"))
    document = gatherings.add_document(coordinator, conference, title="Presentasjonene", file=pdf())
    gatherings.add_document(coordinator, conference, title="Opptaket", url="https://example.org/v")
    html = client.get(reverse("initiatives:conference")).content.decode()
    for text in ("Velkommen", "Auditoriet", "Kari", "Åpning av dagen", "Presentasjonene",
                 "Opptaket", "https://example.org/v"):  # fmt: skip
        assert text in html
    assert "rediger" not in html  # no staff link for the public
    download = client.get(
        reverse("initiatives:conference_document", args=[conference.year, document.pk])
    )
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF
    assert download["Content-Type"] == "application/pdf"
    client.force_login(coordinator)
    html = client.get(reverse("initiatives:conference")).content.decode()
    assert reverse("initiatives:conference_manage", args=[conference.year]) in html


def test_public_council_shows_current_members_and_meetings(client, council, organisation):
    today = timezone.localdate()
    CouncilMember.objects.create(
        council=council,
        name="Nå Nåværende",
        organisation=organisation,
        term_start=today - dt.timedelta(days=1),
        term_end=today,
    )
    CouncilMember.objects.create(council=council, name="Tidligere Tove", represents="Lag",
                                 term_start=today - dt.timedelta(days=900),
                                 term_end=today - dt.timedelta(days=1))  # fmt: skip
    CouncilMeeting.objects.create(
        council=council, date=today + dt.timedelta(days=20), agenda="Plan 2027"
    )
    CouncilMeeting.objects.create(
        council=council, date=today - dt.timedelta(days=20), minutes="Vedtak A"
    )
    html = client.get(reverse("initiatives:council")).content.decode()
    assert "Nå Nåværende" in html and "Tidligere Tove" not in html
    coming, held = html.index("Plan 2027"), html.index("Vedtak A")
    assert coming < held  # the coming meeting is listed first, under its own heading


def test_minutes_file_downloads(client, coordinator, council):
    meeting = gatherings.save_meeting(
        coordinator, council, {"date": timezone.localdate()}, minutes_file=pdf("referat.pdf")
    )
    response = client.get(reverse("initiatives:minutes", args=[meeting.pk]))
    assert response.status_code == 200 and "referat.pdf" in response["Content-Disposition"]


def test_manage_pages_query_counts_flat(
    client, coordinator, conference, council, organisation, django_assert_max_num_queries
):
    client.force_login(coordinator)
    urls = [reverse("initiatives:conference_manage", args=[conference.year]),
            reverse("initiatives:council_manage"), reverse("initiatives:conference"),
            reverse("initiatives:council")]  # fmt: skip

    def counts():
        found = []
        for url in urls:
            with django_assert_max_num_queries(30) as captured:
                assert client.get(url).status_code == 200
            found.append(len(captured))
        return found

    counts()  # the first request of a session reads more (the session, the language)
    few = counts()
    for n in range(6):
        gatherings.save_session(coordinator, conference, session_data(title=f"Økt {n}"))
        gatherings.add_document(coordinator, conference, title=f"Dok {n}", url="https://e.org")
        gatherings.save_member(coordinator, council, member_data(organisation, name=f"M {n}"))
        gatherings.save_meeting(coordinator, council, {"date": timezone.localdate()
                                                       - dt.timedelta(days=n)})  # fmt: skip
    assert counts() == few


# --- nynorsk --------------------------------------------------------------------------------


def _nynorsk(client, url):
    client.cookies["django_language"] = "nn"
    return client.get(url, HTTP_ACCEPT_LANGUAGE="nn").content.decode()


def test_pages_render_in_nynorsk(client, coordinator, conference, council, organisation):
    gatherings.save_session(coordinator, conference, session_data())
    CouncilMeeting.objects.create(
        council=council, date=timezone.localdate() - dt.timedelta(days=3), minutes="Vedteke."
    )
    public = {
        reverse("initiatives:volunteering"): ["Frivilligheit", "Kva treng du?"],
        reverse("initiatives:index"): ["Filtrer tiltak", "Vis tiltak"],
        reverse("initiatives:stories"): ["Gode historiar", "Vis historiar"],
        reverse("initiatives:conference"): ["Påmelding", "Innleiarar"],
        reverse("initiatives:council"): ["Komande møte", "Tidlegare møte", "Referat"],
    }
    for url, words in public.items():
        html = _nynorsk(client, url)
        assert 'lang="nn"' in html, url
        for word in words:
            assert word in html, (url, word)
    client.force_login(coordinator)
    staff = {
        reverse("initiatives:conference_manage", args=[conference.year]): [
            "Legg til ein programpost", "Publiser eit dokument", "Startar"],
        reverse("initiatives:council_manage"): [
            "Legg til eit medlem", "Legg til eit møte", "Referat som fil"],
    }  # fmt: skip
    for url, words in staff.items():
        html = _nynorsk(client, url)
        for word in words:
            assert word in html, (url, word)
        for english in ("Add a session", "Add a member", "Minutter", "Ikke "):
            assert english not in html, (url, english)


def test_work_queue_counts_held_meetings_without_minutes(coordinator, unit_editor, council):
    from dugnad.initiatives.queries import work_queue

    today = timezone.localdate()
    CouncilMeeting.objects.create(council=council, date=today - dt.timedelta(days=5))
    CouncilMeeting.objects.create(council=council, date=today - dt.timedelta(days=9), minutes="Ok")
    CouncilMeeting.objects.create(council=council, date=today + dt.timedelta(days=9))
    with translation.override("en"):
        items = {item.label: item for item in work_queue(coordinator, council.municipality)}
    found = items["Council meetings without minutes"]
    assert found.count == 1 and found.url == reverse("initiatives:council_manage")
    with translation.override("en"):
        labels = [item.label for item in work_queue(unit_editor, council.municipality)]
    assert "Council meetings without minutes" not in labels
