"""The application form is built and validated from the scheme's data."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from dugnad.core.money import parse_kroner
from dugnad.grants.forms import ApplicationForm
from dugnad.grants.models import FieldKind, FormField

from .conftest import good_data

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def build(scheme, data, complete=True, files=None):
    return ApplicationForm(
        data,
        files,
        scheme=scheme,
        sections=list(scheme.sections.prefetch_related("fields")),
        complete=complete,
    )


@pytest.mark.django_db
def test_fields_follow_the_definition(scheme, draft):
    form = build(scheme, None)
    names = [name for name in form.fields if name.startswith("f_")]
    assert names == ["f_beskrivelse", "f_belop", "f_deltakere", "f_apent", "f_budsjett"]
    assert form.fields["f_beskrivelse"].max_length == 500
    assert form.fields["f_beskrivelse"].required
    html = str(form["f_apent"])
    assert 'type="radio"' in html


@pytest.mark.django_db
def test_a_new_field_appears_without_code(scheme, draft):
    section = scheme.sections.first()
    FormField.objects.create(
        section=section,
        key="dato",
        label="Startdato",
        kind=FieldKind.DATE,
        required=True,
        position=9,
    )
    form = build(scheme, good_data(draft))
    assert not form.is_valid()
    assert "f_dato" in form.errors


@pytest.mark.django_db
def test_valid_data_passes(scheme, draft):
    form = build(scheme, good_data(draft))
    assert form.is_valid(), form.errors
    assert form.cleaned_data["f_belop"] == 12_500_00
    assert form.cleaned_data["bank_account"] == "12345678903"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("field", "value", "code"),
    [
        ("f_belop", "-5", "negative"),
        ("f_belop", "60 000", "too_large"),
        ("f_belop", "mange", "invalid"),
        ("bank_account", "1234.56.78900", "invalid_account"),
        ("f_beskrivelse", "x" * 501, "max_length"),
        ("f_deltakere", "-1", "min_value"),
    ],
)
def test_bad_values_get_messages(scheme, draft, field, value, code):
    form = build(scheme, good_data(draft, **{field: value}))
    assert not form.is_valid()
    assert form.errors.as_data()[field][0].code == code


@pytest.mark.django_db
def test_all_missing_fields_reported_at_once(scheme, draft):
    form = build(scheme, {"version": "1"})
    assert not form.is_valid()
    assert {"title", "bank_account", "f_beskrivelse", "f_belop", "f_apent"} <= set(form.errors)


@pytest.mark.django_db
def test_draft_allows_missing_but_not_malformed(scheme, draft):
    form = build(scheme, {"version": "1", "f_belop": "-1"}, complete=False)
    assert not form.is_valid()
    assert list(form.errors) == ["f_belop"]


@pytest.mark.django_db
def test_required_file_checks_existing_attachments(scheme, draft):
    spec = FormField.objects.get(key="budsjett")
    spec.required = True
    spec.save()
    form = build(scheme, good_data(draft))
    assert not form.is_valid() and "f_budsjett" in form.errors


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (4, 4), "white").save(out, "PNG")
    return out.getvalue()


REAL_PNG = _png()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("content", "name", "ok"),
    [
        (PDF, "budsjett.pdf", True),
        (REAL_PNG, "bilde.png", True),
        (b"\x89PNG\r\n\x1a\n" + b"\0" * 64, "bilde.png", False),  # starts like a PNG, is none
        (b"#!/bin/sh\necho hei\n", "budsjett.pdf", False),  # the name lies, the content decides
        (b"MZ\x90\x00" + b"\0" * 64, "program.pdf", False),
    ],
)
def test_uploads_are_sniffed(scheme, draft, content, name, ok):
    upload = SimpleUploadedFile(name, content, content_type="application/pdf")
    form = build(scheme, good_data(draft), files={"f_budsjett": upload})
    assert form.is_valid() is ok


@pytest.mark.django_db
def test_too_large_upload(scheme, draft, monkeypatch):
    monkeypatch.setattr("dugnad.grants.forms.MAX_UPLOAD_BYTES", 10)
    upload = SimpleUploadedFile("b.pdf", PDF, content_type="application/pdf")
    form = build(scheme, good_data(draft), files={"f_budsjett": upload})
    assert not form.is_valid()
    assert form.errors.as_data()["f_budsjett"][0].code == "too_large"


@pytest.mark.parametrize(
    ("text", "ore"),
    [("12500", 1250000), ("12 500", 1250000), ("12 500,50", 1250050), ("1\u00a0000 kr", 100000)],
)
def test_parse_kroner(text, ore):
    assert parse_kroner(text) == ore
