"""The invoice basis for a period, per renter, as CSV or XLSX."""

from django.utils import timezone
from django.utils.translation import gettext as _

from dugnad.core import exports

from .schedule import duration


def _header():
    return [
        _("Renter"),
        _("Renter type"),
        _("Organisation number"),
        _("Email"),
        _("Booking"),
        _("Room"),
        _("Start"),
        _("End"),
        _("Hours"),
        _("Amount (NOK)"),
    ]


def _rows(groups):
    for group in groups:
        for booking in group["bookings"]:
            hours = round(duration(booking.start, booking.end).total_seconds() / 3600, 2)
            yield [
                group["renter"],
                group["renter_type"],
                group["org_number"],
                group["email"],
                booking.title,
                str(booking.room),
                timezone.localtime(booking.start).strftime("%Y-%m-%d %H:%M"),
                timezone.localtime(booking.end).strftime("%Y-%m-%d %H:%M"),
                hours,
                booking.price_ore / 100,
            ]
        yield [
            group["renter"],
            _("Total"),
            "",
            "",
            "",
            "",
            "",
            "",
            round(group["hours"], 2),
            group["total_ore"] / 100,
        ]


def as_csv(groups, name: str):
    return exports.csv_response(name, _header(), _rows(groups))


def as_xlsx(groups, name: str):
    return exports.xlsx_response(name, _header(), _rows(groups), sheet_title=_("Invoice basis"))
