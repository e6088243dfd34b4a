"""core.api.MappedRows: a page that comes back short gives the count without a COUNT query."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from dugnad.core.api import MappedRows
from dugnad.core.models import Area
from tests.factories import AreaFactory, MunicipalityFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def rows():
    municipality = MunicipalityFactory()
    for n in range(5):
        AreaFactory(municipality=municipality, name=f"Område {n}")
    return lambda **kw: MappedRows(
        Area.objects.filter(municipality=municipality).order_by("name"), lambda a: a.name, **kw
    )


@pytest.mark.parametrize("whole_page", [False, True])
@pytest.mark.parametrize(
    ("start", "stop", "counts"), [(0, 10, 0), (3, 10, 0), (0, 5, 1), (0, 2, 1), (10, 20, 1)]
)
def test_the_count_is_the_rows_and_is_counted_only_when_a_page_does_not_tell(
    rows, whole_page, start, stop, counts
):
    mapped = rows(whole_page=whole_page)
    if whole_page:
        mapped.convert = lambda page: [area.name for area in page]
    page = mapped[start:stop]
    assert page == [f"Område {n}" for n in range(5)][start:stop]
    with CaptureQueriesContext(connection) as queries:
        assert mapped.count() == 5
    assert len(queries) == counts
