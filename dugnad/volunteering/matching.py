"""Rank volunteers against assignments, with the reasons a person can read.

`score` below is the definition of fit. The database ranks with the same formula
(`_fit_for_assignment`, `_fit_for_volunteer`) so that only the `limit` best rows leave it:
at 10,000 volunteers or 2,000 assignments a list costs one query that returns `limit` rows,
not a read of every profile into Python (figures in docs/performance.md, "Matching";
`manage.py volunteering_bench_matching`).
Reasons are built in Python for the few results shown, from the same `score` inputs.
"""

import heapq
import json
import operator
from dataclasses import dataclass
from functools import reduce

from django.db.models import BooleanField, Case, F, Func, IntegerField, Q, Value, When
from django.utils import timezone
from django.utils.translation import gettext as _

from dugnad.core.models import Area

from .models import (
    Assignment,
    Interest,
    Language,
    ShiftSignUp,
    Skill,
    Slot,
    Topic,
    VolunteerProfile,
)

WEIGHTS = {"topic": 3, "skill": 2, "language": 3, "time": 2, "area": 1, "commitment": 1}


@dataclass(frozen=True)
class Candidate:
    """A volunteer as matching sees them."""

    user_id: int
    topics: frozenset
    skills: frozenset
    languages: frozenset
    times: frozenset
    area_id: int | None
    birth_year: int | None
    commitment: str


@dataclass(frozen=True)
class Need:
    """An assignment as matching sees it."""

    assignment_id: int
    topics: frozenset
    skills: frozenset
    languages: frozenset
    times: frozenset
    area_id: int | None
    min_age: int | None
    kind: str


CANDIDATE_FIELDS = (
    "user_id",
    "interests",
    "skills",
    "languages",
    "availability",
    "area_id",
    "birth_year",
    "commitment",
)
PROFILE_FIELDS = (
    "user",
    "interests",
    "skills",
    "languages",
    "availability",
    "area",
    "birth_year",
    "commitment",
)
NEED_FIELDS = ("pk", "topics", "skills", "languages", "times", "area_id", "min_age", "kind")


def candidate_from_row(row) -> Candidate:
    user_id, topics, skills, languages, times, area_id, birth_year, commitment = row
    return Candidate(
        user_id,
        frozenset(topics or ()),
        frozenset(skills or ()),
        frozenset(languages or ()),
        frozenset(times or ()),
        area_id,
        birth_year,
        commitment,
    )


def need_from_row(row) -> Need:
    pk, topics, skills, languages, times, area_id, min_age, kind = row
    return Need(
        pk,
        frozenset(topics or ()),
        frozenset(skills or ()),
        frozenset(languages or ()),
        frozenset(times or ()),
        area_id,
        min_age,
        kind,
    )


def score(candidate: Candidate, need: Need, year: int) -> int | None:
    """The fit as a number; None when a hard requirement (the minimum age) is not met."""
    if need.min_age and (
        candidate.birth_year is None or year - candidate.birth_year < need.min_age
    ):
        return None
    points = WEIGHTS["topic"] * len(candidate.topics & need.topics)
    points += WEIGHTS["skill"] * len(candidate.skills & need.skills)
    if need.languages and candidate.languages & need.languages:
        points += WEIGHTS["language"]
    if not points:
        # Being free at the right time, living nearby or liking one-off tasks is no reason on
        # its own to suggest a task; this also lets the database pre-filter (`_shares_a_code`).
        return 0
    if candidate.times & need.times:
        points += WEIGHTS["time"]
    if need.area_id and candidate.area_id == need.area_id:
        points += WEIGHTS["area"]
    if candidate.commitment in ("both", need.kind):
        points += WEIGHTS["commitment"]
    return points


def reasons(candidate: Candidate, need: Need, area_names: dict[int, str]) -> list[str]:
    """Why this fits, in the reader's language: ["speaks Arabic", "free on weekday evenings"]."""
    out = []
    topics = sorted(candidate.topics & need.topics)
    if topics:
        out.append(_("interested in %(list)s") % {"list": _join(Topic, topics).lower()})
    skills = sorted(candidate.skills & need.skills)
    if skills:
        out.append(_("knows %(list)s") % {"list": _join(Skill, skills).lower()})
    languages = sorted(candidate.languages & need.languages)
    if need.languages and languages:
        out.append(_("speaks %(list)s") % {"list": _join(Language, languages)})
    times = [slot for slot in Slot.values if slot in candidate.times & need.times]
    if times:
        out.append(_("free on %(list)s") % {"list": _join(Slot, times)})
    if need.area_id and candidate.area_id == need.area_id and need.area_id in area_names:
        out.append(_("lives in %(area)s") % {"area": area_names[need.area_id]})
    if need.min_age:
        out.append(_("meets the minimum age"))
    return out


