from dugnad.core.tasks import TaskCommand


class Command(TaskCommand):
    help = "Remind participants of occurrences in the next 24 hours, once each (run hourly)."
    task = "dugnad.activities.tasks.send_event_reminders"
    done = "{} event reminder(s) sent."
