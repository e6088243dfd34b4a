"""The calendar's list of dates, written in Python rather than by a template per row.

A calendar page lists up to 40 dates of about 16 values each. Through the template engine each
value is a variable lookup, a localisation check and an escape: the rows were about a third of
a calendar miss's CPU (issue 15). Here each value is escaped once and the markup, which is what
`activities/_occurrence_list.html` held, is written with f-strings. The items come from
`views._item_maker`, which has made every string the rows show.
"""

from django import template
from django.utils.html import conditional_escape as escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

register = template.Library()


def _row(item: dict, cancelled_tag: str) -> str:
    image = ""
    if item["image_url"]:
        image = (
            f'<img class="event-thumb" src="{escape(item["image_url"])}" '
            f'alt="{escape(item["image_alt"])}" loading="lazy" width="96" height="72">'
        )
    place = f"<span>{escape(item['place'])}</span>" if item["place"] else ""
    price_colour, price_text = item["price"]
    places = ""
    if item["places"]:
        colour, text = item["places"]
        places = f'<span class="ds-tag" data-color="{escape(colour)}">{escape(text)}</span>'
    summary = ""
    if item["summary"]:
        summary = f'<p class="ds-paragraph" data-size="sm">{escape(item["summary"])}</p>'
    return (
        f'<li class="event-item{" has-image" if image else ""}">{image}'
        f'<div class="event-text">'
        f'<a class="ds-link" href="{escape(item["url"])}">{escape(item["title"])}</a> '
        f"<span>{escape(item['start_time'])}–{escape(item['end_time'])}</span> {place} "
        f"<span>{escape(item['organiser'])}</span> "
        f"{cancelled_tag if item['cancelled'] else ''}"
        f'<span class="ds-tag" data-color="{escape(price_colour)}">{escape(price_text)}</span> '
        f"{places}{summary}</div></li>\n"
    )


@register.simple_tag
def event_list(items) -> SafeString:
    """A day's dates as the calendar's list (`<ul class="event-list">`)."""
    cancelled_tag = (
        f'<span class="ds-tag" data-color="danger">{escape(gettext("Cancelled"))}</span> '
    )
    rows = "".join(_row(item, cancelled_tag) for item in items)
    return mark_safe(f'<ul class="ds-list event-list">\n{rows}</ul>')  # noqa: S308  (escaped)
