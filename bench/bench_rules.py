"""Rule benchmark (pure, no database): one watched area with 1,000 entries.

Run: .venv/bin/python bench/bench_rules.py [--entries N] [--repeat N] [--quick]

The area's entries are generated here, one every two days, with signs, sizes, pain and treatments
that change along the way (so most rules run their full checks), plus 200 entries in three other
areas for the several-areas rule. Times are the best of `--repeat` runs in this process:

- evaluate:       every entry of the area (entry rules) and the time rules on the last day;
- evaluate_entry: the newest entry against its history (what saving an entry costs);
- evaluate_time:  the time rules for the area (what the daily command costs per area);
- scenario:       the full day-by-day replay of the scenario harness (quadratic by design).
"""

import argparse
import random
import sys
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from education.vocabulary import Change  # noqa: E402
from monitoring.rules import engine  # noqa: E402
from monitoring.rules.data import Observation  # noqa: E402
from monitoring.rules.scenarios import Scenario, run_scenario  # noqa: E402

START = date(2022, 1, 3)
SIGN_POOL = ("firm", "raised_patch", "red_patch", "discoloured", "new_lump", "open_sore")


def make_area(count: int, area: str = "a1", site: str = "scar_left", seed: int = 6):
    rng = random.Random(seed)
    entries, size = [], 5.0
    for n in range(count):
        signs = frozenset(rng.sample(SIGN_POOL, rng.randint(0, 3)))
        size = max(1.0, size + rng.choice((-1.0, 0.0, 0.5, 1.0)))
        treatment = rng.choice(("none", "none", "cream", "antibiotics"))
        entries.append(
            Observation(
                area=area,
                site=site,
                date=START + timedelta(days=2 * n),
                signs=signs,
                change=rng.choice(Change.codes()),
                size_mm=size,
                pain=rng.randint(0, 10),
                itch=rng.randint(0, 10),
                treatment=treatment,
                key=f"{area}#{n}",
            )
        )
    return entries


def best(repeat: int, run) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        began = time.perf_counter()
        result = run()
        times.append(time.perf_counter() - began)
    return min(times), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--quick", action="store_true", help="100 entries, one run (CI)")
    args = parser.parse_args()
    if args.quick:
        args.entries, args.repeat = 100, 1

    area = make_area(args.entries)
    others = [
        entry
        for n, (name, site) in enumerate((("a2", "neck"), ("a3", "scalp"), ("a4", "back")))
        for entry in make_area(args.entries // 15, name, site, seed=n)
    ]
    today = area[-1].date
    history = frozenset({"mastectomy_left", "inflammatory"})
    options = {"history": history, "today": today}

    print(f"One area, {len(area)} entries over {(today - START).days} days; {len(others)} others")
    cases = [
        ("evaluate", lambda: engine.evaluate(area_history=area, other_areas=others, **options)),
        (
            "evaluate_entry",
            lambda: engine.evaluate_entry(
                entry=area[-1], area_history=area, other_areas=others, **options
            ),
        ),
        ("evaluate_time", lambda: engine.evaluate_time(area_history=area, **options)),
    ]
    for name, run in cases:
        seconds, findings = best(args.repeat, run)
        print(f"  {name:<15} {seconds * 1000:9.2f} ms  ({len(findings)} findings)")
    scenario = Scenario(today=today, history=history, observations=tuple(area))
    seconds, findings = best(1, lambda: run_scenario(scenario))
    print(f"  {'scenario':<15} {seconds * 1000:9.2f} ms  ({len(findings)} open concerns, one run)")


if __name__ == "__main__":
    main()
