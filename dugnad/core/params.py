"""Dates, weeks, months and numbers from addresses, checked within sane bounds.

Anything in a query string or a path can be typed by hand, so every view and API handler that
reads a date, week, month, page or id parses it here. Values outside the bounds are refused with
a message in the person's language (`BadParameter`, a 400) rather than reaching date arithmetic
or the database, where year 1 or 9999 overflows and an integer beyond 64 bits is an error.
"""

import datetime as dt
import re
from typing import Annotated

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from pydantic import AfterValidator, Field

from .errors import DomainError

# Years that any date the platform handles falls in: wide enough for birth years and archives,
# narrow enough that a week or a month either side is still a valid date on every database.
MIN_YEAR = 1900
MAX_YEAR = 2200
MIN_DATE = dt.date(MIN_YEAR, 1, 1)
MAX_DATE = dt.date(MAX_YEAR, 12, 31)
# The largest id or count the database stores (PostgreSQL bigint, SQLite INTEGER).
MAX_DB_INT = 2**63 - 1

_WEEK = re.compile(r"^(\d{4})-?W(\d{1,2})$", re.IGNORECASE)
_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")


class BadParameter(DomainError):
    """A value in the address that cannot be used; shown as a 400 with the reason."""

    status = 400
    default_code = "invalid_parameter"


def _out_of_range():
    return _("Choose a date between %(first)s and %(last)s.") % {
        "first": MIN_DATE.isoformat(),
        "last": MAX_DATE.isoformat(),
    }


def date_in_range(value: dt.date | dt.datetime | None):
    """`value` unchanged when its year is within the bounds, else a ValidationError."""
    if value is not None and not MIN_YEAR <= value.year <= MAX_YEAR:
        raise ValidationError(_out_of_range(), code="date_out_of_range")
    return value


def _pydantic_date_in_range(value):
    # Pydantic turns a ValueError into a 422 with the message; a ValidationError it would not.
    try:
        return date_in_range(value)
    except ValidationError as exc:
        raise ValueError(exc.messages[0]) from None


# For API schemas: a date or datetime the platform can compute with, and an id or count that
# fits the database. Out of range gives the API's 422 validation error, never a 500.
SaneDate = Annotated[dt.date, AfterValidator(_pydantic_date_in_range)]
SaneDateTime = Annotated[dt.datetime, AfterValidator(_pydantic_date_in_range)]
DbId = Annotated[int, Field(ge=1, le=MAX_DB_INT)]
DbInt = Annotated[int, Field(ge=-MAX_DB_INT, le=MAX_DB_INT)]


def parse_date(value: str | None, *, name: str = "") -> dt.date | None:
    """An ISO date (2026-11-30) from a query value; None when empty."""
    if not value:
        return None
    try:
        day = dt.date.fromisoformat(value.strip())
    except ValueError:
        raise BadParameter(
            _("“%(value)s” is not a date like 2026-11-30.") % {"value": value[:20]},
            field=name or None,
        ) from None
    try:
        return date_in_range(day)
    except ValidationError as exc:
        raise BadParameter(exc.messages[0], field=name or None) from None


def parse_week(value: str | None, *, name: str = "") -> dt.date | None:
    """The Monday of an ISO week (2026-W48) or of the week holding a date; None when empty."""
    if not value:
        return None
    text = value.strip()
    match = _WEEK.match(text)
    if match is None:
        try:
            day = parse_date(text, name=name)
        except BadParameter:
            raise BadParameter(
                _("“%(value)s” is not a week like 2026-W48.") % {"value": value[:20]},
                field=name or None,
            ) from None
        return day - dt.timedelta(days=day.weekday())
    year, week = int(match[1]), int(match[2])
    try:
        if not MIN_YEAR <= year <= MAX_YEAR:
            raise ValueError
        return dt.date.fromisocalendar(year, week, 1)
    except ValueError:
        raise BadParameter(
            _("“%(value)s” is not a week like 2026-W48 between the years %(first)s and %(last)s.")
            % {"value": value[:20], "first": MIN_YEAR, "last": MAX_YEAR},
            field=name or None,
        ) from None


