"""The invoice basis for a period, per renter, as CSV or XLSX."""

import csv
import io

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook

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


def _safe(value):
    # Spreadsheet programs run cells starting with these as formulas (CSV injection).
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value
    return value


def as_csv(groups) -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(_header())
    for row in _rows(groups):
        writer.writerow([_safe(v) for v in row])
    return out.getvalue()


def as_xlsx(groups) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = _("Invoice basis")[:31]
    sheet.append(_header())
    for row in _rows(groups):
        sheet.append([_safe(v) for v in row])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
