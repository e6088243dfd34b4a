"""manage.py import_enhetsregisteret FILE [--municipality 3218]

Reads the register's JSON (bulk download list, gzipped or not, or an /enheter API page) and
upserts the municipality's units by org number. Ends with a summary; a malformed file stops
with a clear message before anything is written.
"""

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from dugnad.core.models import Municipality
from dugnad.organisations.importer import MalformedFile, import_units, read_units


class Command(BaseCommand):
    help = "Import voluntary organisations from an Enhetsregisteret JSON file (.json or .json.gz)."

    def add_arguments(self, parser):
        parser.add_argument("file", help="Path to the register's JSON file, optionally gzipped.")
        parser.add_argument(
            "--municipality", default="3218", help="Municipality number (default 3218, Ås)."
        )
        parser.add_argument("--no-progress", action="store_true", help="Hide the progress bar.")

    def handle(self, *args, file, municipality, no_progress=False, **options):
        found = Municipality.objects.filter(number=municipality).first()
        if found is None:
            raise CommandError(f"Municipality {municipality} does not exist in the database.")
        try:
            units = read_units(file)
        except MalformedFile as exc:
            raise CommandError(f"{exc} Nothing was imported.") from exc

        def progress(rows):
            return tqdm(
                rows, desc="Importing", unit="org", file=self.stderr._out, disable=no_progress
            )

        result = import_units(units, found, progress=progress)
        self.stdout.write(
            self.style.SUCCESS(
                f"Enhetsregisteret import for {found.name} ({found.number}): "
                f"{result.created} created, {result.updated} updated, "
                f"{result.unchanged} unchanged, {len(result.skipped)} skipped, "
                f"{result.outside} outside the municipality."
            )
        )
        for label, reason in result.skipped:
            self.stdout.write(f"  skipped {label}: {reason}")
