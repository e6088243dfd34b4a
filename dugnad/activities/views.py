"""The HTML face of the calendar: thin views over queries and actions."""

from datetime import timedelta
from itertools import groupby
from operator import itemgetter
from types import SimpleNamespace
from urllib.parse import urlencode

from csp.decorators import csp_replace
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.dates import MONTHS, WEEKDAYS
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.http import require_POST

from dugnad.accounts.roles import Role
from dugnad.core import ical
from dugnad.core.access import access_for
from dugnad.core.caching import public_page
from dugnad.core.errors import DomainError, NotAllowed
from dugnad.core.forms import add_domain_error
from dugnad.core.paging import page_of
from dugnad.core.templatetags.dugnad import kroner
from dugnad.core.text import plain_text
from dugnad.core.uploads import serve_file

from . import actions, feeds, periods, queries
from .forms import (
    ApprovalPolicyForm,
    CalendarFilterForm,
    EventForm,
    MoveOccurrenceForm,
    OptionalReasonForm,
    ReasonForm,
    RescheduleForm,
    WidgetForm,
)
from .models import Category, Event, Occurrence
from .rules import (
    can_edit_event,
    can_review_events,
    can_view_event,
    signup_open,
)
from .structured import event_jsonld

PAGE_SIZE = 40


def _filters(request):
    form = CalendarFilterForm(request.GET or None, municipality=request.municipality)
    if form.is_bound:
        form.is_valid()
        # Apply the filters that are valid and show messages for the rest.
        return form, {k: v for k, v in form.cleaned_data.items() if k not in form.errors}
    return form, {}


def _selection_name(filters: dict) -> str:
    """The calendar's name after its filter, for a subscribed calendar (X-WR-CALNAME): "Activity
    calendar: Ås Sjakklubb, Music, free" rather than the same name for every selection."""
    parts = []
    if organiser := filters.get("organisation") or filters.get("unit"):
        parts.append(str(organiser))
    if category := filters.get("category"):
        parts.append(str(Category(category).label))
    if age_group := filters.get("age_group"):
        parts.append(str(age_group))
    if (age := filters.get("age")) is not None:
        parts.append(_("age %(age)s") % {"age": age})
    if area := filters.get("area"):
        parts.append(str(area))
    if filters.get("free"):
        parts.append(_("free"))
    if q := (filters.get("q") or "").strip():
        parts.append(f"«{q}»")
    title = _("Activity calendar")
    return f"{title}: {', '.join(parts)}" if parts else title


def _quick_filters(request) -> list[dict]:
    """Links for the usual questions: today, this weekend, free, and the current ones marked."""
    today = timezone.localdate()
    saturday = today + timedelta(days=(5 - today.weekday()) % 7)
    if today.weekday() == 6:
        saturday = today - timedelta(days=1)
    sunday = saturday + timedelta(days=1)
    weekend_start = max(today, saturday)
    current = request.GET
    options = [
        (_("Today"), {"start": today.isoformat(), "end": today.isoformat()}),
        (_("This weekend"), {"start": weekend_start.isoformat(), "end": sunday.isoformat()}),
        (_("Free"), {"free": "on"}),
    ]
    links = []
    for label, values in options:
        active = all(current.get(k) == v for k, v in values.items())
        query = current.copy()
        for key in ("page", "view", "week", "month"):
            query.pop(key, None)
        for key, value in values.items():
            if active:
                query.pop(key, None)
            else:
                query[key] = value
        links.append({"label": label, "query": query.urlencode(), "active": active})
    return links


MONTH_CELL_LIMIT = 4  # events shown in a day's cell; the rest behind a link to that day


def _month_weeks(period, by_day: dict, query: str) -> list[dict]:
    """The month as weeks of seven days (Monday first), for the grid. Days of the weeks either
    side of the month are placeholders: the month's query did not read their events. A day's
    rows become items only for the MONTH_CELL_LIMIT its cell shows, and its labels are made
    here once rather than by a date filter per cell."""
    first = period.first - timedelta(days=period.first.weekday())
    last = period.last + timedelta(days=6 - period.last.weekday())
    prefix = f"{query}&" if query else ""
    make_item = _item_maker()
    weeks = []
    for offset in range(0, (last - first).days + 1, 7):
        monday = first + timedelta(days=offset)
        days = []
        for n in range(7):
            day = monday + timedelta(days=n)
            in_month = period.first <= day <= period.last
            rows = by_day.get(day, []) if in_month else []
            days.append(
                {
                    "date": day,
                    "in_month": in_month,
                    "label": capfirst(date_format(day, "l j. F")) if in_month else "",
                    "items": [make_item(row) for row in rows[:MONTH_CELL_LIMIT]],
                    "more": max(len(rows) - MONTH_CELL_LIMIT, 0),
                    "day_query": f"{prefix}start={day.isoformat()}&end={day.isoformat()}",
                }
            )
        weeks.append({"number": monday.isocalendar()[1], "days": days})
    return weeks


