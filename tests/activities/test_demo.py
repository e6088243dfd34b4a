from io import StringIO

from dugnad.activities import demo
from dugnad.activities.models import Event
from tests.factories import OrganisationFactory, UnitFactory


def test_demo_is_idempotent(municipality, age_groups):
    for name in [
        "Kulturskolen",
        "Bibliotek",
        "Ungdomsklubben Midtgard",
        "Kultur, idrett og frivillighet",
    ]:
        UnitFactory(municipality=municipality, name=name)
    UnitFactory(municipality=municipality, name="Ås kulturhus", slug="as-kulturhus")
    for _ in range(3):
        OrganisationFactory(municipality=municipality)
    demo.load(StringIO())
    count = Event.objects.count()
    assert count == 15 + 3 * 4
    assert Event.objects.filter(title="Frivilligkonferansen", signup_enabled=True).exists()
    assert Event.objects.get(title="AdAstra breakdance").occurrences.count() >= 50
    demo.load(StringIO())
    assert Event.objects.count() == count
