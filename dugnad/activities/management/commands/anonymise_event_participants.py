from django.core.management.base import BaseCommand

from dugnad.activities.tasks import anonymise_event_participants


class Command(BaseCommand):
    help = "Queue the anonymisation of participants of past events (run daily)."

    def handle(self, *args, **options):
        result = anonymise_event_participants.enqueue()
        self.stdout.write(f"Queued anonymisation ({result.id}).")
