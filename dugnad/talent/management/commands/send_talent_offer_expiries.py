from dugnad.core.tasks import TaskCommand


class Command(TaskCommand):
    help = "Pass unanswered offers of a talent programme place to the waiting list (hourly)."
    task = "dugnad.talent.tasks.expire_talent_offers"
    done = "{} expired offer(s) passed on."
