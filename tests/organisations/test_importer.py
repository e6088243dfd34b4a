import gzip
import json
import shutil
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

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
    assert "6 created, 0 updated, 0 unchanged, 5 skipped, 1 outside the municipality" in output
    assert "invalid organisasjonsnummer" in output and "no navn" in output
    assert "is not a date" in output and "not a JSON object" in output
    assert "appears earlier in the file" in output
    n = numbers()
    solberg = Organisation.objects.get(org_number=n[0])
    assert solberg.name == "SOLBERG IDRETTSFORENING"
    assert solberg.website == "https://www.solberg-if.example"
    assert (solberg.postal_address, solberg.postal_code, solberg.postal_town) == (
        "Postboks 55",
        "1431",
        "Ås",
    )
    assert solberg.in_voluntary_register and solberg.category == "sports"
    assert solberg.organisation_form == "FLI" and solberg.founded_on.year == 1947
    assert Organisation.objects.get(org_number=n[1]).category == "culture"
    statuses = dict(Organisation.objects.values_list("org_number", "register_status"))
    assert statuses[n[3]] == "deleted" and statuses[n[4]] == "bankrupt"
    assert statuses[n[5]] == "winding_up" and statuses[n[2]] == "active"
    assert not Organisation.objects.filter(org_number=n[6]).exists()  # other municipality
    history = sum(org.history.count() for org in Organisation.objects.all())

    output = run(SAMPLE)
    assert "0 created, 0 updated, 6 unchanged" in output
    assert sum(org.history.count() for org in Organisation.objects.all()) == history


def test_never_overwrites_what_the_organisation_edited(municipality, tmp_path):
    run(SAMPLE)
    org = Organisation.objects.get(org_number=numbers()[0])
    org.name = "Solberg IF"
    org.edited_fields = ["name"]
    org.save()
    units = json.loads(SAMPLE.read_text())
    units[0]["navn"] = "SOLBERG IDRETTSFORENING NYTT NAVN"
    units[0]["konkurs"] = True
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
