"""The shared codes of design.md. Codes are stable; labels are translatable plain words."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Site(models.TextChoices):
    CHEST_WALL_LEFT = "chest_wall_left", _("Chest wall, left side")
    CHEST_WALL_RIGHT = "chest_wall_right", _("Chest wall, right side")
    SCAR_LEFT = "scar_left", _("Surgery scar, left side")
    SCAR_RIGHT = "scar_right", _("Surgery scar, right side")
    BREAST_LEFT = "breast_left", _("Breast, left (remaining or rebuilt)")
    BREAST_RIGHT = "breast_right", _("Breast, right (remaining or rebuilt)")
    SUPRACLAVICULAR_LEFT = "supraclavicular_left", _("Above the collarbone, left")
    SUPRACLAVICULAR_RIGHT = "supraclavicular_right", _("Above the collarbone, right")
    NECK = "neck", _("Neck")
    UPPER_ARM_LEFT = "upper_arm_left", _("Upper arm, left")
    UPPER_ARM_RIGHT = "upper_arm_right", _("Upper arm, right")
    ARMPIT_LEFT = "armpit_left", _("Armpit, left")
    ARMPIT_RIGHT = "armpit_right", _("Armpit, right")
    SCALP = "scalp", _("Scalp")
    ABDOMEN = "abdomen", _("Belly")
    BACK = "back", _("Back")
    THIGH_LEFT = "thigh_left", _("Thigh, left")
    THIGH_RIGHT = "thigh_right", _("Thigh, right")
    OTHER = "other", _("Somewhere else")


class Sign(models.TextChoices):
    NEW_LUMP = "new_lump", _("A new lump or bump")
    FIRM = "firm", _("Feels firm or hard")
    RAISED_PATCH = "raised_patch", _("A raised patch")
    RED_PATCH = "red_patch", _("Red skin or a rash")
    DISCOLOURED = "discoloured", _("A patch that changed colour")
    OPEN_SORE = "open_sore", _("An open sore or broken skin")
    BLEEDING = "bleeding", _("Bleeding")
    WEEPING = "weeping", _("Fluid or ooze coming out")
    THICKENED = "thickened", _("Skin getting thick, tight or hard")
    SPIDER_VEINS = "spider_veins", _("Fine red or purple lines")
    BAND_ALONG_NERVE = "band_along_nerve", _("Spots in a band on one side")
    DIMPLED = "dimpled", _("Skin like orange peel")
    SWELLING = "swelling", _("Swelling")
    WARM = "warm", _("Skin feels hot")
    FEVER = "fever", _("I have a fever")


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
}


class Change(models.TextChoices):
    NEW = "new", _("It is new")
    LARGER = "larger", _("It got bigger")
    SAME = "same", _("About the same")
    SMALLER = "smaller", _("It got smaller")
    GONE = "gone", _("It has gone")


class History(models.TextChoices):
    MASTECTOMY_LEFT = "mastectomy_left", _("Mastectomy, left side")
    MASTECTOMY_RIGHT = "mastectomy_right", _("Mastectomy, right side")
    LUMPECTOMY_LEFT = "lumpectomy_left", _("Lumpectomy, left side")
    LUMPECTOMY_RIGHT = "lumpectomy_right", _("Lumpectomy, right side")
    CHEST_WALL_RADIATION = "chest_wall_radiation", _("Radiation to the chest wall")
    NODE_DISSECTION = "node_dissection", _("Lymph nodes removed from the armpit")
    DUCTAL = "ductal", _("Ductal cancer")
    LOBULAR = "lobular", _("Lobular cancer")
    INFLAMMATORY = "inflammatory", _("Inflammatory breast cancer")
    TRIPLE_NEGATIVE = "triple_negative", _("Triple-negative cancer")
    HER2_POSITIVE = "her2_positive", _("HER2-positive cancer")
    HORMONE_RECEPTOR_POSITIVE = "hormone_receptor_positive", _("Hormone receptor-positive cancer")


class Treatment(models.TextChoices):
    NONE = "none", _("Nothing")
    CREAM = "cream", _("A cream or ointment")
    ANTIBIOTICS = "antibiotics", _("Antibiotics")
    OTHER = "other", _("Something else")