def _join(choices, codes) -> str:
    labels = dict(choices.choices)
    return ", ".join(str(labels.get(code, code)) for code in codes)


@dataclass
class Match:
    score: int
    reasons: list[str]
    obj: object


class HasCode(Func):
    """True when the JSON list in `column` holds the code: `["culture", "elderly"]` ∋ "culture".

    PostgreSQL asks jsonb's `?` operator (a GIN index could serve it, but with a handful of
    codes most rows share one, so the planner scans; see docs/performance.md). SQLite
    (development) finds the quoted code in the stored JSON text.
    """

    output_field = BooleanField()

    def __init__(self, column: str, code: str):
        super().__init__(F(column), Value(code))

    def as_sql(self, compiler, connection, **extra):
        column, column_params = compiler.compile(self.source_expressions[0])
        code = self.source_expressions[1].value
        return f"INSTR({column}, %s) > 0", (*column_params, json.dumps(code))

    def as_postgresql(self, compiler, connection, **extra):
        column, column_params = compiler.compile(self.source_expressions[0])
        return f"({column} ? %s)", (*column_params, self.source_expressions[1].value)


def _any(column: str, codes) -> Q | None:
    """Q for "the list in `column` holds one of `codes`", None for no codes."""
    parts = [Q(HasCode(column, code)) for code in sorted(codes)]
    return reduce(operator.or_, parts) if parts else None


def _points(condition, weight: int):
    if condition is None:
        return Value(0)
    return Case(When(condition, then=Value(weight)), default=Value(0), output_field=IntegerField())


def _total(parts):
    return reduce(operator.add, parts)


def _shares_a_code(fields, codes) -> Q | None:
    """Rows sharing a topic, skill or (needed) language: the only ones `score` can rank."""
    parts = [q for column, values in zip(fields, codes, strict=True) if (q := _any(column, values))]
    return reduce(operator.or_, parts) if parts else None


def _fit_for_assignment(need: Need):
    """`score` of each volunteer profile row for `need`, as a database expression."""
    parts = [_points(Q(HasCode("interests", code)), WEIGHTS["topic"]) for code in need.topics]
    parts += [_points(Q(HasCode("skills", code)), WEIGHTS["skill"]) for code in need.skills]
    parts.append(_points(_any("languages", need.languages), WEIGHTS["language"]))
    parts.append(_points(_any("availability", need.times), WEIGHTS["time"]))
    if need.area_id:
        parts.append(_points(Q(area_id=need.area_id), WEIGHTS["area"]))
    parts.append(_points(Q(commitment__in=["both", need.kind]), WEIGHTS["commitment"]))
    return _total(parts)


def _fit_for_volunteer(candidate: Candidate):
    """`score` of each assignment row for `candidate`, as a database expression."""
    parts = [_points(Q(HasCode("topics", code)), WEIGHTS["topic"]) for code in candidate.topics]
    parts += [_points(Q(HasCode("skills", code)), WEIGHTS["skill"]) for code in candidate.skills]
    parts.append(_points(_any("languages", candidate.languages), WEIGHTS["language"]))
    parts.append(_points(_any("times", candidate.times), WEIGHTS["time"]))
    if candidate.area_id:
        parts.append(_points(Q(area_id=candidate.area_id), WEIGHTS["area"]))
    if candidate.commitment == "both":
        parts.append(Value(WEIGHTS["commitment"]))
    else:
        parts.append(_points(Q(kind=candidate.commitment), WEIGHTS["commitment"]))
    return _total(parts)


def _area_name(area_id: int | None) -> dict[int, str]:
    if not area_id:
        return {}
    return dict(Area.objects.filter(pk=area_id).values_list("pk", "name"))


