from dugnad.core.tasks import TaskCommand


class Command(TaskCommand):
    help = "Close booking requests whose time came before anyone decided them (run hourly)."
    task = "dugnad.premises.tasks.expire_booking_requests"
    done = "{} booking request(s) expired."
