"""Rank volunteers against assignments, with the reasons a person can read.

Scoring runs in Python over plain tuples read with one `values_list` query per side: with
10,000 volunteers or 2,000 assignments it is a loop over small sets (see `bench_matching`).
Reasons are built only for the few results shown, so their translation costs nothing at scale.
"""

import hashlib
import heapq
from dataclasses import astuple, dataclass

from django.core.cache import cache
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

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

MATCH_CACHE_SECONDS = 300
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
        # its own to suggest a task; this also lets the database pre-filter (`prefilter`).
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


def _area_names() -> dict[int, str]:
    from dugnad.core.models import Area

    return dict(Area.objects.values_list("pk", "name"))


def recommended_assignments(user, limit: int = 5) -> list[Match]:
    """Open assignments ranked for `user`'s profile, leaving out those they already joined."""
    profile = VolunteerProfile.objects.filter(user=user).first()
    if profile is None:
        return []
    candidate = candidate_from_row(
        [getattr(profile, f) if f != "user_id" else user.pk for f in CANDIDATE_FIELDS]
    )
    joined = set(Interest.objects.filter(volunteer=user).values_list("assignment_id", flat=True))
    joined |= set(
        ShiftSignUp.objects.filter(volunteer=user).values_list("shift__assignment_id", flat=True)
    )
    year = timezone.localdate().year
    scored = []
    for row in Assignment.objects.open().values_list(*NEED_FIELDS).iterator(chunk_size=2000):
        need = need_from_row(row)
        if need.assignment_id in joined:
            continue
        points = score(candidate, need, year)
        if points:
            scored.append((points, -need.assignment_id, need))
    top = heapq.nlargest(limit, scored, key=lambda item: (item[0], item[1]))
    objects = Assignment.objects.select_related("organisation", "unit", "area").in_bulk(
        [need.assignment_id for _p, _i, need in top]
    )
    names = _area_names() if top else {}
    return [
        Match(points, reasons(candidate, need, names), objects[need.assignment_id])
        for points, _i, need in top
        if need.assignment_id in objects
    ]


def recommended_volunteers(assignment: Assignment, limit: int = 10) -> list[Match]:
    """Volunteers who agreed to be contacted, ranked for `assignment`, not yet engaged."""
    need = need_from_row([getattr(assignment, f) for f in NEED_FIELDS])
    engaged = set(assignment.interests.values_list("volunteer_id", flat=True))
    engaged |= set(
        ShiftSignUp.objects.filter(shift__assignment=assignment).values_list(
            "volunteer_id", flat=True
        )
    )
    year = timezone.localdate().year
    # Ranking reads every matching profile (about a second for 10,000 on a busy server), so the
    # organiser's page keeps the result for a few minutes; new engagement changes the key.
    fingerprint = hashlib.sha256(
        repr([sorted(v) if isinstance(v, frozenset) else v for v in astuple(need)]).encode()
    ).hexdigest()[:16]
    key = f"volunteering:match:{assignment.pk}:{limit}:{len(engaged)}:{fingerprint}"
    best = cache.get(key)
    if best is None:
        rows = (
            VolunteerProfile.objects.filter(contactable=True, user__is_active=True)
            .filter(prefilter(need))
            .values_list(*CANDIDATE_FIELDS)
            .iterator(chunk_size=5000)
        )
        best = rank_candidates(
            (candidate_from_row(row) for row in rows), need, year, limit, engaged
        )
        cache.set(key, best, MATCH_CACHE_SECONDS)
    from django.contrib.auth import get_user_model

    users = get_user_model().objects.in_bulk([c.user_id for _p, c in best])
    names = _area_names() if best else {}
    return [
        Match(points, reasons(candidate, need, names), users[candidate.user_id])
        for points, candidate in best
        if candidate.user_id in users
    ]


def prefilter(need: Need) -> Q:
    """Profiles sharing at least one topic, skill or needed language: only they can score.

    A text match on the quoted code works alike on SQLite and PostgreSQL JSON columns."""
    wanted = Q(pk__in=[])
    for field, codes in (
        ("interests", need.topics),
        ("skills", need.skills),
        ("languages", need.languages),
    ):
        for code in sorted(codes):
            wanted |= Q(**{f"{field}__icontains": f'"{code}"'})
    return wanted


def rank_candidates(candidates, need: Need, year: int, limit: int, exclude=frozenset()):
    """The `limit` best (score, candidate) pairs; ties go to the lower user id (stable order)."""
    scored = []
    for candidate in candidates:
        if candidate.user_id in exclude:
            continue
        points = score(candidate, need, year)
        if points:
            scored.append((points, -candidate.user_id, candidate))
    return [(p, c) for p, _u, c in heapq.nlargest(limit, scored, key=lambda t: (t[0], t[1]))]
