from django.core.management.base import BaseCommand

from dugnad.volunteering.tasks import run_all


class Command(BaseCommand):
    help = (
        "Send volunteering reminders: unanswered interest, upcoming shifts, expiring certificates."
    )

    def handle(self, *args, **options):
        result = run_all()
        self.stdout.write(f"Volunteering reminders sent: {result}")
