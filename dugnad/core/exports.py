"""The one writer for every CSV and XLSX file the platform sends.

Every cell goes through `neutralise`, so text that someone typed (an organisation's name, a
participant's answer) is shown by a spreadsheet and never run as a formula. CSV is UTF-8 with a
byte order mark and semicolons, which Norwegian Excel opens without an import dialog; XLSX is
written with openpyxl. Both come back as an HttpResponse with a filename that is safe in a header.

    return exports.csv_response("deltakere-12", header, rows)
    return exports.xlsx_response("tilskudd-oversikt", header, rows, sheet_title="Tilskudd")
"""

import csv
import io
import re
from collections.abc import Iterable, Sequence

from django.http import HttpResponse
from django.utils.functional import Promise
from django.utils.http import content_disposition_header
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from .text import norwegian_slug

# A cell starting with one of these is read as a formula by Excel, LibreOffice or Google Sheets
# (tab and carriage return because some of them skip those first).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_SHEET_TITLE_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


def neutralise(value):
    """The cell value to write: text that would start a formula gets a leading apostrophe."""
    if isinstance(value, Promise):  # a lazy translation in a header
        value = str(value)
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def safe_filename(name: str, extension: str) -> str:
    """'Tildelinger 2025' -> 'tildelinger-2025.csv': ASCII letters, digits and hyphens only."""
    return f"{norwegian_slug(name, max_length=100) or 'eksport'}.{extension}"


def _attachment(response: HttpResponse, name: str, extension: str) -> HttpResponse:
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=safe_filename(name, extension)
    )
    return response


def csv_text(header: Sequence, rows: Iterable[Sequence]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow([neutralise(cell) for cell in header])
    for row in rows:
        writer.writerow([neutralise(cell) for cell in row])
    return out.getvalue()


def csv_response(name: str, header: Sequence, rows: Iterable[Sequence]) -> HttpResponse:
    """A CSV download named `name`.csv; the BOM makes Excel read it as UTF-8."""
    body = "\ufeff" + csv_text(header, rows)
    return _attachment(HttpResponse(body, content_type=CSV_CONTENT_TYPE), name, "csv")


def _xlsx_cell(value):
    value = neutralise(value)
    if isinstance(value, str):
        # openpyxl refuses control characters; text stored before they were stripped has some.
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
    return value


def xlsx_bytes(header: Sequence, rows: Iterable[Sequence], sheet_title: str = "") -> bytes:
    book = Workbook()
    sheet = book.active
    title = _SHEET_TITLE_FORBIDDEN.sub("", str(sheet_title or ""))[:31].strip()
    if title:
        sheet.title = title
    sheet.append([_xlsx_cell(cell) for cell in header])
    for row in rows:
        sheet.append([_xlsx_cell(cell) for cell in row])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def xlsx_response(
    name: str, header: Sequence, rows: Iterable[Sequence], sheet_title: str = ""
) -> HttpResponse:
    """An XLSX download named `name`.xlsx with one sheet."""
    body = xlsx_bytes(header, rows, sheet_title)
    return _attachment(HttpResponse(body, content_type=XLSX_CONTENT_TYPE), name, "xlsx")
