"""core.models.choice_label: a choice's name in the active language, as get_FOO_display gives."""

from django.utils import translation

from dugnad.core.models import AgeGroup, AgeGroupChoice, choice_label
from dugnad.organisations.models import Category, Organisation


def test_a_choice_is_named_in_the_active_language_and_an_unknown_value_as_it_is():
    with translation.override("nb"):
        norwegian = choice_label(AgeGroupChoice, "children")
    with translation.override("en"):
        english = choice_label(AgeGroupChoice, "children")

    assert english == "Children" and norwegian != english
    assert choice_label(AgeGroupChoice, "not-a-group") == "not-a-group"


def test_the_models_names_are_djangos_own():
    with translation.override("nb"):
        for value, label in Category.choices:
            assert Organisation(category=value).get_category_display() == str(label)
        for value, label in AgeGroupChoice.choices:
            assert str(AgeGroup(code=value)) == str(label)
