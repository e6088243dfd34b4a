"""Work-arounds for two bugs in the shared tests/factories.py, applied only when needed:
python-stdnum has no `orgnr.calc_check_digit` (valid_org_number then loops forever), and
Faker calls Norwegian "no_NO", not "nb_NO"."""

import factory
import faker
from stdnum.no import orgnr

if not hasattr(orgnr, "calc_check_digit"):

    def _calc_check_digit(body: str) -> str:
        weights = (3, 2, 7, 6, 5, 4, 3, 2)
        check = (11 - sum(w * int(d) for w, d in zip(weights, body, strict=True)) % 11) % 11
        if check == 10:
            raise ValueError("no check digit")
        return str(check)

    orgnr.calc_check_digit = _calc_check_digit

if "nb_NO" not in faker.config.AVAILABLE_LOCALES:
    factory.Faker._FAKER_REGISTRY.setdefault("nb_NO", faker.Faker("no_NO"))
