"""Fees per semester, explained line by line.

For each payer (the guardian marked as payer of a pupil) and semester:
1. every place held in the semester costs its fee plan's semester fee, unless staff made it a
   free place (with a reason), which costs nothing and is left out of the sibling count;
2. the sibling discount: the payer's children are ordered by what their places cost, dearest
   first; the first pays in full, the second gets the year's second-child percent and the
   third and later the third-child percent, so the discount falls on the cheapest places;
3. a granted income reduction for the school year takes its band's percent off what is left.
Amounts are in øre and rounded to whole kroner in the payer's favour.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils.translation import gettext as _

from .models import FeeReduction, Guardianship, Place, SchoolYear


@dataclass(frozen=True)
class Semester:
    year: SchoolYear
    key: str  # "autumn" or "spring"
    starts_on: dt.date
    ends_on: dt.date

    @property
    def label(self) -> str:
        name = _("Autumn") if self.key == "autumn" else _("Spring")
        return f"{name} {self.starts_on.year}"


def semesters(year: SchoolYear) -> list[Semester]:
    new_year = dt.date(year.starts_on.year + 1, 1, 1)
    return [
        Semester(year, "autumn", year.starts_on, new_year - dt.timedelta(days=1)),
        Semester(year, "spring", new_year, year.ends_on),
    ]


def semester_of(year: SchoolYear, key: str) -> Semester | None:
    return next((s for s in semesters(year) if s.key == key), None)


def current_semester(year: SchoolYear, today: dt.date | None = None) -> Semester:
    from django.utils import timezone

    today = today or timezone.localdate()
    autumn, spring = semesters(year)
    return spring if today >= spring.starts_on else autumn


@dataclass
class Line:
    label: str
    amount_ore: int


@dataclass
class PlaceFee:
    place: Place
    lines: list[Line] = field(default_factory=list)
    base_ore: int = 0
    sibling_ore: int = 0
    income_ore: int = 0
    free_ore: int = 0

    @property
    def total_ore(self) -> int:
        return sum(line.amount_ore for line in self.lines)


@dataclass
class PayerFees:
    payer: object
    places: list[PlaceFee] = field(default_factory=list)
    reduction: FeeReduction | None = None

    @property
    def total_ore(self) -> int:
        return sum(p.total_ore for p in self.places)


def _whole_kroner(ore: int) -> int:
    """Round a discount up to whole kroner (the family's favour)."""
    return -(-ore // 100) * 100


def compute(places: list[Place], year: SchoolYear, reduction: FeeReduction | None) -> list:
    """The PlaceFees of one payer's places in one semester."""
    fees = [PlaceFee(place) for place in places]
    by_child: dict[int, list[PlaceFee]] = {}
    for fee in fees:
        fee.base_ore = fee.place.offer.fee_plan.semester_fee_ore
        fee.lines.append(
            Line(
                _("%(subject)s, %(plan)s")
                % {"subject": fee.place.offer.subject.name, "plan": fee.place.offer.fee_plan.name},
                fee.base_ore,
            )
        )
        if fee.place.free_place:
            fee.free_ore = -fee.base_ore
            fee.lines.append(
                Line(
                    _("Free place: %(reason)s") % {"reason": fee.place.free_place_reason},
                    -fee.base_ore,
                )
            )
            continue
        by_child.setdefault(fee.place.pupil_id, []).append(fee)
    children = sorted(
        by_child.values(),
        key=lambda group: (-sum(f.base_ore for f in group), group[0].place.pupil_id),
    )
    for number, group in enumerate(children, 1):
        percent = 0
        if number == 2:
            percent = year.sibling_second_percent
        elif number >= 3:
            percent = year.sibling_third_percent
        for fee in group:
            if percent:
                fee.sibling_ore = -_whole_kroner(fee.base_ore * percent // 100)
                fee.lines.append(
                    Line(
                        _("Sibling discount, child number %(n)s: %(percent)s %%")
                        % {"n": number, "percent": percent},
                        fee.sibling_ore,
                    )
                )
            if reduction is not None and reduction.band is not None:
                left = fee.base_ore + fee.sibling_ore
                band = reduction.band
                fee.income_ore = -_whole_kroner(left * band.reduction_percent // 100)
                fee.income_ore = max(fee.income_ore, -left)
                fee.lines.append(
                    Line(
                        _("Reduction by household income (up to %(g)s G): %(percent)s %%")
                        % {"g": band.up_to_g, "percent": band.reduction_percent},
                        fee.income_ore,
                    )
                )
    return fees


def places_in(semester: Semester, queryset=None):
    queryset = queryset if queryset is not None else Place.objects.all()
    return queryset.filter(
        Q(left_on__isnull=True) | Q(left_on__gte=semester.starts_on),
        offer__school_year=semester.year,
        started_on__lte=semester.ends_on,
    ).select_related("pupil", "offer__subject", "offer__fee_plan")


def for_payer(user, semester: Semester) -> PayerFees:
    pupil_ids = Guardianship.objects.filter(user=user, is_payer=True).values("pupil_id")
    places = list(places_in(semester).filter(pupil_id__in=pupil_ids).order_by("pupil_id", "id"))
    reduction = granted_reduction(user, semester.year)
    return PayerFees(user, compute(places, semester.year, reduction), reduction)


def granted_reduction(user, year) -> FeeReduction | None:
    return (
        FeeReduction.objects.filter(
            payer=user, school_year=year, status=FeeReduction.Status.GRANTED
        )
        .select_related("band__school_year")
        .first()
    )


def invoice_basis(semester: Semester) -> list[PayerFees]:
    """Every payer's fees in the semester, for the accounting system (a few queries)."""
    places = list(
        places_in(semester).filter(pupil__school=semester.year.school).order_by("pupil_id", "id")
    )
    payer_of = {
        g.pupil_id: g.user
        for g in Guardianship.objects.filter(
            pupil_id__in={p.pupil_id for p in places}, is_payer=True
        ).select_related("user")
    }
    reductions = {
        r.payer_id: r
        for r in FeeReduction.objects.filter(
            school_year=semester.year, status=FeeReduction.Status.GRANTED
        ).select_related("band__school_year")
    }
    grouped: dict[int, tuple] = {}
    for place in places:
        if (payer := payer_of.get(place.pupil_id)) is not None:
            grouped.setdefault(payer.pk, (payer, []))[1].append(place)
    result = []
    for payer, payer_places in grouped.values():
        reduction = reductions.get(payer.pk)
        result.append(PayerFees(payer, compute(payer_places, semester.year, reduction), reduction))
    result.sort(key=lambda p: (p.payer.last_name, p.payer.first_name, p.payer.pk))
    return result


def basis_header() -> list[str]:
    return [
        _("Payer"),
        _("Payer's email"),
        _("Pupil"),
        _("Place"),
        _("Fee (NOK)"),
        _("Sibling discount (NOK)"),
        _("Income reduction (NOK)"),
        _("Free place (NOK)"),
        _("Amount (NOK)"),
        _("Explanation"),
    ]


def basis_rows(payers: list[PayerFees]):
    for payer in payers:
        for fee in payer.places:
            yield [
                payer.payer.get_full_name() or payer.payer.email,
                payer.payer.email,
                str(fee.place.pupil),
                f"{fee.place.offer.subject.name} ({fee.place.offer.get_programme_display()})",
                fee.base_ore / 100,
                fee.sibling_ore / 100,
                fee.income_ore / 100,
                fee.free_ore / 100,
                fee.total_ore / 100,
                "; ".join(line.label for line in fee.lines),
            ]