def recommended_assignments(user, municipality, limit: int = 5) -> list[Match]:
    """Open assignments of `municipality` ranked for `user`'s profile, leaving out those they
    already joined.

    A police certificate is not a filter: it is shown to the organiser after the first contact,
    and the assignment page says when one is needed. The minimum age is: it is checked again at
    sign-up, so suggesting a task the person cannot take would only disappoint.
    """
    row = VolunteerProfile.objects.filter(user=user).values_list(*CANDIDATE_FIELDS).first()
    if row is None:
        return []
    candidate = candidate_from_row(row)
    shared = _shares_a_code(
        ("topics", "skills", "languages"),
        (candidate.topics, candidate.skills, candidate.languages),
    )
    if shared is None:
        return []
    year = timezone.localdate().year
    old_enough = Q(min_age__isnull=True) | Q(min_age=0)
    if candidate.birth_year is not None:
        old_enough |= Q(min_age__lte=year - candidate.birth_year)
    found = list(
        Assignment.objects.open()
        .in_municipality(municipality)
        .filter(shared, old_enough)
        .exclude(pk__in=Interest.objects.filter(volunteer=user).values("assignment_id"))
        .exclude(pk__in=ShiftSignUp.objects.filter(volunteer=user).values("shift__assignment_id"))
        .alias(fit=_fit_for_volunteer(candidate))
        .select_related("organisation", "unit", "area")
        .order_by("-fit", "pk")[:limit]
    )
    matches = []
    for assignment in found:
        need = need_from_row([getattr(assignment, f) for f in NEED_FIELDS])
        names = {assignment.area_id: assignment.area.name} if assignment.area_id else {}
        matches.append(
            Match(score(candidate, need, year) or 0, reasons(candidate, need, names), assignment)
        )
    return matches


def recommended_volunteers(assignment: Assignment, limit: int = 10) -> list[Match]:
    """Active volunteers who agreed to be contacted, ranked for `assignment`, not yet engaged.

    One query filters (consent, active, minimum age, not engaged, a shared interest, skill or
    language), ranks and returns the best `limit`; one more names the assignment's area.
    A police certificate is not a filter, as in `recommended_assignments`.
    """
    need = need_from_row([getattr(assignment, f) for f in NEED_FIELDS])
    shared = _shares_a_code(
        ("interests", "skills", "languages"), (need.topics, need.skills, need.languages)
    )
    if shared is None:
        return []
    year = timezone.localdate().year
    profiles = VolunteerProfile.objects.filter(shared, contactable=True, user__is_active=True)
    if need.min_age:
        profiles = profiles.filter(birth_year__lte=year - need.min_age)
    best = (
        profiles.exclude(user_id__in=assignment.interests.values("volunteer_id"))
        .exclude(
            user_id__in=ShiftSignUp.objects.filter(shift__assignment=assignment).values(
                "volunteer_id"
            )
        )
        .alias(fit=_fit_for_assignment(need))
        .order_by("-fit", "user_id")
        .values("pk")[:limit]
    )
    # Ranked as a narrow subquery (id and fit only); the full rows are read for the winners,
    # with only what reasons and the organiser's list (name, email) need.
    user_fields = [f"user__{f}" for f in ("first_name", "last_name", "email")]
    rows = VolunteerProfile.objects.filter(pk__in=best).select_related("user")
    found = list(rows.only(*PROFILE_FIELDS, *user_fields))
    names = _area_name(need.area_id) if found else {}
    matches = []
    for profile in found:
        candidate = candidate_from_row([getattr(profile, f) for f in CANDIDATE_FIELDS])
        points = score(candidate, need, year) or 0
        matches.append(Match(points, reasons(candidate, need, names), profile.user))
    # The same order as the database's: best fit first, then the lower user id.
    matches.sort(key=lambda m: (-m.score, m.obj.pk))
    return matches


def rank_candidates(candidates, need: Need, year: int, limit: int, exclude=frozenset()):
    """The `limit` best (score, candidate) pairs; ties go to the lower user id (stable order).

    The reference ranking in Python: tests hold the database ranking to it."""
    scored = []
    for candidate in candidates:
        if candidate.user_id in exclude:
            continue
        points = score(candidate, need, year)
        if points:
            scored.append((points, -candidate.user_id, candidate))
    return [(p, c) for p, _u, c in heapq.nlargest(limit, scored, key=lambda t: (t[0], t[1]))]
