import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from dugnad.organisations.models import Organisation, OrganisationRole

from .conftest import make_organisation, make_user, org_number

pytestmark = pytest.mark.django_db
Role = OrganisationRole.Role


def many(municipality, activities, age_groups, areas, count, start=0):
    for i in range(start, start + count):
        org = make_organisation(
            municipality=municipality, name=f"Lag nummer {i:03d}", area=areas["nordby"]
        )
        org.activity_types.set(activities.values())
        org.age_groups.set([age_groups["youth"]])


def test_list_query_count_does_not_grow(
    client, municipality, activities, age_groups, areas, django_assert_max_num_queries
):
    url = "/organisasjoner/?activity=fotball&activity=kor&age=youth&area=nordby&q=Lag"
    many(municipality, activities, age_groups, areas, 3)
    with django_assert_max_num_queries(12) as small:
        assert client.get(url).status_code == 200
    many(municipality, activities, age_groups, areas, 25, start=3)
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(url)
    assert response.status_code == 200
    assert response.context["page_obj"].paginator.count == 28


def test_detail_query_count_does_not_grow(
    client, organisation, activities, leader, django_assert_max_num_queries
):
    organisation.activity_types.set(activities.values())
    with django_assert_max_num_queries(10) as small:
        client.get(organisation.get_absolute_url())
    for _ in range(5):
        OrganisationRole.objects.create(
            organisation=organisation, user=make_user(), role=Role.EDITOR, show_publicly=True
        )
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(organisation.get_absolute_url())
    assert response.status_code == 200


def test_detail_has_jsonld_and_public_people(client, organisation, leader):
    OrganisationRole.objects.filter(user=leader).update(show_publicly=True, title="Styreleder")
    response = client.get(organisation.get_absolute_url())
    text = response.content.decode()
    assert '<script type="application/ld+json">' in text
    assert '"@type": "Organization"' in text
    assert f'"taxID": "{organisation.org_number}"' in text
    assert "Styreleder" in text


def test_pending_organisation_is_hidden_from_the_public(client, organisation, leader, coordinator):
    Organisation.objects.filter(pk=organisation.pk).update(status="pending")
    assert client.get(organisation.get_absolute_url()).status_code == 404
    assert organisation.name not in client.get("/organisasjoner/").content.decode()
    client.force_login(leader)
    assert client.get(organisation.get_absolute_url()).status_code == 200
    client.force_login(coordinator)
    assert client.get(organisation.get_absolute_url()).status_code == 200


def test_merged_organisation_redirects(client, organisation, municipality):
    target = make_organisation(municipality=municipality, name="Målet")
    Organisation.objects.filter(pk=organisation.pk).update(status="merged", merged_into=target)
    response = client.get(organisation.get_absolute_url())
    assert response.status_code == 301 and response["Location"] == target.get_absolute_url()


def test_unknown_filter_values_give_messages_not_500(client, organisation):
    response = client.get(
        "/organisasjoner/?category=ukjent&activity=curling&age=babies&area=mars&register=kanskje"
    )
    assert response.status_code == 200
    errors = response.context["filters"].errors
    assert set(errors) == {"category", "activity", "age", "area", "register"}
    assert "curling" in response.content.decode()
    assert organisation.name in response.content.decode()


def test_register_page_requires_login(client):
    response = client.get(reverse("organisations:register"))
    assert response.status_code == 302 and "/konto/login/" in response["Location"]


def test_register_bad_input_keeps_values(client, citizen, organisation):
    client.force_login(citizen)
    data = {"name": "Mitt <b>lag</b>", "org_number": "123456789", "category": "music",
            "purpose": "Synge sammen", "email": "ikke-en-epost"}  # fmt: skip
    response = client.post(reverse("organisations:register"), data)
    assert response.status_code == 200
    form = response.context["form"]
    assert set(form.errors) == {"org_number", "email"}
    text = response.content.decode()
    assert 'value="123456789"' in text and "Synge sammen" in text
    assert 'aria-invalid="true"' in text
    data.update(org_number=organisation.org_number, email="post@lag.example")
    response = client.post(reverse("organisations:register"), data)
    assert "org_number" in response.context["form"].errors
    assert Organisation.objects.count() == 1


