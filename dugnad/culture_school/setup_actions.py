"""The culture school's set-up, written by its administrators in the site's own pages:
subjects in areas, fee plans, the income bands of the fee reduction, and the school years
with their settings. Each write checks the administrator rule, validates, and is logged."""

from __future__ import annotations

import datetime as dt
import secrets
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from dugnad.core.errors import Conflict, DomainError
from dugnad.core.locking import lock
from dugnad.core.notify import notify

from .models import FeePlan, IncomeBand, School, SchoolYear, Subject, SubjectArea, WaitingRule
from .rules import can_administer

MAX_BAND_G = Decimal("99.9")


def _name(value: str) -> str:
    name = (value or "").strip()
    if not name:
        raise DomainError(_("Give a name."), field="name")
    return name


@transaction.atomic
def save_subject(user, school: School, data: dict, subject: Subject | None = None) -> Subject:
    can_administer(user, school).enforce()
    name = _name(data.get("name"))
    if data.get("area") not in SubjectArea.values:
        raise DomainError(_("Choose the area the subject belongs to."), field="area")
    others = Subject.objects.filter(school=school, name__iexact=name)
    if subject is not None:
        others = others.exclude(pk=subject.pk)
    if others.exists():
        raise Conflict(_("The school already has a subject called %(name)s.") % {"name": name},
                       field="name")  # fmt: skip
    created = subject is None
    subject = subject or Subject(school=school)
    subject.name, subject.area = name, data["area"]
    subject.description = (data.get("description") or "").strip()
    subject.save()
    notify(
        "culture_school.subject_created" if created else "culture_school.subject_changed",
        actor=user,
        target=subject,
    )
    return subject


@transaction.atomic
def save_fee_plan(user, school: School, data: dict, plan: FeePlan | None = None) -> FeePlan:
    """A fee plan's amount is øre per semester (typed in kroner by the form)."""
    can_administer(user, school).enforce()
    name = _name(data.get("name"))
    fee = data.get("semester_fee_ore")
    if fee is None or fee < 0:
        raise DomainError(_("Give the fee per semester in kroner."), field="semester_fee_ore")
    others = FeePlan.objects.filter(school=school, name__iexact=name)
    if plan is not None:
        others = others.exclude(pk=plan.pk)
    if others.exists():
        raise Conflict(
            _("The school already has a fee plan called %(name)s.") % {"name": name}, field="name"
        )
    created = plan is None
    plan = plan or FeePlan(school=school)
    before = plan.semester_fee_ore
    plan.name, plan.semester_fee_ore = name, fee
    plan.save()
    notify(
        "culture_school.fee_plan_created" if created else "culture_school.fee_plan_changed",
        actor=user,
        target=plan,
        data={"semester_fee_ore": fee, "before_ore": before},
    )
    return plan


@transaction.atomic
def save_band(user, year: SchoolYear, data: dict, band: IncomeBand | None = None) -> IncomeBand:
    """An income band: households with an income up to `up_to_g` times G get the reduction."""
    can_administer(user, year.school).enforce()
    up_to_g, percent = data.get("up_to_g"), data.get("reduction_percent")
    if up_to_g is None or not Decimal("0") < up_to_g <= MAX_BAND_G:
        raise DomainError(
            _("Give the income limit as a number of times G, for example 3 or 2.5."),
            field="up_to_g",
        )
    if percent is None or not 1 <= percent <= 100:
        raise DomainError(_("The reduction is from 1 to 100 per cent."), field="reduction_percent")
    year = lock(year)[0]  # two administrators saving bands of one year take turns
    others = IncomeBand.objects.filter(school_year=year, up_to_g=up_to_g)
    if band is not None:
        others = others.exclude(pk=band.pk)
    if others.exists():
        raise Conflict(
            _("The year already has a band up to %(g)s G.") % {"g": up_to_g}, field="up_to_g"
        )
    created = band is None
    band = band or IncomeBand(school_year=year)
    band.up_to_g, band.reduction_percent = up_to_g, percent
    band.save()
    notify(
        "culture_school.band_created" if created else "culture_school.band_changed",
        actor=user,
        target=year,
        data={"up_to_g": str(up_to_g), "reduction_percent": percent},
    )
    return band