PERIOD_LIMIT = 500  # a month of the busiest calendar fits; more would not be readable anyway


# The query parameters each public page reads: its cache key holds these alone.
FILTER_PARAMS = tuple(CalendarFilterForm.base_fields)
CALENDAR_PARAMS = (*FILTER_PARAMS, "page", "view", "week", "month")


@public_page(*queries.PUBLIC_TOPICS, params=CALENDAR_PARAMS, per_row=queries.PLACES_LEFT)
def calendar(request):
    form, filters = _filters(request)
    view = request.GET.get("view")
    base = request.GET.copy()
    for key in ("page", "view", "week", "month"):
        base.pop(key, None)
    feed_path = reverse("activities:calendar_ics")
    feed_query = base.urlencode()
    feed_path += f"?{feed_query}" if feed_query else ""
    advanced = ("category", "age_group", "area", "accessibility", "start", "end", "unit")
    context = {
        "form": form,
        "quick_filters": _quick_filters(request),
        "filters_open": any(request.GET.get(key) for key in advanced) or bool(form.errors),
        "organiser_filter": filters.get("organisation") or filters.get("unit"),
        "selection_name": _selection_name(filters),
        "webcal_url": f"webcal://{request.get_host()}{feed_path}",
        "feed_url": request.build_absolute_uri(feed_path),
        "view": view if view in ("week", "month") else "list",
        "base_query": base.urlencode(),
        "today": timezone.localdate(),
        "can_create": request.user.is_authenticated
        and bool(_organisers(request.user, request.municipality)),
    }
    if view in ("week", "month"):
        # A week or month view shows the whole period; its own dates win over start/end.
        period, error = getattr(periods, view)(request.GET.get(view), timezone.localdate())
        if error:
            messages.warning(request, error)
        for key in ("start", "end"):
            base.pop(key, None)
        filters = {**filters, "start": period.first, "end": period.last}
        rows = list(queries.calendar_rows(filters, request.municipality)[:PERIOD_LIMIT])
        by_day = {
            day: list(group)
            for day, group in groupby(rows, key=lambda row: timezone.localtime(row["start"]).date())
        }
        make_item = _item_maker()
        period_query = base.urlencode()
        feed_path = reverse("activities:calendar_ics") + (
            f"?{period_query}" if period_query else ""
        )
        context.update(
            period=period,
            period_query=period_query,
            # A subscription follows the filters, not the period on screen.
            webcal_url=f"webcal://{request.get_host()}{feed_path}",
            feed_url=request.build_absolute_uri(feed_path),
            days=(
                [(day, [make_item(row) for row in by_day.get(day, [])]) for day in period.days]
                if view == "week"
                else []
            ),
            weeks=_month_weeks(period, by_day, period_query) if view == "month" else [],
            count=len(rows),
            truncated=len(rows) == PERIOD_LIMIT,
            query=request.GET.urlencode(),
        )
        return render(request, "activities/calendar_period.html", context)
    rows = queries.calendar_rows(filters, request.municipality)
    page = page_of(rows, request.GET.get("page"), PAGE_SIZE)  # one page's worth: no COUNT
    items = _calendar_items(page.object_list)
    days = [(day, list(group)) for day, group in groupby(items, key=itemgetter("day"))]
    query = request.GET.copy()
    query.pop("page", None)
    context.update(days=days, page_obj=page, query=query.urlencode())
    return render(request, "activities/calendar.html", context)


def _calendar_items(rows) -> list[dict]:
    """The calendar's rows (queries.calendar_rows) as its templates show them."""
    make_item = _item_maker()
    return [make_item(row) for row in rows]


