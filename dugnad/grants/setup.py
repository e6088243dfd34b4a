"""Case handlers set up grant schemes in the site's own pages: the scheme, its application
form, its workflow, budgets per year and rounds. Every write checks `can_set_up_scheme`, runs
in a transaction and is logged (`notify`) with what changed: the history the set-up pages show.

The application form is the scheme's FormSection/FormField rows, the one definition the
applicant's form (`forms.ApplicationForm`) is built from; nothing here keeps a second copy.
"""

from __future__ import annotations

from collections import deque

from django.db import transaction
from django.db.models import Max, ProtectedError
from django.utils.text import slugify
from django.utils.translation import gettext as _

from dugnad.core.errors import Conflict, DomainError
from dugnad.core.locking import lock
from dugnad.core.notify import notify
from dugnad.core.templatetags.dugnad import kroner

from .models import (
    FormField,
    FormSection,
    GrantScheme,
    Round,
    SchemeBudget,
    StateKind,
    WorkflowState,
    WorkflowTransition,
)
from .rules import can_set_up_scheme

WORKFLOW_USUAL = "usual"
WORKFLOW_START_ONLY = "start_only"


def _changes(form) -> list[str]:
    return [str(form.fields[name].label) for name in form.changed_data if name in form.fields]


def _unique_slug(name: str, pk=None) -> str:
    base = slugify(name)[:180] or "ordning"
    slug, n = base, 2
    while GrantScheme.objects.filter(slug=slug).exclude(pk=pk).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


# --- the scheme ---------------------------------------------------------------------------


@transaction.atomic
def save_scheme(user, form, municipality, workflow: str = WORKFLOW_USUAL) -> GrantScheme:
    """Create or change a scheme from a valid SchemeForm. A new scheme starts with the usual
    workflow, or with only its start state when the handler wants to build their own."""
    scheme = form.instance
    created = scheme.pk is None
    if not created:
        can_set_up_scheme(user, GrantScheme.objects.get(pk=scheme.pk)).enforce()
    scheme = form.save(commit=False)
    scheme.municipality = municipality
    can_set_up_scheme(user, scheme).enforce()
    if created or "name" in form.changed_data:
        scheme.slug = _unique_slug(scheme.name, scheme.pk)
    scheme.save()  # a new scheme gets the usual workflow (models._on_scheme_created)
    if created and workflow == WORKFLOW_START_ONLY:
        scheme.states.exclude(kind=StateKind.RECEIVED).delete()
    notify(
        "grants.scheme.created" if created else "grants.scheme.changed",
        actor=user,
        target=scheme,
        data={"fields": _changes(form)},
    )
    return scheme


# --- the application form -----------------------------------------------------------------


def _next_position(queryset) -> int:
    return (queryset.aggregate(top=Max("position"))["top"] or 0) + 1


@transaction.atomic
def add_section(user, scheme, title: str, help_text: str = "") -> FormSection:
    can_set_up_scheme(user, scheme).enforce()
    title = title.strip()
    if not title:
        raise DomainError(_("Give the section a title."), field="title")
    section = FormSection.objects.create(
        scheme=scheme,
        title=title,
        help_text=help_text.strip(),
        position=_next_position(scheme.sections.all()),
    )
    notify("grants.form.section_added", actor=user, target=scheme, data={"fields": [title]})
    return section


@transaction.atomic
def rename_section(user, section: FormSection, title: str, help_text: str = "") -> FormSection:
    scheme = section.scheme
    can_set_up_scheme(user, scheme).enforce()
    title = title.strip()
    if not title:
        raise DomainError(_("Give the section a title."), field="title")
    before = section.title
    section.title, section.help_text = title, help_text.strip()
    section.save(update_fields=["title", "help_text"])
    named = title if before == title else f"{before} → {title}"
    notify("grants.form.section_changed", actor=user, target=scheme, data={"fields": [named]})
    return section


