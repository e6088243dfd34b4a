from dugnad.core.tasks import TaskCommand


class Command(TaskCommand):
    help = "Remind grant recipients of reports due within two weeks or overdue (run daily)."
    task = "dugnad.grants.tasks.send_report_reminders"
    done = "{} report reminder(s) sent."
