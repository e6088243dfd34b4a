from dugnad.core.tasks import TaskCommand


class Command(TaskCommand):
    help = "Anonymise culture school pupils who left longer ago than the retention period (daily)."
    task = "dugnad.culture_school.tasks.anonymise_departed_pupils"
    done = "{} pupil(s) anonymised."
