"""One escaping rule in the directory: names as typed, escaped once on the page, JSON-LD and API."""

import importlib
import json
import re

from django.apps import apps
from django.urls import reverse

from dugnad.organisations.models import Organisation, OrganisationRole


def _edit(client, organisation, **changes):
    data = {"name": organisation.name, "category": "sports", "purpose": "Synge sammen",
            "email": organisation.email, "logo_alt": "", **changes}  # fmt: skip
    return client.post(reverse("organisations:edit", args=[organisation.slug]), data)


def test_name_round_trips_as_typed_and_is_escaped_once(client, leader, organisation):
    client.force_login(leader)
    response = _edit(client, organisation, name="Mat & drikke", purpose='"Alt" <for> alle')
    assert response.status_code == 302
    organisation.refresh_from_db()
    assert (organisation.name, organisation.purpose) == ("Mat & drikke", '"Alt" <for> alle')

    html = client.get(organisation.get_absolute_url()).content.decode()
    assert "Mat &amp; drikke" in html and "&amp;amp;" not in html
    assert "&lt;for&gt;" in html and "<for>" not in html
    jsonld = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)[1]
    data = json.loads(jsonld)
    assert (data["name"], data["description"]) == ("Mat & drikke", '"Alt" <for> alle')
    assert "<for>" not in jsonld  # the script element cannot be closed from inside

    api = client.get(f"/api/v1/organisations/{organisation.pk}").json()
    assert api["name"] == "Mat & drikke"

    # The directory's list is written by a template tag, not the engine: the same one escape.
    listed = client.get(reverse("organisations:list")).content.decode()
    assert "Mat &amp; drikke</a>" in listed and "&amp;amp;" not in listed
    assert "&quot;Alt&quot; &lt;for&gt; alle" in listed and "<for>" not in listed
    long_purpose = "Synge " * 50
    assert _edit(client, organisation, name="Mat & drikke", purpose=long_purpose).status_code == 302
    listed = client.get(reverse("organisations:list")).content.decode()
    assert (long_purpose[:199] + "…") in listed and long_purpose[:200] not in listed

    # The edit form shows the name once escaped; saving it unchanged keeps it as it is.
    form = client.get(reverse("organisations:edit", args=[organisation.slug])).content.decode()
    assert 'value="Mat &amp; drikke"' in form
    assert _edit(client, organisation, name="Mat & drikke").status_code == 302
    organisation.refresh_from_db()
    assert organisation.name == "Mat & drikke"


def test_direction_override_in_a_name_is_not_stored(client, leader, organisation):
    client.force_login(leader)
    assert _edit(client, organisation, name="Ås \u202eIL\u202c\u2067").status_code == 302
    organisation.refresh_from_db()
    assert organisation.name == "Ås IL"


def test_registration_form_strips_controls_and_keeps_the_rest(client, citizen):
    client.force_login(citizen)
    data = {"name": "Kor\u0007 & <venner>\u200e", "org_number": "", "category": "music",
            "purpose": "Synge", "email": "post@kor.example"}  # fmt: skip
    response = client.post(reverse("organisations:register"), data)
    assert response.status_code == 302
    assert Organisation.objects.get(email="post@kor.example").name == "Kor & <venner>"


def test_migration_undoes_stored_entities(organisation, leader):
    Organisation.objects.filter(pk=organisation.pk).update(
        name="Mat &amp;amp;amp; drikke",
        purpose="&quot;Alt&quot; for alle",
        description="<p>Mat &amp; drikke</p>",
        meeting_places="Ås &amp; Nordby\nKroer",
        search_document="Mat &amp; drikke Mat &amp;amp; drikke",
    )
    OrganisationRole.objects.filter(user=leader).update(title="Leder &amp; kasserer")
    migration = importlib.import_module("dugnad.organisations.migrations.0003_unescape_plain_text")

    migration.repair(apps, None)

    organisation.refresh_from_db()
    assert organisation.name == "Mat & drikke"
    assert organisation.purpose == '"Alt" for alle'
    assert organisation.description == "<p>Mat &amp; drikke</p>"  # rich text is left alone
    assert organisation.meeting_places == "Ås & Nordby\nKroer"
    assert organisation.search_document == "Mat & drikke Mat & drikke"
    assert OrganisationRole.objects.get(user=leader).title == "Leder & kasserer"


def test_the_directorys_filter_options_escape_their_names_once(client, municipality):
    from dugnad.core.models import Area

    Area.objects.create(municipality=municipality, slug="nord-sor", name='Nord & "<sør>"')
    html = client.get(reverse("organisations:list"), {"area": "nord-sor"}).content.decode()
    assert '<option value="nord-sor" selected>Nord &amp; &quot;&lt;sør&gt;&quot;</option>' in html
    assert "<sør>" not in html and "&amp;amp;" not in html
