"""Fees on a table of families: siblings, income reductions, free places; the invoice basis."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from dugnad.core.errors import Conflict, DomainError, NotAllowed
from dugnad.culture_school import fee_actions, fees
from dugnad.culture_school.models import FeePlan, IncomeBand, Place
from tests.factories import UserFactory

from .conftest import add_child, make_offer

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def pdf():
    return SimpleUploadedFile("skattemelding.pdf", PDF, content_type="application/pdf")


@pytest.fixture
def plans(school):
    return {
        "group": FeePlan.objects.create(school=school, name="Gruppe 1850", semester_fee_ore=185000),
        "solo": FeePlan.objects.create(school=school, name="Solo 2950", semester_fee_ore=295000),
    }


@pytest.fixture
def bands(year):
    return [
        IncomeBand.objects.create(school_year=year, up_to_g="2.0", reduction_percent=100),
        IncomeBand.objects.create(school_year=year, up_to_g="3.0", reduction_percent=50),
    ]


def place(pupil, offer, **extra):
    return Place.objects.create(
        pupil=pupil, offer=offer, started_on=offer.school_year.starts_on, **extra
    )


def autumn(year):
    return fees.semester_of(year, "autumn")


# (children's places as plan names, free place index or None, band index or None, expected øre)
FAMILIES = [
    ("one child, one group place", [["group"]], None, None, [185000]),
    ("two children: the cheaper gets 30 %", [["group"], ["solo"]], None, None, [129500, 295000]),
    (
        "three children: 30 % and 50 % on the cheaper",
        [["solo"], ["group"], ["group"]],
        None,
        None,
        [295000, 129500, 92500],
    ),
    ("a free place costs nothing and is not counted", [["solo"], ["group"]], 0, None, [0, 185000]),
    (
        "income up to 3 G: 50 % after the sibling discount",
        [["group"], ["solo"]],
        None,
        1,
        [64700, 147500],
    ),
    ("income up to 2 G: nothing to pay", [["group"]], None, 0, [0]),
]


@pytest.mark.parametrize(
    "label,children,free,band,expected", FAMILIES, ids=[f[0] for f in FAMILIES]
)
def test_fee_table(label, children, free, band, expected, school, year, plans, bands, piano, admin):
    payer = UserFactory()
    offers = {name: make_offer(year, piano, plan, places=50) for name, plan in plans.items()}
    made = []
    for n, names in enumerate(children):
        pupil = add_child(payer, school, f"Barn{n}", age=9 + n)
        for name in names:
            made.append(place(pupil, offers[name]))
    if free is not None:
        fee_actions.set_free_place(admin, made[free], True, "Vedtak fra barnevernet")
    if band is not None:
        income = {0: 20_000_000, 1: 32_000_000}[band]  # 200 000 kr (< 2 G), 320 000 kr (< 3 G)
        reduction = fee_actions.request_reduction(payer, year, income, pdf())
        reduction = fee_actions.decide_reduction(admin, reduction, True)
        assert reduction.band == bands[band]
    result = fees.for_payer(payer, autumn(year))
    by_place = {f.place.pk: f.total_ore for f in result.places}
    assert [by_place[p.pk] for p in made] == expected, label
    for fee in result.places:
        assert fee.lines[0].amount_ore == fee.base_ore  # the explanation starts with the fee


def test_reduction_needs_evidence_and_is_decided_by_staff(
    school, year, bands, child, guardian, admin
):
    with pytest.raises(DomainError, match="evidence"):
        fee_actions.request_reduction(guardian, year, 25_000_000, None)
    fake = SimpleUploadedFile("x.pdf", b"not a pdf at all", content_type="application/pdf")
    with pytest.raises(DomainError) as refused:
        fee_actions.request_reduction(guardian, year, 25_000_000, fake)
    assert refused.value.code == "file_type"
    reduction = fee_actions.request_reduction(guardian, year, 25_000_000, pdf())
    with pytest.raises(Conflict):
        fee_actions.request_reduction(guardian, year, 25_000_000, pdf())
    with pytest.raises(NotAllowed):
        fee_actions.decide_reduction(guardian, reduction, True)
    reduction = fee_actions.decide_reduction(admin, reduction, True)
    assert reduction.band == bands[0]  # 250 000 kr is under 2 G
    with pytest.raises(Conflict):
        fee_actions.decide_reduction(admin, reduction, False, "no")


def test_income_above_every_band_can_only_be_refused(school, year, bands, child, guardian, admin):
    reduction = fee_actions.request_reduction(guardian, year, 90_000_000, pdf())
    with pytest.raises(DomainError, match="above the highest band"):
        fee_actions.decide_reduction(admin, reduction, True)
    with pytest.raises(DomainError, match="why"):
        fee_actions.decide_reduction(admin, reduction, False, "")
    fee_actions.decide_reduction(admin, reduction, False, "Inntekten er over grensen.")


def test_free_place_needs_a_reason(child, offer, admin):
    p = place(child, offer)
    with pytest.raises(DomainError, match="reason"):
        fee_actions.set_free_place(admin, p, True, " ")


def test_invoice_basis_csv_and_xlsx_are_formula_safe(client, school, year, plans, piano, admin):
    payer = UserFactory(first_name="=cmd|calc", last_name="Hansen")
    offer = make_offer(year, piano, plans["group"], places=5)
    place(add_child(payer, school, "Ada"), offer)
    place(add_child(payer, school, "Bo", age=8), offer)
    client.force_login(admin)
    url = reverse("culture_school:staff_fees")
    response = client.get(url, {"year": year.pk, "semester": "autumn", "format": "csv"})
    text = response.content.decode("utf-8-sig")
    assert response.status_code == 200
    assert "'=cmd|calc" in text
    assert "1850" in text and "1295" in text
    response = client.get(url, {"year": year.pk, "semester": "autumn", "format": "xlsx"})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert client.get(url, {"year": year.pk}).status_code == 200


def test_fee_pages_permissions(client, school, year, guardian, child, teacher, admin):
    url = reverse("culture_school:staff_fees")
    for person, status in ((guardian, 403), (teacher, 403), (admin, 200)):
        client.force_login(person)
        assert client.get(url).status_code == status
    client.force_login(guardian)
    assert client.get(reverse("culture_school:family_fees")).status_code == 200
    response = client.post(reverse("culture_school:family_fees"), {"household_income": "250000"})
    assert response.status_code == 200
    assert 'value="250000"' in response.content.decode()
    response = client.post(
        reverse("culture_school:family_fees"), {"household_income": "250000", "evidence": pdf()}
    )
    assert response.status_code == 302
