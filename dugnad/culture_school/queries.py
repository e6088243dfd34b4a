"""Reads for the culture school's pages and API: scoped to a municipality, counted in SQL."""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.db.models import Count, Prefetch, Q
from django.utils import timezone

from dugnad.core.models import Area

from . import waiting
from .models import (
    FIRST_GRADE_AGE,
    Application,
    Attendance,
    Continuation,
    FeePlan,
    FeeReduction,
    Group,
    GroupMember,
    GuardianInvitation,
    Guardianship,
    Lesson,
    Offer,
    Place,
    PlaceOffer,
    Programme,
    Pupil,
    School,
    SchoolYear,
    Subject,
    SubjectArea,
)

PUBLIC_TOPICS = ("culture_school",)


def school_for(municipality) -> School | None:
    return School.objects.filter(municipality=municipality).select_related("unit").first()


def current_year(school: School | None) -> SchoolYear | None:
    if school is None:
        return None
    today = timezone.localdate()
    years = SchoolYear.objects.filter(school=school)
    return (
        years.filter(ends_on__gte=today).order_by("starts_on").first()
        or years.order_by("-starts_on").first()
    )


def years_of(school):
    return SchoolYear.objects.filter(school=school)


def year_of(school, pk: int) -> SchoolYear | None:
    return years_of(school).filter(pk=pk).first()


def family_pupils(user, municipality):
    return Pupil.objects.in_municipality(municipality).filter(
        guardianships__user=user, anonymised_at__isnull=True
    )


def no_offers():
    return Offer.objects.none()


def waiting_application(offer, pk: int):
    return Application.objects.waiting().filter(offer=offer, pk=pk).first()


def years(school) -> list[SchoolYear]:
    return list(SchoolYear.objects.filter(school=school).order_by("-starts_on"))


def areas(municipality):
    return Area.objects.filter(municipality=municipality)


def subjects(school):
    return Subject.objects.filter(school=school)


def with_counts(queryset):
    """Offers annotated with their active places, open offers and waiting applications."""
    return queryset.annotate(
        placed=Count("place_set", filter=Q(place_set__left_on__isnull=True), distinct=True),
        offered=Count(
            "applications",
            filter=Q(applications__status=Application.Status.OFFERED),
            distinct=True,
        ),
        waiting=Count(
            "applications",
            filter=Q(applications__status=Application.Status.WAITING),
            distinct=True,
        ),
    )


def free_places(offer) -> int:
    return max(0, offer.places - offer.placed - offer.offered)


def catalogue(municipality, filters: dict, year: SchoolYear | None = None):
    """Published offers of the current school year, filtered by age, area and programme."""
    offers = Offer.objects.in_municipality(municipality).filter(is_published=True)
    if year is not None:
        offers = offers.filter(school_year=year)
    if (age := filters.get("age")) is not None:
        offers = offers.filter(min_age__lte=age, max_age__gte=age)
    if (grade := filters.get("grade")) is not None:
        # An offer by grade must include it; an offer by age must include the age that grade's
        # children reach during the year (a 1st grader turns 6).
        typical_age = grade + FIRST_GRADE_AGE - 1
        offers = offers.filter(
            Q(min_grade__lte=grade, max_grade__gte=grade)
            | Q(min_grade__isnull=True, min_age__lte=typical_age, max_age__gte=typical_age)
        )
    if area := filters.get("area"):
        offers = offers.filter(subject__area=area)
    if programme := filters.get("programme"):
        offers = offers.filter(programme=programme)
    if teaching := filters.get("teaching"):
        offers = offers.filter(teaching=teaching)
    return with_counts(
        offers.select_related("subject", "fee_plan", "school_year__school", "area")
    ).order_by("subject__area", "subject__name", "programme", "min_age", "id")


def offer(municipality, pk: int, staff: bool = False):
    offers = Offer.objects.in_municipality(municipality)
    if not staff:
        offers = offers.filter(is_published=True)
    return with_counts(offers.select_related("subject", "fee_plan", "school_year__school")).filter(
        pk=pk
    )


def staff_offers(year):
    return with_counts(
        Offer.objects.filter(school_year=year).select_related("subject", "fee_plan")
    ).order_by("subject__area", "subject__name", "programme", "min_age", "id")


def offers_of_year(year):
    return Offer.objects.filter(school_year=year).select_related("subject")


def waiting_list(offer) -> list[waiting.Ranked]:
    """The offer's waiting applications in the order the year's rules give, with reasons."""
    year = offer.school_year
    applications = list(
        Application.objects.waiting().filter(offer=offer).select_related("pupil").order_by("id")
    )
    pupil_ids = {a.pupil_id for a in applications}
    with_place = set(
        Place.objects.active()
        .filter(pupil_id__in=pupil_ids, offer__school_year=year)
        .values_list("pupil_id", flat=True)
    )
    return waiting.rank(
        applications, list(year.rules.all()), year.lottery_seed, with_place, year.starts_on
    )


