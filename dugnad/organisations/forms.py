from django import forms
from django.utils.translation import gettext_lazy as _

from dugnad.accounts.models import User
from dugnad.core.errors import DomainError
from dugnad.core.forms import PlainTextFields, https_formfield
from dugnad.core.models import Area
from dugnad.core.validators import normalise_phone, validate_postal_code

from .actions import LOGO_MAX_BYTES, clean_org_number
from .models import Organisation, OrganisationRole

OrgRole = OrganisationRole.Role

PROFILE_FORM_FIELDS = [
    "name", "category", "purpose", "description", "activity_types", "age_groups", "area",
    "email", "phone", "website", "facebook_url", "instagram_url", "meeting_places",
    "postal_address", "postal_code", "postal_town",
]  # fmt: skip


class OrganisationForm(PlainTextFields, forms.ModelForm):
    class Meta:
        model = Organisation
        fields = PROFILE_FORM_FIELDS
        formfield_callback = https_formfield
        widgets = {
            "activity_types": forms.CheckboxSelectMultiple,
            "age_groups": forms.CheckboxSelectMultiple,
            "description": forms.Textarea(attrs={"rows": 6}),
            "meeting_places": forms.Textarea(attrs={"rows": 3}),
            "purpose": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "purpose": _("One or two sentences on what the organisation is for."),
            "description": _("Simple formatting (paragraphs, lists, links) is kept."),
            "activity_types": _("Choose every activity: people find you by each of them."),
            "meeting_places": _("Where you meet, one place per line."),
            "website": _("The full address, starting with https://"),
        }

    def __init__(self, *args, municipality, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = Area.objects.in_municipality(municipality)
        self.fields["purpose"].required = True
        self.fields["email"].required = True
        self.fields["email"].help_text = _("Where people can reach the organisation.")

    def clean_phone(self):
        value = self.cleaned_data.get("phone", "")
        return normalise_phone(value) if value else ""

    def clean_postal_code(self):
        code = self.cleaned_data.get("postal_code", "").strip()
        if code:
            validate_postal_code(code)
        return code


class RegistrationForm(OrganisationForm):
    org_number = forms.CharField(
        label=_("Organisation number"),
        required=False,
        max_length=20,
        help_text=_("Nine digits, if the organisation is in the Central Coordinating Register."),
    )

    field_order = ["name", "org_number"]

    def clean_org_number(self):
        try:
            number = clean_org_number(self.cleaned_data.get("org_number"))
        except DomainError as exc:
            raise forms.ValidationError(str(exc.message)) from exc
        if number and Organisation.objects.filter(org_number=number).exists():
            raise forms.ValidationError(
                _("An organisation with this number is already registered.")
            )
        return number


class ProfileForm(OrganisationForm):
    logo = forms.FileField(
        label=_("Logo"),
        required=False,
        help_text=_("PNG, JPEG, WebP or GIF, at most 2 MB."),
        widget=forms.ClearableFileInput(
            attrs={"accept": "image/png,image/jpeg,image/webp,image/gif"}
        ),
    )
    logo_alt = forms.CharField(
        label=_("Logo description"),
        required=False,
        max_length=200,
        help_text=_("Required with a logo: what the logo shows, for people who cannot see it."),
    )
    remove_logo = forms.BooleanField(label=_("Remove the logo"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["logo"].widget = forms.FileInput(
            attrs={"accept": "image/png,image/jpeg,image/webp,image/gif"}
        )
        if not self.instance.logo:
            del self.fields["remove_logo"]
        else:
            self.initial.setdefault("logo_alt", self.instance.logo_alt)

    def clean_logo(self):
        logo = self.cleaned_data.get("logo")
        if logo and logo.size > LOGO_MAX_BYTES:
            raise forms.ValidationError(_("The logo is too large: at most 2 MB."))
        return logo

    def clean(self):
        cleaned = super().clean()
        has_logo = cleaned.get("logo") or (self.instance.logo and not cleaned.get("remove_logo"))
        if has_logo and not (cleaned.get("logo_alt") or "").strip():
            self.add_error("logo_alt", _("Describe the logo for people who cannot see it."))
        return cleaned


class InviteForm(PlainTextFields, forms.Form):
    email = forms.EmailField(label=_("Email address"))
    role = forms.ChoiceField(label=_("Role"), choices=OrgRole.choices, initial=OrgRole.EDITOR)


class RoleForm(PlainTextFields, forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=OrgRole.choices)
    title = forms.CharField(label=_("Title"), required=False, max_length=80)
    show_publicly = forms.BooleanField(label=_("Show on the organisation's page"), required=False)


class HandOverForm(PlainTextFields, forms.Form):
    to_user = forms.ModelChoiceField(
        label=_("New leader"), queryset=User.objects.none(), empty_label=_("Choose a person")
    )
    stay_as = forms.ChoiceField(
        label=_("Your role afterwards"),
        choices=[
            (OrgRole.CONTACT, OrgRole.CONTACT.label),
            (OrgRole.EDITOR, OrgRole.EDITOR.label),
            ("", _("No role")),
        ],
        required=False,
    )

    def __init__(self, *args, organisation, current_user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_user"].queryset = (
            User.objects.filter(organisation_roles__organisation=organisation, is_active=True)
            .exclude(pk=current_user.pk)
            .distinct()
            .order_by("first_name", "email")
        )


class ReviewForm(PlainTextFields, forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("approve", _("Approve")), ("hide", _("Hide"))],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when you hide an organisation. The leader receives it by email."),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == "hide" and not (cleaned.get("reason") or "").strip():
            self.add_error("reason", _("Give a reason."))
        return cleaned


class MergeForm(PlainTextFields, forms.Form):
    into = forms.ModelChoiceField(
        label=_("Merge into"), queryset=Organisation.objects.none(),
        empty_label=_("Choose the organisation to keep"),
    )  # fmt: skip
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, targets, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["into"].queryset = targets
        self.fields["into"].label_from_instance = lambda org: (
            f"{org.name} ({org.org_number})" if org.org_number else org.name
        )
