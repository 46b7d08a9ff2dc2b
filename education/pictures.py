"""The drawings on the sign and look-alike pages: original SVGs, each shown on two skin tones.

A drawing is a template, `templates/education/drawings/<name>.svg`, named after its page's slug.
It paints with the colours of a `Tone` (never a fixed skin colour), so one drawing serves every
tone, and `education.views.picture` serves it as an SVG file. The alt text lives here, beside the
list of drawings: what the drawing shows, then what differs on that tone. No photos of people.
"""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from education.vocabulary import Sign


@dataclass(frozen=True)
class Tone:
    """The colours a drawing may use, as they tend to look on one skin tone."""

    code: str
    label: str
    skin: str  # the skin itself
    shade: str  # a fold, an edge or the shadow of a bump
    line: str  # the outline of the body
    red: str  # redness, as it tends to show on this skin
    pink: str  # a paler flush of the same
    bruise: str  # a purple or dark patch
    pale: str  # a paler patch, a healed scar
    scar: str  # a raised scar
    hair: str
    blood: str
    fluid: str  # clear or yellow fluid, blisters
    pen: str  # a skin pen's line, seen on this skin


TONES = {
    "lighter": Tone(
        code="lighter",
        label=_("On lighter skin"),
        skin="#f2d2bb",
        shade="#d8a98b",
        line="#8c5b43",
        red="#d2555e",
        pink="#e9999a",
        bruise="#8d6aa3",
        pale="#f8e6da",
        scar="#e3a49b",
        hair="#5a3d2b",
        blood="#a61e2a",
        fluid="#f4e3a1",
        pen="#1f3b73",
    ),
    "darker": Tone(
        code="darker",
        label=_("On darker skin"),
        skin="#6f4632",
        shade="#4d2e20",
        line="#24140d",
        red="#4b1f2b",
        pink="#5d2f33",
        bruise="#2f1c2c",
        pale="#9a7058",
        scar="#3f2519",
        hair="#17100c",
        blood="#8a1b24",
        fluid="#e9d68f",
        pen="#cfe2ff",
    ),
}


@dataclass(frozen=True)
class Picture:
    name: str  # the page slug, and the drawing's file name
    alt: str  # what the drawing shows, on any skin
    lighter: str = ""  # what looks different on lighter skin
    darker: str = ""  # ... and on darker skin

    def alt_for(self, tone):
        note = {"lighter": self.lighter, "darker": self.darker}[tone]
        return f"{self.alt} {note}".strip()


