"""Organisation numbers (MOD11), on top of python-stdnum."""

from stdnum.no import orgnr


def org_number_check_digit(body: str) -> str | None:
    """The MOD11 check digit for eight digits, or None when no digit exists (remainder 10).

    stdnum.no.orgnr has `checksum` (0 for a valid number) but no calc_check_digit; the last
    weight is 1, so the digit is the one that brings the checksum of body + "0" to 0.
    """
    digit = (11 - orgnr.checksum(body + "0")) % 11
    return None if digit == 10 else str(digit)
