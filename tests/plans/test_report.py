"""The annual report: figures with the previous year, measures at the year's end, SVG charts
with their data tables, the snapshot that never changes, PDF, CSV and XLSX."""

import csv
import datetime as dt
import io
import xml.etree.ElementTree as ET

import openpyxl
import pytest
from django.urls import reverse
from pypdf import PdfReader

from dugnad.plans import actions
from dugnad.plans import report as report_content
from dugnad.plans.models import AnnualReport, MeasureState, StatusUpdate
from dugnad.volunteering.models import Assignment, HoursEntry
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture
def hours(organisation):
    assignment = Assignment.objects.create(
        organisation=organisation, title="Turvenn", description="-"
    )
    volunteer = UserFactory()
    for date, minutes in (
        (dt.date(2024, 5, 1), 120),
        (dt.date(2025, 3, 1), 180),
        (dt.date(2025, 9, 1), 60),
    ):
        HoursEntry.objects.create(
            assignment=assignment, volunteer=volunteer, date=date, minutes=minutes,
            status=HoursEntry.Status.APPROVED,
        )  # fmt: skip
    return assignment


@pytest.fixture
def report(plan, measure, plan_owner):
    StatusUpdate.objects.create(
        measure=measure, date=dt.date(2025, 4, 1), done="Kalenderen er lansert.",
        state=MeasureState.IN_PROGRESS, progress=50,
    )  # fmt: skip
    StatusUpdate.objects.create(
        measure=measure, date=dt.date(2026, 2, 1), done="Ferdig.", state=MeasureState.DONE,
        progress=100,
    )  # fmt: skip
    made, _ = actions.generate_report(plan_owner, plan, 2025)
    return made


def figure(data, key):
    return next(f for s in data["sections"] for f in s["figures"] if f["key"] == key)


def test_the_report_has_this_year_and_the_previous_beside_it(report, hours):
    data = report_content.build(report)
    hours_figure = figure(data, "volunteering.hours")
    assert (hours_figure["value"], hours_figure["previous"]) == (4.0, 2.0)
    assert hours_figure["definition"]
    assert data["has_figures"]
    assert {s["key"] for s in data["sections"]} >= {
        "volunteering",
        "premises",
        "grants",
        "activities",
    }


def test_measures_are_shown_as_they_stood_at_the_years_end(report):
    data = report_content.build(report)
    (measure,) = data["focus_areas"][0]["measures"]
    assert (measure["state"], measure["progress"]) == (MeasureState.IN_PROGRESS, 50)
    assert [u["done"] for u in measure["updates"]] == ["Kalenderen er lansert."]


def test_a_year_without_data_says_so(client, report, plan_owner):
    data = report_content.build(report)
    assert not data["has_figures"]
    client.force_login(plan_owner)
    response = client.get(report.get_absolute_url())
    assert response.status_code == 200
    assert (
        "no data for 2025" in response.content.decode()
        or "ingen data" in response.content.decode().lower()
    )


def test_the_approved_report_never_changes(client, report, hours, plan_owner, measure):
    approved = actions.approve_report(plan_owner, report)
    frozen = AnnualReport.objects.get(pk=approved.pk).snapshot
    client.force_login(plan_owner)
    before = client.get(report.get_absolute_url()).content.decode()
    assert "4.0" in before or "4,0" in before
    HoursEntry.objects.create(
        assignment=hours, date=dt.date(2025, 6, 1), minutes=600, status=HoursEntry.Status.APPROVED
    )
    StatusUpdate.objects.create(
        measure=measure, date=dt.date(2025, 12, 1), done="Endret i ettertid.",
        state=MeasureState.CANCELLED, progress=0,
    )  # fmt: skip
    measure.text = "Et annet tiltak"
    measure.save()
    assert report_content.build(report)["sections"] != frozen["sections"]  # live data moved
    assert AnnualReport.objects.get(pk=report.pk).snapshot == frozen
    after = client.get(report.get_absolute_url()).content.decode()
    assert "Endret i ettertid" not in after and "Et annet tiltak" not in after
    assert (
        figure(
            report_content.content(AnnualReport.objects.get(pk=report.pk)), "volunteering.hours"
        )["value"]
        == 4.0
    )
    assert client.get(reverse("plans:report_figures", args=[report.pk, "csv"])).status_code == 200


