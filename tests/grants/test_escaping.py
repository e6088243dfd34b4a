"""Grants: the public awards CSV and the overview XLSX cannot carry a formula; titles as typed."""

import csv
import importlib
import io

import openpyxl
import pytest
from django.apps import apps
from django.urls import reverse

from dugnad.grants import actions
from dugnad.grants.models import Application, Decision, GrantScheme, WorkflowTransition
from tests.factories import OrganisationFactory, OrganisationRoleFactory

from .conftest import good_data

pytestmark = pytest.mark.django_db

HYPERLINK = '=HYPERLINK("http://x")'


def _award(scheme, open_round, case_handler, organisation, leader, **changes):
    application = actions.start_application(leader, scheme, organisation, open_round)
    actions.save_draft(leader, application, good_data(application, **changes))
    application.refresh_from_db()
    application = actions.submit_application(leader, application)
    step = WorkflowTransition.objects.get(
        scheme=scheme, source=application.state, target__kind="review"
    )
    application = actions.take_transition(case_handler, application, step)
    actions.decide(
        case_handler, application, outcome="approved", amount=12_500_00, justification="Bra"
    )
    return Application.objects.get(pk=application.pk)


@pytest.fixture
def awards(scheme, open_round, case_handler, organisation, leader, municipality):
    # The applicant types the organisation's name in the application form.
    hyperlink = _award(
        scheme, open_round, case_handler, organisation, leader,
        org_name=HYPERLINK, title="Mat & drikke",
    )  # fmt: skip
    # A form strips a leading tab, so it comes from the organisation's stored name (older data).
    tabbed = OrganisationFactory(municipality=municipality, name="\tLaget")
    tab_leader = OrganisationRoleFactory(organisation=tabbed).user
    _award(scheme, open_round, case_handler, tabbed, tab_leader, title="+Leir")
    Application.objects.exclude(pk=hyperlink.pk).update(org_name="\tLaget")
    return hyperlink


def test_awards_csv_neutralises_formulas_in_every_cell(client, awards):
    response = client.get(reverse("grants:awards_csv"))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="tildelinger.csv"'
    assert response.content.startswith("\ufeff".encode())
    header, *rows = csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";")
    names = sorted(row[header.index("Organisasjon")] for row in rows)
    assert names == ["'\tLaget", "'" + HYPERLINK]
    purposes = sorted(row[header.index("Formål")] for row in rows)
    assert purposes == ["'+Leir", "Mat & drikke"]  # the title, as typed, is the default purpose


def test_overview_xlsx_neutralises_formulas(client, awards, case_handler):
    GrantScheme.objects.update(name="=1+1")
    client.force_login(case_handler)
    response = client.get(reverse("grants:overview"), {"format": "xlsx"})
    assert response["Content-Disposition"] == 'attachment; filename="tilskudd-oversikt.xlsx"'
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert sheet.title == "Tilskudd"
    values = [cell.value for row in sheet.iter_rows(min_row=2) for cell in row]
    assert "'=1+1" in values
    assert not any(cell.data_type == "f" for row in sheet.iter_rows() for cell in row)


def test_migration_repairs_titles_and_the_purposes_copied_from_them(awards):
    Application.objects.filter(pk=awards.pk).update(
        title="Mat &amp;amp; drikke", org_name="Ås &amp; omegn"
    )
    Decision.objects.filter(application=awards).update(purpose="Mat &amp;amp; drikke")
    typed = Decision.objects.exclude(application=awards).get()
    Decision.objects.filter(pk=typed.pk).update(purpose="R&amp;D typed as such")
    migration = importlib.import_module("dugnad.grants.migrations.0002_unescape_plain_text")

    migration.repair(apps, None)

    awards.refresh_from_db()
    assert (awards.title, awards.org_name) == ("Mat & drikke", "Ås & omegn")
    assert Decision.objects.get(application=awards).purpose == "Mat & drikke"
    # A purpose that is not the title's copy never went through escaping: left as it is.
    assert Decision.objects.get(pk=typed.pk).purpose == "R&amp;D typed as such"
