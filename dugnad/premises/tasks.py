"""Background work: remind renters the day before a booking."""

import datetime as dt

from django.utils import timezone
from django_tasks import task

from dugnad.core.notify import notify

from .models import Booking, BookingState
from .schedule import local


@task()
def send_booking_reminders() -> int:
    """Remind renters of tomorrow's confirmed bookings (run once a day)."""
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    bookings = Booking.objects.filter(
        state=BookingState.CONFIRMED,
        start__gte=local(tomorrow, dt.time()),
        start__lt=local(tomorrow + dt.timedelta(days=1), dt.time()),
        series__isnull=True,  # weekly slots would flood the renter's inbox
    ).select_related("room__building", "organisation", "booked_by")
    count = 0
    for booking in bookings:
        notify(
            "booking.reminder",
            target=booking,
            recipients=[booking.booked_by.email],
            template="premises/email/reminder.txt",
            context={"booking": booking},
        )
        count += 1
    return count
