"""The one escaping rule and the one CSV/XLSX writer, as the kernel offers them to every app."""

import csv
import importlib
import inspect
import io
import pkgutil
import typing
from pathlib import Path

import openpyxl
import pytest
from django import forms
from django.apps import apps
from django.urls import reverse

import dugnad
from dugnad.core import exports
from dugnad.core.forms import PlainTextFields
from dugnad.core.models import InfoPage
from dugnad.core.notify import render_email
from dugnad.core.schemas import PlainTextInput
from dugnad.core.text import plain_text, unescape_stored

DIRECTION = "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u061c"
CONTROLS = "".join(chr(c) for c in [*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F])
C1 = "".join(chr(c) for c in range(0x80, 0xA0))


# --- plain text ---------------------------------------------------------------------------------


def test_plain_text_drops_control_and_direction_characters_only():
    typed = f'Mat & "drikke" <b>\t{DIRECTION}{CONTROLS}{C1}ÆØÅ 🎉 &amp;'
    assert plain_text(typed) == 'Mat & "drikke" <b>\tÆØÅ 🎉 &amp;'


def test_plain_text_keeps_lines_and_makes_one_line_where_asked():
    assert plain_text("a\r\nb\rc\nd") == "a\nb\nc\nd"
    assert plain_text("a\r\nb\tc", multiline=False) == "a b\tc"
    assert plain_text(None) == ""


@pytest.mark.parametrize(
    ("stored", "typed"),
    [
        ("Mat &amp; drikke", "Mat & drikke"),
        ("Mat &amp;amp;amp; drikke", "Mat & drikke"),  # saved again through edit forms
        ("&lt;3 &gt; &quot;x&quot; &#x27;a&#39;", "<3 > \"x\" 'a'"),
        ("&amp;copy; &amp;nbsp;", "&copy; &nbsp;"),  # typed entities stay as typed
        ("Ingen entiteter", "Ingen entiteter"),
        ("Ås\u202e IL", "Ås IL"),
        ("", ""),
        (None, None),
    ],
)
def test_unescape_stored(stored, typed):
    assert unescape_stored(stored) == typed


# --- one mechanism: every form and every API body ------------------------------------------------


def _project_modules(suffix: str):
    for info in pkgutil.walk_packages(dugnad.__path__, "dugnad."):
        if info.name.endswith(suffix):
            yield importlib.import_module(info.name)


def test_every_form_of_the_project_cleans_plain_text():
    found = [
        cls
        for module in _project_modules(".forms")
        for _name, cls in inspect.getmembers(module, inspect.isclass)
        if issubclass(cls, forms.BaseForm) and cls.__module__ == module.__name__
    ]
    assert len(found) > 40
    missing = [
        f"{cls.__module__}.{cls.__name__}" for cls in found if not issubclass(cls, PlainTextFields)
    ]
    assert missing == []


def _schemas(annotation):
    if inspect.isclass(annotation):
        yield annotation
    for argument in typing.get_args(annotation):
        yield from _schemas(argument)


def test_every_api_request_body_cleans_plain_text():
    from dugnad.api import api

    bodies = set()
    for _prefix, router in api._routers:
        for view in router.path_operations.values():
            for operation in view.operations:
                for model in operation.models:
                    if getattr(model, "__ninja_param_source__", None) != "body":
                        continue
                    for field in model.model_fields.values():
                        bodies.update(_schemas(field.annotation))
    bodies.discard(type(None))
    assert bodies, "the API has request bodies"
    assert [cls for cls in bodies if not issubclass(cls, PlainTextInput)] == []


def test_a_form_field_is_cleaned_before_its_own_checks():
    class Probe(PlainTextFields, forms.Form):
        name = forms.CharField(max_length=3)
        note = forms.CharField(widget=forms.Textarea, required=False)
        email = forms.EmailField()
        secret = forms.CharField(widget=forms.PasswordInput)

    form = Probe(
        {
            "name": " \u202eÅs\u202c ",
            "note": "a\r\nb\x00",
            "email": "\u200eola@test.example",
            "secret": "pass\u202eord",
        }
    )
    assert form.is_valid(), form.errors
    assert form.cleaned_data == {
        "name": "Ås",  # stripped after cleaning, and within max_length
        "note": "a\nb",
        "email": "ola@test.example",
        "secret": "pass\u202eord",  # a password is never changed
    }
    assert not Probe({"name": "\u202e", "email": "x@test.example", "secret": "x"}).is_valid()


