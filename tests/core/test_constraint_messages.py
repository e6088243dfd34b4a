"""Every database constraint tells the person what to fix (issue 13).

Without `violation_error_message` Django shows its own text when a ModelForm validates
constraints, e.g. «Begrensning "event_age_range_ordered" er brutt.», which names the constraint
instead of saying what is wrong. So every constraint of every installed model carries a message
of its own, in plain English as msgid, and that message is translated into bokmål.
"""

from datetime import UTC, datetime, timedelta

import pytest
from django.apps import apps
from django.db.models import BaseConstraint
from django.utils import translation

# Constraints of third-party models that we cannot give a message of our own; no form of ours
# validates them. A new one here must be added knowingly.
THIRD_PARTY = {
    "account.EmailAddress.unique_primary_email",
    "account.EmailAddress.unique_verified_email",
    "mfa.Authenticator.unique_authenticator_type",
    "django_tasks_database.DBTaskResult.priority_range",
}


def all_constraints():
    return [
        (model, constraint)
        for model in apps.get_models(include_auto_created=True)
        for constraint in model._meta.constraints
        if label(model, constraint) not in THIRD_PARTY
    ]


def label(model, constraint):
    return f"{model._meta.label}.{constraint.name}"


def test_there_are_constraints_to_check():
    assert len(all_constraints()) > 100


def test_every_constraint_has_its_own_message():
    with translation.override("en"):
        default = str(BaseConstraint.default_violation_error_message)
        missing = [
            label(model, constraint)
            for model, constraint in all_constraints()
            if constraint.violation_error_message == constraint.default_violation_error_message
            or str(constraint.violation_error_message) == default
        ]
    assert missing == []


@pytest.mark.parametrize("language", ["nb", "nn"])
def test_every_constraint_message_is_translated(language):
    untranslated = []
    for model, constraint in all_constraints():
        with translation.override("en"):
            msgid = str(constraint.get_violation_error_message())
        with translation.override(language):
            shown = str(constraint.get_violation_error_message())
        if shown == msgid:
            untranslated.append(f"{label(model, constraint)}: {msgid}")
    assert untranslated == []


def test_only_known_third_party_constraints_are_left_out():
    ours = {
        label(model, constraint)
        for model in apps.get_models(include_auto_created=True)
        for constraint in model._meta.constraints
        if model.__module__.startswith("dugnad.")
    }
    assert ours.isdisjoint(THIRD_PARTY)


@pytest.mark.django_db
def test_a_broken_check_says_what_to_fix_not_its_name():
    """What model validation (and so a ModelForm) shows for a broken check."""
    from django.core.exceptions import ValidationError

    from dugnad.premises.models import BlockedPeriod

    constraint = next(
        c for c in BlockedPeriod._meta.constraints if c.name == "blocked_end_after_start"
    )
    now = datetime(2026, 12, 6, 12, tzinfo=UTC)
    with translation.override("nb"), pytest.raises(ValidationError) as raised:
        constraint.validate(BlockedPeriod, BlockedPeriod(start=now, end=now - timedelta(hours=1)))
    assert raised.value.messages == ["Slutten må være etter starten."]
