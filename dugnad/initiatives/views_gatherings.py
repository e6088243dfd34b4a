"""The volunteer coordinator's pages for the conference's programme and documents and the
council's members and meetings, and the downloads of their files. Thin: rules.py decides,
gatherings.py writes."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from dugnad.core.errors import DomainError
from dugnad.core.forms import add_domain_error
from dugnad.core.uploads import serve_file

from . import gatherings, queries, rules
from .forms import (
    ConferenceDetailsForm,
    CouncilDetailsForm,
    DocumentForm,
    MeetingForm,
    MemberForm,
    NewConferenceForm,
    SessionForm,
)


def _file_response(field, name: str, content_type: str):
    return serve_file(
        field,
        cache="public",
        filename=name,
        content_type=content_type or "application/octet-stream",
    )


def _item_page(request, *, title, form, back_url, action_url, delete_url=None, files=False):
    return render(
        request,
        "initiatives/gathering_item_form.html",
        {
            "page_title": title,
            "form": form,
            "back_url": back_url,
            "action_url": action_url,
            "delete_url": delete_url,
            "multipart": files,
        },
    )


# --- the conference -------------------------------------------------------------------------


def _conference(request, year):
    conference = queries.current_conference(request.municipality, year)
    if conference is None:
        raise Http404
    return conference


def _manage_url(conference, anchor=""):
    return reverse("initiatives:conference_manage", args=[conference.year]) + anchor


def _conference_page(request, conference, **forms):
    return render(
        request,
        "initiatives/conference_manage.html",
        {
            "conference": conference,
            "details_form": forms.get("details_form")
            or ConferenceDetailsForm(
                initial={"title": conference.title, "summary": conference.summary}
            ),
            "session_form": forms.get("session_form")
            or SessionForm(initial=_session_day(conference)),
            "document_form": forms.get("document_form") or DocumentForm(),
        },
    )


def _session_day(conference) -> dict:
    occurrence = next(iter(conference.event.occurrences.all()), None)
    return {"date": timezone.localtime(occurrence.start).date()} if occurrence else {}


@login_required
def conference_create(request):
    rules.can_manage_conference(request.user).enforce()
    events = queries.events_for_a_new_conference(request.municipality)
    form = NewConferenceForm(request.POST or None, events=events)
    if request.method == "POST" and form.is_valid():
        try:
            conference = gatherings.create_conference(
                request.user, request.municipality, **form.cleaned_data
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The conference was created. Add its programme below."))
            return redirect(_manage_url(conference))
    return _item_page(
        request,
        title=_("New volunteer conference"),
        form=form,
        back_url=reverse("initiatives:conference"),
        action_url=reverse("initiatives:conference_create"),
    )


@login_required
def conference_manage(request, year):
    conference = _conference(request, year)
    rules.can_manage_conference(request.user, conference).enforce()
    form = ConferenceDetailsForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            try:
                gatherings.save_conference_details(request.user, conference, **form.cleaned_data)
            except DomainError as error:
                add_domain_error(form, error)
            else:
                messages.success(request, _("The conference was saved."))
                return redirect(_manage_url(conference))
        return _conference_page(request, conference, details_form=form)
    return _conference_page(request, conference)


@login_required
@require_POST
def session_add(request, year):
    conference = _conference(request, year)
    rules.can_manage_conference(request.user, conference).enforce()
    form = SessionForm(request.POST)
    if form.is_valid():
        try:
            gatherings.save_session(request.user, conference, form.action_data())
        except DomainError as error:
            add_domain_error(form, error, SessionForm.ACTION_FIELDS)
        else:
            messages.success(request, _("The session was added to the programme."))
            return redirect(_manage_url(conference, "#programme-heading"))
    return _conference_page(request, conference, session_form=form)


def _session(conference, pk):
    session = next((s for s in conference.sessions.all() if s.pk == pk), None)
    if session is None:
        raise Http404
    return session


@login_required
def session_edit(request, year, pk):
    conference = _conference(request, year)
    rules.can_manage_conference(request.user, conference).enforce()
    session = _session(conference, pk)
    form = SessionForm.for_session(session, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            gatherings.save_session(request.user, conference, form.action_data(), session)
        except DomainError as error:
            add_domain_error(form, error, SessionForm.ACTION_FIELDS)
        else:
            messages.success(request, _("The session was saved."))
            return redirect(_manage_url(conference, "#programme-heading"))
    return _item_page(
        request,
        title=_("Edit the session"),
        form=form,
        back_url=_manage_url(conference, "#programme-heading"),
        action_url=reverse("initiatives:session_edit", args=[year, pk]),
        delete_url=reverse("initiatives:session_delete", args=[year, pk]),
    )


@login_required
@require_POST
def session_delete(request, year, pk):
    conference = _conference(request, year)
    gatherings.delete_session(request.user, _session(conference, pk))
    messages.success(request, _("The session was removed from the programme."))
    return redirect(_manage_url(conference, "#programme-heading"))


@login_required
@require_POST
def document_add(request, year):
    conference = _conference(request, year)
    rules.can_manage_conference(request.user, conference).enforce()
    form = DocumentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            gatherings.add_document(request.user, conference, **form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The document was published."))
            return redirect(_manage_url(conference, "#documents-heading"))
    return _conference_page(request, conference, document_form=form)


@login_required
@require_POST
def document_delete(request, year, pk):
    conference = _conference(request, year)
    document = queries.conference_document(conference, pk)
    if document is None:
        raise Http404
    gatherings.delete_document(request.user, document)
    messages.success(request, _("The document was removed."))
    return redirect(_manage_url(conference, "#documents-heading"))


def conference_document(request, year, pk):
    """A conference document's file: public, like the conference page it is listed on."""
    document = queries.conference_document(_conference(request, year), pk)
    if document is None or not document.file:
        raise Http404
    return _file_response(document.file, document.original_name, document.content_type)


