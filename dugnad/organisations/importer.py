"""Import units from Enhetsregisteret (Brønnøysundregistrene) into the directory.

Reads the register's JSON as the bulk download gives it (a list of units, often gzipped) or as
the `/enheter` API answers (`{"_embedded": {"enheter": [...]}}`). The whole file is read and
every row checked (`plan_import`) before anything is written, so a broken file changes nothing;
the writes are `organisations.actions.import_from_register`, which logs each one.

A number that appears more than once in a file is taken from its last entry: the register's
bulk files and concatenated API pages list a changed unit again further down, so the later
entry is the newer one. The summary says which rows were replaced.
"""

import gzip
import json
from dataclasses import dataclass, field
from datetime import date

from stdnum.no import orgnr

from dugnad.core.text import plain_text

from .models import Category, Organisation

RegisterStatus = Organisation.RegisterStatus

# Register fields the import owns; PROFILE_FIELDS among them are skipped once edited locally.
IMPORTED_FIELDS = (
    "name", "organisation_form", "industry_code", "website", "founded_on",
    "in_voluntary_register", "register_status", "postal_address", "postal_code", "postal_town",
)  # fmt: skip


class MalformedFile(Exception):
    pass


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    outside: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)
    # (org number, the earlier row's label, the later row's label that replaced it)
    repeated: list[tuple[str, str, str]] = field(default_factory=list)

    def summary(self) -> str:
        text = (
            f"{self.created} created, {self.updated} updated, {self.unchanged} unchanged, "
            f"{len(self.skipped)} skipped, {self.outside} outside the municipality"
        )
        if self.repeated:
            text += (
                f", {len(self.repeated)} repeated number(s): the later entry, the newer one, "
                "was used"
            )
        return text + "."

    def counts(self) -> dict:
        return {
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "skipped": len(self.skipped),
            "outside": self.outside,
            "repeated": len(self.repeated),
        }


def read_units(path) -> list:
    """The list of units in the file; MalformedFile with a clear reason when it is not one."""
    try:
        with open(path, "rb") as handle:
            raw = handle.read()
    except OSError as exc:
        raise MalformedFile(f"Cannot read {path}: {exc.strerror}") from exc
    if raw[:2] == b"\x1f\x8b":
        try:
            raw = gzip.decompress(raw)
        except (OSError, EOFError) as exc:
            raise MalformedFile(f"{path} looks gzipped but cannot be unpacked: {exc}") from exc
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise MalformedFile(f"{path} is not UTF-8 text.") from exc
    except json.JSONDecodeError as exc:
        raise MalformedFile(
            f"{path} is not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})."
        ) from exc
    if isinstance(data, dict):
        embedded = data.get("_embedded")
        if isinstance(embedded, dict) and isinstance(embedded.get("enheter"), list):
            return embedded["enheter"]
        if "_embedded" in data or "page" in data:
            return []  # an API page with no hits
        raise MalformedFile(
            f"{path} is a JSON object without _embedded.enheter: not a list of register units."
        )
    if not isinstance(data, list):
        raise MalformedFile(f"{path} holds a JSON {type(data).__name__}, not a list of units.")
    return data


def _address(unit: dict) -> dict:
    for key in ("postadresse", "forretningsadresse"):
        value = unit.get(key)
        if isinstance(value, dict) and value:
            return value
    return {}


def _municipalities(unit: dict) -> set[str]:
    found = set()
    for key in ("forretningsadresse", "postadresse"):
        value = unit.get(key)
        if isinstance(value, dict) and value.get("kommunenummer"):
            found.add(str(value["kommunenummer"]))
    return found


def _category(industry_code: str) -> str:
    # NACE (SN2007) codes that voluntary organisations typically carry.
    if industry_code.startswith("93.1"):
        return Category.SPORTS
    if industry_code.startswith(("90.", "91.")):
        return Category.CULTURE
    if industry_code.startswith("94.91"):
        return Category.LIFE_STANCE
    if industry_code.startswith(("88.", "94.99")):
        return Category.HUMANITARIAN
    return Category.OTHER


def parse_unit(unit) -> dict:
    """Register JSON -> our fields. Raises ValueError with the reason for a bad row."""
    if not isinstance(unit, dict):
        raise ValueError("the row is not a JSON object")
    number = str(unit.get("organisasjonsnummer") or "").replace(" ", "")
    if not number:
        raise ValueError("no organisasjonsnummer")
    if not orgnr.is_valid(number):
        raise ValueError(f"invalid organisasjonsnummer {number[:20]!r}")
    name = plain_text(unit.get("navn"), multiline=False).strip()
    if not name:
        raise ValueError("no navn")
    form = unit.get("organisasjonsform") or {}
    industry = unit.get("naeringskode1") or {}
    if not isinstance(form, dict) or not isinstance(industry, dict):
        raise ValueError("organisasjonsform or naeringskode1 is not an object")
    founded = unit.get("stiftelsesdato")
    if founded:
        try:
            founded = date.fromisoformat(str(founded))
        except ValueError as exc:
            raise ValueError(f"stiftelsesdato {str(founded)[:20]!r} is not a date") from exc
    website = str(unit.get("hjemmeside") or "").strip()
    if website and not website.startswith(("http://", "https://")):
        website = "https://" + website
    if unit.get("slettedato"):
        status = RegisterStatus.DELETED
    elif unit.get("konkurs"):
        status = RegisterStatus.BANKRUPT
    elif unit.get("underAvvikling") or unit.get("underTvangsavviklingEllerTvangsopplosning"):
        status = RegisterStatus.WINDING_UP
    else:
        status = RegisterStatus.ACTIVE
    address = _address(unit)
    lines = address.get("adresse") or []
    if isinstance(lines, str):
        lines = [lines]
    industry_code = str(industry.get("kode") or "")[:10]
    return {
        "org_number": number,
        "name": name[:200],
        "organisation_form": str(form.get("kode") or "")[:10],
        "industry_code": industry_code,
        "website": website[:200],
        "founded_on": founded or None,
        "in_voluntary_register": bool(unit.get("registrertIFrivillighetsregisteret")),
        "register_status": status,
        "postal_address": ", ".join(str(line) for line in lines if line)[:200],
        "postal_code": str(address.get("postnummer") or "")[:4],
        "postal_town": str(address.get("poststed") or "").title()[:100],
        "category": _category(industry_code),
    }


def _number_of(unit) -> str:
    if isinstance(unit, dict):
        return str(unit.get("organisasjonsnummer") or "").replace(" ", "")
    return ""


def plan_import(units, municipality) -> tuple[list[dict], ImportResult]:
    """The rows to write for `municipality` (the last entry per org number) and the result so
    far: rows outside the municipality, rows skipped with their reason, repeated numbers."""
    result = ImportResult()
    chosen: dict[str, tuple[str, dict | None]] = {}  # number -> (label, row or None if outside)
    for index, unit in enumerate(units, start=1):
        number = _number_of(unit)
        label = f"row {index}" + (f" ({number[:20]})" if number else "")
        if isinstance(unit, dict) and municipality.number not in _municipalities(unit):
            result.outside += 1
            row = None  # a later entry outside the municipality: the unit has moved away
        else:
            try:
                row = parse_unit(unit)
            except ValueError as exc:
                result.skipped.append((label, str(exc)))
                continue
        if not number:
            continue
        if number in chosen:
            result.repeated.append((number, chosen[number][0], label))
        chosen[number] = (label, row)
    return [row for _label, row in chosen.values() if row is not None], result
