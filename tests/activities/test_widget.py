"""The embeddable widget: framable by anyone, unlike every other page; the snippet page."""

from django.urls import reverse

from tests.factories import OrganisationFactory, OrganisationRoleFactory


def test_widget_lists_upcoming_events_and_may_be_framed(client, make_event, organisation):
    make_event(title="Breakdance")
    other = OrganisationRoleFactory(organisation=OrganisationFactory()).organisation
    make_event(title="Annen forening", organiser=other, user=other.roles.get().user)
    response = client.get(reverse("activities:widget"), {"organisation": organisation.slug})
    assert response.status_code == 200
    body = response.content.decode()
    assert "Breakdance" in body and "Annen forening" not in body
    assert 'target="_top"' in body and "activities/widget.css" in body
    assert "X-Frame-Options" not in response.headers
    csp = response.headers["Content-Security-Policy"]
    assert "frame-ancestors *" in csp and "'none'" not in csp


def test_other_pages_still_deny_framing(client, make_event):
    for url in (reverse("activities:calendar"), reverse("activities:widget_code")):
        response = client.get(url)
        assert response.headers["X-Frame-Options"] == "DENY"
        assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]


def test_widget_for_a_unit(client, make_event, school_editor, culture_school):
    make_event(title="Kulturskolekonsert", user=school_editor, organiser=culture_school)
    make_event(title="Breakdance")
    body = client.get(reverse("activities:widget"), {"unit": culture_school.pk}).content.decode()
    assert "Kulturskolekonsert" in body and "Breakdance" not in body


def test_widget_limit(client, make_event, organisation):
    make_event(title="Ukentlig", rule="FREQ=WEEKLY;COUNT=5")
    body = client.get(
        reverse("activities:widget"), {"organisation": organisation.slug, "limit": "2"}
    ).content.decode()
    assert body.count(">Ukentlig<") == 2


def test_bad_widget_queries_answer_400_not_500(client, db):
    for params in ({}, {"organisation": "finnes-ikke"}, {"unit": "x"}, {"limit": "abc"}):
        assert client.get(reverse("activities:widget"), params).status_code == 400


def test_widget_query_count_does_not_grow(
    client, make_event, organisation, django_assert_max_num_queries
):
    params = {"organisation": organisation.slug}
    make_event(capacity=3)
    client.get(reverse("activities:widget"), params)
    with django_assert_max_num_queries(10) as few:
        client.get(reverse("activities:widget"), params)
    for n in range(5):
        make_event(title=f"Event {n}", rule="FREQ=DAILY;COUNT=2")
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("activities:widget"), params)


def test_snippet_page_gives_an_iframe_to_copy(client, organisation):
    response = client.get(reverse("activities:widget_code"), {"organisation": organisation.slug})
    body = response.content.decode()
    assert response.status_code == 200
    assert "&lt;iframe src=&quot;http://testserver/kalender/widget/?organisation=" in body
    assert f'<iframe src="/kalender/widget/?organisation={organisation.slug}"' in body
    # Without a choice the page shows only the form, and a bad choice shows a message.
    assert "&lt;iframe" not in client.get(reverse("activities:widget_code")).content.decode()
    bad = client.get(reverse("activities:widget_code"), {"organisation": "nope"})
    assert bad.status_code == 200 and "&lt;iframe" not in bad.content.decode()


def test_a_unit_sees_the_events_it_co_organises(client, make_event, leader, culture_school):
    from dugnad.activities import actions

    joint = make_event(title="Felles konsert")
    actions.update_event(leader, joint, {}, co_organiser_units=[culture_school])
    make_event(title="Breakdance")
    body = client.get(reverse("activities:widget"), {"unit": culture_school.pk}).content.decode()
    assert "Felles konsert" in body and "Breakdance" not in body
