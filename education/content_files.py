"""Read the content files: Markdown with YAML front matter, one file per page.

    education/content/signs/<slug>.md    warning-sign pages (front matter: codes, urgency)
    education/content/guides/<slug>.md   guide pages (front matter: figure, optional)
    education/content/lookalikes/<slug>.md  look-alike pages (front matter: signs, urgency)
    education/content/faq/<slug>.md      questions (title) and answers (body; optional section)

Pure Python: no database.
"""

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from education.vocabulary import Urgency

CONTENT_DIR = Path(__file__).resolve().parent / "content"
KINDS = {"signs": "sign", "lookalikes": "lookalike", "guides": "guide", "faq": "faq"}
FIGURES = {"body_map"}
FAQ_SECTIONS = {"common", "harder"}
_SLUG = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
_FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n(.*)\Z", re.DOTALL)


class ContentError(ValueError):
    pass


@dataclass(frozen=True)
class ContentFile:
    kind: str  # "sign", "lookalike", "guide" or "faq"
    slug: str
    file_hash: str
    fields: dict = field(hash=False)
    codes: tuple = ()  # sign page: the sign codes it explains (each on exactly one page)
    related: tuple = ()  # look-alike page: the sign codes it can be taken for (shared freely)


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
    if not str(meta.get("title") or "").strip():
        raise ContentError(f"{path}: 'title' is missing.")
    # Every page names what it rests on: a section of the article, public guidance, or both.
    if (
        not str(meta.get("source_section") or "").strip()
        and not str(meta.get("guidance") or "").strip()
    ):
        raise ContentError(f"{path}: 'source_section' is missing (or give 'guidance').")
    if not _SLUG.match(slug):
        raise ContentError(f"{path}: the file name must be lower case letters, digits, - or _.")
    body = match.group(2).strip() + "\n"
    fields = {
        "title": str(meta["title"]).strip(),
        "summary": str(meta.get("summary") or "").strip(),
        "body": body,
        "keywords": ", ".join(_as_list(meta.get("keywords"), name="keywords", path=path)),
        "source_section": str(meta.get("source_section") or "").strip(),
        "guidance": str(meta.get("guidance") or "").strip(),
        "order": int(meta.get("order") or 0),
    }
    codes = related = ()
    if kind in ("sign", "lookalike"):
        urgency = meta.get("urgency")
        if Urgency.get(urgency) is None:
            raise ContentError(f"{path}: 'urgency' must be one of {sorted(Urgency.codes())}.")
        fields["urgency"] = urgency
        fields["urgency_note"] = str(meta.get("urgency_note") or "").strip()
    if kind == "sign":
        codes = tuple(_as_list(meta.get("codes"), name="codes", path=path))
    elif kind == "lookalike":
        related = tuple(_as_list(meta.get("signs"), name="signs", path=path))
    elif kind == "faq":
        section = meta.get("section") or "common"
        if section not in FAQ_SECTIONS:
            raise ContentError(f"{path}: 'section' must be one of {sorted(FAQ_SECTIONS)}.")
        fields["section"] = section
    elif kind == "guide":
        figure = meta.get("figure") or ""
        if figure and figure not in FIGURES:
            raise ContentError(f"{path}: 'figure' must be one of {sorted(FIGURES)}.")
        fields["figure"] = figure
    file_hash = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return ContentFile(
        kind=kind, slug=slug, file_hash=file_hash, fields=fields, codes=codes, related=related
    )


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
    for item in items:
        for code in item.related:
            if code not in owners:
                raise ContentError(
                    f"look-alike '{item.slug}' names sign code '{code}', which no sign page "
                    "explains."
                )
    return items