@transaction.atomic
def move_section(user, section: FormSection, up: bool) -> None:
    """Swap the section with the one above or below it; its fields go with it."""
    scheme = section.scheme
    can_set_up_scheme(user, scheme).enforce()
    (scheme,) = lock(scheme)
    ordered = list(scheme.sections.order_by("position", "id"))
    index = next(i for i, s in enumerate(ordered) if s.pk == section.pk)
    other = index - 1 if up else index + 1
    if not 0 <= other < len(ordered):
        return
    ordered[index], ordered[other] = ordered[other], ordered[index]
    for position, member in enumerate(ordered, start=1):
        member.position = position
    FormSection.objects.bulk_update(ordered, ["position"])
    notify("grants.form.section_moved", actor=user, target=scheme, data={"fields": [section.title]})


@transaction.atomic
def delete_section(user, section: FormSection) -> None:
    """Only an empty section goes: applicants' answers belong to fields, which are never
    deleted along with their section."""
    scheme = section.scheme
    can_set_up_scheme(user, scheme).enforce()
    if section.fields.exists():
        raise Conflict(
            _("“%(title)s” still has fields: move them to another section or delete them first.")
            % {"title": section.title}
        )
    title = section.title
    section.delete()
    notify("grants.form.section_deleted", actor=user, target=scheme, data={"fields": [title]})


def _default_section(scheme) -> FormSection:
    section = scheme.sections.first()
    if section is None:
        section = FormSection.objects.create(scheme=scheme, title=_("The application"), position=1)
    return section


@transaction.atomic
def save_field(user, scheme, form) -> FormField:
    """Add or change a field of the scheme's form from a valid FieldForm."""
    can_set_up_scheme(user, scheme).enforce()
    (scheme,) = lock(scheme)
    field = form.save(commit=False)
    created = field.pk is None
    if field.section_id is None:
        field.section = _default_section(scheme)
    if field.section.scheme_id != scheme.pk:
        raise DomainError(_("Choose a section of this scheme."), field="section")
    siblings = FormField.objects.filter(section__scheme=scheme).exclude(pk=field.pk)
    if siblings.filter(key=field.key).exists():
        raise DomainError(
            _("Another field of this form already has the key “%(key)s”.") % {"key": field.key},
            field="key",
        )
    if field.show_when_key and (
        field.show_when_key == field.key or not siblings.filter(key=field.show_when_key).exists()
    ):
        raise DomainError(
            _("Choose another field of this form for the condition."), field="show_when_key"
        )
    if field.is_requested_amount and siblings.filter(is_requested_amount=True).exists():
        raise DomainError(
            _("Another field is already the amount applied for; a form has one."),
            field="is_requested_amount",
        )
    if created:
        field.position = _next_position(FormField.objects.filter(section=field.section))
    field.save()
    notify(
        "grants.form.field_added" if created else "grants.form.field_changed",
        actor=user,
        target=scheme,
        data={"fields": [field.label]},
    )
    return field


@transaction.atomic
def delete_field(user, field: FormField) -> None:
    scheme = field.section.scheme
    can_set_up_scheme(user, scheme).enforce()
    dependants = FormField.objects.filter(section__scheme=scheme, show_when_key=field.key)
    if dependants.exists():
        raise Conflict(
            _("“%(fields)s” is shown depending on this field; change its condition first.")
            % {"fields": ", ".join(f.label for f in dependants)}
        )
    label = field.label
    field.delete()
    notify("grants.form.field_deleted", actor=user, target=scheme, data={"fields": [label]})


@transaction.atomic
def move_field(user, field: FormField, up: bool) -> None:
    """Swap the field with its neighbour above or below, across sections of the form: the
    order applicants see. Positions are renumbered so that equal ones cannot stall a move."""
    scheme = field.section.scheme
    can_set_up_scheme(user, scheme).enforce()
    (scheme,) = lock(scheme)
    ordered = list(
        FormField.objects.filter(section__scheme=scheme)
        .select_related("section")
        .order_by("section__position", "section_id", "position", "id")
    )
    index = next(i for i, f in enumerate(ordered) if f.pk == field.pk)
    other = index - 1 if up else index + 1
    if not 0 <= other < len(ordered):
        return
    moving, neighbour = ordered[index], ordered[other]
    if moving.section_id != neighbour.section_id:
        # Past the edge of its section: it moves into the next section, at that end.
        moving.section = neighbour.section
        members = [f for f in ordered if f.section_id == neighbour.section_id]
        members = [moving, *members] if not up else [*members, moving]
    else:
        members = [f for f in ordered if f.section_id == moving.section_id]
        i, j = members.index(moving), members.index(neighbour)
        members[i], members[j] = members[j], members[i]
    for position, member in enumerate(members, start=1):
        member.position = position
    FormField.objects.bulk_update(members, ["position", "section"])
    notify("grants.form.field_moved", actor=user, target=scheme, data={"fields": [field.label]})


