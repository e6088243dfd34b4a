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


def test_demo_places_events_in_rooms_and_sets_up_sign_up(municipality, age_groups):
    from dugnad.activities.models import PriceGroup, SignUpQuestion
    from dugnad.premises import demo as premises_demo

    for name, slug in [
        ("Kulturskolen", "kulturskolen"),
        ("Bibliotek", "bibliotek"),
        ("Ungdomsklubben Midtgard", "ungdomsklubben-midtgard"),
        ("Kultur, idrett og frivillighet", "kultur-idrett-og-frivillighet"),
        ("Ås kulturhus", "as-kulturhus"),
    ]:
        UnitFactory(municipality=municipality, name=name, slug=slug)
    municipality.number = "3218"
    municipality.save()
    premises_demo.load(StringIO())
    demo.load(StringIO())
    conference = Event.objects.get(title="Frivilligkonferansen")
    assert conference.room.building.name == "Ås ungdomsskole"
    assert Event.objects.get(title="Språkkafé").room.building.slug == "as-bibliotek"
    assert Event.objects.get(title="HAV – ukrainsk kveld").room.building.slug == "as-kulturhus"
    labels = list(conference.signup_questions.values_list("label", flat=True))
    assert labels == ["Allergier eller andre behov", "Hvordan hørte du om arrangementet?"]
    workshop = Event.objects.get(title="Åpent verksted: prøv et instrument")
    assert list(workshop.price_groups.values_list("name", "price_ore")) == [("Barn", 0)]
    counts = (SignUpQuestion.objects.count(), PriceGroup.objects.count(), Event.objects.count())
    demo.load(StringIO())
    assert counts == (
        SignUpQuestion.objects.count(),
        PriceGroup.objects.count(),
        Event.objects.count(),
    )
