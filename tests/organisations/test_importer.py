import gzip
import json
import shutil
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from dugnad.core.models import ActivityLog, Municipality
from dugnad.organisations.importer import parse_unit
from dugnad.organisations.models import Organisation

pytestmark = pytest.mark.django_db
DATA = Path(__file__).parent / "data"
SAMPLE = DATA / "enheter_as.json"


def run(path, *args):
    from io import StringIO

    out = StringIO()
    call_command("import_enhetsregisteret", str(path), "--no-progress", *args, stdout=out)
    return out.getvalue()


def numbers():
    return [u["organisasjonsnummer"] for u in json.loads(SAMPLE.read_text()) if isinstance(u, dict)]


def test_sample_file_import_and_idempotent_second_run(municipality):
    output = run(SAMPLE)
    assert (
        "6 created, 0 updated, 0 unchanged, 4 skipped, 1 outside the municipality, "
        "1 repeated number(s): the later entry, the newer one, was used" in output
    )
    assert "invalid organisasjonsnummer" in output and "no navn" in output
    assert "is not a date" in output and "not a JSON object" in output
    assert "repeated 947205730: row 12 (947205730) replaces row 1 (947205730)" in output
    n = numbers()
    solberg = Organisation.objects.get(org_number=n[0])
    # The file's last row repeats Solberg's number: the later entry is the newer one.
    assert solberg.name == "SOLBERG IDRETTSFORENING (DUPLIKAT)"
    assert (solberg.postal_address, solberg.postal_code, solberg.founded_on.year) == (
        "Idrettsveien 2",
        "1430",
        1985,
    )
    first = parse_unit(json.loads(SAMPLE.read_text())[0])
    assert first["website"] == "https://www.solberg-if.example"
    assert (first["postal_address"], first["postal_code"], first["postal_town"]) == (
        "Postboks 55",
        "1431",
        "Ås",
    )
    assert solberg.in_voluntary_register and solberg.category == "sports"
    assert first["organisation_form"] == "FLI" and first["founded_on"].year == 1947
    assert Organisation.objects.get(org_number=n[1]).category == "culture"
    statuses = dict(Organisation.objects.values_list("org_number", "register_status"))
    assert statuses[n[3]] == "deleted" and statuses[n[4]] == "bankrupt"
    assert statuses[n[5]] == "winding_up" and statuses[n[2]] == "active"
    assert not Organisation.objects.filter(org_number=n[6]).exists()  # other municipality
    history = sum(org.history.count() for org in Organisation.objects.all())

    output = run(SAMPLE)
    assert "0 created, 0 updated, 6 unchanged" in output
    assert ActivityLog.objects.filter(event="organisation.import_updated").count() == 0
    assert sum(org.history.count() for org in Organisation.objects.all()) == history


def test_never_overwrites_what_the_organisation_edited(municipality, tmp_path):
    run(SAMPLE)
    org = Organisation.objects.get(org_number=numbers()[0])
    org.name = "Solberg IF"
    org.edited_fields = ["name"]
    org.save()
    units = json.loads(SAMPLE.read_text())
    for unit in units[0], units[-1]:  # the sample lists Solberg twice
        unit["navn"] = "SOLBERG IDRETTSFORENING NYTT NAVN"
        unit["konkurs"] = True
    changed = tmp_path / "changed.json"
    changed.write_text(json.dumps(units), encoding="utf-8")
    assert "1 updated" in run(changed)
    org.refresh_from_db()
    assert org.name == "Solberg IF" and org.register_status == "bankrupt"


def test_gzipped_and_api_shaped_files(municipality, tmp_path):
    packed = tmp_path / "enheter.json.gz"
    with open(SAMPLE, "rb") as source, gzip.open(packed, "wb") as target:
        shutil.copyfileobj(source, target)
    assert "6 created" in run(packed)
    Organisation.objects.all().delete()
    assert "2 created" in run(DATA / "enheter_api_page.json")


