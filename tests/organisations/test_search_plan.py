import pytest
from django.db import connection

from dugnad.organisations.models import Organisation
from dugnad.organisations.search import apply_search
from tests.factories import OrganisationFactory


@pytest.mark.postgres_only
@pytest.mark.django_db
def test_directory_search_is_served_by_the_gin_indexes(municipality):
    for name in ["Ås Fotballklubb", "Nordby Sjakk", "Kroer Kor"]:
        OrganisationFactory(municipality=municipality, name=name, search_document=name)
    with connection.cursor() as cursor:
        # The tables are tiny; make the planner show which indexes the query can use.
        cursor.execute("SET LOCAL enable_seqscan = off")
    plan = apply_search(Organisation.objects.all(), "fotball").explain()
    assert "organisation_vector_gin" in plan
    assert "organisation_name_trgm" in plan
    assert [o.name for o in apply_search(Organisation.objects.public(), "fotball")] == [
        "Ås Fotballklubb"
    ]
