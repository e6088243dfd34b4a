"""The register of Norway's municipalities (number, name, county), shipped as data.

`data/municipalities.csv` holds the 357 municipalities as of 1 January 2024 (after Viken and
Vestfold og Telemark were split). The core migration `0006_municipality_register` loads it, so
any municipality can be served or referred to; the Enhetsregisteret importer reads it to create
a missing municipality on an empty database.
"""

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

REGISTER_FILE = Path(__file__).resolve().parent / "data" / "municipalities.csv"


@dataclass(frozen=True)
class RegisterEntry:
    number: str
    name: str
    county: str


@cache
def register() -> dict[str, RegisterEntry]:
    """Every municipality in the register, by number."""
    with REGISTER_FILE.open(encoding="utf-8", newline="") as handle:
        return {
            row["number"]: RegisterEntry(row["number"], row["name"], row["county"])
            for row in csv.DictReader(handle)
        }


def load_register(municipality_model) -> tuple[int, int]:
    """Create the register's municipalities and bring names and counties up to date.

    Takes the model as an argument so that a migration can pass its historical model. Contact
    details, the host name and anything else staff have entered are left as they are.
    Returns (created, updated).
    """
    entries = register()
    existing = {m.number: m for m in municipality_model.objects.filter(number__in=entries)}
    missing = [
        municipality_model(number=e.number, name=e.name, county=e.county)
        for number, e in entries.items()
        if number not in existing
    ]
    changed = []
    for number, municipality in existing.items():
        entry = entries[number]
        if (municipality.name, municipality.county) != (entry.name, entry.county):
            municipality.name, municipality.county = entry.name, entry.county
            changed.append(municipality)
    municipality_model.objects.bulk_create(missing, batch_size=500)
    municipality_model.objects.bulk_update(changed, ["name", "county"], batch_size=500)
    return len(missing), len(changed)


def municipality_from_register(number: str):
    """The municipality with this number, created from the register if the database lacks it.

    Raises KeyError for a number that is not in the register.
    """
    from .models import Municipality

    found = Municipality.objects.filter(number=number).first()
    if found is not None:
        return found
    entry = register()[number]
    municipality, _ = Municipality.objects.get_or_create(
        number=entry.number, defaults={"name": entry.name, "county": entry.county}
    )
    return municipality
