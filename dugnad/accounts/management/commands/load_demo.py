"""Load the Ås demo: `manage.py load_demo`. Idempotent; refuses to run outside demo mode.

Each app declares its loader and its place in the order in its AppConfig (`demo_loader`,
`demo_order`, see core.plugins); they run in that order, each in its own transaction, so that a
later app can use what an earlier one created.

The command lives in `accounts` because it ends by printing the demo logins, which are this app's;
the kernel itself never names an app.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from dugnad.accounts.demo import DEMO_LOGINS, DEMO_PASSWORD
from dugnad.core.plugins import demo_loaders


class Command(BaseCommand):
    help = "Load the Ås demo data (idempotent) and print the demo logins."

    def handle(self, *args, **options):
        if not settings.DEMO_MODE:
            raise CommandError("Demo data is loaded only in demo mode (set DEMO_MODE=1).")
        self.stdout.write("Loading the Ås demo data …")
        for _label, load in demo_loaders():
            with transaction.atomic():
                load(self.stdout)
        self.print_logins()

    def print_logins(self):
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS(f"Demo logins (password for all: {DEMO_PASSWORD}):"))
        for email, _first, _last, purpose, _roles in DEMO_LOGINS:
            self.stdout.write(f"  {email:<28} {purpose}")
        self.stdout.write("")
        self.stdout.write("Open http://127.0.0.1:8000/")