def _item_maker():
    """A function from a calendar row to what the templates show, every string made once:
    one reverse() for all the events' addresses, local times, the place, the organiser, the
    price and the places left (what _state.html shows on an event's page)."""
    event_path = reverse("activities:event", kwargs={"pk": 1}).replace("/1/", "/{}/")
    image_path = reverse("activities:event_image", kwargs={"pk": 1}).replace("/1/", "/{}/")
    cancelled = Occurrence.Status.CANCELLED
    free = ("success", _("Free"))

    def make(row) -> dict:
        start, end = timezone.localtime(row["start"]), timezone.localtime(row["end"])
        event_id, price = row["event_id"], row["event__price_ore"]
        organiser = row["event__organisation__name"]
        return {
            "day": start.date(),
            "url": event_path.format(event_id),
            "title": row["event__title"],
            "summary": row["event__summary"],
            "image_url": image_path.format(event_id) if row["event__image"] else "",
            "image_alt": row["event__image_alt"],
            "start_iso": start.isoformat(),
            "start_time": f"{start:%H:%M}",
            "end_time": f"{end:%H:%M}",
            "place": (
                f"{row['event__room__building__name']}, {row['event__room__name']}"
                if row["event__room_id"]
                else row["event__venue_name"]
            ),
            "organiser": organiser if organiser is not None else row["event__unit__name"],
            "cancelled": row["status"] == cancelled,
            "price": ("neutral", kroner(price)) if price else free,
            "places": _places(row),
        }

    return make


def _places(row) -> tuple[str, str] | None:
    """(colour, text) of a date's places-left tag, as queries.signup_state and _state.html
    decide it; None when the event has no sign-up or no limit."""
    capacity = row["capacity"] if row["capacity"] is not None else row["event__capacity"]
    if not row["event__signup_enabled"] or capacity is None:
        return None
    if left := max(capacity - row["confirmed_count"], 0):
        text = ngettext("%(counter)s place left", "%(counter)s places left", left)
        return "info", text % {"counter": left}
    if row["event__waitlist_capacity"] - row["waiting_count"] > 0:
        return "warning", _("Waiting list")
    return "danger", _("Full")


def _widget_target(request):
    """The organisation or unit of a widget query, or None with the form's errors."""
    form = WidgetForm(request.GET or None, municipality=request.municipality)
    if not form.is_bound or not form.is_valid():
        return form, None, {}
    data = form.cleaned_data
    organiser = data["organisation"] or data["unit"]
    params = {"organisation": organiser.slug} if data["organisation"] else {"unit": organiser.pk}
    if data.get("limit"):
        params["limit"] = data["limit"]
    return form, organiser, params


# Other sites embed the widget, so this page alone may be framed by anyone.
@xframe_options_exempt
@csp_replace({"frame-ancestors": ["*"]})
@public_page(*queries.PUBLIC_TOPICS, params=tuple(WidgetForm.base_fields))
def widget(request):
    form, organiser, params = _widget_target(request)
    if organiser is None:
        return render(request, "activities/widget_error.html", {"form": form}, status=400)
    key = "organisation" if "organisation" in params else "unit"
    occurrences = queries.upcoming_occurrences(key, organiser, params.get("limit") or 10)
    calendar_query = {key: params[key]} if key == "organisation" else {}
    return render(
        request,
        "activities/widget.html",
        {
            "organiser": organiser,
            "occurrences": occurrences,
            "base_url": feeds.base_url(request),
            "calendar_url": reverse("activities:calendar")
            + ("?" + urlencode(calendar_query) if calendar_query else ""),
        },
    )


def widget_code(request):
    form, organiser, params = _widget_target(request)
    context = {"form": form}
    if organiser is not None:
        path = reverse("activities:widget") + "?" + urlencode(params)
        title = _("Upcoming events: %(name)s") % {"name": organiser}
        context.update(
            widget_path=path,
            widget_title=title,
            snippet=format_html(
                '<iframe src="{}" title="{}" width="100%" height="400" loading="lazy" '
                'style="border:1px solid #d2d8e0;max-width:100%"></iframe>',
                feeds.base_url(request) + path,
                title,
            ),
        )
    return render(request, "activities/widget_code.html", context)


def _ics_response(occurrences, name: str, request, **kwargs) -> HttpResponse:
    body = feeds.render(occurrences, name, feeds.base_url(request))
    return ical.response(body, kwargs.pop("filename", "kalender.ics"), **kwargs)


def _feed_response(feed, name: str, request) -> HttpResponse:
    body = feeds.render_feed(feed, name, feeds.base_url(request))
    return ical.response(body, "kalender.ics")


@public_page(*queries.PUBLIC_TOPICS, params=FILTER_PARAMS)
def calendar_ics(request):
    form, filters = _filters(request)
    if form.is_bound and form.errors:
        return HttpResponseBadRequest(
            "; ".join(f"{field}: {' '.join(errors)}" for field, errors in form.errors.items()),
            content_type="text/plain; charset=utf-8",
        )
    return _feed_response(
        queries.calendar_feed(filters, request.municipality),
        _selection_name(filters),
        request,
    )


