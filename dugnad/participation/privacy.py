"""A person's data in youth participation: export and erasure (protocol in core.privacy).

Erasure keeps ideas without the person (the municipality's answer and the vote results refer
to them), keeps supports and votes as numbers without the person, and deletes the rest:
comments, the participant record and a youth council moderator role."""

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from dugnad.core.privacy import Kept

from .models import Comment, Idea, Participant, SchoolClass, Support, Vote, YouthModerator

PERSONAL_DATA_LABEL = _("Youth participation")
ANONYMOUS = "–"


def export(user) -> dict:
    data = {}
    participants = list(Participant.objects.filter(user=user).select_related("municipality"))
    if participants:
        data["taking_part"] = [
            {"municipality": p.municipality.name, "shown_name": p.shown_name} for p in participants
        ]
        data["birth_year"] = user.birth_year
    ideas = Idea.objects.filter(author=user).select_related("process")
    if ideas:
        data["ideas"] = [
            {
                "process": i.process.title,
                "title": i.title,
                "text": i.text,
                "sent_in": i.created_at,
                "shown": i.get_visibility_display(),
                "hidden_reason": i.hidden_reason,
            }
            for i in ideas
        ]
    comments = Comment.objects.filter(author=user).select_related("idea")
    if comments:
        data["comments"] = [
            {"idea": c.idea.title, "text": c.text, "written": c.created_at} for c in comments
        ]
    supports = Support.objects.filter(user=user).select_related("idea")
    if supports:
        data["supports"] = [{"idea": s.idea.title, "at": s.created_at} for s in supports]
    votes = (
        Vote.objects.filter(voter=user).select_related("process").prefetch_related("choices__idea")
    )
    if votes:
        data["votes"] = [
            {
                "process": v.process.title,
                "ideas": [c.idea.title for c in v.choices.all()],
                "at": v.created_at,
            }
            for v in votes
        ]
    classes = SchoolClass.objects.filter(teacher=user)
    if classes:
        data["classes_taught"] = [str(c) for c in classes]
    return data


def erase(user) -> list:
    kept = []
    ideas = Idea.objects.filter(author=user)
    if ideas.exists():
        # Pictures could show the person: they go, after the transaction commits.
        files = [i.image for i in ideas if i.image]
        ideas.update(author=None, shown_name=ANONYMOUS, image="", image_alt="")
        transaction.on_commit(lambda: [f.storage.delete(f.name) for f in files])
        kept.append(
            Kept(
                _("Your ideas, without your name or picture"),
                _("The municipality's answers and the results of the votes refer to them."),
            )
        )
    Comment.objects.filter(author=user).delete()
    if Support.objects.filter(user=user).update(user=None):
        kept.append(Kept(_("Your support for ideas, as a number"), _("Support counts stay.")))
    if Vote.objects.filter(voter=user).update(voter=None):
        kept.append(
            Kept(_("Your votes, as numbers without your name"), _("Results of votes stay."))
        )
    Participant.objects.filter(user=user).delete()
    YouthModerator.objects.filter(user=user).delete()
    if SchoolClass.objects.filter(teacher=user).exists():
        kept.append(
            Kept(
                _("The classes you teach, with you as their teacher"),
                _("The class's ideas need a teacher; ask the municipality to move the class."),
            )
        )
    return kept


def work_shown(request, **kwargs):
    """The moderators' page shows held ideas and comments that the public does not see."""
    from django.utils.translation import gettext as _g

    from dugnad.core.privacy import Shown, Subject, people_shown

    people = {person for person in people_shown(request) if person is not None}
    if not people:
        return None
    return Shown(
        what=_g("Ideas and comments waiting for a moderator"),
        subjects=[Subject(user=person) for person in people],
    )


def held_idea_shown(request, pk, **kwargs):
    """A held or hidden idea, seen by a moderator (a shown idea is public: nothing to log)."""
    from django.utils.translation import gettext as _g

    from dugnad.core.privacy import Shown, Subject

    idea = Idea.objects.filter(pk=pk).select_related("author").first()
    if idea is None or idea.visibility == "visible" or idea.author is None:
        return None
    return Shown(what=_g("An idea that is not shown"), subjects=[Subject(user=idea.author)])
