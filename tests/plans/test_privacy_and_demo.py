"""A person's part of the plans app (export, erasure keeping the texts) and the demo loader."""

import datetime as dt
import io

import pytest

from dugnad.accounts import demo as accounts_demo
from dugnad.core import demo as core_demo
from dugnad.organisations import demo as organisations_demo
from dugnad.plans import actions, demo, privacy
from dugnad.plans.models import AnnualReport, Measure, MeasureState, StatusUpdate

pytestmark = pytest.mark.django_db


def test_export_and_erase(measure, library_staff, leader, organisation):
    actions.add_update(
        library_staff, measure, date=dt.date(2025, 3, 1), done="Lansert.",
        state=MeasureState.IN_PROGRESS, progress=30,
    )  # fmt: skip
    actions.add_comment(leader, measure, organisation, "Fint.")
    assert privacy.export(library_staff)["status_updates"][0]["done"] == "Lansert."
    assert privacy.export(leader)["comments"][0]["text"] == "Fint."
    kept = privacy.erase(library_staff)
    assert kept and StatusUpdate.objects.get().author is None
    assert privacy.export(library_staff) == {}


def _load(out):
    for loader in (core_demo, accounts_demo, organisations_demo, demo):
        loader.load(out)


def test_demo_builds_the_plan_and_the_approved_report_once(db):
    out = io.StringIO()
    _load(out)
    assert Measure.objects.count() == 11
    report = AnnualReport.objects.get(status=AnnualReport.Status.APPROVED)
    snapshot = report.snapshot
    counts = (Measure.objects.count(), StatusUpdate.objects.count(), AnnualReport.objects.count())
    _load(io.StringIO())
    assert counts == (
        Measure.objects.count(),
        StatusUpdate.objects.count(),
        AnnualReport.objects.count(),
    )
    assert AnnualReport.objects.get(pk=report.pk).snapshot == snapshot
    assert [len(a["measures"]) for a in snapshot["focus_areas"]] == [4, 3, 4]
    assert "plan@demo.example" in out.getvalue()
