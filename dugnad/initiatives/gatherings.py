"""Every write on the volunteer conference's programme and documents, and on the volunteer
council's members and meetings. Views call these, nothing else.

Both are kept by the volunteer coordinator (see rules.py). Uploaded documents are checked by
their bytes (`core.uploads`), stored under a random name and served through a view by id.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from dugnad.core.errors import DomainError
from dugnad.core.notify import notify
from dugnad.core.uploads import MEGABYTE, check_upload

from . import rules
from .models import (
    Conference,
    ConferenceDocument,
    ConferenceSession,
    Council,
    CouncilMeeting,
    CouncilMember,
)

MAX_DOCUMENT_BYTES = 20 * MEGABYTE
DOCUMENT_TYPES = {
    "application/pdf": "PDF",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "Word",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": "PowerPoint",
    "application/vnd.oasis.opendocument.text": "ODT",
    "application/vnd.oasis.opendocument.presentation": "ODP",
    "image/jpeg": "JPEG",
    "image/png": "PNG",
}


def _text(data: dict, name: str) -> str:
    return (data.get(name) or "").strip()


def _checked_file(upload, field: str):
    """The content type of `upload`, sniffed from its bytes; DomainError when refused."""
    return check_upload(upload, DOCUMENT_TYPES, max_bytes=MAX_DOCUMENT_BYTES, field=field)


def _original_name(upload) -> str:
    # Only the last part of what the browser sent, so no path reaches a download header.
    return (upload.name or "").replace("\\", "/").rsplit("/", 1)[-1][:200] or "dokument"


# --- the conference -------------------------------------------------------------------------


def create_conference(user, municipality, *, year: int, title: str, summary: str, event):
    """A new year's conference; its registration is the chosen calendar event's sign-up."""
    rules.can_manage_conference(user).enforce()
    title = (title or "").strip()
    if not title:
        raise DomainError(_("Write the conference's title."), code="title_required", field="title")
    if event.municipality_id != municipality.pk or not event.signup_enabled:
        raise DomainError(
            _("Choose one of the municipality's events with sign-up."),
            code="event_invalid",
            field="event",
        )
    with transaction.atomic():
        if Conference.objects.filter(municipality=municipality, year=year).exists():
            raise DomainError(
                _("There is already a conference in %(year)s.") % {"year": year},
                code="year_taken",
                field="year",
            )
        if Conference.objects.filter(event=event).exists():
            raise DomainError(
                _("That event is already another conference's registration."),
                code="event_taken",
                field="event",
            )
        conference = Conference.objects.create(
            municipality=municipality,
            year=year,
            title=title,
            summary=(summary or "").strip(),
            event=event,
        )
        notify("conference.created", actor=user, target=conference)
    return conference


def save_conference_details(user, conference: Conference, *, title: str, summary: str):
    rules.can_manage_conference(user, conference).enforce()
    title = (title or "").strip()
    if not title:
        raise DomainError(_("Write the conference's title."), code="title_required", field="title")
    with transaction.atomic():
        conference.title = title
        conference.summary = (summary or "").strip()
        conference.save(update_fields=["title", "summary"])
        notify("conference.saved", actor=user, target=conference)
    return conference


def save_session(
    user, conference: Conference, data: dict, session: ConferenceSession | None = None
) -> ConferenceSession:
    """Add a session to the programme, or change one: a title and a time that ends after it
    starts; room, speakers and description as typed."""
    rules.can_manage_conference(user, conference).enforce()
    if session is not None and session.conference_id != conference.pk:
        raise DomainError(_("This session belongs to another conference."), code="wrong_parent")
    title = _text(data, "title")
    if not title:
        raise DomainError(_("Write the session's title."), code="title_required", field="title")
    starts_at, ends_at = data.get("starts_at"), data.get("ends_at")
    if starts_at is None or ends_at is None:
        raise DomainError(_("Give the session's date and times."), field="starts_at")
    if ends_at <= starts_at:
        raise DomainError(
            _("The session must end after it starts."), code="ends_before_start", field="ends_at"
        )
    with transaction.atomic():
        session = session or ConferenceSession(conference=conference)
        session.title = title
        session.starts_at, session.ends_at = starts_at, ends_at
        for name in ("room", "speakers", "description"):
            setattr(session, name, _text(data, name))
        session.save()
        notify(
            "conference.session_saved", actor=user, target=conference, data={"session": session.pk}
        )
    return session


def delete_session(user, session: ConferenceSession) -> None:
    rules.can_manage_conference(user, session.conference).enforce()
    with transaction.atomic():
        notify(
            "conference.session_deleted",
            actor=user,
            target=session.conference,
            data={"session": session.pk, "title": session.title},
        )
        session.delete()


def add_document(
    user, conference: Conference, *, title: str, url: str = "", file=None, published_on=None
) -> ConferenceDocument:
    """A document of the conference: an uploaded file or a link, one of the two."""
    rules.can_manage_conference(user, conference).enforce()
    title, url = (title or "").strip(), (url or "").strip()
    if not title:
        raise DomainError(_("Write the document's title."), code="title_required", field="title")
    if file and url:
        raise DomainError(
            _("Upload a file or give a link, not both."), code="file_and_link", field="url"
        )
    if not file and not url:
        raise DomainError(
            _("Upload a file or give a link to the document."), code="file_or_link", field="file"
        )
    document = ConferenceDocument(
        conference=conference,
        title=title,
        url=url,
        published_on=published_on or timezone.localdate(),
    )
    if file:
        document.content_type = _checked_file(file, "file")
        document.original_name = _original_name(file)
        document.file = file
    with transaction.atomic():
        document.save()
        notify(
            "conference.document_added",
            actor=user,
            target=conference,
            data={"document": document.pk},
        )
    return document


def delete_document(user, document: ConferenceDocument) -> None:
    rules.can_manage_conference(user, document.conference).enforce()
    with transaction.atomic():
        notify(
            "conference.document_deleted",
            actor=user,
            target=document.conference,
            data={"document": document.pk, "title": document.title},
        )
        stored = document.file.name
        document.delete()
        if stored:
            # The file goes once the row is gone for good, not before a rollback.
            storage = document.file.storage
            transaction.on_commit(lambda: storage.delete(stored))


# --- the council ----------------------------------------------------------------------------


def save_council_details(user, municipality, *, name: str, description: str) -> Council:
    """Set up the municipality's volunteer council, or change its name and description."""
    council = Council.objects.filter(municipality=municipality).first()
    rules.can_manage_council(user, council).enforce()
    name = (name or "").strip()
    if not name:
        raise DomainError(_("Write the council's name."), code="name_required", field="name")
    with transaction.atomic():
        council = council or Council(municipality=municipality)
        council.name = name
        council.description = (description or "").strip()
        council.save()
        notify("council.saved", actor=user, target=council)
    return council