# --- the council ----------------------------------------------------------------------------

COUNCIL_MANAGE = "initiatives:council_manage"


def _council(request):
    council = queries.council_for_staff(request.municipality)
    if council is None:
        raise Http404
    rules.can_manage_council(request.user, council).enforce()
    return council


def _council_page(request, council, **forms):
    coming, held = queries.split_meetings(council.meetings.all()) if council else ([], [])
    details_initial = {"name": council.name, "description": council.description} if council else {}
    return render(
        request,
        "initiatives/council_manage.html",
        {
            "council": council,
            "coming": coming,
            "held": held,
            "today": timezone.localdate(),
            "details_form": forms.get("details_form")
            or CouncilDetailsForm(initial=details_initial),
            "member_form": forms.get("member_form")
            or MemberForm(municipality=request.municipality),
            "meeting_form": forms.get("meeting_form") or MeetingForm(),
        },
    )


@login_required
def council_manage(request):
    """The coordinator's page of the council; without a council yet, where it is set up."""
    council = queries.council_for_staff(request.municipality)
    rules.can_manage_council(request.user, council).enforce()
    form = CouncilDetailsForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            try:
                gatherings.save_council_details(
                    request.user, request.municipality, **form.cleaned_data
                )
            except DomainError as error:
                add_domain_error(form, error)
            else:
                messages.success(request, _("The council was saved."))
                return redirect(COUNCIL_MANAGE)
        return _council_page(request, council, details_form=form)
    return _council_page(request, council)


@login_required
@require_POST
def member_add(request):
    council = _council(request)
    form = MemberForm(request.POST, municipality=request.municipality)
    if form.is_valid():
        try:
            gatherings.save_member(request.user, council, form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The member was added."))
            return redirect(reverse(COUNCIL_MANAGE) + "#members-heading")
    return _council_page(request, council, member_form=form)


def _member(council, pk):
    member = next((m for m in council.members.all() if m.pk == pk), None)
    if member is None:
        raise Http404
    return member


@login_required
def member_edit(request, pk):
    council = _council(request)
    member = _member(council, pk)
    form = MemberForm.for_member(member, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            gatherings.save_member(request.user, council, form.cleaned_data, member)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The member was saved."))
            return redirect(reverse(COUNCIL_MANAGE) + "#members-heading")
    return _item_page(
        request,
        title=_("Edit the member"),
        form=form,
        back_url=reverse(COUNCIL_MANAGE) + "#members-heading",
        action_url=reverse("initiatives:member_edit", args=[pk]),
        delete_url=reverse("initiatives:member_delete", args=[pk]),
    )


@login_required
@require_POST
def member_delete(request, pk):
    council = _council(request)
    gatherings.delete_member(request.user, _member(council, pk))
    messages.success(request, _("The member was removed from the council."))
    return redirect(reverse(COUNCIL_MANAGE) + "#members-heading")


@login_required
@require_POST
def meeting_add(request):
    council = _council(request)
    form = MeetingForm(request.POST, request.FILES)
    if form.is_valid():
        data = dict(form.cleaned_data)
        try:
            gatherings.save_meeting(
                request.user, council, data, minutes_file=data.pop("minutes_file")
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The meeting was added."))
            return redirect(reverse(COUNCIL_MANAGE) + "#meetings-heading")
    return _council_page(request, council, meeting_form=form)


def _meeting(council, pk):
    meeting = next((m for m in council.meetings.all() if m.pk == pk), None)
    if meeting is None:
        raise Http404
    return meeting


@login_required
def meeting_edit(request, pk):
    council = _council(request)
    meeting = _meeting(council, pk)
    form = MeetingForm.for_meeting(meeting, request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            gatherings.save_meeting(
                request.user,
                council,
                data,
                meeting,
                minutes_file=data.pop("minutes_file"),
                remove_minutes_file=data.pop("remove_minutes_file", False),
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The meeting was saved."))
            return redirect(reverse(COUNCIL_MANAGE) + "#meetings-heading")
    return _item_page(
        request,
        title=_("Edit the meeting"),
        form=form,
        back_url=reverse(COUNCIL_MANAGE) + "#meetings-heading",
        action_url=reverse("initiatives:meeting_edit", args=[pk]),
        delete_url=reverse("initiatives:meeting_delete", args=[pk]),
        files=True,
    )


@login_required
@require_POST
def meeting_delete(request, pk):
    council = _council(request)
    gatherings.delete_meeting(request.user, _meeting(council, pk))
    messages.success(request, _("The meeting was removed."))
    return redirect(reverse(COUNCIL_MANAGE) + "#meetings-heading")


def council_minutes(request, pk):
    """A meeting's minutes as uploaded: public, like the council page."""
    council = queries.council_of(request.municipality)
    meeting = _meeting(council, pk) if council else None
    if meeting is None or not meeting.minutes_file:
        raise Http404
    return _file_response(
        meeting.minutes_file, meeting.minutes_file_name, meeting.minutes_content_type
    )
