"""Thin views for teaching: an offer's groups (staff), a teacher's week and a lesson's roll on
a phone, a family's absence notice, and a pupil's level history."""

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from dugnad.core.errors import DomainError
from dugnad.core.forms import add_domain_error
from dugnad.core.params import parse_week
from dugnad.core.privacy import note_people_shown

from . import queries, rules, teaching_actions
from .forms import AbsenceForm, CancelLessonForm, GroupForm, LevelForm, MembersForm
from .models import Attendance
from .views import _school_or_404, _staff_school


@login_required
def groups(request, pk):
    school = _staff_school(request)
    offer = get_object_or_404(queries.offer(request.municipality, pk, staff=True))
    form = GroupForm(
        request.POST or None,
        teachers=queries.teachers(school),
        rooms=queries.rooms(request.municipality),
        initial={"first_date": offer.school_year.starts_on, "last_date": offer.school_year.ends_on},
    )
    if request.method == "POST" and form.is_valid():
        try:
            result = teaching_actions.create_group(request.user, offer, **form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error, {"start": "start_time", "end": "end_time"})
        else:
            messages.success(
                request,
                ngettext(
                    "The group is saved with %(count)s lesson.",
                    "The group is saved with %(count)s lessons.",
                    result.lessons,
                )
                % {"count": result.lessons},
            )
            for day, reason in result.skipped:
                messages.warning(
                    request,
                    _("No lesson on %(day)s: %(reason)s")
                    % {"day": day.strftime("%d.%m.%Y"), "reason": reason},
                )
            return redirect("culture_school:groups", pk=offer.pk)
    group_list = list(queries.groups_of(offer))
    in_groups = {m.place_id for g in group_list for m in g.memberships.all()}
    free_places = queries.places_outside(offer, in_groups)
    has_free = bool(free_places)
    return render(
        request,
        "culture_school/groups.html",
        {
            "offer": offer,
            "has_free": has_free,
            "groups": [(g, MembersForm(places=free_places, prefix=f"g{g.pk}")) for g in group_list],
            "form": form,
        },
    )


@login_required
@require_POST
def group_members(request, pk):
    _staff_school(request)
    group = get_object_or_404(queries.group_in(request.municipality, pk))
    form = MembersForm(request.POST, places=queries.places_of(group.offer), prefix=f"g{group.pk}")
    if form.is_valid():
        try:
            added = teaching_actions.add_members(
                request.user, group, list(form.cleaned_data["places"])
            )
            messages.success(request, _("%(count)s pupils added.") % {"count": added})
        except DomainError as error:
            messages.error(request, str(error.message))
    else:
        messages.error(request, _("Choose at least one pupil."))
    return redirect("culture_school:groups", pk=group.offer_id)


@login_required
def teacher_week(request):
    school = _school_or_404(request)
    if not (rules.is_teacher(request.user, school) or rules.is_admin(request.user, school)):
        rules.deny_teacher().enforce()
    try:
        day = parse_week(request.GET.get("week"), name="week") or timezone.localdate()
    except DomainError:
        day = timezone.localdate()
    monday = day - dt.timedelta(days=day.weekday())
    lessons = list(queries.teacher_week(request.user, request.municipality, monday))
    days = {}
    for lesson in lessons:
        days.setdefault(lesson.date, []).append(lesson)
    iso = monday.isocalendar()
    previous, following = monday - dt.timedelta(days=7), monday + dt.timedelta(days=7)
    return render(
        request,
        "culture_school/teacher_week.html",
        {
            "monday": monday,
            "week": iso.week,
            "days": sorted(days.items()),
            "previous": f"{previous.isocalendar().year}-W{previous.isocalendar().week:02d}",
            "following": f"{following.isocalendar().year}-W{following.isocalendar().week:02d}",
        },
    )


def _lesson(request, pk):
    lesson = get_object_or_404(queries.lesson_in(request.municipality, pk))
    rules.can_teach(request.user, lesson.group).enforce()
    return lesson


@login_required
def lesson(request, pk):
    lesson = _lesson(request, pk)
    roll = queries.lesson_roll(lesson)
    if request.method == "POST":
        statuses = {}
        for place, _mark in roll:
            value = request.POST.get(f"place-{place.pk}")
            if value:
                statuses[place.pk] = value
        try:
            count = teaching_actions.record_attendance(request.user, lesson, statuses)
            messages.success(
                request, _("Attendance saved for %(count)s pupils.") % {"count": count}
            )
            return redirect(f"{reverse('culture_school:teacher_week')}?week={lesson.date:%G-W%V}")
        except DomainError as error:
            messages.error(request, str(error.message))
    note_people_shown(request, [place.pupil for place, _mark in roll])
    return render(
        request,
        "culture_school/lesson.html",
        {
            "lesson": lesson,
            "roll": roll,
            "statuses": [
                (Attendance.Status.PRESENT, _("Present")),
                (Attendance.Status.NOTIFIED, _("Notified")),
                (Attendance.Status.ABSENT, _("Absent")),
            ],
            "started": lesson.starts_at <= timezone.now(),
            "cancel_form": CancelLessonForm(),
            "level_form": LevelForm(),
        },
    )


@login_required
@require_POST
def lesson_cancel(request, pk):
    lesson = _lesson(request, pk)
    form = CancelLessonForm(request.POST)
    if form.is_valid():
        try:
            teaching_actions.cancel_lesson(request.user, lesson, form.cleaned_data["reason"])
            messages.success(request, _("The lesson is cancelled and the families are told."))
        except DomainError as error:
            messages.error(request, str(error.message))
    else:
        messages.error(request, _("Say why the lesson is cancelled; the families are told."))
    return redirect("culture_school:lesson", pk=lesson.pk)


@login_required
def pupil_levels(request, group_pk, place_pk):
    group = get_object_or_404(queries.group_in(request.municipality, group_pk))
    rules.can_teach(request.user, group).enforce()
    place = get_object_or_404(queries.places_of(group.offer), pk=place_pk)
    form = LevelForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            teaching_actions.record_level(request.user, group, place, **form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The level is recorded."))
            return redirect("culture_school:pupil_levels", group_pk=group.pk, place_pk=place.pk)
    return render(
        request,
        "culture_school/levels.html",
        {
            "group": group,
            "place": place,
            "levels": queries.level_history(place.pupil),
            "form": form,
        },
    )


@login_required
@require_POST
def absence(request, place_pk, lesson_pk):
    place = get_object_or_404(queries.place_for_user(request.user, request.municipality, place_pk))
    lesson = get_object_or_404(queries.lesson_in(request.municipality, lesson_pk))
    form = AbsenceForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The message to the teacher can be at most 200 characters."))
        return redirect("culture_school:family")
    try:
        teaching_actions.notify_absence(request.user, place, lesson, form.cleaned_data["note"])
        messages.success(request, _("The teacher is told about the absence."))
    except DomainError as error:
        messages.error(request, str(error.message))
    return redirect("culture_school:family")