def parse_month(value: str | None, *, name: str = "") -> dt.date | None:
    """The first day of a month (2026-12); None when empty."""
    if not value:
        return None
    match = _MONTH.match(value.strip())
    try:
        if match is None or not MIN_YEAR <= int(match[1]) <= MAX_YEAR:
            raise ValueError
        return dt.date(int(match[1]), int(match[2]), 1)
    except ValueError:
        raise BadParameter(
            _("“%(value)s” is not a month like 2026-12 between the years %(first)s and %(last)s.")
            % {"value": value[:20], "first": MIN_YEAR, "last": MAX_YEAR},
            field=name or None,
        ) from None


def parse_int(
    value: str | None, *, minimum: int = 0, maximum: int = MAX_DB_INT, name: str = ""
) -> int | None:
    """A whole number within [minimum, maximum]; None when empty."""
    if value is None or not str(value).strip():
        return None
    text = str(value).strip()
    # Length first: int() of a megabyte of digits is slow, and no bound needs more than 19.
    if len(text) > 20 or not re.fullmatch(r"[+-]?\d+", text):
        raise BadParameter(
            _("“%(value)s” is not a whole number.") % {"value": text[:20]}, field=name or None
        )
    number = int(text)
    if not minimum <= number <= maximum:
        raise BadParameter(
            _("Choose a number from %(minimum)s to %(maximum)s.")
            % {"minimum": minimum, "maximum": maximum},
            field=name or None,
        )
    return number


def clamped_int(
    value: str | None, *, minimum: int, maximum: int, default: int, name: str = ""
) -> int:
    """A whole number moved into [minimum, maximum]; `default` when empty or not a number.

    For a value the page only uses as a wish (how many rows of a form to show): nothing is
    refused, since any answer within the bounds serves.
    """
    try:
        number = parse_int(value, minimum=-MAX_DB_INT, name=name)
    except BadParameter:
        return default
    return default if number is None else min(max(number, minimum), maximum)


def int_or_default(
    value: str | None, *, minimum: int, maximum: int, default: int, name: str = ""
) -> int:
    """A whole number within [minimum, maximum]; `default` for anything else.

    For a choice among a few values offered as links (a report's year), where a hand-typed
    value outside them is best answered with the usual page.
    """
    try:
        number = parse_int(value, minimum=minimum, maximum=maximum, name=name)
    except BadParameter:
        return default
    return default if number is None else number


def parse_year(value: str | None, *, name: str = "") -> int | None:
    """A year within MIN_YEAR..MAX_YEAR; None when empty."""
    return parse_int(value, minimum=MIN_YEAR, maximum=MAX_YEAR, name=name)


def parse_time(value: str | None, *, name: str = "") -> dt.time | None:
    """A time of day (18:30); None when empty."""
    if not value:
        return None
    try:
        return dt.time.fromisoformat(value.strip()[:20])
    except ValueError:
        raise BadParameter(
            _("“%(value)s” is not a time like 18:30.") % {"value": value[:20]}, field=name or None
        ) from None


def clamp_date(day: dt.date) -> dt.date:
    """`day` moved into the bounds: for dates computed from others (a week before, after)."""
    return min(max(day, MIN_DATE), MAX_DATE)


class SaneDateField(forms.DateField):
    """A form date within MIN_YEAR..MAX_YEAR, with the reason in the person's language."""

    default_validators = [date_in_range]


class SaneDateTimeField(forms.DateTimeField):
    default_validators = [date_in_range]


class SaneModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Django's field, with ids beyond the database's integers refused like any unknown id.

    Django turns a huge id in `pk__in` into a query that fails with an error (SQLite cannot
    bind it, PostgreSQL says bigint out of range) instead of finding nothing.
    """

    def _check_values(self, value):
        key = self.to_field_name or "pk"
        if key == "pk" and self.queryset.model._meta.pk.get_internal_type().endswith("AutoField"):
            for pk in value:
                text = str(pk).strip()
                if text.lstrip("-").isdigit() and abs(int(text)) > MAX_DB_INT:
                    raise ValidationError(
                        self.error_messages["invalid_choice"],
                        code="invalid_choice",
                        params={"value": text[:20]},
                    )
        return super()._check_values(value)
