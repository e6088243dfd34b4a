"""Background work: remind renters the day before a booking."""

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django_tasks import task

from dugnad.core.notify import notify

from .models import Booking, BookingState
from .schedule import local


def _due_tomorrow(today: dt.date):
    tomorrow = today + dt.timedelta(days=1)
    return Booking.objects.filter(
        state=BookingState.CONFIRMED,
        start__gte=local(tomorrow, dt.time()),
        start__lt=local(tomorrow + dt.timedelta(days=1), dt.time()),
        series__isnull=True,  # weekly slots would flood the renter's inbox
        reminded_at__isnull=True,
    )


@task()
def send_booking_reminders() -> int:
    """Remind renters of tomorrow's confirmed bookings, once each (run once a day)."""
    now = timezone.now()
    sent = 0
    for pk in list(_due_tomorrow(timezone.localdate(now)).values_list("pk", flat=True)):
        # One transaction per booking: the claim and the enqueued email commit together, so a
        # failure leaves that booking for the next run and the others still go out.
        with transaction.atomic():
            # On PostgreSQL a booking another worker is sending is skipped, not waited for; a
            # booking it has already sent no longer matches reminded_at__isnull. SQLite ignores
            # the lock and serialises writers through its IMMEDIATE transactions instead.
            booking = (
                _due_tomorrow(timezone.localdate(now))
                .select_for_update(skip_locked=True, of=("self",))
                .select_related("room__building", "organisation", "booked_by")
                .filter(pk=pk)
                .first()
            )
            if booking is None:
                continue
            Booking.objects.filter(pk=pk).update(reminded_at=now)
            notify(
                "booking.reminder",
                target=booking,
                recipients=[booking.booked_by.email],
                template="premises/email/reminder.txt",
                context={"booking": booking},
            )
        sent += 1
    return sent
