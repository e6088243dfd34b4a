"""The plans app's writes: status updates, comments, links, reports; their failure paths."""

import datetime as dt

import pytest
import time_machine
from django.utils import timezone

from dugnad.core.errors import Conflict, DomainError, NotAllowed
from dugnad.core.models import ActivityLog
from dugnad.organisations.models import Organisation
from dugnad.plans import actions
from dugnad.plans.models import AnnualReport, MeasureLink, MeasureState, StatusUpdate
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 6, 10)


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(dt.datetime(2026, 6, 10, 12, tzinfo=dt.UTC), tick=False):
        yield


def update(user, measure, **changes):
    fields = {
        "date": TODAY,
        "done": "Portalen er lansert.",
        "next_steps": "Gode historier.",
        "state": MeasureState.IN_PROGRESS,
        "progress": 60,
    }
    fields.update(changes)
    return actions.add_update(user, measure, **fields)


def test_staff_of_the_responsible_unit_update_their_measure(measure, library_staff):
    made = update(library_staff, measure)
    measure.refresh_from_db()
    assert (measure.state, measure.progress) == (MeasureState.IN_PROGRESS, 60)
    assert made.author == library_staff
    assert ActivityLog.objects.filter(event="plans.measure_updated").count() == 1


def test_the_plan_owner_updates_any_measure_of_the_plan(school_measure, plan_owner):
    update(plan_owner, school_measure)
    assert school_measure.updates.count() == 1


def test_an_older_update_does_not_overwrite_the_measures_state(measure, library_staff):
    update(library_staff, measure, state=MeasureState.DONE, progress=100)
    update(library_staff, measure, date=TODAY - dt.timedelta(days=300), done="Tidligere.")
    measure.refresh_from_db()
    assert (measure.state, measure.progress) == (MeasureState.DONE, 100)


def test_a_double_click_saves_one_update(measure, library_staff):
    first = update(library_staff, measure)
    second = update(library_staff, measure)
    assert first.pk == second.pk
    assert StatusUpdate.objects.count() == 1


@pytest.mark.parametrize("progress", [-1, 101, 1000, "50", None, True])
def test_progress_outside_0_to_100_is_refused(measure, library_staff, progress):
    with pytest.raises(DomainError) as error:
        update(library_staff, measure, progress=progress)
    assert error.value.field == "progress"
    assert "0" in str(error.value.message) and "100" in str(error.value.message)
    assert not StatusUpdate.objects.exists()


def test_an_update_on_another_units_measure_is_refused(school_measure, library_staff):
    with pytest.raises(NotAllowed) as error:
        update(library_staff, school_measure)
    assert "Solberg skole" in str(error.value.message)


def test_an_update_in_the_future_or_without_text_is_refused(measure, library_staff):
    with pytest.raises(DomainError) as future:
        update(library_staff, measure, date=TODAY + dt.timedelta(days=1))
    assert future.value.field == "date"
    with pytest.raises(DomainError) as empty:
        update(library_staff, measure, done="  ")
    assert empty.value.field == "done"
    with pytest.raises(DomainError):
        update(library_staff, measure, state="finished")


def test_an_organisation_comments_on_a_measure(measure, leader, organisation):
    comment = actions.add_comment(leader, measure, organisation, " Vi vil være med. ")
    assert comment.text == "Vi vil være med."
    again = actions.add_comment(leader, measure, organisation, "Vi vil være med.")
    assert again.pk == comment.pk


def test_comments_need_a_role_in_an_approved_organisation(measure, leader, organisation, citizen):
    with pytest.raises(NotAllowed):
        actions.add_comment(citizen, measure, organisation, "Hei")
    Organisation.objects.filter(pk=organisation.pk).update(status=Organisation.Status.PENDING)
    organisation.refresh_from_db()
    with pytest.raises(NotAllowed):
        actions.add_comment(leader, measure, organisation, "Hei")
    with pytest.raises(NotAllowed):
        actions.add_comment(leader, measure, OrganisationFactory(), "Hei")


def test_links_to_an_object_and_to_an_address(measure, library_staff, organisation):
    link = actions.add_link(library_staff, measure, label="", target=organisation)
    assert link.label == organisation.name
    assert link.href == organisation.get_absolute_url()
    assert link.kind
    same = actions.add_link(library_staff, measure, label="Igjen", target=organisation)
    assert same.pk == link.pk
    page = actions.add_link(library_staff, measure, label="Kalenderen", url="/kalender/")
    assert page.href == "/kalender/"
    with pytest.raises(DomainError) as bad:
        actions.add_link(library_staff, measure, label="Farlig", url="javascript:alert(1)")
    assert bad.value.field == "url"
    actions.remove_link(library_staff, page)
    assert MeasureLink.objects.count() == 1


def test_a_link_keeps_its_label_when_the_object_is_gone(measure, library_staff, organisation):
    link = actions.add_link(library_staff, measure, label="Laget", target=organisation)
    MeasureLink.objects.filter(pk=link.pk).update(object_id=10**9)
    link.refresh_from_db()
    assert link.href == "" and link.label == "Laget"


def test_reports_are_made_once_per_year_and_approved_once(plan, plan_owner, library_staff):
    with pytest.raises(NotAllowed):
        actions.generate_report(library_staff, plan, 2025)
    with pytest.raises(DomainError) as bad_year:
        actions.generate_report(plan_owner, plan, 2019)
    assert bad_year.value.field == "year"
    with pytest.raises(DomainError):
        actions.generate_report(plan_owner, plan, 2027)
    report, created = actions.generate_report(plan_owner, plan, 2025)
    again, created_again = actions.generate_report(plan_owner, plan, 2025)
    assert created and not created_again and again.pk == report.pk
    actions.save_texts(plan_owner, report, {"summary": "Et godt år.", "measures": " "})
    report.refresh_from_db()
    assert report.texts == {"summary": "Et godt år."}
    with pytest.raises(NotAllowed):
        actions.approve_report(library_staff, report)
    approved = actions.approve_report(plan_owner, report)
    assert approved.is_approved and approved.snapshot["year"] == 2025
    with pytest.raises(Conflict) as twice:
        actions.approve_report(plan_owner, report)
    assert "cannot be approved again" in str(twice.value.message) or twice.value.code == (
        "already_approved"
    )
    with pytest.raises(NotAllowed):
        actions.save_texts(plan_owner, report, {"summary": "Endret."})
    assert AnnualReport.objects.get().texts == {"summary": "Et godt år."}


def test_the_current_period_is_the_four_month_period_of_today():
    from dugnad.plans.queries import current_period

    assert current_period() == (dt.date(2026, 5, 1), dt.date(2026, 9, 1))
    assert current_period(dt.date(2026, 12, 31)) == (dt.date(2026, 9, 1), dt.date(2027, 1, 1))
    assert timezone.localdate() == TODAY
