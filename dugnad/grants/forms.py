"""Forms. The application form is built from the scheme's sections and fields (data, not code)."""

import json
import uuid

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from stdnum.no import kontonr

from dugnad.core import money, uploads
from dugnad.core.errors import DomainError
from dugnad.core.forms import PlainTextFields
from dugnad.core.params import SaneDateField, SaneModelMultipleChoiceField
from dugnad.core.validators import normalise_org_number, normalise_phone, validate_not_past

from .models import Decision, FieldKind, GrantReport

MAX_UPLOAD_BYTES = 10 * uploads.MEGABYTE
ALLOWED_MIME = {
    "application/pdf": "PDF",
    "image/jpeg": "JPEG",
    "image/png": "PNG",
    "image/gif": "GIF",
    "image/webp": "WebP",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "Word",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "Excel",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": "PowerPoint",
    "application/vnd.oasis.opendocument.text": "ODT",
    "application/vnd.oasis.opendocument.spreadsheet": "ODS",
    "application/msword": "Word",
    "application/vnd.ms-excel": "Excel",
}
LONG_TEXT_LIMIT = 10_000
SHORT_TEXT_LIMIT = 300


class KronerField(money.KronerField):
    too_large_message = _("The largest amount you can apply for is %(max)s kr.")


def validate_bank_account(value: str) -> str:
    if not value:
        return ""
    if not kontonr.is_valid(value):
        raise ValidationError(
            _("This is not a valid Norwegian bank account number (11 digits, e.g. 1234.56.78903)."),
            "invalid_account",
        )
    return kontonr.compact(value)


def check_upload(upload) -> str:
    """The sniffed content type of an upload, or ValidationError saying what is wrong."""
    try:
        return uploads.check_upload(
            upload,
            ALLOWED_MIME,
            max_bytes=MAX_UPLOAD_BYTES,
            kinds_label=_("PDF, an image or an office document"),
        )
    except DomainError as error:
        raise ValidationError(error.message, error.code) from error


def field_name(key: str) -> str:
    return f"f_{key}"


FIXED_FIELDS = [
    "title", "org_name", "org_number", "address", "bank_account",
    "contact_name", "contact_email", "contact_phone",
]  # fmt: skip


