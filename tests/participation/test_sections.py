"""The kernel's sections: My page, the home page, the staff work queue and the key figures."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from dugnad.core.figures import KeyFigure
from dugnad.core.plugins import home_sections, my_page_sections, work_queue
from dugnad.participation import actions
from dugnad.participation.figures import key_figures
from dugnad.participation.models import Phase

from .conftest import move_to, participant, propose

pytestmark = pytest.mark.django_db


def test_my_page_shows_ideas_supports_and_hidden_reason(client, process, sara, ali, staff):
    idea = propose(sara, process)
    actions.support(ali, idea, participant(ali, process.municipality))
    actions.hide(staff, idea, "Et annet navn står i teksten.")
    assert "participation/my_page.html" in [t for t, _c in my_page_sections(sara)]
    client.force_login(sara)
    page = client.get(reverse("accounts:dashboard")).content.decode()
    assert "Psykisk helse-kveld" in page and "Et annet navn står i teksten." in page
    client.force_login(ali)
    assert "Psykisk helse-kveld" in client.get(reverse("accounts:dashboard")).content.decode()


def test_home_section_shows_a_running_process(client, process, municipality):
    templates = [t for t, _c in home_sections(municipality)]
    assert "participation/home_section.html" in templates
    assert process.title in client.get("/").content.decode()
    move_to(process, Phase.FOLLOW_UP)
    assert "participation/home_section.html" not in [t for t, _c in home_sections(municipality)]


def test_work_queue_for_moderators_and_staff(process, sara, staff, youth_moderator,
                                             other_staff, municipality):  # fmt: skip
    propose(sara, process, text="faen, dette er kjedelig")
    propose(sara, process, title="Ubesvart")
    move_to(process, Phase.VOTE)  # the vote has started with an idea unanswered: urgent
    by_label = {str(i.label): i for _c, items in work_queue(staff, municipality) for i in items}
    assert by_label["Ideas and comments to moderate"].count == 1
    assert by_label["Ideas to answer before the vote"].count == 1
    assert by_label["Ideas to answer before the vote"].urgent
    youth = [str(i.label) for _c, items in work_queue(youth_moderator, municipality) for i in items]
    assert youth == ["Ideas and comments to moderate"]
    assert work_queue(other_staff, municipality) == []
    assert work_queue(sara, municipality) == []


def test_key_figures(process, sara, ali, staff, municipality):
    idea = propose(sara, process)
    actions.support(ali, idea, participant(ali, municipality))
    today = timezone.localdate()
    figures = {f.key: f for f in key_figures(municipality, today - dt.timedelta(days=365),
                                             today + dt.timedelta(days=1))}  # fmt: skip
    assert all(isinstance(f, KeyFigure) for f in figures.values())
    assert figures["participation.processes"].value == 1
    assert figures["participation.ideas"].value == 1
    assert figures["participation.young_people"].value == 2
    assert figures["participation.votes"].value == 0
