"""Rich text from users is sanitised with nh3 before it is stored and again never trusted.

Only rich text passes through here; plain text is stored as typed (see `core.text.plain_text`)."""

import html

import nh3

ALLOWED_TAGS = {
    "p", "br", "strong", "em", "b", "i", "u", "a", "ul", "ol", "li",
    "h2", "h3", "h4", "blockquote",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}


def sanitise(html: str) -> str:
    return nh3.clean(
        html or "",
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto", "tel"},
        link_rel="noopener noreferrer nofollow",
    ).strip()


def text_of(rich: str) -> str:
    """The words of a rich text, without tags or entities (for search, not for storage)."""
    return html.unescape(nh3.clean(rich or "", tags=set())).strip()
