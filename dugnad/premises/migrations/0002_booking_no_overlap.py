from django.contrib.postgres.constraints import ExclusionConstraint
from django.contrib.postgres.fields import RangeOperators
from django.db import migrations
from django.db.models import Func, Q

from dugnad.core.migration_ops import postgres_constraint


class TsTzRange(Func):
    function = "TSTZRANGE"
    template = "%(function)s(%(expressions)s, '[)')"


# Active bookings of one room never overlap; PostgreSQL only (SQLite checks in the action).
NO_OVERLAP = ExclusionConstraint(
    name="booking_no_overlap",
    expressions=[(TsTzRange("start", "end"), RangeOperators.OVERLAPS), ("room", RangeOperators.EQUAL)],
    condition=Q(state__in=["requested", "confirmed"]),
)


class Migration(migrations.Migration):
    dependencies = [
        ("premises", "0001_initial"),
        ("core", "0002_age_groups_and_extensions"),
    ]

    operations = [postgres_constraint("premises", "Booking", NO_OVERLAP)]