def test_register_success(client, citizen, activities, age_groups, areas):
    client.force_login(citizen)
    number = org_number()
    response = client.post(
        reverse("organisations:register"),
        {"name": "Nordby Kor", "org_number": number, "category": "music", "purpose": "Sang",
         "email": "kor@nordby.example", "activity_types": [activities["kor"].pk],
         "age_groups": ["adults"], "area": areas["nordby"].pk, "website": "nordbykor.example"},
    )  # fmt: skip
    organisation = Organisation.objects.get(org_number=number)
    assert response.status_code == 302 and response["Location"] == organisation.get_absolute_url()
    assert organisation.website == "https://nordbykor.example"
    assert organisation.roles.get().user == citizen
    assert client.get(response["Location"]).status_code == 200


def test_edit_with_bad_logo_keeps_values(client, leader, organisation, media_root):
    client.force_login(leader)
    url = reverse("organisations:edit", args=[organisation.slug])
    data = {"name": organisation.name, "category": "sports", "purpose": "Nytt formål",
            "email": organisation.email, "logo_alt": "Logo",
            "logo": SimpleUploadedFile("x.png", b"GIF89 no", content_type="image/png")}  # fmt: skip
    response = client.post(url, data)
    assert response.status_code == 200
    assert "logo" in response.context["form"].errors
    assert "Nytt formål" in response.content.decode()
    organisation.refresh_from_db()
    assert organisation.purpose != "Nytt formål"


