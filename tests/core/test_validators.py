"""The kernel's validators: organisation numbers, postal codes, phone numbers, past dates, hours."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from dugnad.core import validators


def test_organisation_numbers():
    assert validators.normalise_org_number("974 760 673") == "974760673"
    for bad in ("974760674", "12345", "abc", ""):
        with pytest.raises(ValidationError):
            validators.validate_org_number(bad)


def test_postal_codes_have_four_digits():
    validators.validate_postal_code("1430")
    for bad in ("14300", "143", "1a30", ""):
        with pytest.raises(ValidationError):
            validators.validate_postal_code(bad)


def test_phone_numbers_norwegian_and_international():
    assert validators.normalise_phone("64 96 20 00") == "+4764962000"
    assert validators.normalise_phone("+46 8 123 456 78").startswith("+468")
    assert validators.normalise_phone("0047 400 00 000") == "+4740000000"
    assert validators.format_phone("+4764962000") == "64 96 20 00"
    for bad in ("ring meg", "123", "+47 1"):
        with pytest.raises(ValidationError):
            validators.validate_phone(bad)


def test_past_dates_are_refused():
    today = dt.date(2026, 6, 1)
    validators.validate_not_past(today, today=today)
    with pytest.raises(ValidationError):
        validators.validate_not_past(dt.date(2026, 5, 31), today=today)


def test_hours_with_a_comma_or_a_point():
    assert validators.parse_hours("2,5") == validators.parse_hours("2.5") == 2.5
    for bad in ("x", "0", "25", "-1"):
        with pytest.raises(ValidationError):
            validators.parse_hours(bad)