# --- the workflow -------------------------------------------------------------------------


def workflow_problems(states, steps) -> list[str]:
    """What is wrong with a workflow: `states` are (key, kind, label) and `steps` are
    (source key, target key). Applications start in the state of kind "received"; every
    other state must be reachable from it by steps."""
    start = next((key for key, kind, _label in states if kind == StateKind.RECEIVED), None)
    if start is None:
        return [
            _(
                "The workflow has no start state. One state must be of the kind “%(kind)s”: "
                "every application starts there."
            )
            % {"kind": StateKind.RECEIVED.label}
        ]
    following: dict = {}
    for source, target in steps:
        following.setdefault(source, []).append(target)
    reached, queue = {start}, deque([start])
    while queue:
        for target in following.get(queue.popleft(), []):
            if target not in reached:
                reached.add(target)
                queue.append(target)
    unreachable = [str(label) for key, _kind, label in states if key not in reached]
    if unreachable:
        return [
            _(
                "No step leads to %(states)s from the start state. Add a step to each, or "
                "delete the state."
            )
            % {"states": ", ".join(f"“{name}”" for name in unreachable)}
        ]
    return []


def _current(scheme):
    states = [(s.pk, s.kind, s.label) for s in scheme.states.all()]
    steps = [(t.source_id, t.target_id) for t in scheme.transitions.all()]
    return states, steps


def _refuse_if_broken(states, steps) -> None:
    problems = workflow_problems(states, steps)
    if problems:
        raise Conflict(" ".join(problems), code="workflow_invalid")


@transaction.atomic
def add_state(user, scheme, *, kind: str, name: str, source, label: str, role: str):
    """A new state, with the step that leads to it (so that it is reachable from the start)."""
    can_set_up_scheme(user, scheme).enforce()
    (scheme,) = lock(scheme)
    if scheme.states.filter(kind=kind).exists():
        raise DomainError(
            _("The workflow already has a state of the kind “%(kind)s”.")
            % {"kind": StateKind(kind).label},
            field="kind",
        )
    if source is None or source.scheme_id != scheme.pk:
        raise DomainError(_("Choose the state the new state is reached from."), field="source")
    state = WorkflowState.objects.create(
        scheme=scheme,
        kind=kind,
        name=name.strip() or str(StateKind(kind).label),
        position=_next_position(scheme.states.all()),
    )
    WorkflowTransition.objects.create(
        scheme=scheme, source=source, target=state, label=label.strip(), role=role
    )
    notify("grants.workflow.state_added", actor=user, target=scheme, data={"fields": [state.name]})
    return state


@transaction.atomic
def rename_state(user, state: WorkflowState, name: str) -> None:
    can_set_up_scheme(user, state.scheme).enforce()
    name = name.strip()
    if not name:
        raise DomainError(_("Give the state a name."), field="name")
    old, state.name = state.name, name
    state.save(update_fields=["name"])
    notify(
        "grants.workflow.state_changed",
        actor=user,
        target=state.scheme,
        data={"fields": [f"{old} → {name}"]},
    )


@transaction.atomic
def delete_state(user, state: WorkflowState) -> None:
    scheme = state.scheme
    can_set_up_scheme(user, scheme).enforce()
    (scheme,) = lock(scheme)
    states, steps = _current(scheme)
    _refuse_if_broken(
        [s for s in states if s[0] != state.pk],
        [(a, b) for a, b in steps if state.pk not in (a, b)],
    )
    name = state.label
    try:
        with transaction.atomic():
            state.delete()
    except ProtectedError as exc:
        raise Conflict(
            _("Applications are in the state “%(state)s”; it cannot be deleted.") % {"state": name},
            code="state_in_use",
        ) from exc
    notify("grants.workflow.state_deleted", actor=user, target=scheme, data={"fields": [str(name)]})


