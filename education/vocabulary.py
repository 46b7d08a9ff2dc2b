"""The shared codes of design.md, each with its order and its plain English labels.

The one home of every code: the models, the forms, the rules, the scenario format, the summary and
the templates all take their codes and labels from here. Pure Python (no Django import), so the
pure rules can use it; education sits at the bottom of the dependencies, so every app can.

Each code is a `StrEnum` member: a plain string, so what the database, JSON and the scenario files
hold stays the code itself. Members come in the order people see them (urgency: highest first).
Labels are English, marked with the local `gettext_noop` so that ``makemessages`` extracts them;
they are translated when shown (`education.choices` gives Django's lazy, translated versions).

Some codes also have a *phrase*, the words the rule wording puts inside a sentence ("On 2 March
you logged a new lump or bump on your left chest wall").
"""

from __future__ import annotations

from enum import StrEnum
from typing import Self


def gettext_noop(message: str) -> str:
    """Mark a string for translation (``makemessages`` finds it); translated when shown."""
    return message


_ = gettext_noop


class Code(StrEnum):
    """A shared code. ``Member = "code", label`` or ``Member = "code", label, phrase``."""

    label: str
    phrase: str | None

    def __new__(cls, value: str, label: str, phrase: str | None = None) -> Self:
        member = str.__new__(cls, value)
        member._value_ = value
        member.label = label
        member.phrase = phrase
        return member

    @classmethod
    def codes(cls) -> tuple[str, ...]:
        """Every code, in order, as plain strings."""
        return tuple(member.value for member in cls)

    @classmethod
    def get(cls, code: object) -> Self | None:
        """The member for `code`, or None when it is not one of these codes."""
        try:
            return cls._value2member_map_.get(code)
        except TypeError:  # an unhashable value (a list from bad JSON) is no code
            return None


class Site(Code):
    """Body areas (`site`); the phrase names it inside a sentence."""

    CHEST_WALL_LEFT = "chest_wall_left", _("Chest wall, left side"), _("your left chest wall")
    CHEST_WALL_RIGHT = "chest_wall_right", _("Chest wall, right side"), _("your right chest wall")
    SCAR_LEFT = "scar_left", _("Surgery scar, left side"), _("your left surgery scar")
    SCAR_RIGHT = "scar_right", _("Surgery scar, right side"), _("your right surgery scar")
    BREAST_LEFT = "breast_left", _("Breast, left (remaining or rebuilt)"), _("your left breast")
    BREAST_RIGHT = "breast_right", _("Breast, right (remaining or rebuilt)"), _("your right breast")
    SUPRACLAVICULAR_LEFT = (
        "supraclavicular_left",
        _("Above the collarbone, left"),
        _("the area above your left collarbone"),
    )
    SUPRACLAVICULAR_RIGHT = (
        "supraclavicular_right",
        _("Above the collarbone, right"),
        _("the area above your right collarbone"),
    )
    NECK = "neck", _("Neck"), _("your neck")
    UPPER_ARM_LEFT = "upper_arm_left", _("Upper arm, left"), _("your left upper arm")
    UPPER_ARM_RIGHT = "upper_arm_right", _("Upper arm, right"), _("your right upper arm")
    ARMPIT_LEFT = "armpit_left", _("Armpit, left"), _("your left armpit")
    ARMPIT_RIGHT = "armpit_right", _("Armpit, right"), _("your right armpit")
    SCALP = "scalp", _("Scalp"), _("your scalp")
    ABDOMEN = "abdomen", _("Belly"), _("your belly")
    BACK = "back", _("Back"), _("your back")
    THIGH_LEFT = "thigh_left", _("Thigh, left"), _("your left thigh")
    THIGH_RIGHT = "thigh_right", _("Thigh, right"), _("your right thigh")
    OTHER = "other", _("Somewhere else"), _("the area you are watching")


class Sign(Code):
    """Signs seen (`signs`, any number): the checkbox label, and the phrase inside a sentence."""

    NEW_LUMP = "new_lump", _("A new lump or bump"), _("a new lump or bump")
    FIRM = "firm", _("Feels firm or hard"), _("a firm or hard spot")
    RAISED_PATCH = "raised_patch", _("A raised patch"), _("a raised patch")
    RED_PATCH = "red_patch", _("Red skin or a rash"), _("redness or a rash")
    DISCOLOURED = "discoloured", _("A patch that changed colour"), _("a change of colour")
    OPEN_SORE = "open_sore", _("An open sore or broken skin"), _("an open sore")
    BLEEDING = "bleeding", _("Bleeding"), _("bleeding")
    WEEPING = "weeping", _("Fluid or ooze coming out"), _("fluid coming out")
    THICKENED = "thickened", _("Skin getting thick, tight or hard"), _("thick, tight or hard skin")
    SPIDER_VEINS = "spider_veins", _("Fine red or purple lines"), _("fine lines like spider veins")
    BAND_ALONG_NERVE = (
        "band_along_nerve",
        _("Spots in a band on one side"),
        _("spots in a band, like shingles"),
    )
    DIMPLED = "dimpled", _("Skin like orange peel"), _("skin like orange peel")
    SWELLING = "swelling", _("Swelling"), _("swelling")
    WARM = "warm", _("Skin feels hot"), _("skin that feels hot")
    FEVER = "fever", _("I have a fever"), _("a fever")
    HAIR_LOSS = "hair_loss", _("A patch with no hair"), _("a patch where hair stopped growing")