def test_edit_saves_and_logo_is_served(client, leader, organisation, png_bytes, media_root):
    client.force_login(leader)
    url = reverse("organisations:edit", args=[organisation.slug])
    data = {"name": organisation.name, "category": "sports", "purpose": "Nytt formål",
            "email": organisation.email, "logo_alt": "Rødt merke",
            "logo": SimpleUploadedFile("x.png", png_bytes, content_type="image/png")}  # fmt: skip
    assert client.post(url, data).status_code == 302
    response = client.get(reverse("organisations:logo", args=[organisation.slug]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == png_bytes
    assert 'alt="Rødt merke"' in client.get(organisation.get_absolute_url()).content.decode()


def test_directory_rows_show_links_logo_and_activities_in_name_order(
    client, municipality, activities, organisation, png_bytes, media_root
):
    # The directory page builds its rows from columns and name pairs (queries.directory_page):
    # each row links to its page, shows its logo through the logo view and its activities by
    # name, in name order, and a row without activities shows no empty list.
    organisation.activity_types.set([activities["kor"], activities["basketball"]])
    organisation.logo = SimpleUploadedFile("x.png", png_bytes, content_type="image/png")
    organisation.logo_alt = "Rødt merke"
    organisation.save()
    bare = make_organisation(municipality=municipality, name="Lag uten aktiviteter")
    page = client.get(reverse("organisations:list")).content.decode()
    row = page[page.index(f'href="{organisation.get_absolute_url()}"') :]
    row = row.split('class="organisation-row"')[0]
    assert row.index(">Basketball<") < row.index(">Kor<")
    assert ">Fotball<" not in row
    logo = reverse("organisations:logo", args=[organisation.slug])
    assert f'<img class="logo-thumb" src="{logo}" alt="Rødt merke"' in page
    bare_row = page[page.index(f'href="{bare.get_absolute_url()}"') :]
    assert 'class="tags"' not in bare_row.split('class="organisation-row"')[0]


def test_roles_page_invite_and_last_leader_message(client, leader, organisation):
    client.force_login(leader)
    url = reverse("organisations:roles", args=[organisation.slug])
    assert client.get(url).status_code == 200
    response = client.post(
        url, {"action": "invite", "invite-email": "ny@test.example", "invite-role": "editor"}
    )
    assert response.status_code == 302
    assert organisation.invitations.filter(email="ny@test.example").exists()
    role = organisation.roles.get(user=leader)
    response = client.post(url, {"action": "remove", "role_id": role.pk}, follow=True)
    assert organisation.roles.filter(role=Role.LEADER).exists()
    assert any("leader" in str(m) or "leder" in str(m) for m in response.context["messages"])


def test_invitation_page_accept(client, leader, organisation, person):
    from dugnad.organisations import actions

    invitation = actions.invite(leader, organisation, email=person.email)
    url = reverse("organisations:invitation", args=[invitation.token])
    assert client.get(url).status_code == 200
    assert client.post(url).status_code == 302  # to login
    client.force_login(person)
    assert client.post(url).status_code == 302
    assert organisation.roles.filter(user=person, role=Role.EDITOR).exists()


def test_review_queue_and_decision(client, coordinator, organisation, leader):
    Organisation.objects.filter(pk=organisation.pk).update(status="pending")
    client.force_login(coordinator)
    response = client.get(reverse("organisations:review"))
    assert response.status_code == 200 and organisation.name in response.content.decode()
    url = reverse("organisations:review_one", args=[organisation.slug])
    response = client.post(
        url, {"action": "decide", "review-decision": "hide", "review-reason": ""}
    )
    assert response.status_code == 400
    assert "reason" in response.context["review_form"].errors
    response = client.post(
        url, {"action": "decide", "review-decision": "approve", "review-reason": ""}
    )
    assert response.status_code == 302
    organisation.refresh_from_db()
    assert organisation.status == "approved"


def test_review_queue_query_count(client, coordinator, municipality, django_assert_max_num_queries):
    def add(n, start):
        for i in range(start, start + n):
            org = make_organisation(
                municipality=municipality, name=f"Ventende {i}", status="pending"
            )
            OrganisationRole.objects.create(organisation=org, user=coordinator, role=Role.LEADER)

    add(2, 0)
    client.force_login(coordinator)
    with django_assert_max_num_queries(15) as small:
        client.get(reverse("organisations:review"))
    add(10, 2)
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert client.get(reverse("organisations:review")).status_code == 200


@pytest.mark.parametrize("name", ["edit", "roles", "review_one"])
def test_pages_refuse_outsiders_with_reason(client, other_leader, organisation, name):
    client.force_login(other_leader)
    response = client.get(reverse(f"organisations:{name}", args=[organisation.slug]))
    assert response.status_code == 403
    assert response.context["reason"]


def test_directory_checks_areas_and_activities_against_the_form_options(
    client, municipality, activities, areas, django_assert_max_num_queries
):
    # The page checks a filter's area and activities against the options its form lists
    # anyway (queries.filter_choices), not with a query each; unknown ones are still reported
    # and dropped, known ones still applied.
    inside = make_organisation(municipality=municipality, name="Nordby kor", area=areas["nordby"])
    inside.activity_types.set([activities["kor"]])
    make_organisation(municipality=municipality, name="Annet lag")
    url = reverse("organisations:list")
    # The municipality (no memo in tests), the three option lists, the count, the page and
    # its activity names: nothing for checking the area and the activities.
    with django_assert_max_num_queries(7):
        good = client.get(url, {"area": "nordby", "activity": "kor"})
    assert [o.name for o in good.context["organisations"]] == ["Nordby kor"]
    html = good.content.decode()  # the options, written by the view, mark what was chosen
    assert '<option value="nordby" selected>Nordby</option>' in html
    assert '<option value="fotball">Fotball</option>' in html
    assert '<option value="kor" selected>Kor</option>' in html
    assert not good.context["filters"].errors
    bad = client.get(url, {"area": "ingensteds", "activity": ["kor", "sjakk"]})
    errors = bad.context["filters"].errors
    assert set(errors) == {"area", "activity"} and "sjakk" in errors["activity"]
    assert bad.context["filters"].activities == ["kor"] and not bad.context["filters"].area
    assert 'id="filter-area_error"' in bad.content.decode()