@pytest.mark.parametrize(
    "content",
    [b'[{"organisasjonsnummer": ', b"\x1f\x8bnot gzip", b'{"foo": 1}', b'"text"', b"\xff\xfe"],
)
def test_malformed_file_changes_nothing(municipality, tmp_path, organisation, content):
    bad = tmp_path / "bad.json"
    bad.write_bytes(content)
    before = list(Organisation.objects.values_list("pk", "name"))
    with pytest.raises(CommandError) as caught:
        run(bad)
    assert "Nothing was imported" in str(caught.value)
    assert list(Organisation.objects.values_list("pk", "name")) == before


def test_missing_file_and_unknown_municipality(municipality, tmp_path):
    with pytest.raises(CommandError):
        run(tmp_path / "missing.json")
    with pytest.raises(CommandError):
        run(SAMPLE, "--municipality", "9999")


def _unit(number, name, municipality_number="3218", **extra):
    return {
        "organisasjonsnummer": number,
        "navn": name,
        "organisasjonsform": {"kode": "FLI"},
        "forretningsadresse": {"kommunenummer": municipality_number, "poststed": "ÅS"},
        **extra,
    }


def test_a_number_repeated_in_a_file_takes_the_later_entry(municipality, tmp_path):
    n = numbers()
    path = tmp_path / "repeated.json"
    units = [
        _unit(n[0], "ÅS TURLAG"),
        _unit(n[1], "ÅS KOR"),
        _unit(n[0], "ÅS TURLAG OG SKILAG", hjemmeside="turlag.example"),
        # Moved to Nordre Follo further down the file: not imported into Ås.
        _unit(n[1], "ÅS KOR", municipality_number="3207"),
    ]
    path.write_text(json.dumps(units), encoding="utf-8")

    output = run(path)

    assert "1 created" in output and "2 repeated number(s)" in output
    assert f"repeated {n[0]}: row 3 ({n[0]}) replaces row 1 ({n[0]})" in output
    assert f"repeated {n[1]}: row 4 ({n[1]}) replaces row 2 ({n[1]})" in output
    turlag = Organisation.objects.get(org_number=n[0])
    assert (turlag.name, turlag.website) == ("ÅS TURLAG OG SKILAG", "https://turlag.example")
    assert not Organisation.objects.filter(org_number=n[1]).exists()


def test_every_write_is_in_the_activity_log(municipality, tmp_path):
    output = run(SAMPLE)
    created = ActivityLog.objects.filter(event="organisation.imported")
    assert sorted(created.values_list("target_id", flat=True)) == sorted(
        str(pk) for pk in Organisation.objects.values_list("pk", flat=True)
    )
    assert "6 created" in output and created.count() == 6

    units = json.loads(SAMPLE.read_text())
    units[1]["navn"] = "ÅS SKOLEKORPS"
    changed = tmp_path / "changed.json"
    changed.write_text(json.dumps(units), encoding="utf-8")
    assert "1 updated" in run(changed)
    updated = ActivityLog.objects.get(event="organisation.import_updated")
    korps = Organisation.objects.get(org_number=numbers()[1])
    assert updated.target_id == str(korps.pk) and updated.data == {"fields": ["name"]}

    runs = ActivityLog.objects.filter(event="organisation.register_imported").order_by("id")
    assert [entry.data["created"] for entry in runs] == [6, 0]
    assert [entry.data["updated"] for entry in runs] == [0, 1]
    assert runs[0].data["repeated_numbers"] == [numbers()[0]]
    assert runs[0].target_id == str(municipality.pk)


def test_works_on_an_empty_database(tmp_path):
    # Not even the municipality: it comes from the register of municipalities.
    Municipality.objects.all().delete()
    path = tmp_path / "follo.json"
    path.write_text(
        json.dumps([_unit(numbers()[6], "OPPEGÅRD TURLAG", municipality_number="3207")]),
        encoding="utf-8",
    )

    output = run(path, "--municipality", "3207")

    assert "Enhetsregisteret import for Nordre Follo (3207): 1 created" in output
    follo = Municipality.objects.get(number="3207")
    assert (follo.name, follo.county) == ("Nordre Follo", "Akershus")
    assert Organisation.objects.get().municipality == follo
