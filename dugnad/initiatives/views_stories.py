"""Good stories: the public list, a story's page, its photos, the Atom feed, writing and review."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from dugnad.core.caching import public_page
from dugnad.core.errors import DomainError
from dugnad.core.forms import add_domain_error
from dugnad.core.links import municipality_url
from dugnad.core.richtext import text_of
from dugnad.core.uploads import serve_file

from . import actions, queries, rules, structured
from .forms import PhotoForm, ReviewForm, StoryForm

STORY_TOPICS = ("initiatives", "activities", "organisations")
STORY_FILTERS = ("initiative", "organisation", "age_group", "q")
FEED_ITEMS = 30


def _feed_link():
    return [(_("Good stories (Atom)"), reverse("initiatives:stories_feed"), "application/atom+xml")]


@public_page(*STORY_TOPICS)
def stories(request):
    filters = {key: request.GET.get(key, "")[:100] for key in STORY_FILTERS}
    page = Paginator(queries.stories(request.municipality, filters), 12).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "initiatives/stories.html",
        {
            "page_obj": page,
            "filters": filters,
            "choices": queries.story_filter_choices(request.municipality),
            "feed_links": _feed_link(),
            "can_write": rules.can_write_story(request.user),
            "can_review": rules.can_review_stories(request.user),
        },
    )


@public_page(*STORY_TOPICS)
def stories_feed(request):
    municipality = request.municipality
    base = municipality_url(municipality)
    feed = Atom1Feed(
        title=_("Good stories from %(name)s") % {"name": municipality.name},
        link=base + reverse("initiatives:stories"),
        description=_("Stories of co-creation and volunteering in the municipality."),
        language=request.LANGUAGE_CODE,
        feed_url=base + reverse("initiatives:stories_feed"),
        author_name=municipality.name,
    )
    for story in queries.stories(municipality)[:FEED_ITEMS]:
        feed.add_item(
            title=story.title,
            link=base + story.get_absolute_url(),
            description=story.summary or text_of(story.body)[:300],
            content=story.body,
            author_name=story.author_name,
            pubdate=story.published_at,
            updateddate=story.updated_at,
            unique_id=f"{base}{story.get_absolute_url()}",
            categories=[story.initiative.title] if story.initiative_id else None,
        )
    response = HttpResponse(content_type="application/atom+xml; charset=utf-8")
    feed.write(response, "utf-8")
    return response


def _story(request, pk):
    story = queries.story_for_page(request.municipality, pk)
    if story is None:
        raise Http404
    rules.can_view_story(request.user, story).enforce()
    return story


@public_page(*STORY_TOPICS)
def story_detail(request, pk):
    story = _story(request, pk)
    base = municipality_url(request.municipality)
    photo_urls = [
        base + reverse("initiatives:story_photo", args=[story.pk, p.pk]) for p in story.photos.all()
    ]
    return render(
        request,
        "initiatives/story_detail.html",
        {
            "story": story,
            "jsonld": structured.story_jsonld(story, base, photo_urls),
            "feed_links": _feed_link(),
            "can_edit": rules.can_edit_story(request.user, story),
            "can_review": rules.can_review_stories(request.user, story),
        },
    )


def story_photo(request, pk, photo_pk):
    story = _story(request, pk)
    photo = next((p for p in story.photos.all() if p.pk == photo_pk), None)
    if photo is None:
        raise Http404
    public = story.state == story.State.PUBLISHED
    return serve_file(photo.image, cache="public" if public else "none")


def _story_form_page(request, form, story=None, photo_form=None):
    return render(
        request,
        "initiatives/story_form.html",
        {
            "form": form,
            "story": story,
            "photo_form": photo_form or (PhotoForm() if story else None),
            "can_review": story is not None and rules.can_review_stories(request.user, story),
        },
    )


@login_required
def story_create(request):
    rules.can_write_story(request.user).enforce()
    choices = queries.story_choices(request.municipality, request.user)
    form = StoryForm(request.POST or None, choices=choices)
    if request.method == "POST" and form.is_valid():
        try:
            story = actions.save_story(request.user, request.municipality, form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(
                request, _("The story was saved as a draft. Add photos, then send it for review.")
            )
            return redirect("initiatives:story_edit", pk=story.pk)
    return _story_form_page(request, form)


@login_required
def story_edit(request, pk):
    story = _story(request, pk)
    rules.can_edit_story(request.user, story).enforce()
    choices = queries.story_choices(request.municipality, request.user)
    form = StoryForm.for_story(story, choices, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.save_story(request.user, request.municipality, form.cleaned_data, story)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The story was saved."))
            return redirect("initiatives:story_edit", pk=story.pk)
    return _story_form_page(request, form, story)


@login_required
@require_POST
def story_photo_add(request, pk):
    story = _story(request, pk)
    rules.can_edit_story(request.user, story).enforce()
    photo_form = PhotoForm(request.POST, request.FILES)
    if photo_form.is_valid():
        try:
            actions.add_photo(request.user, story, **photo_form.cleaned_data)
        except DomainError as error:
            add_domain_error(photo_form, error)
        else:
            messages.success(request, _("The photo was added."))
            return redirect("initiatives:story_edit", pk=story.pk)
    choices = queries.story_choices(request.municipality, request.user)
    return _story_form_page(request, StoryForm.for_story(story, choices), story, photo_form)


@login_required
@require_POST
def story_photo_remove(request, pk, photo_pk):
    story = _story(request, pk)
    photo = next((p for p in story.photos.all() if p.pk == photo_pk), None)
    if photo is None:
        raise Http404
    actions.remove_photo(request.user, photo)
    messages.success(request, _("The photo was removed."))
    return redirect("initiatives:story_edit", pk=story.pk)


@login_required
@require_POST
def story_submit(request, pk):
    story = _story(request, pk)
    actions.submit_story(request.user, story)
    messages.success(request, _("The story was sent for review."))
    return redirect("initiatives:story_edit", pk=story.pk)


@login_required
def story_review_list(request):
    rules.can_review_stories(request.user).enforce()
    return render(
        request,
        "initiatives/story_review_list.html",
        {"stories": queries.stories_to_review(request.municipality)},
    )


@login_required
def story_review(request, pk):
    story = _story(request, pk)
    rules.can_review_stories(request.user, story).enforce()
    form = ReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        publish = form.cleaned_data["decision"] == "publish"
        try:
            actions.review_story(
                request.user, story, publish=publish, note=form.cleaned_data["note"]
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(
                request,
                _("The story was published.") if publish else _("The story was returned."),
            )
            return redirect("initiatives:story_review_list")
    return render(request, "initiatives/story_review.html", {"story": story, "form": form})
