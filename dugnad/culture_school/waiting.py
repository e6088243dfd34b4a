"""The waiting list's order: the school year's rules (data, in staff's order), then a lottery.

Every rule turns an application into a sort key and a reason staff can read. Ties left by all
rules are broken by a lottery number drawn from the school year's recorded seed and the
application's id (SHA-256), so the same seed always gives the same order and anyone holding
the seed can reproduce it; drawing a new seed is recorded with who and when.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from .models import Application, RuleKind

ADULT_AGE = 18


def lottery_number(seed: str, application_id: int) -> str:
    return hashlib.sha256(f"{seed}:{application_id}".encode()).hexdigest()


@dataclass
class Ranked:
    application: Application
    position: int = 0
    reasons: list[str] = field(default_factory=list)
    lottery: str = ""


def _key_and_reason(kind: str, application: Application, has_place: bool, starts_on):
    if kind == RuleKind.CHILDREN_FIRST:
        adult = application.pupil.age_on(starts_on) >= ADULT_AGE
        return int(adult), _("adult") if adult else _("child or young person")
    if kind == RuleKind.NEW_PUPILS_FIRST:
        return int(has_place), _("already has a place") if has_place else _("new pupil")
    if kind == RuleKind.FIRST_CHOICE_FIRST:
        return application.preference, _("choice %(n)s") % {"n": application.preference}
    if kind == RuleKind.EARLIER_APPLICATION:
        day = timezone.localdate(application.applied_at)
        return day.toordinal(), _("applied %(day)s") % {
            "day": date_format(day, "SHORT_DATE_FORMAT")
        }
    raise ValueError(kind)


def rank(applications, rules, seed: str, pupils_with_place: set[int], starts_on) -> list[Ranked]:
    """Order `applications` (waiting, one offer) by `rules` (kinds in order), ties by lottery."""
    kinds = [rule.kind if hasattr(rule, "kind") else rule for rule in rules]
    ranked = []
    for application in applications:
        has_place = application.pupil_id in pupils_with_place
        keys, reasons = [], []
        for kind in kinds:
            key, reason = _key_and_reason(kind, application, has_place, starts_on)
            keys.append(key)
            reasons.append(reason)
        lottery = lottery_number(seed, application.pk)
        item = Ranked(application, reasons=reasons, lottery=lottery)
        ranked.append((tuple(keys), lottery, application.pk, item))
    ranked.sort(key=lambda row: row[:3])
    result = [row[3] for row in ranked]
    for index, item in enumerate(result, start=1):
        item.position = index
    return result
