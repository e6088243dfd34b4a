from dugnad.core.tasks import TaskCommand


class Command(TaskCommand):
    help = "Forget the one-time tokens of forms sent more than a day ago (run daily)."
    task = "dugnad.core.tasks.expire_form_submissions"
    done = "{} form submission(s) forgotten."
