from html.parser import HTMLParser

from django import forms

from dugnad.core.widgets import LongSelect


class Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, sorted(attrs)))

    def handle_data(self, data):
        if data.strip():
            self.found.append(("text", data.strip()))


def parsed(html: str) -> list:
    tags = Tags()
    tags.feed(html)
    return tags.found


def test_long_select_renders_what_djangos_select_renders():
    choices = [("", "Alle"), ("as-il", "Ås IL"), ("nmbu", "NMBU & <venner>"), ("kor", 'Kor "Ås"')]
    attrs = {"id": "id_organisation", "class": "ds-input", "aria-describedby": "hint"}
    ours = LongSelect(choices=choices).render("organisation", "nmbu", attrs)
    theirs = forms.Select(choices=choices).render("organisation", "nmbu", attrs)
    assert parsed(ours) == parsed(theirs)
    assert "&lt;venner&gt;" in ours  # labels are escaped
    assert ours.count("selected") == 1
