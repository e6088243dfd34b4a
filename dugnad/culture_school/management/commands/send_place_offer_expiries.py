from dugnad.core.tasks import TaskCommand


class Command(TaskCommand):
    help = "Pass unanswered offers of a culture school place to the next on the list (hourly)."
    task = "dugnad.culture_school.tasks.expire_place_offers"
    done = "{} expired offer(s) passed on."
