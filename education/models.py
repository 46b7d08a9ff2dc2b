"""Education content: warning-sign pages, guide pages and FAQ items.

The text lives in Markdown files under `education/content/` and is copied into these tables by
`manage.py load_education`. Editors may change a row in the admin; the admin then sets
`edited_in_admin`, and the loader leaves that row alone unless it is run with `--force`.

This app imports nothing from `tracker` or `monitoring`: the shared codes live here, in
`education.vocabulary`, where every app can import them.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from education.choices import choices
from education.vocabulary import Urgency


class ContentItem(models.Model):
    """Fields shared by every kind of content."""

    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    title = models.CharField(_("title"), max_length=200)
    summary = models.CharField(_("summary"), max_length=300, blank=True)
    body = models.TextField(_("body"), help_text=_("Markdown. Raw HTML is shown as plain text."))
    keywords = models.TextField(
        _("search words"),
        blank=True,
        help_text=_("Words a patient may type to find this, separated by commas."),
    )
    source_section = models.CharField(
        _("source section"),
        max_length=500,
        help_text=_("Section(s) of the source article this rests on, separated by semicolons."),
    )
    order = models.PositiveIntegerField(_("order"), default=0)
    edited_in_admin = models.BooleanField(
        _("edited in the admin"),
        default=False,
        help_text=_("The loader keeps this row as it is unless it is run with --force."),
    )
    file_hash = models.CharField(
        _("hash of the file last loaded"), max_length=64, blank=True, editable=False
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        abstract = True
        ordering = ["order", "title"]

    def __str__(self):
        return self.title

    @property
    def source_sections(self):
        return [part.strip() for part in self.source_section.split(";") if part.strip()]


class SignPage(ContentItem):
    """One warning sign; it covers one or more sign codes (see SignCode)."""

    urgency = models.CharField(_("how soon"), max_length=20, choices=choices(Urgency))

    class Meta(ContentItem.Meta):
        verbose_name = _("warning sign page")
        verbose_name_plural = _("warning sign pages")


class SignCode(models.Model):
    """A sign code of the shared vocabulary and the one page that explains it."""

    # Unique: sign_page_for_code() looks a code up to exactly one page.
    code = models.CharField(_("sign code"), max_length=40, unique=True)
    page = models.ForeignKey(
        SignPage, on_delete=models.CASCADE, related_name="sign_codes", verbose_name=_("page")
    )

    class Meta:
        ordering = ["code"]
        verbose_name = _("sign code")
        verbose_name_plural = _("sign codes")

    def __str__(self):
        return self.code


class Figure(models.TextChoices):
    """Drawings kept as template assets (templates/education/figures/<name>.html)."""

    BODY_MAP = "body_map", _("Body drawing: where to look")


class GuidePage(ContentItem):
    """A longer page: how to check, unusual forms, skin care, feelings, when to call."""

    figure = models.CharField(_("drawing"), max_length=40, blank=True, choices=Figure.choices)

    class Meta(ContentItem.Meta):
        verbose_name = _("guide page")
        verbose_name_plural = _("guide pages")


class FaqItem(ContentItem):
    """A question (title) and its answer (body)."""

    class Meta(ContentItem.Meta):
        verbose_name = _("question and answer")
        verbose_name_plural = _("questions and answers")
