"""Copy the content files into the database, idempotently.

A row that was edited in the admin is kept as it is, unless `force` is set.
"""

from dataclasses import dataclass, field

from django.db import transaction

from education.content_files import CONTENT_DIR, read_content_dir
from education.models import FaqItem, GuidePage, LookAlikePage, LookAlikeSign, SignCode, SignPage

MODELS = {"sign": SignPage, "lookalike": LookAlikePage, "guide": GuidePage, "faq": FaqItem}


@dataclass
class LoadReport:
    created: list = field(default_factory=list)
    updated: list = field(default_factory=list)
    unchanged: list = field(default_factory=list)
    kept: list = field(default_factory=list)  # edited in the admin, left alone
    kept_stale: list = field(default_factory=list)  # ... and its file changed since

    @property
    def changed(self):
        return bool(self.created or self.updated)


def _current_codes(page, kind):
    if kind == "sign":
        return set(page.sign_codes.values_list("code", flat=True))
    if kind == "lookalike":
        return set(page.signs.values_list("code", flat=True))
    return set()


def _matches(obj, item):
    if any(getattr(obj, name) != value for name, value in item.fields.items()):
        return False
    if _current_codes(obj, item.kind) != set(item.codes or item.related):
        return False
    return obj.file_hash == item.file_hash and not obj.edited_in_admin


def _set_codes(page, codes):
    page.sign_codes.exclude(code__in=codes).delete()
    for code in codes:
        SignCode.objects.update_or_create(code=code, defaults={"page": page})


def _set_related(page, codes):
    page.signs.exclude(code__in=codes).delete()
    for code in codes:
        LookAlikeSign.objects.get_or_create(page=page, code=code)


@transaction.atomic
def load_content(*, content_dir=CONTENT_DIR, force=False):
    report = LoadReport()
    for item in read_content_dir(content_dir):
        model = MODELS[item.kind]
        label = f"{item.kind}/{item.slug}"
        obj = model.objects.filter(slug=item.slug).first()
        if obj is None:
            obj = model(slug=item.slug)
            report.created.append(label)
        elif obj.edited_in_admin and not force:
            report.kept.append(label)
            if obj.file_hash != item.file_hash:
                report.kept_stale.append(label)
            continue
        elif _matches(obj, item):
            report.unchanged.append(label)
            continue
        else:
            report.updated.append(label)
        for name, value in item.fields.items():
            setattr(obj, name, value)
        obj.file_hash = item.file_hash
        obj.edited_in_admin = False
        obj.save()
        if item.kind == "sign":
            _set_codes(obj, item.codes)
        elif item.kind == "lookalike":
            _set_related(obj, item.related)
    return report
