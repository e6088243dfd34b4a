"""The directory's list of organisations, written in Python rather than by a template per value.

Through the template engine each of a row's dozen values is a variable lookup, a method call
(`get_category_display`), a filter and an escape; the rows were the larger part of the directory
search's template time on a miss (issue 15). Here each value is escaped once and the markup,
which `organisations/list.html` held, is written with f-strings. The rows come from
`queries.directory_page`, which has set each row's `url`, `logo_url`, `area_name` and
`activity_names`.
"""

from django import template
from django.utils.html import conditional_escape as escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext

from dugnad.organisations.models import Organisation

register = template.Library()

PURPOSE_LENGTH = 200  # characters of the purpose a row shows, as truncatechars:200 did


def _row(organisation, in_register: str, activities_label: str) -> str:
    logo = ""
    if organisation.logo_url:
        logo = (
            f'<img class="logo-thumb" src="{escape(organisation.logo_url)}" '
            f'alt="{escape(organisation.logo_alt)}" width="64" height="64" loading="lazy">'
        )
    meta = escape(organisation.get_category_display())
    if organisation.area_name:
        meta += f" · {escape(organisation.area_name)}"
    if organisation.in_voluntary_register:
        meta += f" · {in_register}"
    purpose = ""
    if organisation.purpose:
        short = Truncator(organisation.purpose).chars(PURPOSE_LENGTH)
        purpose = f'<p class="ds-paragraph">{escape(short)}</p>'
    tags = ""
    if organisation.activity_names:
        items = "".join(
            f'<li class="ds-tag" data-color="neutral">{escape(name)}</li>'
            for name in organisation.activity_names
        )
        tags = f'<ul class="tags" aria-label="{activities_label}">{items}</ul>'
    status = ""
    if organisation.register_status != Organisation.RegisterStatus.ACTIVE:
        shown = escape(organisation.get_register_status_display())
        status = (
            f'<p class="ds-paragraph"><span class="ds-tag" data-color="warning">{shown}</span></p>'
        )
    return (
        f'<li class="organisation-row">{logo}<div>'
        f'<h3 class="ds-heading" data-size="xs">'
        f'<a class="ds-link" href="{escape(organisation.url)}">{escape(organisation.name)}</a></h3>'
        f'<p class="meta">{meta}</p>{purpose}{tags}{status}</div></li>\n'
    )


@register.simple_tag
def organisation_list(organisations) -> SafeString:
    """The page's organisations as the directory's list (`<ul class="card-list">`)."""
    in_register = escape(gettext("In the Register of Non-Profit Organisations"))
    activities_label = escape(gettext("Activities"))
    if not organisations:
        empty = escape(gettext("No organisations match. Try fewer filters or another word."))
        rows = f'<li><p class="ds-paragraph">{empty}</p></li>'
    else:
        rows = "".join(_row(row, in_register, activities_label) for row in organisations)
    return mark_safe(f'<ul class="card-list">\n{rows}</ul>')  # noqa: S308  (escaped)
