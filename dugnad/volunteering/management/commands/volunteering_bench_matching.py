"""Time matching at the scale the issue asks for: 10,000 volunteers and 2,000 assignments.

manage.py volunteering_bench_matching          # scoring only, in memory
manage.py volunteering_bench_matching --db     # also through the database (rolled back)
"""

import random
import statistics
import time

from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.utils import timezone

from dugnad.volunteering import matching
from dugnad.volunteering.models import Assignment, Commitment, Language, Skill, Slot, Topic


class Rollback(Exception):
    pass


class Command(BaseCommand):
    help = "Benchmark volunteer matching with 10,000 volunteers and 2,000 assignments."

    def add_arguments(self, parser):
        parser.add_argument("--volunteers", type=int, default=10_000)
        parser.add_argument("--assignments", type=int, default=2_000)
        parser.add_argument("--db", action="store_true", help="also time the database reads")
        parser.add_argument("--runs", type=int, default=20, help="timed calls per list")

    def handle(self, *args, volunteers, assignments, db, runs, **options):
        rng = random.Random(1)  # noqa: S311 - benchmark data
        year = timezone.localdate().year
        candidates = [self.candidate(rng, i) for i in range(1, volunteers + 1)]
        needs = [self.need(rng, i) for i in range(1, assignments + 1)]

        started = time.perf_counter()
        matching.rank_candidates(candidates, needs[0], year, 10)
        per_assignment = time.perf_counter() - started
        started = time.perf_counter()
        ranked = sorted(
            ((matching.score(candidates[0], need, year) or 0, need) for need in needs),
            key=lambda pair: -pair[0],
        )[:5]
        per_volunteer = time.perf_counter() - started
        self.stdout.write(
            f"in memory: best {len(ranked)} of {assignments} assignments for one volunteer in "
            f"{per_volunteer * 1000:.1f} ms; best 10 of {volunteers} volunteers for one "
            f"assignment in {per_assignment * 1000:.1f} ms"
        )
        if db:
            self.through_database(rng, volunteers, assignments, runs)

    @staticmethod
    def timed(call, runs) -> tuple[float, float]:
        """Median and worst time in ms of `call(i)` for i in range(runs), each on other data."""
        times = []
        for i in range(runs):
            started = time.perf_counter()
            call(i)
            times.append((time.perf_counter() - started) * 1000)
        return statistics.median(times), max(times)

    def through_database(self, rng, volunteers, assignments, runs):
        from django.contrib.auth.hashers import make_password

        from dugnad.accounts.models import User
        from dugnad.core.models import Area, Unit
        from dugnad.volunteering.models import VolunteerProfile

        try:
            with transaction.atomic():
                unit = Unit.objects.first()
                if unit is None:
                    self.stdout.write("no unit: load the demo first")
                    return
                areas = [None, *Area.objects.filter(municipality=unit.municipality)]
                password = make_password(None)
                users = User.objects.bulk_create(
                    User(email=f"bench{i}@bench.example", password=password)
                    for i in range(volunteers)
                )
                VolunteerProfile.objects.bulk_create(
                    VolunteerProfile(
                        user=u, contactable=True, area=rng.choice(areas), **self.profile_fields(rng)
                    )
                    for u in users
                )
                made = Assignment.objects.bulk_create(
                    Assignment(
                        unit=unit,
                        title=f"Bench {i}",
                        description="-",
                        area=rng.choice(areas),
                        **self.assignment_fields(rng),
                    )
                    for i in range(assignments)
                )
                with connection.cursor() as cursor:
                    # Fresh statistics, as autovacuum would have them on a live database.
                    for model in (User, VolunteerProfile, Assignment):
                        if connection.vendor == "postgresql":
                            cursor.execute(f"ANALYZE {model._meta.db_table}")
                organiser = self.timed(
                    lambda i: matching.recommended_volunteers(made[i], limit=10), runs
                )
                volunteer = self.timed(
                    lambda i: matching.recommended_assignments(
                        users[i], unit.municipality, limit=5
                    ),
                    runs,
                )
                self.stdout.write(
                    f"through the database ({connection.vendor}, {runs} runs, median / worst): "
                    f"recommended volunteers {organiser[0]:.0f} / {organiser[1]:.0f} ms, "
                    f"recommended assignments {volunteer[0]:.0f} / {volunteer[1]:.0f} ms"
                )
                raise Rollback
        except Rollback:
            pass

    @staticmethod
    def profile_fields(rng):
        return {
            "interests": rng.sample(Topic.values, rng.randint(1, 3)),
            "skills": rng.sample(Skill.values, rng.randint(0, 2)),
            "languages": rng.sample(Language.values, rng.randint(1, 3)),
            "availability": rng.sample(Slot.values, rng.randint(1, 2)),
            "birth_year": rng.randint(1940, 2010),
            "commitment": rng.choice(Commitment.values),
        }

    @staticmethod
    def assignment_fields(rng):
        return {
            "topics": rng.sample(Topic.values, rng.randint(1, 2)),
            "skills": rng.sample(Skill.values, rng.randint(0, 2)),
            "languages": rng.sample(Language.values, rng.randint(0, 2)),
            "times": rng.sample(Slot.values, rng.randint(1, 2)),
            "min_age": rng.choice([None, None, 16, 18]),
            "kind": rng.choice(Assignment.Kind.values),
        }

    def candidate(self, rng, i):
        f = self.profile_fields(rng)
        return matching.Candidate(
            i,
            frozenset(f["interests"]),
            frozenset(f["skills"]),
            frozenset(f["languages"]),
            frozenset(f["availability"]),
            None,
            f["birth_year"],
            "both",
        )

    def need(self, rng, i):
        f = self.assignment_fields(rng)
        return matching.Need(
            i,
            frozenset(f["topics"]),
            frozenset(f["skills"]),
            frozenset(f["languages"]),
            frozenset(f["times"]),
            None,
            f["min_age"],
            "one_off",
        )