def positions(applications) -> dict[int, int]:
    """{application id: position on its offer's list} for a family's waiting applications."""
    result = {}
    for offer_id in {a.offer_id for a in applications if a.status == Application.Status.WAITING}:
        offer = Offer.objects.select_related("school_year").get(pk=offer_id)
        for ranked in waiting_list(offer):
            result[ranked.application.pk] = ranked.position
    return result


def pupil_for_user(user, municipality, pk: int):
    return Pupil.objects.in_municipality(municipality).filter(
        pk=pk, guardianships__user=user, anonymised_at__isnull=True
    )


def family(user, municipality) -> list[Pupil]:
    """The pupils this person acts for, with their applications, offers and places."""
    if not user.is_authenticated:
        return []
    return list(
        Pupil.objects.in_municipality(municipality)
        .filter(guardianships__user=user, anonymised_at__isnull=True)
        .prefetch_related(
            Prefetch(
                "applications",
                queryset=Application.objects.select_related("offer__subject").prefetch_related(
                    Prefetch(
                        "place_offers",
                        queryset=PlaceOffer.objects.filter(status=PlaceOffer.Status.OPEN),
                        to_attr="open_offers",
                    )
                ),
            ),
            Prefetch(
                "places",
                queryset=Place.objects.active().select_related("offer__subject", "offer__fee_plan"),
                to_attr="active_places",
            ),
            Prefetch("guardianships", queryset=Guardianship.objects.select_related("user")),
        )
        .distinct()
        .order_by("birth_date", "id")
    )


def open_offers_for(user, municipality):
    return (
        PlaceOffer.objects.in_municipality(municipality)
        .open()
        .filter(application__pupil__guardianships__user=user)
        .select_related("application__offer__subject", "application__pupil")
    )


def place_offer_for_user(user, municipality, pk: int):
    return (
        PlaceOffer.objects.in_municipality(municipality)
        .filter(pk=pk, application__pupil__guardianships__user=user)
        .select_related("application__offer__school_year__school", "application__pupil")
    )


def application_for_user(user, municipality, pk: int):
    return (
        Application.objects.in_municipality(municipality)
        .filter(pk=pk, pupil__guardianships__user=user)
        .select_related("pupil__school", "offer")
    )


def open_offers_of(offer):
    return (
        PlaceOffer.objects.open()
        .filter(application__offer=offer)
        .select_related("application__pupil")
        .order_by("deadline")
    )


def expired_open_offers(now):
    return PlaceOffer.objects.open().filter(deadline__lt=now).select_related("application__offer")


def invitation(token: str, municipality):
    return GuardianInvitation.objects.filter(
        token=token, pupil__school__municipality=municipality
    ).select_related("pupil", "invited_by")


def guardian_emails(pupil) -> list[str]:
    return list(pupil.guardianships.values_list("user__email", flat=True))


def admin_emails(school) -> list[str]:
    from dugnad.accounts.roles import unit_role_holders

    from .rules import ADMIN

    return list(unit_role_holders(school.unit, ADMIN).values_list("email", flat=True))


def has_pupils_with_place(user) -> bool:
    return Place.objects.active().filter(pupil__guardianships__user=user).exists()


def my_page(user) -> dict | None:
    """A guardian's section of Min side: their children, applications, offers and places."""
    from . import fees

    pupils = list(family_anywhere(user))
    if not pupils:
        return None
    open_offers = [o for p in pupils for a in p.applications.all() for o in a.open_offers]
    year = current_year(pupils[0].school)
    semester = fees.current_semester(year) if year else None
    payer = fees.for_payer(user, semester) if semester else None
    return {
        "pupils": pupils,
        "open_offers": open_offers,
        "semester": semester,
        "fees_ore": payer.total_ore if payer and payer.places else None,
    }


def family_anywhere(user):
    """A person's pupils in every municipality (Min side is not scoped to one host)."""
    if not user.is_authenticated:
        return []
    return list(
        Pupil.objects.filter(guardianships__user=user, anonymised_at__isnull=True)
        .prefetch_related(
            Prefetch(
                "applications",
                queryset=Application.objects.select_related("offer__subject").prefetch_related(
                    Prefetch(
                        "place_offers",
                        queryset=PlaceOffer.objects.filter(status=PlaceOffer.Status.OPEN),
                        to_attr="open_offers",
                    )
                ),
            ),
            Prefetch(
                "places",
                queryset=Place.objects.active().select_related("offer__subject"),
                to_attr="active_places",
            ),
        )
        .distinct()
        .order_by("birth_date", "id")
    )


