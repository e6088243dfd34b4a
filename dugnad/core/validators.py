"""Checks a person expects where they type: one place for every form that takes these values.

Each validator raises Django's ValidationError with a message in the reader's language that
says what to fix; `normalise_*` give the stored form. Organisation numbers are python-stdnum's
(MOD11), phone numbers Google's libphonenumber (`phonenumbers`), Norwegian by default.
"""

import datetime as dt
import re

import phonenumbers
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.no import orgnr

DEFAULT_REGION = "NO"
_POSTAL_CODE = re.compile(r"^\d{4}$")


def normalise_org_number(value: str) -> str:
    """'974 760 673' -> '974760673'; raises ValidationError when it is not a valid number."""
    value = (value or "").strip()
    try:
        return orgnr.validate(value)
    except StdnumError as error:
        raise ValidationError(
            _(
                "%(value)s is not a valid organisation number. It has nine digits; check it "
                "in the Brønnøysund Register Centre."
            ),
            code="org_number",
            params={"value": value},
        ) from error


def validate_org_number(value: str) -> None:
    normalise_org_number(value)


def validate_postal_code(value: str) -> None:
    """A Norwegian postal code: four digits, e.g. 1430."""
    if not _POSTAL_CODE.match((value or "").strip()):
        raise ValidationError(
            _("A postal code has four digits, e.g. 1430."),
            code="postal_code",
        )


def normalise_phone(value: str, region: str = DEFAULT_REGION) -> str:
    """A phone number in international form (+4764962000), Norwegian unless it starts with +
    or 00; raises ValidationError for anything that is not a possible, valid number."""
    value = (value or "").strip()
    if value.startswith("00"):
        value = "+" + value[2:]
    try:
        number = phonenumbers.parse(value, region)
    except phonenumbers.NumberParseException as error:
        raise _phone_error(value) from error
    if not phonenumbers.is_valid_number(number):
        raise _phone_error(value)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def _phone_error(value: str) -> ValidationError:
    return ValidationError(
        _(
            "%(value)s is not a phone number we can call. Write eight digits for a Norwegian "
            "number (e.g. 64 96 20 00), or + and the country code for another country."
        ),
        code="phone",
        params={"value": value},
    )


def validate_phone(value: str) -> None:
    normalise_phone(value)


def format_phone(value: str) -> str:
    """A stored number as people read it: '+4764962000' -> '64 96 20 00', foreign ones with +."""
    try:
        number = phonenumbers.parse(value, DEFAULT_REGION)
    except phonenumbers.NumberParseException:
        return value
    if number.country_code == 47:
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def validate_not_past(value: dt.date | dt.datetime, *, today: dt.date | None = None) -> None:
    """A date (or time) that must not lie before today, e.g. a project's start date."""
    today = today or timezone.localdate()
    day = timezone.localtime(value).date() if isinstance(value, dt.datetime) else value
    if day < today:
        raise ValidationError(
            _("The date %(date)s has passed. Choose today or a later date."),
            code="past_date",
            params={"date": day.strftime("%d.%m.%Y")},
        )


def parse_hours(value) -> float:
    """Hours typed with a comma or a point ('2,5', '2.5', '2') as a number of hours."""
    text = str(value or "").strip().replace(" ", "").replace(",", ".")
    try:
        hours = float(text)
    except ValueError as error:
        raise ValidationError(
            _("Write the hours as a number, e.g. 2,5 for two and a half hours."), code="hours"
        ) from error
    if not 0 < hours <= 24:
        raise ValidationError(_("Write between 0,25 and 24 hours for one day."), code="hours_range")
    return hours
