from django import template

from monitoring.reminders.health import daily_rules_warning as warning_now

register = template.Library()


@register.simple_tag
def daily_rules_warning():
    """The admin's warning that the daily rules have not run lately ("" when on time)."""
    return warning_now()
