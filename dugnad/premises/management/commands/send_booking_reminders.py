from dugnad.core.tasks import TaskCommand


class Command(TaskCommand):
    help = "Remind renters of tomorrow's confirmed bookings, once each (run daily)."
    task = "dugnad.premises.tasks.send_booking_reminders"
    done = "{} booking reminder(s) sent."
