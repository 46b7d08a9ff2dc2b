"""The photo inputs of the entry form: a camera button and a library picker (several files).

Plain ``FileField``s, never ``ImageField`` (which would open the upload with every Pillow
decoder): what a file is gets decided only by tracker.imaging's allow-list, in tracker.photos.
"""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

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

    def __init__(self, *args, entry=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.existing = list(entry.photos.all()) if entry is not None else []
        self.max_per_entry = settings.PHOTO_MAX_PER_ENTRY
        self.room = max(0, self.max_per_entry - len(self.existing))
        self.max_mb = settings.PHOTO_MAX_BYTES // (1024 * 1024)

    def chosen_files(self):
        """Every file chosen with either input, camera first."""
        camera = self.cleaned_data.get("camera")
        return ([camera] if camera else []) + list(self.cleaned_data.get("photos") or [])

    @property
    def had_files(self):
        """True when the submission carried files (which a re-rendered form cannot keep)."""
        return self.is_bound and any(self.files.getlist(name) for name in self.fields)
