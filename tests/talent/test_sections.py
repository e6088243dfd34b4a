"""Min side and the staff work queue."""

import pytest

from dugnad.talent import queries

from .conftest import completed, nomination_data

pytestmark = pytest.mark.django_db


def test_my_page_for_guardian_teacher_and_panel(time, call, teacher, guardian, panelist, pupil):
    from dugnad.talent import actions

    actions.nominate(teacher, call, nomination_data(call))
    assert [n.pupil_name for n in queries.my_page(guardian)["nominations"]] == ["Ella Elev"]
    assert [n.pupil_name for n in queries.my_page(teacher)["nominations"]] == ["Ella Elev"]
    assert queries.my_page(panelist)["panels"] == [call]
    from tests.factories import UserFactory

    assert queries.my_page(UserFactory()) is None


def test_work_queue_for_admin_and_coordinators(
    time, call, teacher, guardian, admin, follo_coordinator, romerike_coordinator, municipality
):
    from dugnad.talent import actions

    completed(call, teacher, guardian)
    actions.nominate(teacher, call, nomination_data(call, pupil_name="Per"))
    [admin_item] = queries.work_queue(admin, municipality)
    assert admin_item.count == 1 and "/rangering/" in admin_item.url
    [follo_item] = queries.work_queue(follo_coordinator, municipality)
    assert follo_item.count == 1 and "status=incomplete" in follo_item.url
    assert queries.work_queue(romerike_coordinator, municipality) == []
    assert queries.work_queue(teacher, municipality) == []
