"""Two municipalities served by one deployment, each at its own host name, for tests that check
that a page under one host never finds the other municipality's objects."""

from dugnad.core.models import Municipality
from tests.factories import MunicipalityFactory

HOME_HOST = "as.test"
OTHER_HOST = "follo.test"


def serve_two_municipalities(settings) -> tuple[Municipality, Municipality]:
    """(home, other): Ås (the deployment's default) at as.test, Nordre Follo at follo.test."""
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, HOME_HOST, OTHER_HOST]
    settings.DUGNAD_MUNICIPALITY_NUMBER = "3218"
    home = MunicipalityFactory(number="3218", name="Ås")
    other = MunicipalityFactory(number="3207", name="Nordre Follo")
    for municipality, host in ((home, HOME_HOST), (other, OTHER_HOST)):
        Municipality.objects.filter(pk=municipality.pk).update(hostname=host)
        municipality.hostname = host
    return home, other
