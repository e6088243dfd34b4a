"""Info page bodies are rich text: sanitised whenever they are saved, and again when shown."""

import pytest
from django.urls import reverse

from dugnad.core.models import InfoPage
from tests.factories import TEST_PASSWORD

pytestmark = pytest.mark.django_db

HOSTILE = (
    "<p>Velkommen <strong>til oss</strong></p>"
    "<script>alert('x')</script>"
    '<img src="x" onerror="alert(1)">'
    '<a href="javascript:alert(2)" onclick="alert(3)">lenke</a>'
)


def assert_harmless(html: str):
    lowered = html.lower()
    assert "<script" not in lowered
    assert "alert(" not in lowered
    assert "onerror" not in lowered
    assert "onclick" not in lowered
    assert "javascript:" not in lowered


def page_html(client, slug) -> str:
    response = client.get(reverse("core:page_detail", args=[slug]))
    assert response.status_code == 200
    return response.content.decode()


def test_saving_through_the_orm_sanitises_the_body(client, municipality):
    page = InfoPage.objects.create(
        municipality=municipality, slug="om-oss", title="Om oss", body=HOSTILE
    )
    page.refresh_from_db()
    assert_harmless(page.body)
    assert "<strong>til oss</strong>" in page.body  # formatting is kept
    html = page_html(client, "om-oss")
    assert "<strong>til oss</strong>" in html
    assert_harmless(html.split('<div class="rich-text">', 1)[1].split("</div>", 1)[0])


def test_saving_through_the_admin_sanitises_the_body(client, site_admin, municipality):
    client.login(email=site_admin.email, password=TEST_PASSWORD)
    response = client.post(
        reverse("admin:core_infopage_add"),
        {
            "municipality": municipality.pk,
            "slug": "fra-admin",
            "title": "Fra admin",
            "summary": "",
            "body": HOSTILE,
            "position": 0,
            "published": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    page = InfoPage.objects.get(slug="fra-admin")
    assert_harmless(page.body)
    client.logout()
    assert_harmless(page_html(client, "fra-admin").split('<div class="rich-text">', 1)[1])


def test_a_body_that_bypassed_save_is_still_sanitised_when_shown(client, municipality):
    InfoPage.objects.create(
        municipality=municipality, slug="gammel", title="Gammel", body="<p>x</p>"
    )
    # A bulk update does not call save(): the display filter is the second line of defence.
    InfoPage.objects.filter(slug="gammel").update(body=HOSTILE)
    html = page_html(client, "gammel")
    assert "Velkommen" in html
    assert_harmless(html.split('<div class="rich-text">', 1)[1].split("</div>", 1)[0])
