import io

import pytest

from dugnad.accounts import demo as accounts_demo
from dugnad.core import demo as core_demo
from dugnad.volunteering import demo
from dugnad.volunteering.models import Assignment, Shift, VolunteerProfile


@pytest.mark.django_db
def test_demo_loads_twice_without_duplicates():
    out = io.StringIO()
    core_demo.load(out)
    accounts_demo.load(out)
    demo.load(out)
    counts = (Assignment.objects.count(), Shift.objects.count(), VolunteerProfile.objects.count())
    demo.load(out)
    assert counts == (
        Assignment.objects.count(),
        Shift.objects.count(),
        VolunteerProfile.objects.count(),
    )
    assert Assignment.objects.filter(unit__slug="moertunet-demenssenter").count() == 2
    assert Assignment.objects.filter(unit__slug="bibliotek", title__icontains="språkkafé").exists()
    assert VolunteerProfile.objects.filter(user__email__endswith="@demo.example").count() >= 301
    assert "volunteering:" in out.getvalue()
