from dugnad.core.tasks import TaskCommand


class Command(TaskCommand):
    help = "Apply the culture school's re-registration answers after the deadline (daily)."
    task = "dugnad.culture_school.tasks.apply_reregistration_deadlines"
    done = "{} school year(s) re-registered."