# One line of help under each checkbox of the entry form.
SIGN_HELP = {
    Sign.NEW_LUMP: _("Any lump, on or under the skin. Count it even if you can only feel it."),
    Sign.FIRM: _("It feels harder than the skin around it when you press gently."),
    Sign.RAISED_PATCH: _("A patch that sits a little higher than the skin around it."),
    Sign.RED_PATCH: _("Redness or a rash. On dark skin it may look purple, brown or grey."),
    Sign.DISCOLOURED: _("A pink, purple, blue or brown patch, or one that changed colour."),
    Sign.OPEN_SORE: _("The skin is broken, or a sore will not close."),
    Sign.BLEEDING: _("Blood comes from the spot, even a little."),
    Sign.WEEPING: _("Clear, yellow or cloudy fluid comes from the spot."),
    Sign.THICKENED: _("The skin feels thick, tight or hard, like leather."),
    Sign.SPIDER_VEINS: _("Thin red or purple lines, like tiny veins, on the skin."),
    Sign.BAND_ALONG_NERVE: _("Spots or bumps in a strip on one side, like shingles."),
    Sign.DIMPLED: _("Small dents in the skin, like the peel of an orange."),
    Sign.SWELLING: _("The area looks puffy or bigger than the other side."),
    Sign.WARM: _("The skin feels hotter than the skin around it."),
    Sign.FEVER: _("Your temperature is 38 °C (100.4 °F) or higher, or you feel hot and shivery."),
    Sign.HAIR_LOSS: _("A patch where hair has stopped growing, most often on the head."),
}


class Change(Code):
    """Change since last time (`change`)."""

    NEW = "new", _("It is new")
    LARGER = "larger", _("It got bigger")
    SAME = "same", _("About the same")
    SMALLER = "smaller", _("It got smaller")
    GONE = "gone", _("It has gone")


class History(Code):
    """History (`history`, any number). The rules name the escalating ones in a sentence."""

    MASTECTOMY_LEFT = "mastectomy_left", _("Mastectomy, left side")
    MASTECTOMY_RIGHT = "mastectomy_right", _("Mastectomy, right side")
    LUMPECTOMY_LEFT = "lumpectomy_left", _("Lumpectomy, left side")
    LUMPECTOMY_RIGHT = "lumpectomy_right", _("Lumpectomy, right side")
    CHEST_WALL_RADIATION = "chest_wall_radiation", _("Radiation to the chest wall")
    NODE_DISSECTION = "node_dissection", _("Lymph nodes removed from the armpit")
    DUCTAL = "ductal", _("Ductal cancer")
    LOBULAR = "lobular", _("Lobular cancer")
    INFLAMMATORY = (
        "inflammatory",
        _("Inflammatory breast cancer"),
        _("inflammatory breast cancer"),
    )
    TRIPLE_NEGATIVE = (
        "triple_negative",
        _("Triple-negative cancer"),
        _("triple-negative breast cancer"),
    )
    HER2_POSITIVE = "her2_positive", _("HER2-positive cancer")
    HORMONE_RECEPTOR_POSITIVE = "hormone_receptor_positive", _("Hormone receptor-positive cancer")


class Treatment(Code):
    """Treatment in use (`treatment`)."""

    NONE = "none", _("Nothing")
    CREAM = "cream", _("A cream or ointment")
    ANTIBIOTICS = "antibiotics", _("Antibiotics")
    OTHER = "other", _("Something else")


class Urgency(Code):
    """Urgency of a finding, highest first: what to do, and a short name for lists and filters."""

    short: str

    def __new__(cls, value: str, label: str, short: str) -> Self:
        member = str.__new__(cls, value)
        member._value_ = value
        member.label = label
        member.phrase = None
        member.short = short
        return member

    # The codes also sort the right way round as strings: descending order is urgent, soon,
    # next_visit. The clinician queue index and `FlagQuerySet.by_urgency()` rely on it.
    URGENT = "urgent", _("Contact your care team today"), _("Urgent")
    SOON = "soon", _("Book a visit within about a week"), _("Soon")
    NEXT_VISIT = "next_visit", _("Bring it up at your next visit"), _("Next visit")

    @property
    def rank(self) -> int:
        """Higher is more urgent: next_visit 1, soon 2, urgent 3 (from the order above)."""
        members = list(type(self))
        return len(members) - members.index(self)

    @classmethod
    def rank_of(cls, code: object) -> int:
        """The rank of an urgency code; 0 (below every urgency) for anything else."""
        member = cls.get(code)
        return member.rank if member is not None else 0


del _
