"""One database, two municipalities at their own host names: neither shows the other's data.

Ås (3218) is served at as.test and Nordre Follo (3207) at follo.test. Each has organisations,
events, buildings and rooms, grant schemes with awards, volunteer assignments with shifts,
information pages, units with public volunteer contacts and areas. Every public page, feed and
API list is requested under each host, with the public page cache on (so a page cached for one
municipality must not be served to the other), and no name of the other municipality's data may
appear.

The pages come from the URL patterns and the API's OpenAPI document, so a new page is checked
without editing this file: a page without parameters is requested as it is; a page with
parameters must be listed either in DETAIL_PAGES (with the object it shows) or in
NOT_PUBLIC (login, a token or a personal link), or the coverage test fails.
"""

import datetime as dt
import json

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from dugnad.accounts.models import UnitRole
from dugnad.activities import actions as activity_actions
from dugnad.core.models import AgeGroup, Area, InfoPage, Municipality
from dugnad.grants.models import Application, Decision, GrantScheme, Round
from dugnad.initiatives.models import Initiative, Story
from dugnad.organisations.models import OrganisationRole
from dugnad.plans import actions as plan_actions
from dugnad.plans.models import ActionPlan, FocusArea, Measure
from dugnad.premises.models import AllocationRound, Building, Room
from dugnad.talent.models import Programme
from dugnad.volunteering.models import Assignment, Shift
from tests.factories import (
    MunicipalityFactory,
    OrganisationFactory,
    OrganisationRoleFactory,
    UnitFactory,
    UnitRoleFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

HOSTS = {"3218": "as.test", "3207": "follo.test"}
# One word per municipality, in the name of every object made for it (ASCII, so that JSON
# escapes and iCal folding do not hide it).
WORDS = {"3218": "Kroer", "3207": "Langhus"}

# URL names with parameters: how to fill them in for a municipality's data. The value is a
# function of the data made for one municipality (`made`) giving the URL's kwargs.
DETAIL_PAGES = {
    "core:page_detail": lambda made: {"slug": made["page"].slug},
    "organisations:detail": lambda made: {"slug": made["organisation"].slug},
    "activities:event": lambda made: {"pk": made["event"].pk},
    "activities:organisation_ics": lambda made: {"slug": made["organisation"].slug},
    "activities:occurrence_ics": lambda made: {
        "pk": made["event"].pk,
        "occurrence_pk": made["occurrence"].pk,
    },
    "premises:room": lambda made: {"pk": made["room"].pk},
    "grants:scheme": lambda made: {"slug": made["scheme"].slug},
    "volunteering:assignment": lambda made: {"pk": made["assignment"].pk},
    "plans:plan": lambda made: {"pk": made["plan"].pk},
    "plans:measure": lambda made: {"pk": made["measure"].pk},
    "plans:report": lambda made: {"pk": made["report"].pk},
    "talent:programme": lambda made: {"slug": made["programme"].slug},
    "culture_school:offer": lambda made: {"pk": made["cs_offer"].pk},
    "participation:process": lambda made: {"pk": made["process"].pk},
    "participation:idea": lambda made: {"pk": made["idea"].pk},
    "initiatives:detail": lambda made: {"slug": made["initiative"].slug},
    "initiatives:story": lambda made: {"pk": made["story"].pk},
    "initiatives:unit": lambda made: {"slug": made["unit"].slug},
}
# URL names with parameters that are not public: they need a login, an API token, a secret
# feed token or a personal link, and are checked by their apps' permission tests.
NOT_PUBLIC = {
    # Files of public things, looked up through their object in the municipality (the objects
    # here have no file; the apps' tests serve one and refuse another municipality's).
    "activities:event_image",
    "premises:room_photo_file",
    "initiatives:conference_document",
    "initiatives:minutes",
    # Staff set-up pages (login and a role).
    "culture_school:band_create",
    "culture_school:band_delete",
    "culture_school:band_edit",
    "culture_school:bands",
    "culture_school:fee_plan_edit",
    "culture_school:reregistration",
    "culture_school:subject_edit",
    "culture_school:year_edit",
    "initiatives:conference_manage",
    "initiatives:document_add",
    "initiatives:document_delete",
    "initiatives:meeting_delete",
    "initiatives:meeting_edit",
    "initiatives:member_delete",
    "initiatives:member_edit",
    "initiatives:session_add",
    "initiatives:session_delete",
    "initiatives:session_edit",
    "core:page_edit",
    "organisations:edit",
    "organisations:roles",
    "organisations:review_one",
    "organisations:invitation",
    "organisations:logo",  # the organisations here have no logo; detail covers the lookup
    "activities:event_edit",
    "activities:review_event",
    "activities:signup_setup",
    "activities:occurrence_capacity",
    "activities:sign_up",
    "activities:participants",
    "activities:participants_csv",
    "activities:move_occurrence",
    "activities:occurrence_cancel",
    "activities:reschedule_following",
    "activities:cancel_signup",
    "premises:book",
    "premises:room_photo",
    "premises:booking",
    "premises:booking_ics",
    "premises:transition",
    "premises:series",
    "premises:series_cancel",
    "premises:feed",
    "premises:feed_link",
    "core:revoke_feed_link",
    "accounts:token_revoke",
    "premises:unblock",
    "premises:allocation",
    "premises:allocation_publish",
    "premises:allocation_report",
    "premises:setup_building",
    "premises:setup_room",
    "premises:setup_round",
    "premises:setup_room_create",
    "premises:apply",
    "premises:allocate",
    "grants:preview",
    "grants:start",
    "grants:application",
    "grants:edit",
    "grants:autosave",
    "grants:submit",
    "grants:attachment",
    "grants:attachment_delete",
    "grants:letter",
    "grants:report",
    "grants:case",
    "grants:transition",
    "grants:conflict",
    "grants:assign",
    "grants:note",
    "grants:score",
    "grants:report_review",
    "grants:decide",
    # The case handlers' set-up pages (grants.views_setup): staff only.
    "grants:setup_scheme",
    "grants:setup_form",
    "grants:setup_field",
    "grants:setup_section",
    "grants:setup_field_move",
    "grants:setup_field_delete",
    "grants:setup_workflow",
    "grants:setup_state",
    "grants:setup_step",
    "grants:setup_budgets",
    "grants:setup_budget_delete",
    "grants:setup_round",
    "volunteering:assignment_edit",
    "volunteering:shift_edit",
    "volunteering:shift_delete",
    "volunteering:interest",
    "volunteering:shift_create",
    "volunteering:shift_series",
    "volunteering:group_message",
    "volunteering:certificate",
    "volunteering:close",
    "volunteering:answer",
    "volunteering:sign_up",
    "volunteering:drop",
    "volunteering:decide_hours",
    "volunteering:volunteer",
    "plans:follow_up",
    "plans:report_new",
    "plans:measure_update",
    "plans:measure_comment",
    "plans:link_add",
    "plans:link_remove",
    "plans:report_edit",
    "plans:report_approve",
    # Public once the report is approved, but a PDF or a table of figures does not carry the
    # plan's name as text; tests/plans/test_scoped_lookups.py checks their 404 under another host.
    "plans:report_pdf",
    "plans:report_figures",
    *(
        f"talent:{name}"
        for name in (
            "setup",
            "setup_programme",
            "add_role",
            "remove_role",
            "add_call",
            "add_part",
            "remove_part",
            "call",
            "add_question",
            "remove_question",
            "add_slots",
            "nominate",
            "nominations",
            "panel",
            "ranking",
            "nomination",
            "complete",
            "consent",
            "withdraw",
            "file",
            "file_delete",
            "answer",
            "book",
            "decide",
            "conflict",
            "note",
            "score",
            "add_session",
            "session",
            "higher_education",
            "renew",
        )
    ),
    "culture_school:absence",
    "culture_school:answer_offer",
    "culture_school:cancel",
    "culture_school:deadline",
    "culture_school:population",
    "culture_school:decide",
    "culture_school:free_place",
    "culture_school:group_members",
    "culture_school:groups",
    "culture_school:invitation",
    "culture_school:invite",
    "culture_school:lesson",
    "culture_school:lottery",
    "culture_school:offer_edit",
    "culture_school:pupil_levels",
    "culture_school:reduction_evidence",
    "culture_school:rules",
    "culture_school:waiting_list",
    "culture_school:withdraw",
    "participation:idea_new",
    "participation:idea_edit",
    "participation:idea_image",  # the ideas here have no picture; idea covers the lookup
    "participation:support",
    "participation:comment",
    "participation:moderate_idea",
    "participation:moderate_comment",
    "participation:answer",
    "participation:follow_up",
    "participation:vote",
    "participation:compute",
    "participation:class_new",
    "participation:process_edit",
    "initiatives:edit",
    "initiatives:history",
    "initiatives:link_event",
    "initiatives:unlink_event",
    "initiatives:link_assignment",
    "initiatives:unlink_assignment",
    "initiatives:add_resource",
    "initiatives:add_reach",
    "initiatives:post_update",
    "initiatives:story_edit",
    "initiatives:story_submit",
    "initiatives:story_review",
    "initiatives:story_photo_add",
    "initiatives:story_photo",  # the stories here have no photo; story covers the lookup
    "initiatives:story_photo_remove",
    "initiatives:desk_register",
}
# Mounted from other projects (login, Django's admin and i18n) or the API, checked below.
SKIPPED_PREFIXES = ("konto/", "admin/", "i18n/", "api/v1/")
# Pages that list data: they must show their own municipality's, or the test proves nothing.
LISTS_WITH_OWN_DATA = {
    "organisations:list": "organisation",
    "activities:calendar": "event",
    "activities:calendar_ics": "event",
    "premises:index": "room",
    "grants:index": "scheme",
    "grants:awards": "award",
    "grants:awards_csv": "award",
    "volunteering:index": "assignment",
    "culture_school:index": "cs_offer",
    "core:page_list": "page",
    "core:contacts": "unit",
    "talent:index": "programme",
    "participation:index": "process",
    "initiatives:index": "initiative",
    "initiatives:stories": "story",
    "initiatives:stories_feed": "story",
    "initiatives:volunteering": "unit",
}


def _patterns(resolver=None, prefix="", namespace=""):
    """(route, URL name, has parameters) of every URL pattern."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _patterns(entry, route, inner)
        elif isinstance(entry, URLPattern) and entry.name:
            yield route, namespace + entry.name, bool(entry.pattern.regex.groupindex)


def _public_patterns():
    return [
        (route, name, has_params)
        for route, name, has_params in _patterns()
        if not route.startswith(SKIPPED_PREFIXES)
    ]


def _make(number: str, name: str) -> dict:
    word = WORDS[number]
    municipality = MunicipalityFactory(number=number, name=name)
    Municipality.objects.filter(pk=municipality.pk).update(hostname=HOSTS[number])
    area = Area.objects.create(municipality=municipality, name=f"{word}bygda", slug=word.lower())
    unit = UnitFactory(municipality=municipality, name=f"{word} frivilligsentral")
    contact = UserFactory(first_name=f"{word}kontakt", last_name="Hansen")
    UnitRoleFactory(
        unit=unit, user=contact, role=UnitRole.Role.VOLUNTEER_CONTACT, show_publicly=True
    )
    organisation = OrganisationFactory(
        municipality=municipality, name=f"{word} Sjakklubb", area=area
    )
    leader = OrganisationRoleFactory(
        organisation=organisation, role=OrganisationRole.Role.LEADER
    ).user
    event = activity_actions.create_event(
        leader,
        organisation,
        {"title": f"{word} Vaarkonsert", "venue_name": f"{word} grendehus", "area": area},
        activity_actions.Schedule(
            first_day=timezone.localdate() + dt.timedelta(days=3),
            start_time=dt.time(18),
            end_time=dt.time(20),
            rule="",
        ),
        age_groups=[AgeGroup.objects.get(code="children")],
    )
    building = Building.objects.create(
        municipality=municipality,
        unit=unit,
        area=area,
        name=f"{word} bydelshus",
        slug=f"{word.lower()}-bydelshus",
        kind="culture",
        address=f"{word}veien 1",
    )
    room = Room.objects.create(building=building, name=f"{word} storsal", kind="hall", capacity=80)
    AllocationRound.objects.create(
        municipality=municipality,
        name=f"{word} sesongtildeling",
        season_start=timezone.localdate() + dt.timedelta(days=60),
        season_end=timezone.localdate() + dt.timedelta(days=300),
        deadline=timezone.now() + dt.timedelta(days=20),
        status=AllocationRound.Status.OPEN,
    )
    scheme = GrantScheme.objects.create(
        municipality=municipality,
        unit=unit,
        name=f"{word}stotten",
        slug=f"{word.lower()}stotten",
        purpose="Aktivitet for barn og unge.",
        max_amount=50_000_00,
        published=True,
    )
    now = timezone.now()
    last_year = timezone.localdate().year - 1
    old_round = Round.objects.create(
        scheme=scheme,
        name=f"{word} runde {last_year}",
        year=last_year,
        opens_at=now - dt.timedelta(days=400),
        deadline=now - dt.timedelta(days=300),
        report_due=timezone.localdate() - dt.timedelta(days=30),
    )
    Round.objects.create(
        scheme=scheme,
        name=f"{word} runde",
        year=timezone.localdate().year,
        opens_at=now - dt.timedelta(days=5),
        deadline=now + dt.timedelta(days=30),
        report_due=timezone.localdate() + dt.timedelta(days=300),
    )
    application = Application.objects.create(
        scheme=scheme,
        round=old_round,
        organisation=organisation,
        title=f"{word} noter",
        org_name=organisation.name,
        org_number=organisation.org_number,
        amount_requested=10_000_00,
        submitted_at=now - dt.timedelta(days=350),
    )
    Decision.objects.create(
        application=application,
        outcome=Decision.Outcome.APPROVED,
        amount=10_000_00,
        purpose=f"{word} korpsnoter",
        justification="Godt tiltak.",
        appeal_deadline=timezone.localdate() - dt.timedelta(days=300),
    )
    assignment = Assignment.objects.create(
        organisation=organisation,
        area=area,
        title=f"{word} turvenn",
        description="Ga tur og prat.",
        people_needed=2,
        topics=["elderly"],
    )
    start = now + dt.timedelta(days=4)
    Shift.objects.create(
        assignment=assignment, starts_at=start, ends_at=start + dt.timedelta(hours=2), needed=2
    )
    plan = ActionPlan.objects.create(
        municipality=municipality,
        owner_unit=unit,
        title=f"{word} tiltaksplan",
        start_year=2020,
        end_year=2023,
    )
    focus_area = FocusArea.objects.create(plan=plan, number=1, title=f"{word} satsing")
    measure = Measure.objects.create(
        focus_area=focus_area,
        number=1,
        text=f"{word} frivilligportal",
        responsible_unit=unit,
        start_year=2020,
        end_year=2023,
    )
    owner = UnitRoleFactory(unit=unit, role=UnitRole.Role.PLAN_OWNER).user
    report, _created = plan_actions.generate_report(owner, plan, last_year)
    plan_actions.approve_report(owner, report)
    programme = Programme.objects.create(
        municipality=municipality,
        unit=unit,
        name=f"{word} talentprogram",
        slug=f"{word.lower()}-talent",
        summary="Fordypning.",
    )
    from dugnad.participation.models import Idea, Process

    today = timezone.localdate()
    process = Process.objects.create(
        municipality=municipality,
        unit=unit,
        title=f"{word} ungdomsprosess",
        summary="Ideer fra unge.",
        ideas_start=today - dt.timedelta(days=3),
        assessment_start=today + dt.timedelta(days=10),
        vote_start=today + dt.timedelta(days=20),
        vote_end=today + dt.timedelta(days=30),
        follow_up_start=today + dt.timedelta(days=40),
    )
    idea = Idea.objects.create(
        process=process, shown_name="Ung", title=f"{word} skatepark", text="En park.",
        category="sports", area=area,
    )  # fmt: skip
    page = InfoPage.objects.create(
        municipality=municipality,
        slug=f"om-{word.lower()}",
        title=f"Frivillighet i {word}",
        body="<p>Velkommen.</p>",
    )
    cs_offer = _culture_school_offer(municipality, word)
    initiative = Initiative.objects.create(
        municipality=municipality,
        slug=f"{word.lower()}-hack",
        title=f"{word}hack",
        aim="Kunst og teknologi.",
        lead_unit=unit,
        state=Initiative.State.RUNNING,
    )
    initiative.partner_organisations.add(organisation)
    initiative.events.add(event)
    story = Story.objects.create(
        municipality=municipality,
        title=f"{word} forteller",
        body="<p>En god historie.</p>",
        initiative=initiative,
        author_name="Demo",
        state=Story.State.PUBLISHED,
        published_at=now,
    )
    return {
        "cs_offer": cs_offer,
        "municipality": municipality,
        "word": word,
        "initiative": initiative,
        "story": story,
        "unit": unit,
        "organisation": organisation,
        "event": event,
        "occurrence": event.occurrences.get(),
        "room": room,
        "scheme": scheme,
        "assignment": assignment,
        "page": page,
        "plan": plan,
        "measure": measure,
        "report": report,
        "programme": programme,
        "process": process,
        "idea": idea,
    }


def _culture_school_offer(municipality, word):
    from dugnad.culture_school.models import FeePlan, Offer, School, SchoolYear, Subject

    # The municipality's one unit runs the school too (the staff test expects a single unit).
    unit = municipality.units.get()
    school = School.objects.create(municipality=municipality, unit=unit, name=f"{word} kulturskole")
    today = timezone.localdate()
    year = SchoolYear.objects.create(
        school=school,
        name=f"{today.year}/{today.year + 1}",
        starts_on=today - dt.timedelta(days=30),
        ends_on=today + dt.timedelta(days=300),
    )
    subject = Subject.objects.create(school=school, name=f"{word} fiolin", area="music")
    plan = FeePlan.objects.create(school=school, name="Gruppe", semester_fee_ore=100000)
    return Offer.objects.create(
        school_year=year, subject=subject, programme="broad", teaching="group", minutes=45,
        min_age=6, max_age=12, places=10, fee_plan=plan, venue=f"{word} skole",
    )  # fmt: skip


@pytest.fixture
def two(settings):
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, *HOSTS.values()]
    settings.DUGNAD_MUNICIPALITY_NUMBER = "3218"
    # Pages are cached for anonymous visitors: a page cached under one host must not be served
    # under the other.
    settings.PUBLIC_PAGE_CACHE_SECONDS = 300
    return {"3218": _make("3218", "Ås"), "3207": _make("3207", "Nordre Follo")}


def _get(client, path: str, number: str, **extra):
    return client.get(path, HTTP_HOST=HOSTS[number], **extra)


def _text(response) -> str:
    body = b"".join(response.streaming_content) if response.streaming else response.content
    # iCal folds long lines ("\r\n "): unfold, so a folded name is still found.
    return body.decode("utf-8", errors="replace").replace("\r\n ", "")


def _other(number: str) -> str:
    return next(other for other in HOSTS if other != number)


def test_every_parametrised_page_is_checked_or_declared_not_public():
    named = {name for _route, name, has_params in _public_patterns() if has_params}
    unknown = named - set(DETAIL_PAGES) - NOT_PUBLIC
    assert not unknown, f"add these URL names to DETAIL_PAGES or NOT_PUBLIC: {sorted(unknown)}"
    assert not (set(DETAIL_PAGES) | NOT_PUBLIC) - named, "names that no longer exist"


def test_no_public_page_or_feed_shows_the_other_municipalitys_data(client, two):
    checked = 0
    for number in ("3218", "3207", "3218"):  # back to the first: now from the page cache
        word, other = WORDS[number], WORDS[_other(number)]
        for route, name, has_params in _public_patterns():
            if has_params:
                continue
            path = "/" + route.replace("^", "").replace("$", "")
            response = _get(client, path, number)
            if response.status_code != 200:
                continue  # a login page, a redirect or a form that needs input
            body = _text(response)
            assert other not in body, f"{name} under {HOSTS[number]} shows {other}'s data"
            if name in LISTS_WITH_OWN_DATA:
                assert word in body, f"{name} under {HOSTS[number]} does not show {word}'s data"
            checked += 1
    assert checked >= 3 * len(LISTS_WITH_OWN_DATA)


def test_the_widget_shows_only_the_own_municipalitys_organisers(client, two):
    for number in HOSTS:
        own, other = two[number], two[_other(number)]
        path = reverse("activities:widget")
        mine = _get(client, path, number, data={"organisation": own["organisation"].slug})
        assert mine.status_code == 200 and own["event"].title in _text(mine)
        theirs = _get(client, path, number, data={"organisation": other["organisation"].slug})
        assert theirs.status_code == 400 and other["word"] not in _text(theirs)


def test_detail_pages_answer_only_under_their_own_host(client, two):
    for number in HOSTS:
        own, other = two[number], two[_other(number)]
        for name, kwargs in DETAIL_PAGES.items():
            mine = _get(client, reverse(name, kwargs=kwargs(own)), number)
            assert mine.status_code == 200, name
            assert own["word"] in _text(mine) and other["word"] not in _text(mine), name
            theirs = _get(client, reverse(name, kwargs=kwargs(other)), number)
            assert theirs.status_code == 404, f"{name} of {other['word']} under {HOSTS[number]}"


def _api_lists(client) -> list[str]:
    """Paths of the API's GET operations that need neither a login nor a path parameter."""
    document = client.get("/api/v1/openapi.json", HTTP_HOST=HOSTS["3218"]).json()
    return [
        path
        for path, operations in document["paths"].items()
        if "get" in operations and "{" not in path and not operations["get"].get("security")
    ]


def test_no_api_list_shows_the_other_municipalitys_data(client, two):
    paths = _api_lists(client)
    assert {"/api/v1/events", "/api/v1/organisations", "/api/v1/premises/rooms"} <= set(paths)
    for number in ("3218", "3207", "3218"):
        word, other = WORDS[number], WORDS[_other(number)]
        shown = ""
        for path in paths:
            response = _get(client, path, number)
            assert response.status_code == 200, path
            body = json.dumps(response.json(), ensure_ascii=False)
            assert other not in body, f"{path} under {HOSTS[number]} shows {other}'s data"
            shown += body
        assert word in shown


def test_api_details_answer_only_under_their_own_host(client, two):
    for number in HOSTS:
        own, other = two[number], two[_other(number)]
        start = timezone.now()
        week = {"start": start.isoformat(), "end": (start + dt.timedelta(days=7)).isoformat()}
        for path, own_id, other_id, extra in (
            ("/api/v1/events/{}", own["event"].pk, other["event"].pk, {}),
            ("/api/v1/organisations/{}", own["organisation"].pk, other["organisation"].pk, {}),
            ("/api/v1/premises/rooms/{}/availability", own["room"].pk, other["room"].pk, week),
            ("/api/v1/talent/programmes/{}", own["programme"].pk, other["programme"].pk, {}),
        ):
            assert _get(client, path.format(own_id), number, data=extra).status_code == 200
            assert _get(client, path.format(other_id), number, data=extra).status_code == 404
