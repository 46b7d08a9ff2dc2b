"""Validators for what ends up in an email header or a log line."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


def single_line(value: str) -> None:
    """Names go into email subjects: a line break there would add a header (header injection)."""
    if any(ch in value for ch in "\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"):
        raise ValidationError(_("Please write this on one line."), code="line_break")
