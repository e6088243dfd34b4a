from dugnad.core.tasks import TaskCommand


class Command(TaskCommand):
    help = "Anonymise the participants of past events (run daily)."
    task = "dugnad.activities.tasks.anonymise_event_participants"
    done = "{} participant(s) anonymised."
