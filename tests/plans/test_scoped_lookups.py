"""Another municipality's plan, measure, link and report answer 404 under this host."""

import pytest
from django.urls import reverse

from dugnad.plans import actions
from dugnad.plans.models import ActionPlan, FocusArea, Measure, MeasureLink
from tests.factories import MunicipalityFactory, UnitFactory, UnitRoleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def elsewhere(db):
    other = MunicipalityFactory(number="3207", name="Nordre Follo")
    unit = UnitFactory(municipality=other, name="Kultur Follo")
    plan = ActionPlan.objects.create(
        municipality=other, owner_unit=unit, title="Follo-planen", start_year=2020, end_year=2023
    )
    area = FocusArea.objects.create(plan=plan, number=1, title="Område")
    measure = Measure.objects.create(
        focus_area=area, number=1, text="Tiltak i Follo", responsible_unit=unit,
        start_year=2020, end_year=2023,
    )  # fmt: skip
    owner = UnitRoleFactory(unit=unit, role="plan_owner").user
    report, _ = actions.generate_report(owner, plan, 2025)
    actions.approve_report(owner, report)
    link = MeasureLink.objects.create(measure=measure, label="Lenke", url="/x/")
    return {"plan": plan, "measure": measure, "report": report, "link": link}


def test_other_municipalitys_objects_are_404_even_to_a_superuser(
    client, site_admin, elsewhere, plan
):
    client.force_login(site_admin)
    plan_pk, measure_pk = elsewhere["plan"].pk, elsewhere["measure"].pk
    report_pk, link_pk = elsewhere["report"].pk, elsewhere["link"].pk
    gets = [
        reverse("plans:plan", args=[plan_pk]),
        reverse("plans:follow_up", args=[plan_pk]),
        reverse("plans:measure", args=[measure_pk]),
        reverse("plans:measure_update", args=[measure_pk]),
        reverse("plans:report", args=[report_pk]),
        reverse("plans:report_edit", args=[report_pk]),
        reverse("plans:report_pdf", args=[report_pk]),
        reverse("plans:report_figures", args=[report_pk, "csv"]),
    ]
    for url in gets:
        assert client.get(url).status_code == 404, url
    posts = [
        reverse("plans:report_new", args=[plan_pk]),
        reverse("plans:measure_comment", args=[measure_pk]),
        reverse("plans:link_add", args=[measure_pk]),
        reverse("plans:link_remove", args=[link_pk]),
        reverse("plans:report_approve", args=[report_pk]),
    ]
    for url in posts:
        assert client.post(url, {"year": "2025"}).status_code == 404, url
    assert MeasureLink.objects.filter(pk=link_pk).exists()
