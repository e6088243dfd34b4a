"""Revoke the API tokens that municipal staff and site administrators hold from before the login
policy: the token endpoint gave them out for the password alone, without the lock-out or the
two-factor code the web asks for, so none of them can be trusted. Staff ask for a new token
(with their two-factor code) or make one on their account page."""

from django.db import migrations
from django.db.models import Q
from django.utils import timezone


def revoke_staff_tokens(apps, schema_editor):
    ApiToken = apps.get_model("accounts", "ApiToken")
    staff = Q(user__is_superuser=True) | Q(user__unit_roles__isnull=False)
    ids = ApiToken.objects.filter(staff, revoked_at__isnull=True).values_list("pk", flat=True)
    ApiToken.objects.filter(pk__in=list(ids)).update(revoked_at=timezone.now())


class Migration(migrations.Migration):
    dependencies = [("accounts", "0002_initial")]

    operations = [migrations.RunPython(revoke_staff_tokens, migrations.RunPython.noop)]
