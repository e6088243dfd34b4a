from dugnad.core.tasks import TaskCommand


class Command(TaskCommand):
    help = (
        "Send volunteering reminders: unanswered interest, upcoming shifts, expiring police "
        "certificate records; each once (run hourly)."
    )
    task = "dugnad.volunteering.tasks.send_volunteering_reminders"
    done = "Volunteering reminders sent: {}"
