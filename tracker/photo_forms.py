"""The photo inputs of the entry form: a camera button and a library picker (several files).

Plain ``FileField``s, never ``ImageField`` (which would open the upload with every Pillow
decoder): what a file is gets decided only by tracker.imaging's allow-list, in tracker.photos.
"""

import uuid

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from tracker.access import staged_photos_for

# What the library picker offers. The server never trusts this: it decodes with an allow-list.
LIBRARY_ACCEPT = (
    "image/jpeg,image/png,image/webp,image/heic,image/heif,.jpg,.jpeg,.png,.webp,.heic,.heif"
)


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """A FileField that accepts several files and cleans to a list."""

    widget = MultipleFileInput

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else ([data] if data else [])
        return [super(MultipleFileField, self).clean(item, initial) for item in files]


class PhotoForm(forms.Form):
    # Empty files are let through so tracker.imaging refuses them with its own plain sentence.
    camera = forms.FileField(
        label=_("Take a photo"),
        required=False,
        allow_empty_file=True,
        widget=forms.FileInput(
            attrs={
                "accept": "image/*",
                "capture": "environment",
                "class": "form-control photo-input",
            }
        ),
    )
    photos = MultipleFileField(
        label=_("Choose from library"),
        required=False,
        allow_empty_file=True,
        widget=MultipleFileInput(
            attrs={"accept": LIBRARY_ACCEPT, "class": "form-control photo-input"}
        ),
    )

    # Photos kept from an earlier try (tracker.staging), by code; unticked ones are left out.
    staged = forms.MultipleChoiceField(
        required=False,
        widget=forms.MultipleHiddenInput,
        error_messages={
            "invalid_choice": _(
                "A photo you chose earlier is no longer kept: we keep them for a day. "
                "Please add it again."
            )
        },
    )

    def __init__(self, *args, entry=None, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.existing = list(entry.photos.all()) if entry is not None else []
        self.max_per_entry = settings.PHOTO_MAX_PER_ENTRY
        self.max_mb = settings.PHOTO_MAX_BYTES // (1024 * 1024)
        codes = self.data.getlist("staged") if self.is_bound else []
        self.staged_photos = (
            list(staged_photos_for(user).filter(code__in=[c for c in codes if _is_uuid(c)]))
            if user is not None
            else []
        )
        self.fields["staged"].choices = [(str(p.code), str(p.code)) for p in self.staged_photos]

    @property
    def room(self):
        return max(0, self.max_per_entry - len(self.existing) - len(self.staged_photos))

    def clean_staged(self):
        wanted = set(self.cleaned_data["staged"])
        return [photo for photo in self.staged_photos if str(photo.code) in wanted]

    def kept(self, photos):
        """Show these newly kept photos (tracker.staging) with the re-rendered form."""
        self.staged_photos = [*self.cleaned_data.get("staged", []), *photos]

    def chosen_files(self):
        """Every file chosen with either input, camera first."""
        camera = self.cleaned_data.get("camera")
        return ([camera] if camera else []) + list(self.cleaned_data.get("photos") or [])

    @property
    def had_files(self):
        """True when the submission carried files (kept, when they could be used)."""
        return self.is_bound and any(self.files.getlist(name) for name in ("camera", "photos"))


def _is_uuid(value):
    try:
        uuid.UUID(str(value))
    except ValueError:
        return False
    return True
