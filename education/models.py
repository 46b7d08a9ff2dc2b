"""Education content: warning-sign pages, look-alike pages, guide pages and FAQ items.

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
        blank=True,
        help_text=_("Section(s) of the source article this rests on, separated by semicolons."),
    )
    guidance = models.CharField(
        _("public guidance"),
        max_length=500,
        blank=True,
        help_text=_(
            "Public guidance the page follows where it goes beyond the article (e.g. an NHS "
            "page), separated by semicolons."
        ),
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

    @property
    def guidance_sources(self):
        return [part.strip() for part in self.guidance.split(";") if part.strip()]


class WithUrgency(models.Model):
    """How soon to get in touch, as the rules say when the page's sign is newly logged."""

    urgency = models.CharField(_("how soon"), max_length=20, choices=choices(Urgency))
    urgency_note = models.CharField(
        _("when it is sooner"),
        max_length=200,
        blank=True,
        help_text=_("Shown with the urgency, e.g. 'Today if it hurts or the skin is red.'"),
    )

    class Meta:
        abstract = True


class SignPage(ContentItem, WithUrgency):
    """One warning sign; it covers one or more sign codes (see SignCode)."""

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


class LookAlikePage(ContentItem, WithUrgency):
    """A common skin problem that cancer in the skin can look like (or the other way round)."""

    class Meta(ContentItem.Meta):
        verbose_name = _("look-alike page")
        verbose_name_plural = _("look-alike pages")


class LookAlikeSign(models.Model):
    """A sign code that a look-alike can be taken for. A code may relate to many look-alikes."""

    page = models.ForeignKey(
        LookAlikePage, on_delete=models.CASCADE, related_name="signs", verbose_name=_("page")
    )
    code = models.CharField(_("sign code"), max_length=40)

    class Meta:
        ordering = ["page__order", "page__title"]
        verbose_name = _("related sign code")
        verbose_name_plural = _("related sign codes")
        constraints = [
            models.UniqueConstraint(fields=["page", "code"], name="lookalike_sign_once_per_page")
        ]
        # lookalikes_for_sign(code) and the entry form's map look rows up by code.
        indexes = [models.Index(fields=["code"], name="lookalike_sign_code")]

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


class FaqSection(models.TextChoices):
    COMMON = "common", _("Questions and answers")
    # Survival, the outlook, palliative care and hospice: listed last, with a framing line.
    HARDER = "harder", _("Harder questions")


class FaqItem(ContentItem):
    """A question (title) and its answer (body)."""

    section = models.CharField(
        _("section"), max_length=20, choices=FaqSection.choices, default=FaqSection.COMMON
    )

    class Meta(ContentItem.Meta):
        verbose_name = _("question and answer")
        verbose_name_plural = _("questions and answers")