@public_page(*queries.PUBLIC_TOPICS, params=())
def organisation_ics(request, slug):
    organisation = get_object_or_404(queries.public_organisations(request.municipality), slug=slug)
    return _feed_response(
        queries.feed_rows(queries.organisation_occurrences(organisation)),
        organisation.name,
        request,
    )


def event_or_404(request, pk, read=queries.event_detail) -> Event:
    """The served municipality's event `pk` as `read` gives it, or a 404 when there is none or
    the user may not see it (an unpublished event is not said to exist): for the pages and the
    API alike."""
    try:
        event = read(pk, request.municipality)
    except Event.DoesNotExist:
        raise Http404 from None
    if not can_view_event(request.user, event):
        raise Http404
    return event


@public_page(*queries.PUBLIC_TOPICS, params=(), per_row=queries.PLACES_LEFT)
def event_detail(request, pk):
    event = event_or_404(request, pk, read=queries.event_page)
    can_edit = can_edit_event(request.user, event)
    lists = queries.event_lists(event)
    dates = _page_dates(event, queries.event_dates(event), can_edit)
    return render(
        request,
        "activities/event_detail.html",
        {
            "event": event,
            "lists": lists,
            "dates": dates,
            "jsonld": event_jsonld(event, dates, lists, feeds.base_url(request)) if dates else None,
            "can_edit": can_edit,
            "can_review": can_review_events(request.user),
        },
    )


def _url_around(name: str, event_pk: int) -> tuple[str, str]:
    """The parts of a date's address before and after its id: one reverse() per page, not one
    per date (the date's id is the path's last number)."""
    prefix, _sep, suffix = reverse(name, args=[event_pk, 999999999]).rpartition("999999999")
    return prefix, suffix


def _page_dates(event, rows, can_edit) -> list[dict]:
    """The event page's dates with what each line shows worked out once per page: the texts of
    the times (the day and month names translated once), the tag of places left, the links."""
    weekdays = [str(name) for name in WEEKDAYS.values()]
    months = {number: str(name) for number, name in MONTHS.items()}
    ics = _url_around("activities:occurrence_ics", event.pk)
    signup = _url_around("activities:sign_up", event.pk)
    participants = _url_around("activities:participants", event.pk)
    now = timezone.now()
    for row in rows:
        start, end = timezone.localtime(row["start"]), timezone.localtime(row["end"])
        clock, month = f"{start:%H:%M}", months[start.month]
        # The template's "l j. F Y H:i"|capfirst, "H:i" and "j. F H:i", without a DateFormat.
        row["start_label"] = capfirst(
            f"{weekdays[start.weekday()]} {start.day}. {month} {start.year:04d} {clock}"
        )
        row["end_label"] = f"{end:%H:%M}"
        row["short_label"] = f"{start.day}. {month} {clock}"
        row["cancelled"] = row["status"] == Occurrence.Status.CANCELLED
        row["moved"] = row["start"] != row["original_start"]
        state, occurrence_pk = row["state"], row["id"]
        row["ics_url"] = f"{ics[0]}{occurrence_pk}{ics[1]}"
        row["tag"] = _state_tag(state)
        open_ = event.signup_enabled and signup_open(
            SimpleNamespace(event=event, status=row["status"], start=row["start"]), now
        )
        row["signup_url"] = (
            f"{signup[0]}{occurrence_pk}{signup[1]}" if open_ and not state.get("full") else ""
        )
        row["participants_url"] = (
            f"{participants[0]}{occurrence_pk}{participants[1]}"
            if can_edit and state["enabled"]
            else ""
        )
    return rows


def _state_tag(state) -> tuple[str, str] | None:
    """activities/_state.html's tag as (colour, text), with the same texts."""
    if not state["enabled"]:
        return None
    if left := state["left"]:
        return "info", ngettext("%(counter)s place left", "%(counter)s places left", left) % {
            "counter": left
        }
    if state["waiting_list"]:
        return "warning", _("Waiting list")
    return "danger", _("Full")


def event_image(request, pk):
    """The event's image through the event's own visibility check: uploads are never served
    from a public path, so an unpublished event's image stays with those who may see it."""
    event = event_or_404(request, pk)
    public = event.status == Event.Status.PUBLISHED
    return serve_file(event.image, cache="public" if public else "none")


