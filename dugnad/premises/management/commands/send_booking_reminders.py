"""Entry point for a scheduler (cron, systemd timer): run once a day."""

from django.core.management.base import BaseCommand

from dugnad.premises.tasks import send_booking_reminders


class Command(BaseCommand):
    help = "Remind renters of tomorrow's confirmed bookings; each booking is reminded once."

    def handle(self, *args, **options):
        # In-process, so the scheduler sees a failure in the exit status.
        sent = send_booking_reminders.call()
        self.stdout.write(f"{sent} booking reminder(s) sent.")
