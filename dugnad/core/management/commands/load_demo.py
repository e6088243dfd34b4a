"""Load the Ås demo: `manage.py load_demo`. Idempotent; refuses to run outside demo mode.

Each app with demo data has a `demo.py` with `load(out)`; they run in DEMO_APPS order, each in
its own transaction, so that a later app can use what an earlier one created.
"""

from importlib import import_module

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

DEMO_APPS = [
    "core",
    "accounts",
    "organisations",
    "premises",
    "activities",
    "grants",
    "volunteering",
    "culture_school",
    "initiatives",
    "plans",
]


class Command(BaseCommand):
    help = "Load the Ås demo data (idempotent) and print the demo logins."

    def handle(self, *args, **options):
        if not settings.DEMO_MODE:
            raise CommandError("Demo data is loaded only in demo mode (set DEMO_MODE=1).")
        self.stdout.write("Loading the Ås demo data …")
        for app in DEMO_APPS:
            try:
                module = import_module(f"dugnad.{app}.demo")
            except ModuleNotFoundError as exc:
                if exc.name != f"dugnad.{app}.demo":
                    raise
                continue
            with transaction.atomic():
                module.load(self.stdout)
        self.print_logins()

    def print_logins(self):
        from dugnad.accounts.demo import DEMO_LOGINS, DEMO_PASSWORD

        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS(f"Demo logins (password for all: {DEMO_PASSWORD}):"))
        for email, _first, _last, purpose, _roles in DEMO_LOGINS:
            self.stdout.write(f"  {email:<28} {purpose}")
        self.stdout.write("")
        self.stdout.write("Open http://127.0.0.1:8000/")
