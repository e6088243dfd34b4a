import io

import pytest

from dugnad.grants import demo
from dugnad.grants.models import Application, GrantScheme, StateKind
from tests.factories import OrganisationFactory


@pytest.mark.django_db
def test_demo_is_idempotent_and_covers_every_state(municipality):
    from tests.factories import UnitFactory

    UnitFactory(
        municipality=municipality,
        name="Kultur, idrett og frivillighet",
        slug="kultur-idrett-og-frivillighet",
    )
    OrganisationFactory.create_batch(3, municipality=municipality, is_demo=True)
    demo.load(io.StringIO())
    demo.load(io.StringIO())
    assert GrantScheme.objects.count() == 3
    kinds = set(Application.objects.exclude(state=None).values_list("state__kind", flat=True))
    assert kinds == set(StateKind.values)
    assert Application.objects.filter(state=None).exists()
    assert Application.objects.count() == 30
