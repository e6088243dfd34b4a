from dugnad.core.tasks import TaskCommand


class Command(TaskCommand):
    help = "Count the votes of every participation process whose vote has closed."
    task = "dugnad.participation.tasks.compute_due_results"
    done = "Results computed for {} process(es)."
