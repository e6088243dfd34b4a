from django import template
from django.utils.http import urlencode
from django.utils.safestring import mark_safe

from dugnad.core.richtext import sanitise

register = template.Library()


@register.simple_tag
def widget(bound_field):
    """Render a widget with aria-describedby for help and errors, and Designsystemet's class."""
    described = []
    if bound_field.help_text:
        described.append(f"{bound_field.auto_id}_helptext")
    if bound_field.errors:
        described.append(f"{bound_field.auto_id}_error")
    attrs = {"aria-describedby": " ".join(described)} if described else {}
    if "class" not in bound_field.field.widget.attrs:
        attrs["class"] = "ds-input"
    if bound_field.errors:
        attrs["aria-invalid"] = "true"
    return bound_field.as_widget(attrs=attrs)


@register.simple_tag(takes_context=True)
def query_with(context, **changes):
    """The current query string with some parameters replaced (for pagination and filters)."""
    params = context["request"].GET.copy()
    for key, value in changes.items():
        if value in (None, ""):
            params.pop(key, None)
        else:
            params[key] = value
    return "?" + urlencode(sorted(params.lists()), doseq=True) if params else "?"


@register.filter
def sanitised(html):
    """Rich text made safe to show: sanitised here too, so a body that reached the database by
    another way than the model's save (a bulk update, an old row) still shows no script."""
    return mark_safe(sanitise(str(html or "")))  # noqa: S308  (nh3 has just cleaned it)


@register.filter
def kroner(ore):
    """Show an amount in øre as kroner: 123450 -> '1 234,50 kr'."""
    if ore is None:
        return ""
    kr, rest = divmod(int(ore), 100)
    whole = f"{kr:,}".replace(",", "\u00a0")
    return f"{whole},{rest:02d}\u00a0kr" if rest else f"{whole}\u00a0kr"


_JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.filter
def jsonld(data):
    """A schema.org JSON-LD block, escaped so that no text can close the script element."""
    import json

    from django.core.serializers.json import DjangoJSONEncoder
    from django.utils.safestring import mark_safe

    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_JSON_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{text}</script>')  # noqa: S308
