"""Rich text from users is sanitised with nh3 before it is stored and again never trusted."""

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


def plain(text: str) -> str:
    """Strip every tag from a plain text field (names, titles)."""
    return nh3.clean(text or "", tags=set()).strip()