def save_member(
    user, council: Council, data: dict, member: CouncilMember | None = None
) -> CouncilMember:
    """A member in their public role: name, role, whom they represent and their term. Nothing
    else about the person is stored here."""
    rules.can_manage_council(user, council).enforce()
    if member is not None and member.council_id != council.pk:
        raise DomainError(_("This member belongs to another council."), code="wrong_parent")
    name = _text(data, "name")
    if not name:
        raise DomainError(_("Write the member's name."), code="name_required", field="name")
    organisation, represents = data.get("organisation"), _text(data, "represents")
    if organisation is not None and organisation.municipality_id != council.municipality_id:
        raise DomainError(_("Choose an organisation in the directory."), field="organisation")
    if organisation is None and not represents:
        raise DomainError(
            _("Choose the organisation the member represents, or write whom they represent."),
            code="represents_required",
            field="organisation",
        )
    term_start, term_end = data.get("term_start"), data.get("term_end")
    if term_start is None:
        raise DomainError(_("Give the date the term starts."), field="term_start")
    if term_end is None:
        raise DomainError(_("Give the date the term ends."), field="term_end")
    if term_end < term_start:
        raise DomainError(
            _("The term cannot end before it starts."), code="term_order", field="term_end"
        )
    with transaction.atomic():
        member = member or CouncilMember(council=council)
        member.name = name
        member.role = data.get("role") or CouncilMember.Role.MEMBER
        member.organisation = organisation
        member.represents = "" if organisation is not None else represents
        member.term_start, member.term_end = term_start, term_end
        member.save()
        notify("council.member_saved", actor=user, target=council, data={"member": member.pk})
    return member


def delete_member(user, member: CouncilMember) -> None:
    rules.can_manage_council(user, member.council).enforce()
    with transaction.atomic():
        notify(
            "council.member_deleted", actor=user, target=member.council, data={"member": member.pk}
        )
        member.delete()


def save_meeting(
    user,
    council: Council,
    data: dict,
    meeting: CouncilMeeting | None = None,
    *,
    minutes_file=None,
    remove_minutes_file: bool = False,
) -> CouncilMeeting:
    """A meeting with its date, place and agenda; its minutes as text, as a file, or both."""
    rules.can_manage_council(user, council).enforce()
    if meeting is not None and meeting.council_id != council.pk:
        raise DomainError(_("This meeting belongs to another council."), code="wrong_parent")
    date = data.get("date")
    if date is None:
        raise DomainError(_("Give the meeting's date."), code="date_required", field="date")
    content_type = _checked_file(minutes_file, "minutes_file") if minutes_file else ""
    meeting = meeting or CouncilMeeting(council=council)
    old_file = meeting.minutes_file.name if meeting.pk else ""
    meeting.date = date
    for name in ("place", "agenda", "minutes"):
        setattr(meeting, name, _text(data, name))
    if minutes_file:
        meeting.minutes_file = minutes_file
        meeting.minutes_file_name = _original_name(minutes_file)
        meeting.minutes_content_type = content_type
    elif remove_minutes_file:
        meeting.minutes_file = ""
        meeting.minutes_file_name = meeting.minutes_content_type = ""
    with transaction.atomic():
        meeting.save()
        notify("council.meeting_saved", actor=user, target=council, data={"meeting": meeting.pk})
        if old_file and old_file != meeting.minutes_file.name:
            storage = meeting.minutes_file.storage
            transaction.on_commit(lambda: storage.delete(old_file))
    return meeting


def delete_meeting(user, meeting: CouncilMeeting) -> None:
    rules.can_manage_council(user, meeting.council).enforce()
    with transaction.atomic():
        notify(
            "council.meeting_deleted",
            actor=user,
            target=meeting.council,
            data={"meeting": meeting.pk, "date": meeting.date.isoformat()},
        )
        stored = meeting.minutes_file.name
        storage = meeting.minutes_file.storage
        meeting.delete()
        if stored:
            transaction.on_commit(lambda: storage.delete(stored))
