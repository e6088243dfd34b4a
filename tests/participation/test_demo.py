import io

import pytest
from django.utils import timezone

from dugnad.accounts import demo as accounts_demo
from dugnad.accounts.models import User
from dugnad.core import demo as core_demo
from dugnad.participation import demo
from dugnad.participation.models import (
    Comment,
    FollowUpUpdate,
    Idea,
    Phase,
    Process,
    Support,
    Vote,
    YouthModerator,
)


@pytest.mark.django_db
def test_demo_loads_twice_without_duplicates():
    out = io.StringIO()
    core_demo.load(out)
    accounts_demo.load(out)
    demo.load(out)
    models = (Process, Idea, Comment, Support, Vote, FollowUpUpdate, YouthModerator, User)
    counts = [m.objects.count() for m in models]
    demo.load(out)
    assert counts == [m.objects.count() for m in models]
    running = Process.objects.get(title=demo.RUNNING)
    finished = Process.objects.get(title=demo.FINISHED)
    assert running.phase == Phase.IDEAS and finished.phase == Phase.FOLLOW_UP
    assert running.ideas.filter(feasible__isnull=False).exists() and Comment.objects.exists()
    assert finished.ideas.filter(chosen=True).count() == 2
    young = User.objects.get(email="ungdom@demo.example")
    assert timezone.localdate().year - young.birth_year == 15
    assert YouthModerator.objects.filter(user__email="ungdomsrad@demo.example").exists()
    assert "ungdom@demo.example" in out.getvalue()