def work_queue(user, municipality) -> list:
    """Culture school staff's queue: applications to place, offers about to expire."""
    from django.urls import reverse
    from django.utils.translation import gettext as _

    from dugnad.core.plugins import QueueItem

    from .rules import is_admin

    school = school_for(municipality)
    if not is_admin(user, school):
        return []
    year = current_year(school)
    if year is None:
        return []
    url = reverse("culture_school:staff")
    waiting_count = Application.objects.waiting().filter(offer__school_year=year).count()
    soon = timezone.now() + dt.timedelta(days=2)
    expiring = (
        PlaceOffer.objects.open()
        .filter(application__offer__school_year=year, deadline__lte=soon)
        .count()
    )
    pending = FeeReduction.objects.filter(
        school_year=year, status=FeeReduction.Status.PENDING
    ).count()
    items = []
    if pending:
        items.append(
            QueueItem(
                _("Requests for a fee reduction to decide"),
                pending,
                reverse("culture_school:staff_fees"),
            )
        )
    if waiting_count:
        items.append(QueueItem(_("Applications on the waiting list"), waiting_count, url))
    if expiring:
        items.append(
            QueueItem(_("Offers of a place expiring within two days"), expiring, url, urgent=True)
        )
    return items


def reductions_of(user, year):
    return FeeReduction.objects.filter(payer=user, school_year=year).select_related("band")


def reductions_in(school):
    return FeeReduction.objects.filter(school_year__school=school).select_related("school_year")


def pending_reductions(year):
    return (
        FeeReduction.objects.filter(school_year=year, status=FeeReduction.Status.PENDING)
        .select_related("payer")
        .order_by("created_at")
    )


def places_in(school):
    return Place.objects.filter(pupil__school=school).select_related(
        "pupil", "offer__subject", "offer__school_year__school"
    )


def guardian_emails_of_places(places) -> list[str]:
    return list(
        Guardianship.objects.filter(pupil_id__in={p.pupil_id for p in places}).values_list(
            "user__email", flat=True
        )
    )


def teachers(school):
    from dugnad.accounts.roles import unit_role_holders

    from .rules import TEACHER

    return unit_role_holders(school.unit, TEACHER).order_by("first_name", "last_name")


def rooms(municipality):
    from dugnad.premises.models import Room

    return (
        Room.objects.in_municipality(municipality)
        .filter(is_active=True)
        .select_related("building")
        .order_by("building__name", "name")
    )


def groups_of(offer):
    return (
        Group.objects.filter(offer=offer)
        .select_related("teacher", "room__building")
        .prefetch_related(
            Prefetch("memberships", queryset=GroupMember.objects.select_related("place__pupil"))
        )
    )


def has_family(user, municipality) -> bool:
    return family_pupils(user, municipality).exists()


def places_outside(offer, place_ids):
    return places_of(offer).exclude(pk__in=place_ids)


def places_of(offer):
    return Place.objects.active().filter(offer=offer).select_related("pupil")


def group_in(municipality, pk):
    return (
        Group.objects.in_municipality(municipality)
        .filter(pk=pk)
        .select_related("offer__subject", "offer__school_year__school", "teacher")
    )


def teacher_week(user, municipality, monday):
    """The lessons of a teacher's groups in the week starting `monday`."""
    return (
        Lesson.objects.in_municipality(municipality)
        .filter(
            group__teacher=user,
            date__gte=monday,
            date__lt=monday + dt.timedelta(days=7),
        )
        .select_related("group__offer__subject", "group__room__building")
        .annotate(pupils=Count("group__memberships", distinct=True))
        .order_by("starts_at")
    )


def lesson_in(municipality, pk):
    return (
        Lesson.objects.in_municipality(municipality)
        .filter(pk=pk)
        .select_related(
            "group__offer__subject",
            "group__offer__school_year__school",
            "group__teacher",
            "group__room__building",
        )
    )


def lesson_roll(lesson):
    """The group's pupils with this lesson's attendance and their latest level."""
    marks = {a.place_id: a for a in lesson.attendance.all()}
    members = list(
        lesson.group.memberships.select_related("place__pupil", "place__offer").order_by(
            "place__pupil__first_name"
        )
    )
    return [(m.place, marks.get(m.place_id)) for m in members]


