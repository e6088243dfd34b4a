from django import template

from dugnad.core.figures import table_unit
from dugnad.plans.charts import format_value

register = template.Library()


@register.filter
def figure_value(value, unit):
    """A key figure's value as text: kroner for øre, per cent, hours, days or a count."""
    return format_value(value, unit)


@register.filter
def report_text(texts, key):
    """The staff-written text of a report's section (texts is {key: text})."""
    return (texts or {}).get(key, "")


@register.filter
def table_value(value, unit):
    """A value in a figure's table (counts, when the figure itself is a share or a duration)."""
    return format_value(value, table_unit(unit))
