from django.core.management.base import BaseCommand

from dugnad.activities.tasks import send_event_reminders


class Command(BaseCommand):
    help = "Queue the reminder emails for occurrences in the next 24 hours (run hourly)."

    def handle(self, *args, **options):
        result = send_event_reminders.enqueue()
        self.stdout.write(f"Queued reminders ({result.id}).")