def occurrence_ics(request, pk, occurrence_pk):
    event = event_or_404(request, pk)
    occurrence = get_object_or_404(queries.occurrences_of(event, with_event=True), pk=occurrence_pk)
    return _ics_response(
        [occurrence],
        event.title,
        request,
        filename=f"arrangement-{occurrence.pk}.ics",
        download=True,
    )


def _occurrence(request, pk, occurrence_pk):
    event = event_or_404(request, pk)
    occurrence = get_object_or_404(queries.occurrences_of(event), pk=occurrence_pk)
    occurrence.event = event
    return event, occurrence


def _safe_next(request) -> str | None:
    """The page the person came from (a `next` field), if it is on this site."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return None


def cancel_signup(request, token):
    """The page the email's link opens: confirm a sign-up made without an account, see the
    others signed up with it, and sign each off on its own."""
    signup = get_object_or_404(queries.signups_with_event(), cancel_token=token)
    if request.method == "POST" and request.POST.get("action") == "confirm":
        actions.confirm_email(signup, token)
        messages.success(request, _("Thank you, your email address is confirmed."))
        return redirect("activities:cancel_signup", token=token)
    if request.method == "POST":
        try:
            actions.cancel_signup(request.user, signup, token=token)
        except DomainError as error:
            messages.error(request, str(error.message))
        else:
            messages.success(
                request,
                _("%(name)s is signed off %(event)s.")
                % {"name": signup.participant_name, "event": signup.occurrence.event.title},
            )
            if target := _safe_next(request):
                return redirect(target)
            return redirect("activities:cancel_signup", token=token)
    return render(
        request,
        "activities/cancel_signup.html",
        {
            "signup": signup,
            "others": queries.same_submission(signup),
            "needs_confirmation": signup.booked_by_id is None
            and signup.email_confirmed_at is None
            and signup.status != "cancelled",
        },
    )


def _organisers(user, municipality) -> list[tuple[str, object]]:
    """The organisations and units of `municipality` that `user` may publish for, as (form key,
    object). A site administrator holds every unit of every municipality: not all are offered."""
    access = access_for(user)
    choices = [
        (f"org:{org.pk}", org)
        for org in queries.public_organisations_among(access.organisation_ids(), municipality)
    ]
    units = queries.units_among(access.unit_ids(Role.EDITOR), municipality)
    choices += [(f"unit:{unit.pk}", unit) for unit in units]
    return choices


@login_required
def event_create(request):
    organisers = _organisers(request.user, request.municipality)
    if not organisers:
        raise NotAllowed(
            _(
                "You can publish events when you hold a role in an approved organisation "
                "or are an editor in a municipal unit."
            )
        )
    form = EventForm(
        request.POST or None,
        request.FILES or None,
        organisers=organisers,
        municipality=request.municipality,
    )
    clashes, past = [], []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        schedule = actions.Schedule(
            first_day=data["first_day"],
            start_time=data["start_time"],
            end_time=data["end_time"],
            rule=data["rule"],
            extra_dates=data["extra_date_list"],
            exceptions=data["exception_list"],
            until=data.get("until"),
        )
        try:
            pairs = schedule.pairs()
            clashes = queries.clashes(pairs, data.get("age_groups"), data.get("area"))
            # A date that has passed is most often a typing mistake (the wrong year), but an
            # organiser may record an event that took place: a warning, not a refusal.
            now = timezone.now()
            past = [start for start, _end in pairs if start < now]
            if (clashes and not request.POST.get("confirm_clash")) or (
                past and not request.POST.get("confirm_past")
            ):
                raise _NeedsConfirmation
            event = actions.create_event(
                request.user,
                form.organisers[data["organiser"]],
                form.event_values(),
                schedule,
                age_groups=data.get("age_groups") or [],
                **form.co_organiser_values(),
            )
        except _NeedsConfirmation:
            pass
        except DomainError as error:
            # The edit form has no rule field: the choice of repetition stands for it.
            add_domain_error(form, error, {"rrule": "repeat"})
        else:
            if event.status == Event.Status.PENDING:
                messages.info(
                    request, _("The event is saved and waits for approval by the municipality.")
                )
            else:
                messages.success(request, _("The event is published."))
            return redirect(event.get_absolute_url())
    return render(
        request,
        "activities/event_form.html",
        {"form": form, "event": None, "clashes": clashes, "past": past},
    )


class _NeedsConfirmation(Exception):
    """The form is shown again with a warning and a box to tick (clashes, dates passed)."""


@login_required
def event_edit(request, pk):
    event = get_object_or_404(queries.events(request.municipality), pk=pk)
    can_edit_event(request.user, event).enforce()
    form = EventForm(
        request.POST or None,
        request.FILES or None,
        instance=event,
        editing=True,
        municipality=event.municipality,
    )
    if request.method == "POST" and form.is_valid():
        values = form.event_values()
        try:
            actions.update_event(
                request.user,
                queries.stored_event(pk, request.municipality),
                values,
                age_groups=form.cleaned_data.get("age_groups") or [],
                **form.co_organiser_values(),
            )
        except DomainError as error:
            # The edit form has no rule field: the choice of repetition stands for it.
            add_domain_error(form, error, {"rrule": "repeat"})
        else:
            messages.success(request, _("The event is saved."))
            return redirect(event.get_absolute_url())
    occurrences = queries.occurrences_of(event)[:200]
    return render(
        request,
        "activities/event_form.html",
        {
            "form": form,
            "event": event,
            "occurrences": occurrences,
            "reschedule_form": RescheduleForm(),
        },
    )


@login_required
@require_POST
def occurrence_cancel(request, pk, occurrence_pk):
    _event, occurrence = _occurrence(request, pk, occurrence_pk)
    form = OptionalReasonForm(request.POST)
    form.is_valid()
    try:
        actions.cancel_occurrence(request.user, occurrence, form.cleaned_data.get("reason", ""))
    except DomainError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("The date is cancelled."))
    return redirect("activities:event_edit", pk=pk)


@login_required
@require_POST
def reschedule_following(request, pk, occurrence_pk):
    _event, occurrence = _occurrence(request, pk, occurrence_pk)
    form = RescheduleForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give a valid start and end time."))
    else:
        try:
            count = actions.reschedule_following(request.user, occurrence, **form.cleaned_data)
        except DomainError as error:
            messages.error(request, str(error.message))
        else:
            messages.success(request, _("%(count)s dates moved.") % {"count": count})
    return redirect("activities:event_edit", pk=pk)


@login_required
def review(request):
    can_review_events(request.user).enforce()
    return render(
        request,
        "activities/review.html",
        {"events": queries.pending_events(request.municipality), "form": ReasonForm()},
    )


@login_required
@require_POST
def review_event(request, pk):
    event = get_object_or_404(queries.events(request.municipality), pk=pk)
    try:
        if request.POST.get("decision") == "approve":
            actions.approve_event(request.user, event)
            messages.success(request, _("The event is published."))
        else:
            # Read without a form (approving needs no reason): cleaned as a form field would be.
            reason = plain_text(request.POST.get("reason", ""))
            actions.unpublish_event(request.user, event, reason)
            messages.success(request, _("The event is unpublished."))
    except DomainError as error:
        messages.error(request, str(error.message))
    return redirect("activities:review")


@login_required
def move_occurrence(request, pk, occurrence_pk):
    event, occurrence = _occurrence(request, pk, occurrence_pk)
    can_edit_event(request.user, event).enforce()
    start, end = timezone.localtime(occurrence.start), timezone.localtime(occurrence.end)
    form = MoveOccurrenceForm(
        request.POST or None,
        initial={
            "day": start.date(),
            "start_time": start.time(),
            "end_time": end.time(),
            "note": occurrence.note,
        },
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        # Through Schedule so that a time on a DST-change day becomes a real Oslo instant.
        schedule = actions.Schedule(
            first_day=data["day"], start_time=data["start_time"], end_time=data["end_time"]
        )
        try:
            ((new_start, new_end),) = schedule.pairs()
            actions.move_occurrence(request.user, occurrence, new_start, new_end, data["note"])
        except DomainError as error:
            add_domain_error(form, error, {"end": "end_time"})
        else:
            messages.success(request, _("The date is moved."))
            return redirect("activities:event_edit", pk=pk)
    return render(
        request,
        "activities/move_occurrence.html",
        {"event": event, "occurrence": occurrence, "form": form},
    )


@login_required
def approval_policies(request):
    can_review_events(request.user).enforce()
    form = ApprovalPolicyForm(request.POST or None, municipality=request.municipality)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            actions.set_requires_approval(
                request.user, data["organisation"], data["requires_approval"], data["reason"]
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The setting is saved."))
            return redirect("activities:approval_policies")
    return render(
        request,
        "activities/approval_policies.html",
        {"form": form, "policies": queries.approval_policies(request.municipality)},
    )