def upcoming_lessons_for_family(user, municipality, limit_per_place: int = 3):
    """{place id: [next lessons]} of the person's pupils' groups (today and later)."""
    today = timezone.localdate()
    lessons = (
        Lesson.objects.in_municipality(municipality)
        .filter(
            group__memberships__place__pupil__guardianships__user=user,
            date__gte=today,
            date__lt=today + dt.timedelta(days=21),
        )
        .select_related("group__offer__subject")
        .annotate(place_id=models.F("group__memberships__place_id"))
        .order_by("starts_at")
    )
    notified = set(
        Attendance.objects.filter(
            lesson__in=[lesson.pk for lesson in lessons], status=Attendance.Status.NOTIFIED
        ).values_list("lesson_id", "place_id")
    )
    result: dict[int, list] = {}
    for lesson in lessons:
        bucket = result.setdefault(lesson.place_id, [])
        if len(bucket) < limit_per_place:
            lesson.notified = (lesson.pk, lesson.place_id) in notified
            bucket.append(lesson)
    return result


def level_history(pupil):
    return pupil.levels.select_related("subject", "recorded_by")


def place_for_user(user, municipality, pk):
    return (
        Place.objects.in_municipality(municipality)
        .filter(pk=pk, pupil__guardianships__user=user)
        .select_related("pupil")
    )


def family_places(user, year):
    return (
        Place.objects.active()
        .filter(offer__school_year=year, pupil__guardianships__user=user)
        .select_related("pupil", "offer__subject", "continuation")
        .order_by("pupil__birth_date", "pupil_id", "id")
    )


def continuation_initial(place) -> dict:
    answer = getattr(place, "continuation", None)
    if answer is None:
        return {"answer": "continue"}
    return {"answer": answer.answer, "new_offer": answer.new_offer_id}


AREA_CHOICES = SubjectArea.choices
PROGRAMME_CHOICES = Programme.choices


# --- Set-up and re-registration (staff) ----------------------------------------------------


def subjects_with_offers(school):
    return Subject.objects.filter(school=school).annotate(offer_count=Count("offers"))


def fee_plans_with_offers(school):
    return FeePlan.objects.filter(school=school).annotate(offer_count=Count("offers"))


def bands_of(year):
    return year.bands.all().select_related("school_year")


def years_with_offers(school):
    return SchoolYear.objects.filter(school=school).annotate(offer_count=Count("offers"))


def reregistration_summary(year):
    """Per offer of `year`: its active places and how many answered continue, change or quit,
    and how many have not answered yet; one query, counted in SQL."""

    active = Q(place_set__left_on__isnull=True)
    answer = "place_set__continuation__answer"

    def counted(**extra):
        return Count("place_set", filter=active & Q(**extra), distinct=True)

    return (
        Offer.objects.filter(school_year=year)
        .select_related("subject")
        .annotate(
            active_places=counted(),
            answered_continue=counted(**{answer: Continuation.Answer.CONTINUE}),
            answered_change=counted(**{answer: Continuation.Answer.CHANGE}),
            answered_quit=counted(**{answer: Continuation.Answer.QUIT}),
            not_answered=counted(place_set__continuation__isnull=True),
        )
        .filter(active_places__gt=0)
        .order_by("subject__area", "subject__name", "programme", "min_age", "id")
    )


def not_answered(year):
    """The year's active places whose family has not answered the re-registration yet."""
    return (
        Place.objects.active()
        .filter(offer__school_year=year, continuation__isnull=True)
        .select_related("pupil", "offer__subject")
        .prefetch_related(
            Prefetch(
                "pupil__guardianships",
                queryset=Guardianship.objects.select_related("user").order_by("-is_payer", "id"),
            )
        )
        .order_by("offer__subject__name", "pupil__last_name", "pupil__first_name", "id")
    )


def home_section(municipality) -> dict | None:
    """The home page's culture school section: this year's free places per area, counted in
    SQL in one query (the catalogue's own counts, summed)."""
    school = school_for(municipality)
    year = current_year(school)
    if year is None:
        return None
    offers = list(
        with_counts(Offer.objects.filter(school_year=year, is_published=True)).values(
            "subject__area", "places", "placed", "offered", "waiting"
        )
    )
    if not offers:
        return None
    by_area = {}
    for row in offers:
        area = by_area.setdefault(row["subject__area"], {"offers": 0, "free": 0})
        area["offers"] += 1
        area["free"] += max(0, row["places"] - row["placed"] - row["offered"])
    labels = dict(SubjectArea.choices)
    areas = [
        {"key": key, "label": labels.get(key, key), **counts}
        for key, counts in sorted(by_area.items(), key=lambda item: list(labels).index(item[0]))
    ]
    return {
        "school": school,
        "year": year,
        "areas": areas,
        "offers": len(offers),
        "free": sum(area["free"] for area in areas),
    }
