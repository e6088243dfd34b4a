"""The culture school in the browser: a guardian finds offers, registers two children, applies
for both, sees their positions and accepts an offer of a place; the administrator's pages.
axe-core runs on every page, at a phone's width (390 px) and a laptop's (1280 px)."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from dugnad.culture_school import actions
from dugnad.culture_school.models import Application, Place, Pupil
from tests.factories import TEST_PASSWORD, UnitRoleFactory, UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

WIDTHS = [390, 1280]


@pytest.fixture
def world(db):
    from dugnad.accounts.models import UnitRole
    from dugnad.culture_school.models import (
        FeePlan,
        Offer,
        RuleKind,
        School,
        SchoolYear,
        Subject,
        WaitingRule,
    )
    from tests.factories import MunicipalityFactory, UnitFactory

    municipality = MunicipalityFactory()
    unit = UnitFactory(municipality=municipality, name="Kulturskolen")
    school = School.objects.create(municipality=municipality, unit=unit, name="Ås kulturskole")
    today = timezone.localdate()
    year = SchoolYear.objects.create(
        school=school,
        name="2026/27",
        starts_on=today - dt.timedelta(days=20),
        ends_on=today + dt.timedelta(days=300),
        lottery_seed="e2e",
    )
    WaitingRule.objects.create(school_year=year, position=1, kind=RuleKind.CHILDREN_FIRST)
    plan = FeePlan.objects.create(school=school, name="Gruppe", semester_fee_ore=185000)
    offers = {}
    for name, area, places in [("Piano", "music", 1), ("Dans", "dance", 10)]:
        subject = Subject.objects.create(school=school, name=name, area=area)
        offers[name] = Offer.objects.create(
            school_year=year, subject=subject, programme="broad", teaching="group",
            minutes=45, min_age=6, max_age=15, places=places, fee_plan=plan, venue="Kulturhuset",
        )  # fmt: skip
    admin = UserFactory(email="admin@e2e.example")
    UnitRoleFactory(unit=unit, user=admin, role=UnitRole.Role.CULTURE_SCHOOL_ADMIN)
    guardian = UserFactory(email="foresatt@e2e.example")
    return {"offers": offers, "admin": admin, "guardian": guardian, "school": school}


def _register(page, name, birth):
    page.goto("/kulturskole/familie/ny-elev/")
    page.fill("#id_first_name", name)
    page.fill("#id_last_name", "Hansen")
    page.fill("#id_birth_date", birth)
    page.locator("form.narrow-form button[type=submit]").click()
    page.wait_for_load_state()


def _apply(page, pupil, *offers):
    page.goto("/kulturskole/familie/sok/")
    page.select_option("#id_pupil", str(pupil.pk))
    for n, offer in enumerate(offers, 1):
        page.select_option(f"#id_choice_{n}", str(offer.pk))
    page.locator("form.narrow-form button[type=submit]").click()
    page.wait_for_load_state()


@pytest.mark.parametrize("width", WIDTHS)
def test_guardian_applies_for_two_children_and_accepts_an_offer(page, axe, login, world, width):
    page.set_viewport_size({"width": width, "height": 900})
    offers = world["offers"]
    page.goto("/kulturskole/")
    axe(page, "catalogue")
    page.goto(f"/kulturskole/tilbud/{offers['Piano'].pk}/")
    axe(page, "offer")
    login(world["guardian"].email, TEST_PASSWORD)
    year = timezone.localdate().year
    _register(page, "Emma", f"{year - 10}-01-15")
    axe(page, "apply form")
    emma = Pupil.objects.get(first_name="Emma")
    _apply(page, emma, offers["Dans"], offers["Piano"])
    _register(page, "Noah", f"{year - 8}-03-01")
    noah = Pupil.objects.get(first_name="Noah")
    _apply(page, noah, offers["Piano"])
    assert Application.objects.filter(pupil__in=[emma, noah]).count() == 3
    page.goto("/kulturskole/familie/")
    axe(page, "family page with positions")
    expect(page.locator("h2", has_text="Emma Hansen")).to_have_count(1)
    expect(page.locator("h2", has_text="Noah Hansen")).to_have_count(1)
    # one piano place: the school offers it to the first in line (both children are new)
    (made,) = actions.make_offers(world["admin"], offers["Piano"])
    page.goto("/kulturskole/familie/")
    axe(page, "family page with an offer")
    page.locator("button[name=answer][value=accept]").click()
    page.wait_for_load_state()
    assert Place.objects.filter(pupil=made.application.pupil, offer=offers["Piano"]).exists()
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    # the other child stays on the piano list, number 1 now
    page.goto("/kulturskole/familie/")
    axe(page, "family page after accepting")


@pytest.mark.parametrize("width", WIDTHS)
def test_admin_pages(page, axe, login, world, width):
    page.set_viewport_size({"width": width, "height": 900})
    piano = world["offers"]["Piano"]
    for n in range(3):
        g = UserFactory()
        pupil = actions.add_pupil(
            g, world["school"], first_name=f"Barn{n}", last_name="X",
            birth_date=timezone.localdate() - dt.timedelta(days=365 * 9),
        )  # fmt: skip
        actions.apply(g, pupil, [piano])
    login(world["admin"].email, TEST_PASSWORD)
    page.goto("/kulturskole/admin/")
    axe(page, "staff")
    page.goto(f"/kulturskole/admin/tilbud/{piano.pk}/venteliste/")
    axe(page, "waiting list")
    page.locator("form.narrow-form button[type=submit]").click()
    page.wait_for_load_state()
    assert Application.objects.filter(status="offered").count() == 1
    axe(page, "waiting list after offering")
    page.goto(f"/kulturskole/admin/tilbud/{piano.pk}/")
    axe(page, "offer form")
    assert page.evaluate("document.documentElement.scrollWidth") <= width


def test_teacher_records_attendance_on_a_phone(page, axe, login, world):
    """A teacher opens this week's lesson on a 390 px phone and marks the roll in a few taps."""
    from dugnad.accounts.models import UnitRole
    from dugnad.culture_school.models import Group, GroupMember, Lesson

    page.set_viewport_size({"width": 390, "height": 800})
    teacher = UserFactory(email="laerer@e2e.example", first_name="Lars", last_name="Lærer")
    UnitRoleFactory(unit=world["school"].unit, user=teacher, role=UnitRole.Role.TEACHER)
    dance = world["offers"]["Dans"]
    now = timezone.localtime()
    # Begun, and today even just after midnight (the week and the roll are by date).
    midnight = now.replace(hour=0, minute=0, second=0, microsecond=0)
    start = max(now - dt.timedelta(minutes=10), midnight)
    group = Group.objects.create(
        offer=dance, name="Onsdag", teacher=teacher, weekday=start.weekday(),
        start_time=dt.time(0, 0), end_time=dt.time(23, 59),
        first_date=start.date(), last_date=start.date(),
    )  # fmt: skip
    lesson = Lesson.objects.create(
        group=group, date=start.date(), starts_at=start, ends_at=start + dt.timedelta(hours=1)
    )
    places = []
    for name in ("Ada", "Bo", "Cy"):
        g = UserFactory()
        pupil = actions.add_pupil(
            g, world["school"], first_name=name, last_name="Elev",
            birth_date=timezone.localdate() - dt.timedelta(days=365 * 10),
        )  # fmt: skip
        place = Place.objects.create(pupil=pupil, offer=dance, started_on=timezone.localdate())
        GroupMember.objects.create(group=group, place=place)
        places.append(place)
    login(teacher.email, TEST_PASSWORD)
    page.goto("/kulturskole/laerer/")
    axe(page, "teacher's week")
    page.locator(f"a[href='/kulturskole/laerer/time/{lesson.pk}/']").click()
    page.wait_for_load_state()
    axe(page, "lesson roll")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.locator(f"label[for=p{places[0].pk}-present]").click()
    page.locator(f"label[for=p{places[1].pk}-absent]").click()
    page.locator(f"label[for=p{places[2].pk}-notified]").click()
    page.locator("form.cs-roll button[type=submit]").click()
    page.wait_for_load_state()
    marks = dict(lesson.attendance.values_list("place_id", "status"))
    assert marks == {places[0].pk: "present", places[1].pk: "absent", places[2].pk: "notified"}
    axe(page, "week after saving")
