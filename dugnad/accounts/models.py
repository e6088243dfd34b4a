"""People, their roles in municipal units, and API tokens.

Roles in organisations live with the organisations (`organisations.OrganisationRole`); roles in
municipal units live here. A unit role also covers the unit's sub-units.
"""

import hashlib
import secrets

from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from dugnad.core.models import Unit
from dugnad.core.roles import UnitRoleName


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email, password=None, **extra):
        extra.update(is_staff=True, is_superuser=True)
        return self._create_user(email, password, **extra)


class User(AbstractUser):
    username = None
    email = models.EmailField(_("email address"), unique=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    # Asked where a young person first takes part (participation), for age-limited
    # processes; never required, never shown to others.
    birth_year = models.PositiveSmallIntegerField(_("year of birth"), null=True, blank=True)
    is_demo = models.BooleanField(
        _("demo account"), default=False, help_text=_("Exists only in demo mode.")
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []
    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["email"]

    def __str__(self) -> str:
        return self.get_full_name() or self.email

    @property
    def display_name(self) -> str:
        return self.get_full_name() or self.email.split("@")[0]

    def save(self, *args, **kwargs):
        # set_password() keeps the new password in `_password` until the next save, where Django
        # hands it to the password validators (hash upgrades at login clear it first). A new
        # password on an existing account, whichever way it was set (web change or reset, the
        # admin, `changepassword`), revokes the account's API tokens: a token must not outlive
        # the password that got it.
        password_changed = self._password is not None and not self._state.adding
        super().save(*args, **kwargs)
        if password_changed:
            from .actions import revoke_all_tokens  # actions import this module

            revoke_all_tokens(self, reason="password_changed")


class UnitRole(models.Model):
    # The role names are the kernel's vocabulary (core.roles), so that core's rules can ask
    # for a role without importing this app.
    Role = UnitRoleName

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="unit_roles")
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="roles")
    role = models.CharField(_("role"), max_length=40, choices=Role.choices)
    show_publicly = models.BooleanField(
        _("show publicly"),
        default=False,
        help_text=_("Show name and contact details on the public contact page."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("unit role")
        verbose_name_plural = _("unit roles")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "unit", "role"],
                name="unitrole_unique",
                violation_error_message=_("This person already has this role in the unit."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()} ({self.unit})"


def _hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


class ApiTokenQuerySet(models.QuerySet):
    def valid(self, now=None):
        return self.filter(revoked_at__isnull=True, expires_at__gt=now or timezone.now())


class ApiToken(models.Model):
    """A bearer token for scripts; only its hash is stored, the raw value is shown once."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("name"), max_length=100, blank=True)
    key_hash = models.CharField(max_length=64, unique=True)
    prefix = models.CharField(max_length=8)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.user})"

    @staticmethod
    def new_raw_key() -> str:
        return secrets.token_urlsafe(32)

    @staticmethod
    def hash(raw: str) -> str:
        return _hash_token(raw)
