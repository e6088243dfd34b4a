"""The age groups come from AgeGroupChoice with no query; the table must hold the same rows."""

from django.contrib import admin

from dugnad.core import queries
from dugnad.core.models import AgeGroup, AgeGroupChoice


def test_the_table_holds_the_choices_in_their_order(db):
    stored = list(AgeGroup.objects.order_by("position").values_list("code", "position"))
    assert stored == [(code, position) for position, code in enumerate(AgeGroupChoice.values)]


def test_age_groups_are_the_stored_rows_without_a_query(db, django_assert_num_queries):
    with django_assert_num_queries(0):
        groups = queries.age_groups()
    assert [(g.code, g.position) for g in groups] == list(
        AgeGroup.objects.order_by("position").values_list("code", "position")
    )
    # They behave as rows read from the database.
    assert groups == list(AgeGroup.objects.all())
    assert not groups[0]._state.adding
    assert [str(g) for g in groups] == [str(label) for label in AgeGroupChoice.labels]


def test_no_admin_page_edits_the_age_groups():
    # The rows are made from the choices: a group added or renamed in the table alone would be
    # out of step with them, so nothing but a migration may write it.
    assert AgeGroup not in admin.site._registry
