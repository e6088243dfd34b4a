"""Migration 0004/0005: the old fixed sign-up fields become per-event questions with answers."""

from datetime import timedelta

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

BEFORE = [("activities", "0003_calendar_indexes")]
AFTER = [("activities", "0005_signup_drop_fixed_fields")]


@pytest.fixture
def migrated_back_afterwards():
    """Going back to 0003 also unapplies every app that depends on activities (talent, plans...);
    bring the whole project forward again so later tests find every table."""
    yield
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True)
def test_old_answers_become_question_rows(migrated_back_afterwards):
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    # The register of municipalities (a core migration) may already hold Ås.
    municipality, _ = old.get_model("core", "Municipality").objects.get_or_create(
        number="3218", defaults={"name": "Ås"}
    )
    unit = old.get_model("core", "Unit").objects.create(
        municipality=municipality, name="Kulturskolen", slug="kulturskolen"
    )
    Event = old.get_model("activities", "Event")
    event = Event.objects.create(
        municipality=municipality, unit=unit, title="Konsert", signup_enabled=True, capacity=5
    )
    Event.objects.create(municipality=municipality, unit=unit, title="Uten påmelding")
    start = timezone.now() + timedelta(days=3)
    occurrence = old.get_model("activities", "Occurrence").objects.create(
        event=event, start=start, end=start + timedelta(hours=1), original_start=start
    )
    SignUp = old.get_model("activities", "SignUp")
    SignUp.objects.create(
        occurrence=occurrence,
        participant_name="Ada",
        price_group="child",
        allergies="nøtter",
        heard_about="",
        status="confirmed",
        cancel_token="a",
    )

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(AFTER)
    new = executor.loader.project_state(AFTER).apps
    questions = new.get_model("activities", "SignUpQuestion").objects.filter(event_id=event.pk)
    assert list(questions.values_list("label", flat=True)) == [
        "Allergier eller andre behov",
        "Hvordan hørte du om arrangementet?",
    ]
    assert new.get_model("activities", "SignUpQuestion").objects.count() == 2
    signup = new.get_model("activities", "SignUp").objects.get()
    assert signup.price_group_name == "Barn"
    answers = new.get_model("activities", "SignUpAnswer").objects.filter(signup_id=signup.pk)
    assert list(answers.values_list("question__label", "value")) == [
        ("Allergier eller andre behov", "nøtter")
    ]