class ApplicationForm(PlainTextFields, forms.Form):
    """The fixed part (who applies) and one field per FormField of the scheme.

    With `complete=False` (a draft) required fields may be empty; formats are still checked so
    that the applicant sees problems early, but the draft keeps what was typed regardless.
    """

    version = forms.IntegerField(widget=forms.HiddenInput)
    tab = forms.CharField(widget=forms.HiddenInput, required=False, max_length=40)
    title = forms.CharField(label=_("Title of the application"), max_length=200)
    org_name = forms.CharField(label=_("Organisation"), max_length=200)
    org_number = forms.CharField(
        label=_("Organisation number"),
        max_length=20,
        required=False,
        help_text=_("Nine digits, e.g. 974 760 673."),
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )
    address = forms.CharField(label=_("Postal address"), max_length=300, required=False)
    bank_account = forms.CharField(
        label=_("Bank account"),
        max_length=20,
        help_text=_("11 digits. The grant is paid to this account."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    contact_name = forms.CharField(label=_("Contact person"), max_length=200)
    contact_email = forms.EmailField(label=_("Contact email"))
    contact_phone = forms.CharField(label=_("Contact phone"), max_length=30, required=False)

    def __init__(self, *args, scheme, sections, complete=True, attachments=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.scheme = scheme
        self.complete = complete
        self.attachment_keys = {a.field_key for a in attachments}
        self.sections = []
        for name in FIXED_FIELDS:
            self.fields[name].widget.attrs.setdefault("autocomplete", "off")
        labels = {spec.key: spec.in_language("label") for s in sections for spec in s.fields.all()}
        for section in sections:
            names = []
            for spec in section.fields.all():
                name = field_name(spec.key)
                field = self._field_for(spec)
                field.spec = spec
                if spec.is_conditional:
                    # Asked only when another answer has a given value: required then, which
                    # clean() checks, since the browser may show the field either way.
                    field.required_when_shown = field.required
                    field.required = False
                    note = _("Answer only if “%(label)s” is “%(value)s”.") % {
                        "label": labels.get(spec.show_when_key, spec.show_when_key),
                        "value": spec.show_when_value,
                    }
                    field.help_text = f"{note} {field.help_text}".strip()
                    # The site's script hides the field while the other answer is not one of
                    # these (the server's own words for yes and no, so both agree).
                    field.widget.attrs["data-show-when"] = field_name(spec.show_when_key)
                    field.widget.attrs["data-show-values"] = json.dumps(
                        answers_meeting(spec.show_when_value)
                    )
                self.fields[name] = field
                names.append(name)
            self.sections.append((section, names))
        if not complete:
            for name, field in self.fields.items():
                if name != "version":
                    field.was_required = field.required
                    field.required = False

    def _field_for(self, spec):
        common = {
            "label": spec.in_language("label"),
            "help_text": spec.in_language("help_text"),
            "required": spec.required,
        }
        kind = spec.kind
        if kind == FieldKind.TEXT:
            return forms.CharField(max_length=spec.max_length or SHORT_TEXT_LIMIT, **common)
        if kind == FieldKind.LONG_TEXT:
            return forms.CharField(
                max_length=spec.max_length or LONG_TEXT_LIMIT,
                widget=forms.Textarea(attrs={"rows": 6}),
                **common,
            )
        if kind == FieldKind.AMOUNT:
            limits = [spec.max_value] if spec.max_value is not None else []
            if spec.is_requested_amount and self.scheme.max_amount is not None:
                limits.append(self.scheme.max_amount)
            return KronerField(
                max_ore=min(limits) if limits else None, min_ore=spec.min_value, **common
            )
        if kind == FieldKind.NUMBER:
            return forms.IntegerField(
                min_value=spec.min_value if spec.min_value is not None else 0,
                max_value=spec.max_value if spec.max_value is not None else 10**9,
                **common,
            )
        if kind == FieldKind.DATE:
            # An application asks about work to come (its start, its events): a date that has
            # passed is a typing mistake, or a project the grant cannot pay for.
            return SaneDateField(
                widget=forms.DateInput(attrs={"type": "date"}),
                validators=[validate_not_past],
                **common,
            )
        if kind == FieldKind.CHOICE:
            choices = [("", "—")] + [(c, c) for c in spec.choices]
            return forms.ChoiceField(choices=choices, **common)
        if kind == FieldKind.YES_NO:
            return forms.ChoiceField(
                choices=[("yes", _("Yes")), ("no", _("No"))], widget=forms.RadioSelect, **common
            )
        # A file field is required through attachments already on the application, so the
        # browser is not asked to send the file again on every save.
        common["required"] = False
        field = forms.FileField(**common)
        field.file_required = spec.required
        return field

    def section_fields(self):
        for section, names in self.sections:
            yield section, [self[name] for name in names]

    def fixed_fields(self):
        return [self[name] for name in FIXED_FIELDS]

    def clean_org_number(self):
        value = self.cleaned_data.get("org_number", "")
        return normalise_org_number(value) if value.strip() else ""

    def clean_contact_phone(self):
        value = self.cleaned_data.get("contact_phone", "")
        return normalise_phone(value) if value.strip() else ""

    def clean_bank_account(self):
        return validate_bank_account(self.cleaned_data["bank_account"].strip())

    def clean(self):
        cleaned = super().clean()
        for name, field in self.fields.items():
            if (
                self.complete
                and getattr(field, "required_when_shown", False)
                and condition_met(field.spec, self.data)
                and cleaned.get(name) in (None, "")
                and not isinstance(field, forms.FileField)
                and name not in self.errors
            ):
                self.add_error(name, forms.Field.default_error_messages["required"])
            if not isinstance(field, forms.FileField):
                continue
            upload = cleaned.get(name)
            if upload:
                try:
                    cleaned[f"{name}__mime"] = check_upload(upload)
                except ValidationError as error:
                    self.add_error(name, error)
                    cleaned.pop(name, None)
            elif (
                self.complete
                and field.file_required
                and condition_met(field.spec, self.data)
                and field.spec.key not in self.attachment_keys
            ):
                self.add_error(name, _("Attach a file here."))
        return cleaned


YES_WORDS = {"yes", "ja", "j", "y"}
NO_WORDS = {"no", "nei", "n"}


def _normalised_answer(value) -> str:
    text = str(value or "").strip().lower()
    if text in YES_WORDS:
        return "yes"
    if text in NO_WORDS:
        return "no"
    return text


def answers_meeting(condition) -> list[str]:
    """Every answer, lower-cased, that meets a "show when" condition: all the words for yes when
    it says yes, and so on."""
    wanted = _normalised_answer(condition)
    if wanted == "yes":
        return sorted(YES_WORDS)
    if wanted == "no":
        return sorted(NO_WORDS)
    return [wanted]


def condition_met(spec, data) -> bool:
    """Whether a conditional field is asked, given the answers sent (field names `f_<key>`).
    "Ja" and "yes" are the same answer, so staff may write the condition in their language."""
    if not spec.show_when_key:
        return True
    sent = data.get(field_name(spec.show_when_key), "") if data is not None else ""
    return _normalised_answer(sent) == _normalised_answer(spec.show_when_value)


def raw_answers(form: ApplicationForm, data) -> dict:
    """What the applicant typed, as strings, capped in length: a draft keeps even bad input."""
    answers = {}
    for name, field in form.fields.items():
        if not name.startswith("f_") or isinstance(field, forms.FileField):
            continue
        answers[name[2:]] = str(data.get(name, ""))[:LONG_TEXT_LIMIT]
    return answers


def initial_from(application) -> dict:
    initial = {name: getattr(application, name) for name in FIXED_FIELDS}
    initial["version"] = application.version
    initial["tab"] = uuid.uuid4().hex
    for key, value in (application.answers or {}).items():
        initial[field_name(key)] = value
    return initial


class StartApplicationForm(PlainTextFields, forms.Form):
    organisation = forms.ModelChoiceField(queryset=None, label=_("Apply on behalf of"))
    copy_from = forms.ModelChoiceField(
        queryset=None,
        required=False,
        label=_("Copy answers from an earlier application"),
        help_text=_("Optional. Texts and the organisation's details are copied; files are not."),
    )

    def __init__(self, *args, organisations, previous, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        if len(organisations) == 1:
            # Most representatives act for one organisation: choose it for them.
            self.fields["organisation"].empty_label = None
        self.fields["copy_from"].queryset = previous
        self.fields["copy_from"].label_from_instance = lambda a: f"{a.reference} {a.title}"

    def clean(self):
        cleaned = super().clean()
        source, organisation = cleaned.get("copy_from"), cleaned.get("organisation")
        if source and organisation and source.organisation_id != organisation.pk:
            self.add_error("copy_from", _("Choose an application from the same organisation."))
        return cleaned


class ConflictForm(PlainTextFields, forms.Form):
    reason = forms.CharField(
        label=_("Why are you disqualified?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text=_("E.g. you sit on the organisation's board or are related to its leader."),
    )


class NoteForm(PlainTextFields, forms.Form):
    text = forms.CharField(
        label=_("Internal note"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5000,
        help_text=_("Only the municipality's staff and reviewers see notes."),
    )


class ScoreForm(PlainTextFields, forms.Form):
    def __init__(self, *args, criteria, **kwargs):
        super().__init__(*args, **kwargs)
        for index, criterion in enumerate(criteria):
            self.fields[f"c{index}"] = forms.TypedChoiceField(
                label=criterion,
                choices=[("", "—")] + [(str(v), str(v)) for v in range(1, 6)],
                coerce=int,
                help_text=_("1 is weakest, 5 is strongest."),
            )
        self.criteria = list(criteria)

    def scores(self) -> dict:
        return {c: self.cleaned_data[f"c{i}"] for i, c in enumerate(self.criteria)}


class AssignForm(PlainTextFields, forms.Form):
    handler = forms.ModelChoiceField(queryset=None, label=_("Case handler"), required=False)
    reviewers = SaneModelMultipleChoiceField(
        queryset=None, label=_("Reviewers"), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, handlers, reviewers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["handler"].queryset = handlers
        self.fields["reviewers"].queryset = reviewers


class DecisionForm(PlainTextFields, forms.Form):
    outcome = forms.ChoiceField(
        label=_("Decision"), choices=Decision.Outcome.choices, widget=forms.RadioSelect
    )
    amount = KronerField(label=_("Amount awarded (kr)"), required=False)
    purpose = forms.CharField(
        label=_("What the grant is for"),
        max_length=300,
        required=False,
        help_text=_("Shown in the public list of awards."),
    )
    justification = forms.CharField(
        label=_("Justification"), widget=forms.Textarea(attrs={"rows": 5}), max_length=5000
    )
    conditions = forms.CharField(
        label=_("Conditions"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5000,
        required=False,
    )
    budget_override_reason = forms.CharField(
        label=_("Reason for going over the budget"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
        required=False,
        help_text=_("Needed only when this award takes the scheme over its budget for the year."),
    )

    def clean(self):
        cleaned = super().clean()
        outcome, amount = cleaned.get("outcome"), cleaned.get("amount")
        if outcome and outcome != Decision.Outcome.REJECTED and not amount:
            self.add_error("amount", _("Give the amount awarded."))
        if outcome == Decision.Outcome.REJECTED:
            cleaned["amount"] = 0
        return cleaned


class ReportForm(PlainTextFields, forms.Form):
    what_was_done = forms.CharField(
        label=_("What was done"), widget=forms.Textarea(attrs={"rows": 5}), max_length=10000
    )
    amount_used = KronerField(label=_("Amount used (kr)"))
    results = forms.CharField(
        label=_("Results"), widget=forms.Textarea(attrs={"rows": 4}), max_length=10000
    )
    attachment = forms.FileField(
        label=_("Attachment"),
        required=False,
        help_text=_("Optional: accounts, photos or a report. PDF, images or office documents."),
    )

    def clean_attachment(self):
        upload = self.cleaned_data.get("attachment")
        if upload:
            self.cleaned_data["attachment__mime"] = check_upload(upload)
        return upload


class ReportReviewForm(PlainTextFields, forms.Form):
    accept = forms.TypedChoiceField(
        label=_("The report"),
        choices=[("1", _("Accept the report")), ("0", _("Ask for more information"))],
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Comment to the organisation"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5000,
        required=False,
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("accept") is False and not cleaned.get("comment"):
            self.add_error("comment", _("Say what more you need."))
        return cleaned


REPORT_STATUS = GrantReport.Status
