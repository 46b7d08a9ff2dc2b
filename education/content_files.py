"""Read the content files: Markdown with YAML front matter, one file per page.

    education/content/signs/<slug>.md    warning-sign pages (front matter: codes, urgency)
    education/content/guides/<slug>.md   guide pages (front matter: figure, optional)
    education/content/faq/<slug>.md      questions (title) and answers (body)

Pure Python: no database.
"""

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from education.vocabulary import Urgency

CONTENT_DIR = Path(__file__).resolve().parent / "content"
KINDS = {"signs": "sign", "guides": "guide", "faq": "faq"}
FIGURES = {"body_map"}
_SLUG = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
_FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n(.*)\Z", re.DOTALL)


class ContentError(ValueError):
    pass


@dataclass(frozen=True)
class ContentFile:
    kind: str  # "sign", "guide" or "faq"
    slug: str
    file_hash: str
    fields: dict = field(hash=False)
    codes: tuple = ()


def _as_list(value, *, name, path):
    if value is None:
        return []
    if isinstance(value, str):
        return [part.strip() for part in value.split(",") if part.strip()]
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return value
    raise ContentError(f"{path}: '{name}' must be a list of words.")


def parse_content(text, *, kind, slug, path="<text>"):
    match = _FRONT_MATTER.match(text.replace("\r\n", "\n"))
    if not match:
        raise ContentError(f"{path}: the file must start with front matter between '---' lines.")
    try:
        meta = yaml.safe_load(match.group(1)) or {}
    except yaml.YAMLError as exc:
        raise ContentError(f"{path}: front matter is not valid YAML: {exc}") from None
    if not isinstance(meta, dict):
        raise ContentError(f"{path}: front matter must be a mapping.")
    for required in ("title", "source_section"):
        if not str(meta.get(required) or "").strip():
            raise ContentError(f"{path}: '{required}' is missing.")
    if not _SLUG.match(slug):
        raise ContentError(f"{path}: the file name must be lower case letters, digits, - or _.")
    body = match.group(2).strip() + "\n"
    fields = {
        "title": str(meta["title"]).strip(),
        "summary": str(meta.get("summary") or "").strip(),
        "body": body,
        "keywords": ", ".join(_as_list(meta.get("keywords"), name="keywords", path=path)),
        "source_section": str(meta["source_section"]).strip(),
        "order": int(meta.get("order") or 0),
    }
    codes = ()
    if kind == "sign":
        urgency = meta.get("urgency")
        if Urgency.get(urgency) is None:
            raise ContentError(f"{path}: 'urgency' must be one of {sorted(Urgency.codes())}.")
        fields["urgency"] = urgency
        codes = tuple(_as_list(meta.get("codes"), name="codes", path=path))
    elif kind == "guide":
        figure = meta.get("figure") or ""
        if figure and figure not in FIGURES:
            raise ContentError(f"{path}: 'figure' must be one of {sorted(FIGURES)}.")
        fields["figure"] = figure
    file_hash = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return ContentFile(kind=kind, slug=slug, file_hash=file_hash, fields=fields, codes=codes)


def read_content_dir(content_dir=CONTENT_DIR):
    """Every content file under `content_dir`, checked; raises ContentError on the first fault."""
    content_dir = Path(content_dir)
    items = []
    for folder, kind in KINDS.items():
        for path in sorted((content_dir / folder).glob("*.md")):
            text = path.read_text(encoding="utf-8")
            items.append(parse_content(text, kind=kind, slug=path.stem, path=path))
    owners = {}
    for item in items:
        for code in item.codes:
            if code in owners:
                raise ContentError(
                    f"sign code '{code}' is on two pages: '{owners[code]}' and '{item.slug}'."
                )
            owners[code] = item.slug
    return items