def test_the_api_schema_cleans_strings_but_not_verbatim_fields():
    class Probe(PlainTextInput):
        verbatim_fields = frozenset({"password"})

        title: str
        password: str
        count: int = 0

    probe = Probe(title=" Mat\u202e & drikke\x07 ", password=" p\u202e ", count=3)
    assert (probe.title, probe.password, probe.count) == ("Mat & drikke", " p\u202e ", 3)


# --- the info page form, its migration, and text emails --------------------------------------


def test_info_page_title_as_typed_and_escaped_once(client, coordinator):
    client.force_login(coordinator)
    data = {"title": "Mat & drikke\u202e", "slug": "mat", "summary": "", "body": "<p>Ja</p>",
            "position": 0, "published": "on"}  # fmt: skip
    assert client.post(reverse("core:page_create"), data).status_code == 302
    page = InfoPage.objects.get(slug="mat")
    assert page.title == "Mat & drikke"
    html = client.get(reverse("core:page_detail", args=["mat"])).content.decode()
    assert "Mat &amp; drikke" in html and "&amp;amp;" not in html


def test_core_migration_repairs_info_page_titles_only(municipality):
    page = InfoPage.objects.create(
        municipality=municipality, title="Mat &amp;amp; drikke", slug="mat", body="<p>A &amp; B</p>"
    )
    migration = importlib.import_module("dugnad.core.migrations.0004_unescape_plain_text")
    migration.repair(apps, None)
    page.refresh_from_db()
    assert (page.title, page.body) == ("Mat & drikke", "<p>A &amp; B</p>")


def test_every_email_template_is_rendered_without_html_escaping(organisation):
    organisation.name = 'Mat & "drikke" <3'
    subject, body = render_email(
        "organisations/email/approved.txt",
        {"organisation": organisation, "reason": "Fint & flott"},
    )
    assert 'Mat & "drikke" <3' in subject + body
    assert "Fint & flott" in body
    assert "&amp;" not in subject + body and "&quot;" not in subject + body


# --- the one CSV/XLSX writer ---------------------------------------------------------------------


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_neutralise_prefixes_every_formula_start(start):
    assert exports.neutralise(f"{start}1+1") == f"'{start}1+1"


def test_neutralise_leaves_other_values():
    assert exports.neutralise("Mat & drikke") == "Mat & drikke"
    assert exports.neutralise(-5) == -5 and exports.neutralise(1.5) == 1.5
    assert exports.neutralise(None) is None and exports.neutralise("") == ""


def test_safe_filename():
    assert exports.safe_filename('Tildelinger "Ås"/../\r\nx', "csv") == "tildelinger-as-x.csv"
    assert exports.safe_filename("", "xlsx") == "eksport.xlsx"


ROWS = [['=HYPERLINK("http://x")', 1], ["\tLaget", 2.5], ["Mat & drikke", None]]


def test_csv_response_parses_with_the_csv_module():
    response = exports.csv_response("Tildelinger 2026", ["Navn", "Antall"], ROWS)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="tildelinger-2026.csv"'
    assert response.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows == [
        ["Navn", "Antall"],
        ['\'=HYPERLINK("http://x")', "1"],
        ["'\tLaget", "2.5"],
        ["Mat & drikke", ""],
    ]


def test_xlsx_response_opens_with_openpyxl():
    header = ["Navn", "@Antall"]
    response = exports.xlsx_response("Oversikt", header, ROWS, sheet_title="Tilskudd: [2026]/*")
    assert response["Content-Disposition"] == 'attachment; filename="oversikt.xlsx"'
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert sheet.title == "Tilskudd 2026"
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert values == [
        ["Navn", "'@Antall"],
        ['\'=HYPERLINK("http://x")', 1],
        ["'\tLaget", 2.5],
        ["Mat & drikke", None],
    ]
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)


def test_xlsx_drops_characters_that_openpyxl_refuses():
    response = exports.xlsx_response("x", ["a"], [["bad\x01text"]])
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert sheet["A2"].value == "badtext"


def test_no_export_writes_csv_or_xlsx_by_itself():
    # One writer for the platform: every other module goes through core.exports.
    root = Path(dugnad.__file__).parent
    offenders = [
        str(path.relative_to(root))
        for path in root.rglob("*.py")
        if path != root / "core" / "exports.py"
        and any(
            needle in path.read_text(encoding="utf-8")
            for needle in ("csv.writer(", "import openpyxl", "from openpyxl", "text/csv")
        )
    ]
    assert offenders == []
