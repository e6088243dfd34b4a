import pytest
from django.urls import get_script_prefix, reverse, set_script_prefix

from dugnad.core.models import ActivityLog, InfoPage

pytestmark = pytest.mark.django_db


def test_home_page_shows_municipality_and_navigation(client, municipality):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'lang="nb"' in html
    assert 'href="#main"' in html  # skip link
    assert "Ås" in html
    assert html.count("<h1") == 1


def test_language_switch_to_english_and_nynorsk(client, municipality):
    for code, word in [("en", "Skip to main content"), ("nn", "Hopp til hovudinnhaldet")]:
        response = client.get(
            reverse("core:switch_language"), {"language": code, "next": "/"}, follow=True
        )
        html = response.content.decode()
        assert f'lang="{code}"' in html
        assert word in html


def test_language_switch_needs_no_token_and_stays_on_this_site(municipality):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    response = client.get(
        reverse("core:switch_language"), {"language": "nn", "next": "https://evil.example/"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert response.cookies["django_language"].value == "nn"
    unknown = client.get(reverse("core:switch_language"), {"language": "xx", "next": "/kalender/"})
    assert unknown["Location"] == "/kalender/"
    assert "django_language" not in unknown.cookies


def test_livez_answers_without_the_database(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/livez")
    assert response.status_code == 200
    assert response.content == b"ok"


def test_healthz_reports_database(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


def test_unknown_page_is_a_friendly_404(client, municipality):
    response = client.get("/finnes-ikke/")
    assert response.status_code == 404
    assert "Siden finnes ikke" in response.content.decode()


def test_accessibility_statement_exists(client, municipality):
    response = client.get(reverse("core:accessibility"))
    assert response.status_code == 200
    assert "WCAG 2.1" in response.content.decode()


def test_security_headers(client, municipality):
    response = client.get("/")
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize(
    ("who", "allowed"),
    [
        ("anonymous", False),
        ("citizen", False),
        ("leader", False),
        ("unit_viewer", False),
        ("case_handler", False),
        ("unit_editor", True),
        ("coordinator", True),
        ("site_admin", True),
    ],
)
def test_info_page_edit_permission_matrix(client, request, municipality, who, allowed):
    if who != "anonymous":
        client.force_login(request.getfixturevalue(who))
    data = {
        "title": "Ny side",
        "slug": "ny-side",
        "summary": "",
        "body": "<p>Tekst</p><script>alert(1)</script>",
        "position": 0,
        "published": "on",
    }
    response = client.post(reverse("core:page_create"), data)
    created = InfoPage.objects.filter(slug="ny-side").first()
    if allowed:
        assert response.status_code == 302
        assert created is not None
        assert "<script>" not in created.body and "<p>Tekst</p>" in created.body
        assert ActivityLog.objects.filter(event="infopage.created", actor__isnull=False).exists()
    else:
        assert created is None
        assert response.status_code in (302, 403)
        if who != "anonymous":
            assert response.status_code == 403


def test_info_page_form_keeps_values_and_explains_errors(client, coordinator):
    client.force_login(coordinator)
    response = client.post(
        reverse("core:page_create"),
        {"title": "Min tittel", "slug": "ugyldig adresse!", "body": "", "position": 0},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'value="Min tittel"' in html
    assert "ds-error-summary" in html
    assert 'aria-invalid="true"' in html
    assert InfoPage.objects.count() == 0


def test_the_frame_links_follow_the_script_prefix_and_mark_the_current_menu_item(
    client, municipality
):
    # The frame's links are reversed once per process and URL configuration (context
    # processor `site`): a deployment under a path prefix must still get its own links, and
    # the menu item of the page shown is still marked per request.
    directory = reverse("organisations:list")
    plain = client.get(directory).content.decode()
    prefix = get_script_prefix()
    set_script_prefix("/under/")  # what the WSGI handler does for SCRIPT_NAME=/under
    try:
        under = client.get(directory).content.decode()
    finally:
        set_script_prefix(prefix)
    again = client.get(reverse("core:accessibility")).content.decode()
    assert 'class="site-name" href="/"' in plain and 'href="/tilgjengelighet/"' in plain
    assert 'class="site-name" href="/under/"' in under
    assert 'href="/under/tilgjengelighet/"' in under and 'action="/under/sprak/' in under
    assert 'class="site-name" href="/"' in again
    assert f'href="{directory}" aria-current="page"' in plain
    assert 'aria-current="page"' not in again
    for code, name in (("nb", "norsk (bokmål)"), ("nn", "norsk (nynorsk)"), ("en", "English")):
        assert f'<option value="{code}" lang="{code}"' in plain and name in plain
