"""The app contract: what each feature app tells the kernel, and how the kernel reads it.

A feature app's `AppConfig` subclasses `DugnadAppConfig` and fills in the attributes below. The
kernel iterates the installed apps (`dugnad_apps()`); it never names one. Adding an app is its
folder and one line in `INSTALLED_APPS`.

Dotted paths (strings) rather than objects keep `apps.py` free of imports, so that an app can be
configured before its models are loaded.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache

from django.apps import AppConfig, apps
from django.utils.module_loading import import_string


@dataclass(frozen=True)
class NavEntry:
    """A main-navigation link: shown when its URL name resolves; `order` sorts the menu."""

    url_name: str
    label: str
    order: int = 100


@dataclass(frozen=True)
class QueueItem:
    """One line of a staff member's work queue: what waits, how many, and where to do it.

    `urgent` marks what is overdue (a deadline passed, a request past its date)."""

    label: str
    count: int
    url: str
    urgent: bool = False


@dataclass(frozen=True)
class SearchHit:
    """One result of the site search: what it is called, where it is, a line about it."""

    title: str
    url: str
    summary: str = ""


@dataclass(frozen=True)
class SearchGroup:
    """One app's results for the site search, under a heading of their kind. `more_url` is the
    app's own list filtered by the same words, for when there are more than the page shows."""

    label: str
    hits: tuple[SearchHit, ...]
    more_url: str | None = None


class DugnadAppConfig(AppConfig):
    # Main navigation entries of this app.
    navigation: tuple[NavEntry, ...] = ()
    # Page-cache topics. Every model of the app that shows on a public page belongs to
    # `cache_topic` (default: the app label), unless `model_topics` moves it to another topic
    # ({"booking": "bookings"}) or `private_models` says it never shows on a public page.
    cache_topic: str | None = None
    public_cache: bool = False
    model_topics: dict[str, str] = {}
    private_models: tuple[str, ...] = ()
    # Demo data: "dugnad.x.demo.load", run in ascending `demo_order` by `load_demo`.
    demo_loader: str | None = None
    demo_order: int = 100
    # API: ((prefix, "dugnad.x.api.router"), ...) mounted under /api/v1/.
    api_routers: tuple[tuple[str, str], ...] = ()
    # Access: "dugnad.x.access.grants", a function(user_id) -> a list of one or more querysets
    # made with core.access.grant_rows, each filtered by `user_id=user_id`; core reads every
    # app's in one UNION ALL query, compiled once per process from a stand-in id, so a source
    # builds its querysets from the id alone.
    role_source: str | None = None
    # A person's data: "dugnad.x.privacy" module path; see core.privacy for the protocol.
    personal_data: str | None = None
    # "My page": "dugnad.x.queries.my_page", a function(user) -> dict, the context of the app's
    # section template "<label>/my_page.html" on a person's own page (None: nothing to show).
    my_page: str | None = None
    # Views that show personal data, for the access log: {"app:url_name": "dugnad.x.privacy.fn"},
    # fn(request, **view_kwargs) -> core.privacy.Shown | None; see core.privacy.
    personal_data_views: dict[str, str] = {}
    # The home page: "dugnad.x.queries.home_section", a function(municipality) -> dict, the
    # context of the app's template "<label>/home_section.html" on the home page (None: nothing
    # to show). A context may hold "feed_links": [(title, url, mime type)], which the home page
    # puts in its <head> as <link rel="alternate">. `home_topics` names the page-cache topics
    # the section reads, so that the cached home page changes when they do.
    home_section: str | None = None
    home_order: int = 100
    home_topics: tuple[str, ...] = ()
    # The site search: "dugnad.x.queries.site_search", a function(municipality, text, limit) ->
    # SearchGroup | None, the app's public rows matching `text` (accent- and case-insensitive:
    # core.text.fold), at most `limit` of them. The search page shows the groups in
    # `search_order` and never names an app.
    site_search: str | None = None
    search_order: int = 100
    # An organisation's public page: "dugnad.x.queries.organisation_section", a function
    # (organisation) -> dict | None, the context of the app's template
    # "<label>/organisation_section.html" (the organisation's events, its assignments).
    # `organisation_topics` names the page-cache topics the section reads.
    organisation_section: str | None = None
    organisation_order: int = 100
    organisation_topics: tuple[str, ...] = ()
    # Staff work queues: "dugnad.x.queries.work_queue", a function(user, municipality) ->
    # list[QueueItem] (empty when the person has nothing to do here, or no role for it); the
    # staff start page shows every app's items with their counts.
    work_queue: str | None = None
    # Key figures for the annual report: "dugnad.x.figures.key_figures", a function
    # (municipality, start: date, end: date) -> list[core.figures.KeyFigure] for the period
    # [start, end). The plans app assembles them and never names an app.
    key_figures: str | None = None

    @property
    def has_urls(self) -> bool:
        from importlib.util import find_spec

        return find_spec(f"{self.name}.urls") is not None

    def topic_for_model(self, model) -> str | None:
        """The page-cache topic that `model`'s changes invalidate, or None (not public)."""
        name = model._meta.model_name
        if name in self.private_models or model.__name__.startswith("Historical"):
            return None
        if name in self.model_topics:
            return self.model_topics[name]
        if self.public_cache:
            return self.cache_topic or self.label
        return None

    def cache_topics(self) -> set[str]:
        topics = set(self.model_topics.values())
        if self.public_cache:
            topics.add(self.cache_topic or self.label)
        return topics


