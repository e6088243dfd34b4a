"""manage.py import_enhetsregisteret FILE [--municipality 3218]

Reads the register's JSON (bulk download list, gzipped or not, or an /enheter API page) and
upserts the municipality's units by org number. Ends with a summary; a malformed file stops
with a clear message before anything is written. Works on an empty database: a municipality
missing from it is created from the register of municipalities (core.register).
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from dugnad.core.register import municipality_from_register
from dugnad.organisations.actions import import_from_register
from dugnad.organisations.importer import MalformedFile, read_units


class Command(BaseCommand):
    help = "Import voluntary organisations from an Enhetsregisteret JSON file (.json or .json.gz)."

    def add_arguments(self, parser):
        parser.add_argument("file", help="Path to the register's JSON file, optionally gzipped.")
        parser.add_argument(
            "--municipality",
            default=settings.DUGNAD_MUNICIPALITY_NUMBER,
            help="Municipality number (default: MUNICIPALITY_NUMBER, 3218 Ås unless set).",
        )
        parser.add_argument("--no-progress", action="store_true", help="Hide the progress bar.")

    def handle(self, *args, file, municipality, no_progress=False, **options):
        try:
            units = read_units(file)
        except MalformedFile as exc:
            raise CommandError(f"{exc} Nothing was imported.") from exc
        try:
            found = municipality_from_register(municipality)
        except KeyError:
            raise CommandError(
                f"{municipality} is not a municipality number in the register of "
                "municipalities. Nothing was imported."
            ) from None

        def progress(rows):
            return tqdm(
                rows, desc="Importing", unit="org", file=self.stderr._out, disable=no_progress
            )

        result = import_from_register(units, found, progress=progress)
        self.stdout.write(
            self.style.SUCCESS(
                f"Enhetsregisteret import for {found.name} ({found.number}): {result.summary()}"
            )
        )
        for label, reason in result.skipped:
            self.stdout.write(f"  skipped {label}: {reason}")
        for number, earlier, later in result.repeated:
            self.stdout.write(
                f"  repeated {number}: {later} replaces {earlier} (the later entry is the newer)"
            )
