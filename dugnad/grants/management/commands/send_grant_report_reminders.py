"""Entry point for a scheduler (cron, systemd timer): run once a day."""

from django.core.management.base import BaseCommand

from dugnad.grants.tasks import send_report_reminders


class Command(BaseCommand):
    help = "Remind grant recipients of reports due within two weeks or overdue."

    def handle(self, *args, **options):
        # Run in-process so the scheduler sees failures in the exit status; the task's own
        # unique reminder rows make a repeated run on the same day send nothing more.
        sent = send_report_reminders.call()
        self.stdout.write(f"{sent} report reminder(s) sent.")