_PICTURES = (
    # --- warning signs (a sign page named after its sign code is named by that code) ---
    Picture(
        Sign.NEW_LUMP,
        _("Drawing of skin beside a surgery scar, with a small round bump under the skin."),
        _("The bump is a little pink."),
        _("The bump is the same colour as the skin, or a little darker, with a soft shadow."),
    ),
    Picture(
        Sign.RAISED_PATCH,
        _("Drawing of skin with a patch that sits a little higher, with a flat top and an edge."),
        _("The patch is pink."),
        _("The patch is a darker brown than the skin around it."),
    ),
    Picture(
        Sign.RED_PATCH,
        _("Drawing of skin with a large, uneven patch that looks puffy and warm."),
        _("The patch is red."),
        _("The patch is a deep purple brown, not red."),
    ),
    Picture(
        Sign.FEVER,
        _("Drawing of a thermometer that reads high, next to a patch of swollen skin."),
        _("The skin is red."),
        _("The skin is a deep purple brown."),
    ),
    Picture(
        Sign.DISCOLOURED,
        _("Drawing of skin with a flat patch of a new colour, like a bruise that stays."),
        _("The patch is purple and blue."),
        _("The patch is a dark grey purple, close to black."),
    ),
    Picture(
        Sign.OPEN_SORE,
        _("Drawing of skin with an open sore: a raw centre and a raised rim around it."),
        _("The rim is red."),
        _("The rim is dark purple brown."),
    ),
    Picture(
        Sign.BLEEDING,
        _("Drawing of a small bump on the skin with drops of blood, and a spot of blood on cloth."),
        _("The skin around it is pink."),
        _("The skin around it is darker."),
    ),
    Picture(
        Sign.WEEPING,
        _("Drawing of a patch of skin with drops of yellow fluid and a crust at the edge."),
        _("The skin around it is pink."),
        _("The skin around it is darker, and the wet skin looks paler."),
    ),
    Picture(
        Sign.THICKENED,
        _("Drawing of a chest with a wide, hard, shiny area of skin, like a shell, with folds."),
        _("The area is pink."),
        _("The area is darker and shiny."),
    ),
    Picture(
        Sign.SPIDER_VEINS,
        _("Drawing of skin with fine, branching lines like a web, and a few tiny dots."),
        _("The lines are red and purple."),
        _("The lines are dark purple, close to black."),
    ),
    Picture(
        Sign.BAND_ALONG_NERVE,
        _("Drawing of a body from the front with a band of small spots around one side only."),
        _("The spots are red."),
        _("The spots are dark brown, with paler blisters."),
    ),
    Picture(
        Sign.DIMPLED,
        _("Drawing of skin with many small pits, like the peel of an orange."),
        _("The skin is a little pink."),
        _("The skin looks shiny, and the pits show as small dark dots."),
    ),
    Picture(
        "growth",
        _("Drawing of the same spot twice, next to a ruler: on the right it is bigger."),
        _("The spot is pink."),
        _("The spot is darker than the skin."),
    ),
    Picture(
        "hair_loss",
        _("Drawing of the back of a head with a round patch where hair has stopped growing."),
        _("The bare skin is pale with a pink tinge."),
        _("The bare skin is brown and a little shiny."),
    ),
    # --- look-alikes ---
    Picture(
        "cellulitis",
        _(
            "Drawing of an arm with a large, spreading patch of swollen skin, and an edge drawn "
            "around it with a pen."
        ),
        _("The patch is red."),
        _("The patch is a deep purple brown."),
    ),
    Picture(
        "lymphoedema",
        _(
            "Drawing of two arms side by side: one is puffy and bigger from the shoulder to the "
            "hand."
        ),
        _("The skin of the puffy arm is a little pink."),
        _("The skin of the puffy arm looks tight and shiny."),
    ),
    Picture(
        "radiation-skin",
        _(
            "Drawing of a chest with a square area where radiation was given, and a small "
            "bruise-like patch inside it."
        ),
        _("The area is pink and the patch is purple."),
        _("The area is darker and the patch is a deep grey purple."),
    ),
    Picture(
        "eczema",
        _("Drawing of a dry, rough patch with fine cracks, small flakes and scratch marks."),
        _("The patch is pink."),
        _("The patch is grey brown and darker than the skin."),
    ),
    Picture(
        "raised-scars",
        _(
            "Drawing of a long surgery scar that is raised and thick, and spreads past the cut at "
            "one end."
        ),
        _("The scar is pink."),
        _("The scar is darker than the skin and shiny."),
    ),
    Picture(
        "shingles",
        _(
            "Drawing of a band of small blisters on one side of the chest, from the back round to "
            "the front."
        ),
        _("The blisters sit on red skin."),
        _("The blisters sit on dark purple skin and look paler."),
    ),
    Picture(
        "patchy-hair-loss",
        _("Drawing of the top of a head with two small round bare patches in the hair."),
        _("The bare skin is pale."),
        _("The bare skin is brown."),
    ),
    Picture(
        "breast-changes",
        _(
            "Drawing of a chest with one breast: an arrow points to a nipple that has turned in, "
            "and to a dimple in the skin."
        ),
        _("The nipple area is pink brown."),
        _("The nipple area is dark brown."),
    ),
)
PICTURES = {str(picture.name): picture for picture in _PICTURES}


@dataclass(frozen=True)
class ToneView:
    """One tone of one picture, as a page shows it."""

    tone: str
    label: str
    alt: str
    url: str


def views_of(name):
    """The tones of picture `name` with their alt text and URL; [] when there is no drawing."""
    picture = PICTURES.get(name)
    if picture is None:
        return []
    return [
        ToneView(code, tone.label, picture.alt_for(code), picture_url(name, code))
        for code, tone in TONES.items()
    ]


def picture_url(name, tone):
    return reverse("education:picture", args=[name, tone])
