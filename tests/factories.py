"""factory_boy factories shared by every app's tests."""

import random

import factory
from allauth.account.models import EmailAddress
from django.utils.text import slugify
from stdnum.no import orgnr

from dugnad.accounts.models import UnitRole, User
from dugnad.core.models import Area, Municipality, Unit
from dugnad.organisations.identifiers import org_number_check_digit
from dugnad.organisations.models import ActivityType, Organisation, OrganisationRole

TEST_PASSWORD = "korrekt-hest-batteri"


def valid_org_number(rng: random.Random | None = None) -> str:
    """A random nine-digit number with a valid MOD11 check digit (stdnum computes it)."""
    rng = rng or random
    while True:
        body = str(rng.randint(80000000, 99999999))
        digit = org_number_check_digit(body)
        if digit is not None and orgnr.is_valid(body + digit):
            return body + digit


class MunicipalityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Municipality
        django_get_or_create = ("number",)

    number = "3218"
    name = "Ås"


class AreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Area
        django_get_or_create = ("municipality", "slug")

    municipality = factory.SubFactory(MunicipalityFactory)
    name = factory.Sequence(lambda n: f"Område {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit
        django_get_or_create = ("municipality", "slug")

    municipality = factory.SubFactory(MunicipalityFactory)
    name = factory.Sequence(lambda n: f"Enhet {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@test.example")
    first_name = factory.Faker("first_name", locale="no_NO")
    last_name = factory.Faker("last_name", locale="no_NO")
    password = factory.PostGenerationMethodCall("set_password", TEST_PASSWORD)

    @factory.post_generation
    def verified(self, create, extracted, **kwargs):
        self.save()
        if create and extracted is not False:
            EmailAddress.objects.get_or_create(
                user=self, email=self.email, defaults={"verified": True, "primary": True}
            )


class UnitRoleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = UnitRole

    user = factory.SubFactory(UserFactory)
    unit = factory.SubFactory(UnitFactory)
    role = UnitRole.Role.VIEWER


class ActivityTypeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActivityType
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Aktivitet {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    category = "sports"


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    municipality = factory.SubFactory(MunicipalityFactory)
    name = factory.Sequence(lambda n: f"Testlaget {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    org_number = factory.LazyFunction(valid_org_number)
    status = Organisation.Status.APPROVED
    category = "sports"
    purpose = "Aktiviteter for alle i bygda."
    email = factory.LazyAttribute(lambda o: f"post@{o.slug}.example")
    search_document = factory.LazyAttribute(lambda o: f"{o.name} {o.purpose}")


class OrganisationRoleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OrganisationRole

    organisation = factory.SubFactory(OrganisationFactory)
    user = factory.SubFactory(UserFactory)
    role = OrganisationRole.Role.LEADER