@transaction.atomic
def save_step(user, scheme, *, source, target, label: str, role: str, step=None):
    """Add a step between two of the scheme's states, or change one (`step`)."""
    can_set_up_scheme(user, scheme).enforce()
    (scheme,) = lock(scheme)
    if source is None or target is None or {source.scheme_id, target.scheme_id} != {scheme.pk}:
        raise DomainError(_("Choose two states of this workflow."), field="target")
    if source.pk == target.pk:
        raise DomainError(
            _("A step leads to another state than the one it starts from."), field="target"
        )
    clash = scheme.transitions.filter(source=source, target=target)
    if step is not None:
        clash = clash.exclude(pk=step.pk)
    if clash.exists():
        raise DomainError(
            _("There is already a step from “%(source)s” to “%(target)s”.")
            % {"source": source.label, "target": target.label},
            field="target",
        )
    states, _steps = _current(scheme)
    others = scheme.transitions.exclude(pk=step.pk) if step is not None else scheme.transitions
    steps = [(t.source_id, t.target_id) for t in others.all()]
    _refuse_if_broken(states, [*steps, (source.pk, target.pk)])
    created = step is None
    step = step or WorkflowTransition(scheme=scheme)
    step.source, step.target, step.label, step.role = source, target, label.strip(), role
    step.save()
    notify(
        "grants.workflow.step_added" if created else "grants.workflow.step_changed",
        actor=user,
        target=scheme,
        data={"fields": [f"{source.label} → {target.label}"]},
    )
    return step


@transaction.atomic
def delete_step(user, step: WorkflowTransition) -> None:
    scheme = step.scheme
    can_set_up_scheme(user, scheme).enforce()
    (scheme,) = lock(scheme)
    states, _steps = _current(scheme)
    others = [(t.source_id, t.target_id) for t in scheme.transitions.exclude(pk=step.pk)]
    _refuse_if_broken(states, others)
    words = f"{step.source.label} → {step.target.label}"
    step.delete()
    notify("grants.workflow.step_deleted", actor=user, target=scheme, data={"fields": [words]})


# --- budgets and rounds -------------------------------------------------------------------


@transaction.atomic
def save_budget(user, scheme, year: int, amount: int) -> SchemeBudget:
    can_set_up_scheme(user, scheme).enforce()
    budget, _created = SchemeBudget.objects.update_or_create(
        scheme=scheme, year=year, defaults={"amount": amount}
    )
    notify(
        "grants.budget.saved",
        actor=user,
        target=scheme,
        data={"fields": [f"{year}: {kroner(amount)}"]},
    )
    return budget


@transaction.atomic
def delete_budget(user, budget: SchemeBudget) -> None:
    can_set_up_scheme(user, budget.scheme).enforce()
    year = budget.year
    budget.delete()
    notify("grants.budget.deleted", actor=user, target=budget.scheme, data={"fields": [str(year)]})


@transaction.atomic
def save_round(user, scheme, form) -> Round:
    can_set_up_scheme(user, scheme).enforce()
    round = form.save(commit=False)
    if round.pk is not None and round.scheme_id != scheme.pk:
        raise DomainError(_("This round belongs to another scheme."))
    created = round.pk is None
    round.scheme = scheme
    round.save()
    notify(
        "grants.round.created" if created else "grants.round.changed",
        actor=user,
        target=scheme,
        data={"fields": [round.name, *([] if created else _changes(form))]},
    )
    return round


@transaction.atomic
def delete_round(user, round: Round) -> None:
    can_set_up_scheme(user, round.scheme).enforce()
    if round.applications.exists():
        raise Conflict(_("The round has applications and cannot be deleted."), code="round_in_use")
    name = round.name
    round.delete()
    notify("grants.round.deleted", actor=user, target=round.scheme, data={"fields": [name]})