def _svgs(html: str):
    """Every <svg> of the page, parsed as XML."""
    found, start = [], 0
    while (begin := html.find("<svg", start)) != -1:
        end = html.index("</svg>", begin) + len("</svg>")
        found.append(ET.fromstring(html[begin:end]))
        start = end
    return found


@pytest.mark.parametrize("language", ["nb", "en"])
def test_charts_are_svg_with_title_description_and_a_data_table(
    client, report, hours, plan_owner, language
):
    actions.approve_report(plan_owner, report)
    client.cookies["django_language"] = language
    html = client.get(report.get_absolute_url(), HTTP_ACCEPT_LANGUAGE=language).content.decode()
    charts = _svgs(html)
    assert len(charts) >= 3
    kinds = set()
    for svg in charts:
        assert svg.get("role") == "img"
        title, desc = svg.find(f"{SVG}title"), svg.find(f"{SVG}desc")
        assert title is not None and title.text.strip()
        assert desc is not None and desc.text.strip()
        assert set(svg.get("aria-labelledby").split()) == {title.get("id"), desc.get("id")}
        kinds.add(svg.get("data-kind"))
        for shape in svg.iter():
            for name in ("x", "y", "cx", "cy", "x1", "x2", "y1", "y2"):
                if shape.get(name) is not None and shape.tag != f"{SVG}svg":
                    float(shape.get(name))  # a number, never "12,5" from localisation
            if shape.tag == f"{SVG}rect":
                float(shape.get("width")), float(shape.get("height"))
            if shape.get("points"):
                for point in shape.get("points").split():
                    x, y = point.split(",")
                    float(x), float(y)
        chart_id = title.get("id").removesuffix("-title")
        assert f'id="{chart_id}-caption"' in html
    assert kinds == {"bar", "line"}
    line = next(s for s in charts if s.get("data-kind") == "line")
    assert len(line.findall(f"{SVG}circle")) == 12  # hours per month
    assert html.count('class="ds-table plan-chart-data"') == len(charts)
    assert "2025-03" in html  # the month table under the line


def test_pdf_is_made_and_says_what_the_page_says(client, report, hours, plan_owner):
    actions.save_texts(plan_owner, report, {"summary": "Frivilligheten vokser i Ås."})
    client.force_login(plan_owner)
    response = client.get(reverse("plans:report_pdf", args=[report.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    pdf = PdfReader(io.BytesIO(response.content))
    text = " ".join(" ".join(page.extract_text() for page in pdf.pages).split())
    assert "Frivilligheten vokser i Ås." in text
    assert "2025" in text and "Utvikle en frivilligportal" in text
    assert "Tiltaksplan for frivilligheten" in text


def test_figures_as_csv_and_xlsx(client, report, hours, plan_owner):
    client.force_login(plan_owner)
    response = client.get(reverse("plans:report_figures", args=[report.pk, "csv"]))
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    header, body = rows[0], rows[1:]
    assert "2025" in header and "2024" in header
    hours_row = next(row for row in body if row[1] == "volunteering.hours")
    assert hours_row[4:6] == ["4.0", "2.0"]
    response = client.get(reverse("plans:report_figures", args=[report.pk, "xlsx"]))
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    keys = [row[1] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert "volunteering.hours" in keys


def test_money_is_exported_in_kroner(client, report, plan_owner):
    _header, rows = report_content.figure_rows(
        {"year": 2025, "sections": [{"title": "X", "figures": [{
            "key": "x.value", "label": "Verdi", "unit": "ore", "value": 123_400,
            "previous": None, "definition": "-",
        }]}]}
    )  # fmt: skip
    assert rows[0][3:6] == ["kr", 1234, None]


def test_the_snapshot_is_in_the_municipalitys_language(report, plan_owner, settings):
    from django.utils import translation

    settings.LANGUAGE_CODE = "nb"
    with translation.override("en"):
        approved = actions.approve_report(plan_owner, report)
    labels = [f["label"] for s in approved.snapshot["sections"] for f in s["figures"]]
    assert "Frivillige timer" in labels and "Volunteer hours" not in labels