def dugnad_apps() -> list[DugnadAppConfig]:
    """The installed apps that take part in the contract, in INSTALLED_APPS order."""
    return [config for config in apps.get_app_configs() if isinstance(config, DugnadAppConfig)]


def _load_all(paths: Iterable[str]) -> list:
    return [import_string(path) for path in paths]


@cache
def role_sources() -> list[Callable]:
    return _load_all(c.role_source for c in dugnad_apps() if c.role_source)


def navigation_entries() -> list[NavEntry]:
    entries = [entry for config in dugnad_apps() for entry in config.navigation]
    return sorted(entries, key=lambda entry: entry.order)


def demo_loaders() -> list[tuple[str, Callable]]:
    """(app label, loader) in the order the demo must load."""
    configs = sorted((c for c in dugnad_apps() if c.demo_loader), key=lambda c: c.demo_order)
    return [(c.label, import_string(c.demo_loader)) for c in configs]


def api_routers() -> list[tuple[str, object]]:
    return [(prefix, import_string(path)) for c in dugnad_apps() for prefix, path in c.api_routers]


def personal_data_modules() -> list[tuple[DugnadAppConfig, object]]:
    from importlib import import_module

    return [(c, import_module(c.personal_data)) for c in dugnad_apps() if c.personal_data]


def my_page_sections(user) -> list[tuple[str, dict]]:
    """(template, context) of each app's section of `user`'s own page, in INSTALLED_APPS order."""
    sections = []
    for config in dugnad_apps():
        if config.my_page and (context := import_string(config.my_page)(user)) is not None:
            sections.append((f"{config.label}/my_page.html", context))
    return sections


def home_sections(municipality) -> list[tuple[str, dict]]:
    """(template, context) of each app's section of the home page, in `home_order`."""
    configs = sorted((c for c in dugnad_apps() if c.home_section), key=lambda c: c.home_order)
    sections = []
    for config in configs:
        if (context := import_string(config.home_section)(municipality)) is not None:
            sections.append((f"{config.label}/home_section.html", context))
    return sections


def home_topics() -> tuple[str, ...]:
    return tuple(sorted({t for c in dugnad_apps() if c.home_section for t in c.home_topics}))


def site_search(municipality, text: str, limit: int) -> list[SearchGroup]:
    """Each app's results for `text`, in `search_order`; apps with no match left out."""
    configs = sorted((c for c in dugnad_apps() if c.site_search), key=lambda c: c.search_order)
    groups = []
    for config in configs:
        group = import_string(config.site_search)(municipality, text, limit)
        if group is not None and group.hits:
            groups.append(group)
    return groups


def search_topics() -> tuple[str, ...]:
    """The page-cache topics of the apps that answer the site search: a change to what they
    show changes the search page."""
    return tuple(sorted({t for c in dugnad_apps() if c.site_search for t in c.cache_topics()}))


def organisation_sections(organisation) -> list[tuple[str, dict]]:
    """(template, context) of each app's section of an organisation's public page."""
    configs = sorted(
        (c for c in dugnad_apps() if c.organisation_section), key=lambda c: c.organisation_order
    )
    sections = []
    for config in configs:
        if (context := import_string(config.organisation_section)(organisation)) is not None:
            sections.append((f"{config.label}/organisation_section.html", context))
    return sections


def organisation_topics() -> tuple[str, ...]:
    return tuple(
        sorted({t for c in dugnad_apps() if c.organisation_section for t in c.organisation_topics})
    )


def work_queue(user, municipality) -> list[tuple[DugnadAppConfig, list[QueueItem]]]:
    """Each app's work-queue items for `user`, apps with nothing for them left out."""
    found = []
    for config in dugnad_apps():
        if config.work_queue and (items := import_string(config.work_queue)(user, municipality)):
            found.append((config, list(items)))
    return found


def key_figure_sources() -> list[tuple[DugnadAppConfig, Callable]]:
    return [(c, import_string(c.key_figures)) for c in dugnad_apps() if c.key_figures]


def topic_of(model) -> str | None:
    try:
        config = apps.get_app_config(model._meta.app_label)
    except LookupError:  # e.g. Django's own migration recorder
        return None
    if isinstance(config, DugnadAppConfig):
        return config.topic_for_model(model)
    return None


def all_cache_topics() -> set[str]:
    return {topic for config in dugnad_apps() for topic in config.cache_topics()}
