"""core.prepared: a query compiled once gives the rows its queryset gives, for any values."""

from datetime import timedelta

import pytest
from django.db.models import Count, Q
from django.db.models.sql.compiler import SQLCompiler
from django.utils import timezone

from dugnad.core.models import AgeGroup, Area
from dugnad.core.prepared import Prepared, sample_datetime, sample_int, sample_str
from tests.factories import AreaFactory, MunicipalityFactory

pytestmark = pytest.mark.django_db


def _areas(municipality_id, slug):
    return Area.objects.filter(municipality_id=municipality_id).exclude(slug=slug).order_by("name")


def test_rows_are_the_querysets_own_for_every_shape_and_value():
    first, second = MunicipalityFactory(), MunicipalityFactory(number="3220", name="Enebakk")
    for municipality, names in ((first, ["Nord", "Sør", "Vest"]), (second, ["Øst"])):
        for name in names:
            AreaFactory(municipality=municipality, name=name, slug=name.lower())
    shapes = {
        "dict": lambda pk, slug: _areas(pk, slug).values("name", "slug"),
        "tuple": lambda pk, slug: _areas(pk, slug).values_list("name", "municipality_id"),
        "flat": lambda pk, slug: _areas(pk, slug).values_list("slug", flat=True),
    }
    for build in shapes.values():
        prepared = Prepared(build, sample_int(1), sample_str(2))
        for municipality in (first, second):
            for slug in ("sør", "x"):
                assert prepared(municipality.pk, slug) == list(build(municipality.pk, slug))


def test_datetimes_and_annotations_are_converted_as_the_orm_does():
    now = timezone.now()
    build = lambda since: (  # noqa: E731
        AgeGroup.objects.annotate(n=Count("events", filter=Q(events__created_at__gte=since)))
        .order_by("position")
        .values("code", "n")
    )
    prepared = Prepared(build, sample_datetime(1))
    for since in (now - timedelta(days=1), now + timedelta(days=1)):
        assert prepared(since) == list(build(since))


def test_the_sql_is_compiled_once(monkeypatch):
    prepared = Prepared(lambda slug: Area.objects.filter(slug=slug).values("pk"), sample_str(1))
    prepared("a")
    compiled = []
    original = SQLCompiler.as_sql
    monkeypatch.setattr(
        SQLCompiler, "as_sql", lambda self, *a, **k: compiled.append(1) or original(self, *a, **k)
    )
    prepared("b"), prepared("c")
    assert compiled == []


def test_a_value_that_does_not_reach_the_sql_as_it_is_is_refused():
    # A sample turned into something else (here a pattern) cannot be swapped for a value.
    prepared = Prepared(lambda text: Area.objects.filter(name__contains=text).values("pk"), "x")
    with pytest.raises(ValueError, match="Not every sample"):
        prepared("y")


def test_joined_builds_what_select_related_gives_with_empty_joins_as_none():
    from dugnad.core.models import Municipality, Unit
    from dugnad.core.prepared import Joined
    from tests.factories import UnitFactory

    top = UnitFactory(name="Kultur", description="Lang tekst")
    child = UnitFactory(name="Kulturskolen", parent=top, municipality=top.municipality)
    joined = Joined(
        Unit, ("description",), parent=(Unit, ()), parent__municipality=(Municipality, ())
    )
    prepared = Prepared(
        lambda pk: Unit.objects.filter(pk=pk).values_list(*joined.fields()), sample_int(1)
    )
    for unit in (child, top):
        built = joined.build(prepared(unit.pk)[0])
        expected = Unit.objects.select_related("parent__municipality").get(pk=unit.pk)
        assert (built.pk, built.name, built.parent_id) == (
            expected.pk,
            expected.name,
            unit.parent_id,
        )
        assert built.get_deferred_fields() == {"description"}
        if unit.parent_id:
            assert Unit.parent.is_cached(built) and built.parent.name == "Kultur"
            assert Unit.municipality.is_cached(built.parent)
            assert built.parent.municipality.name == top.municipality.name
        else:
            assert built.parent is None


def test_in_ids_matches_what_in_gives_for_lists_of_every_length():
    from django.db.models import F

    from dugnad.core.prepared import InIds, sample_ids

    municipality = MunicipalityFactory()
    areas = [
        AreaFactory(municipality=municipality, name=f"Del {n}", slug=f"del-{n}") for n in range(30)
    ]
    keys = [area.pk for area in areas]
    prepared = Prepared(
        lambda ids: (
            Area.objects.filter(InIds(F("pk"), ids)).order_by("pk").values_list("pk", flat=True)
        ),
        sample_ids(1),
    )
    for ids in ([], keys[:1], keys[3:20:2], keys, [*keys, 10**12], [keys[0]] * 3):
        expected = list(Area.objects.filter(pk__in=ids).order_by("pk").values_list("pk", flat=True))
        assert prepared(ids) == expected
        ormed = Area.objects.filter(InIds(F("pk"), ids)).order_by("pk").values_list("pk", flat=True)
        assert list(ormed) == expected


def test_in_ids_sends_one_parameter_and_one_statement_for_every_length(
    django_assert_num_queries,
):
    from django.db import connection
    from django.db.models import F

    from dugnad.core.prepared import InIds

    area = AreaFactory()
    sent = []

    def record(execute, sql, params, many, context):
        sent.append((sql, len(params)))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record):
        for ids in ([area.pk], [area.pk, 5, 6, 7], list(range(1, 600))):
            assert len(list(Area.objects.filter(InIds(F("pk"), ids)).values("pk"))) == 1
    # The same statement, with one parameter, for 1, 4 and 599 ids.
    assert len(sent) == 3 and len(set(sent)) == 1, sent
    assert sent[0][1] == 1
    with django_assert_num_queries(0):
        assert list(Area.objects.filter(InIds(F("pk"), []))) == []


@pytest.mark.parametrize("bad", ["1) OR 1=1 --", "1,2", "7", 1.5, "abc"])
def test_in_ids_takes_whole_numbers_only(bad):
    from django.db.models import F

    from dugnad.core.prepared import InIds

    with pytest.raises((ValueError, TypeError)):
        list(Area.objects.filter(InIds(F("pk"), [1, bad])))


def test_prepared_shapes_makes_each_shape_once_and_keeps_no_more_than_its_limit():
    from dugnad.core.prepared import PreparedShapes

    AreaFactory(slug="nord")
    made = []

    def make(field):
        made.append(field)
        return Prepared(lambda: Area.objects.order_by("pk").values_list(field, flat=True))

    shapes = PreparedShapes(make, limit=2)
    assert shapes.get("slug")() == ["nord"]
    assert shapes.get("slug")() == ["nord"] and made == ["slug"]
    assert shapes.get("name") is not None
    assert shapes.get("municipality_id") is None  # past the limit: the caller's queryset
    assert len(shapes) == 2 and made == ["slug", "name"]
