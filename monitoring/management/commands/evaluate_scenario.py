"""Scenario harness for clinical review: print the findings of a JSON scenario as JSON."""

import json
import sys

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from monitoring.rules.scenarios import ScenarioError, evaluate_scenario

EXIT_BAD_SCENARIO = 2


class Command(BaseCommand):
    help = (
        "Replay a scenario (JSON; '-' reads standard input) as the app would, day by day, and "
        'print {"findings": [...]} open on its "today". The site\'s MONITORING_THRESHOLDS apply; '
        'the scenario\'s own "thresholds" override them. Exit status 2 on a malformed scenario.'
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="the scenario file, or - for standard input")

    def handle(self, *args, file, **options):
        data = self._load(file)
        if isinstance(data, dict):
            site = getattr(settings, "MONITORING_THRESHOLDS", None) or {}
            own = data.get("thresholds")
            if site and (own is None or isinstance(own, dict)):
                data = {**data, "thresholds": {**site, **(own or {})}}
        try:
            result = evaluate_scenario(data)
        except ScenarioError as error:
            raise CommandError(str(error), returncode=EXIT_BAD_SCENARIO) from None
        self.stdout.write(json.dumps(result, indent=2, ensure_ascii=False))

    def _load(self, file):
        try:
            if file == "-":
                text = sys.stdin.read()
            else:
                with open(file, encoding="utf-8") as handle:
                    text = handle.read()
        except OSError as error:
            raise CommandError(
                f"file: cannot read {file!r}: {error.strerror}", returncode=EXIT_BAD_SCENARIO
            ) from None
        try:
            return json.loads(text)
        except json.JSONDecodeError as error:
            raise CommandError(
                f"scenario: not valid JSON (line {error.lineno}, column {error.colno}: "
                f"{error.msg})",
                returncode=EXIT_BAD_SCENARIO,
            ) from None
