"""Pages of a list for Django's Paginator, without a COUNT when the first page is all there is.

A public list (the calendar, the directory) is mostly read at its first page, and a search or a
narrow filter mostly finds fewer rows than fit on a page. Paginator asks for the count before
it reads the page, so every such page ran the filter twice: once to count, once to read.
`page_of` reads the first page before the paginator asks: when it comes back short, the count
is its length and no COUNT query runs; otherwise the paginator counts as usual and serves the
first page from what was read.
"""

from collections.abc import Callable

from django.conf import settings
from django.core.paginator import Page, Paginator


class HeadFirstRows:
    """A list for a paginator, read a slice at a time through `read`, that can read its first
    page early. `queryset` is an ordered queryset, or anything that counts and slices like one
    (activities.queries.DateSelection); `read` turns a slice of it into the rows (`list` by
    default)."""

    def __init__(self, queryset, read: Callable = list):
        self.queryset = queryset
        self.read = read
        self._head = None
        self._complete = False

    @property
    def ordered(self) -> bool:
        """The queryset's own: Paginator warns of an unordered one, whose pages may overlap."""
        return self.queryset.ordered

    def read_head(self, size: int) -> None:
        """Read the first `size` rows now: when they are all there is, the count is known."""
        self._head = self.read(self.queryset[:size])
        self._complete = len(self._head) < size

    def count(self) -> int:
        if self._complete:
            return len(self._head)
        return self.queryset.count()

    def __getitem__(self, index):
        head = self._head
        if (
            head is not None
            and isinstance(index, slice)
            and not index.start
            and index.step is None
            and index.stop is not None
            and (index.stop <= len(head) or self._complete)
        ):
            return head[index]
        return self.read(self.queryset[index])


def page_of(rows, number, per_page: int | None = None) -> Page:
    """Paginator(rows, per_page).get_page(number), with the first page read first (above).

    `rows` is a HeadFirstRows or an ordered queryset; `number` the page asked for, as the query
    string gives it (invalid or missing: the first page; past the end: the last one), and
    `per_page` DUGNAD_PAGE_SIZE unless told. The page's object_list is a list."""
    if not isinstance(rows, HeadFirstRows):
        rows = HeadFirstRows(rows)
    per_page = per_page or settings.DUGNAD_PAGE_SIZE
    if number in (None, "", "1", 1):
        rows.read_head(per_page)
    return Paginator(rows, per_page).get_page(number)
