"""The register of Norway's municipalities, and the municipality a request is for."""

import csv

import pytest
from django.core.cache import cache

from dugnad.core.models import InfoPage, Municipality
from dugnad.core.queries import current_municipality, municipality_for_host
from dugnad.core.register import REGISTER_FILE, load_register, municipality_from_register
from tests.factories import MunicipalityFactory

# The county of each two-digit prefix, as numbered from 1 January 2024.
COUNTIES = {
    "03": "Oslo",
    "11": "Rogaland",
    "15": "Møre og Romsdal",
    "18": "Nordland",
    "31": "Østfold",
    "32": "Akershus",
    "33": "Buskerud",
    "34": "Innlandet",
    "39": "Vestfold",
    "40": "Telemark",
    "42": "Agder",
    "46": "Vestland",
    "50": "Trøndelag",
    "55": "Troms",
    "56": "Finnmark",
}


def _rows():
    with REGISTER_FILE.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_the_register_file_holds_the_357_municipalities_of_2024():
    rows = _rows()
    assert len(rows) == 357
    numbers = [row["number"] for row in rows]
    assert len(set(numbers)) == 357
    assert all(len(n) == 4 and n.isdigit() for n in numbers)
    assert all(row["name"].strip() == row["name"] and row["name"] for row in rows)
    assert all(COUNTIES[row["number"][:2]] == row["county"] for row in rows)
    by_number = {row["number"]: (row["name"], row["county"]) for row in rows}
    for number, name, county in (
        ("0301", "Oslo", "Oslo"),
        ("3218", "Ås", "Akershus"),
        ("3207", "Nordre Follo", "Akershus"),
        ("3301", "Drammen", "Buskerud"),
        ("3107", "Fredrikstad", "Østfold"),
        ("4601", "Bergen", "Vestland"),
        ("5001", "Trondheim", "Trøndelag"),
        ("1103", "Stavanger", "Rogaland"),
        ("5501", "Tromsø", "Troms"),
        ("5601", "Alta", "Finnmark"),
        ("1580", "Haram", "Møre og Romsdal"),
    ):
        assert by_number[number] == (name, county)


@pytest.mark.django_db
def test_loading_the_register_keeps_what_staff_entered():
    # The migration loaded it; a test that emptied the tables may have removed it again.
    Municipality.objects.all().delete()
    Municipality.objects.create(
        number="3218",
        name="Ås kommune",
        email="postmottak@as.example",
        hostname="frivillig.as.example",
    )

    created, updated = load_register(Municipality)

    assert (created, updated) == (356, 1)
    assert Municipality.objects.count() == 357
    aas = Municipality.objects.get(number="3218")
    assert (aas.name, aas.county) == ("Ås", "Akershus")
    assert (aas.email, aas.hostname) == ("postmottak@as.example", "frivillig.as.example")
    assert load_register(Municipality) == (0, 0)


@pytest.mark.django_db
def test_a_municipality_missing_from_the_database_comes_from_the_register():
    Municipality.objects.filter(number="5501").delete()
    tromso = municipality_from_register("5501")
    assert (tromso.name, tromso.county) == ("Tromsø", "Troms")
    assert municipality_from_register("5501") == tromso
    with pytest.raises(KeyError):
        municipality_from_register("9999")


@pytest.fixture
def hosted(db, settings):
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "as.test", "follo.test", "other.test"]
    settings.DUGNAD_MUNICIPALITY_NUMBER = "3218"
    aas = MunicipalityFactory(number="3218", name="Ås")
    follo = MunicipalityFactory(number="3207", name="Nordre Follo")
    follo.hostname = "Follo.Test"  # stored in lower case
    follo.save()
    return aas, follo


def test_the_host_name_chooses_the_municipality(hosted, django_assert_num_queries):
    aas, follo = hosted
    assert follo.hostname == "follo.test"
    with django_assert_num_queries(1):  # the host names and the default, in one query
        assert municipality_for_host("follo.test") == follo
    with django_assert_num_queries(0):  # then from the cache
        assert municipality_for_host("FOLLO.test") == follo
        assert municipality_for_host("other.test") == aas  # unknown: the default
        assert current_municipality() == aas


def test_a_changed_host_name_is_seen_at_once(hosted):
    aas, follo = hosted
    assert municipality_for_host("follo.test") == follo
    follo.hostname = "frivillig.follo.test"
    follo.save()
    assert municipality_for_host("follo.test") == aas
    assert municipality_for_host("frivillig.follo.test") == follo


def test_a_worker_keeps_the_host_map_briefly_and_forgets_it_on_a_change(
    hosted, settings, django_assert_num_queries
):
    from dugnad.core import queries

    settings.MUNICIPALITY_MEMO_SECONDS = 10
    aas, follo = hosted
    assert municipality_for_host("follo.test") == follo
    cache.clear()  # the shared cache is not asked while this process's copy is fresh
    with django_assert_num_queries(0):
        assert municipality_for_host("follo.test") == follo
    follo.hostname = "frivillig.follo.test"
    follo.save()  # a change in this process is seen at once
    assert municipality_for_host("follo.test") == aas
    queries.forget_municipality()


def test_requests_get_their_municipality_from_the_host(client, hosted):
    aas, follo = hosted
    for municipality, title in ((aas, "Frivillig i Ås"), (follo, "Frivillig i Follo")):
        InfoPage.objects.create(municipality=municipality, slug="om", title=title, body="-")
    cache.clear()
    assert "Frivillig i Follo" in client.get("/", HTTP_HOST="follo.test").content.decode()
    assert "Frivillig i Ås" in client.get("/", HTTP_HOST="other.test").content.decode()
    page = client.get("/frivillig-i-kommunen/om/", HTTP_HOST="follo.test").context["page"]
    assert page.title == "Frivillig i Follo"
    assert client.get("/", HTTP_HOST="not-allowed.test").status_code == 400
