"""Accounts: the user (patients, clinicians and caregivers alike, logging in by email) and the
patient's profile."""

import uuid

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from education.choices import labels
from education.vocabulary import History
from tracker.security.validators import single_line


class UserManager(BaseUserManager):
    use_in_migrations = True

    def get_by_natural_key(self, email):
        # People type their address with any capitals; one address is one account.
        return self.get(email__iexact=email)

    def create_user(self, email, password=None, **fields):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email, password=None, **fields):
        fields.setdefault("is_staff", True)
        fields.setdefault("is_superuser", True)
        return self.create_user(email, password, **fields)


class User(AbstractBaseUser, PermissionsMixin):
    class ClinicianRole(models.TextChoices):
        ONCOLOGIST = "oncologist", _("Oncologist")
        DERMATOLOGIST = "dermatologist", _("Dermatologist")
        BREAST_CARE_NURSE = "breast_care_nurse", _("Breast-care nurse")
        OTHER = "other", _("Other clinician")

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    # The access log names the person by this random number too: once the account is deleted,
    # its rows keep only this (it appears nowhere else, so it cannot be traced back).
    log_pseudonym = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    email = models.EmailField(_("email address"), unique=True)
    full_name = models.CharField(_("your name"), max_length=150, validators=[single_line])
    # Set by an administrator only: a patient cannot make themselves a clinician.
    is_clinician = models.BooleanField(_("clinician"), default=False)
    clinician_role = models.CharField(
        _("clinical role"), max_length=32, choices=ClinicianRole.choices, blank=True
    )
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    is_active = models.BooleanField(default=True)
    is_staff = models.BooleanField(default=False)
    date_joined = models.DateTimeField(default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        ordering = ["full_name"]

    def __str__(self):
        return self.full_name or self.email

    def get_full_name(self):
        return self.full_name

    def get_short_name(self):
        return self.full_name


class Profile(models.Model):
    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="profile")
    # A list of History codes (education.vocabulary.History).
    history = models.JSONField(default=list, blank=True)
    # Site codes (education.vocabulary.Site) of the places that had radiation: the body map
    # shades them, and the rules can say so in their reasons.
    radiation_sites = models.JSONField(default=list, blank=True)
    care_team_phone = models.CharField(max_length=40, blank=True)
    last_appointment = models.DateField(null=True, blank=True)
    next_appointment = models.DateField(null=True, blank=True)

    def __str__(self):
        return f"Profile of {self.user}"

    @property
    def history_labels(self):
        return labels(History, self.history)