@transaction.atomic
def delete_band(user, band: IncomeBand) -> None:
    """Remove a band; reductions already decided keep their amount (their band is cleared)."""
    can_administer(user, band.school_year.school).enforce()
    year = band.school_year
    data = {"up_to_g": str(band.up_to_g), "reduction_percent": band.reduction_percent}
    band.delete()
    notify("culture_school.band_deleted", actor=user, target=year, data=data)


YEAR_FIELDS = (
    "name",
    "starts_on",
    "ends_on",
    "applications_open",
    "offer_days",
    "sibling_second_percent",
    "sibling_third_percent",
    "basic_amount_ore",
)


def _check_year(school: School, data: dict, year: SchoolYear | None) -> str:
    name = _name(data.get("name"))
    starts_on, ends_on = data.get("starts_on"), data.get("ends_on")
    if starts_on is None or ends_on is None or ends_on <= starts_on:
        raise DomainError(_("The last day must come after the first day."), field="ends_on")
    if ends_on - starts_on > dt.timedelta(days=400):
        raise DomainError(_("A school year lasts at most about a year."), field="ends_on")
    if not 1 <= (data.get("offer_days") or 0) <= 90:
        raise DomainError(_("Families get from 1 to 90 days to answer."), field="offer_days")
    for field in ("sibling_second_percent", "sibling_third_percent"):
        if not 0 <= (data.get(field) if data.get(field) is not None else -1) <= 100:
            raise DomainError(_("A discount is from 0 to 100 per cent."), field=field)
    if not (data.get("basic_amount_ore") or 0) > 0:
        raise DomainError(_("Give the basic amount G in kroner."), field="basic_amount_ore")
    others = SchoolYear.objects.filter(school=school, name__iexact=name)
    if year is not None:
        others = others.exclude(pk=year.pk)
    if others.exists():
        raise Conflict(
            _("The school already has a school year called %(name)s.") % {"name": name},
            field="name",
        )
    return name


@transaction.atomic
def save_year(user, school: School, data: dict, year: SchoolYear | None = None) -> SchoolYear:
    """Create a school year or change its settings. A new year starts with the waiting-list
    rules and the income bands of the latest year before it, for staff to adjust."""
    can_administer(user, school).enforce()
    name = _check_year(school, data, year)
    created = year is None
    if created:
        previous = SchoolYear.objects.filter(school=school).order_by("-starts_on").first()
        year = SchoolYear(school=school)
    else:
        year = lock(year)[0]
    for field in YEAR_FIELDS:
        setattr(year, field, data[field] if field != "name" else name)
    if year.continuation_deadline and not (
        year.starts_on <= year.continuation_deadline <= year.ends_on
    ):
        raise DomainError(
            _("The re-registration deadline %(day)s would fall outside the school year; "
              "move it first.") % {"day": year.continuation_deadline.isoformat()},
            field="ends_on",
        )  # fmt: skip
    year.save()
    if created and previous is not None:
        WaitingRule.objects.bulk_create(
            WaitingRule(school_year=year, position=r.position, kind=r.kind)
            for r in previous.rules.all()
        )
        IncomeBand.objects.bulk_create(
            IncomeBand(school_year=year, up_to_g=b.up_to_g, reduction_percent=b.reduction_percent)
            for b in previous.bands.all()
        )
    if created:
        # Each year draws its own seed for the ties, recorded with who and when.
        year.lottery_seed = secrets.token_hex(16)
        year.lottery_drawn_at, year.lottery_drawn_by = timezone.now(), user
        year.save(update_fields=["lottery_seed", "lottery_drawn_at", "lottery_drawn_by"])
    notify(
        "culture_school.year_created" if created else "culture_school.year_changed",
        actor=user,
        target=year,
    )
    return year
