"""Staff pages find an information page only under its own municipality's host; links sent
outside a request use the municipality's host."""

import pytest
from django.urls import reverse

from dugnad.core.links import municipality_url
from dugnad.core.models import InfoPage, Municipality
from tests.hosts import HOME_HOST, OTHER_HOST, serve_two_municipalities

pytestmark = pytest.mark.django_db


def test_page_edit_finds_only_the_hosts_own_pages(client, settings, site_admin):
    home, other = serve_two_municipalities(settings)
    InfoPage.objects.create(municipality=home, slug="om-as", title="Om Ås", body="<p>Hei</p>")
    InfoPage.objects.create(
        municipality=other, slug="om-follo", title="Om Follo", body="<p>Hei</p>"
    )
    client.force_login(site_admin)
    other_url = reverse("core:page_edit", args=["om-follo"])
    assert client.get(other_url, HTTP_HOST=HOME_HOST).status_code == 404
    own_url = reverse("core:page_edit", args=["om-as"])
    assert client.get(own_url, HTTP_HOST=HOME_HOST).status_code == 200
    assert client.get(other_url, HTTP_HOST=OTHER_HOST).status_code == 200


@pytest.mark.parametrize(
    ("site_url", "hostname", "expected"),
    [
        ("https://frivillig.as.kommune.no", "frivillig.follo.no", "https://frivillig.follo.no"),
        # One development server serves every host on its port.
        ("http://127.0.0.1:8000", "follo.localhost", "http://follo.localhost:8000"),
        ("https://frivillig.as.kommune.no", "", "https://frivillig.as.kommune.no"),
    ],
)
def test_municipality_url_uses_the_municipalitys_host_with_site_urls_scheme(
    settings, site_url, hostname, expected
):
    settings.DUGNAD_SITE_URL = site_url
    municipality = Municipality(number="3207", name="Nordre Follo", hostname=hostname)
    assert municipality_url(municipality) == expected
