"""`manage.py check`: refuse to start with rule thresholds the rules cannot use."""

from django.core import checks
from django.core.exceptions import ImproperlyConfigured


@checks.register()
def check_thresholds(app_configs, **kwargs):
    from monitoring.flags.evaluation import thresholds

    try:
        thresholds()
    except ImproperlyConfigured as error:
        return [checks.Error(str(error), id="monitoring.E001")]
    return []
