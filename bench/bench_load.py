"""50 concurrent users on mixed pages, against the bare view at the same concurrency.

Run: .venv/bin/python bench/bench_load.py [--users N] [--seconds S] [--rounds N]
     [--database-url URL] [--quick]

Same seed and server as bench_pages.py (bench/pages_server.py: gunicorn, 2 sync workers,
bench.pages_settings). The client is a pool of threads, one per user, each requesting the pages in
turn on fresh connections (no wrk on the development machine; Python threads are enough to keep
two workers busy). Rounds alternate: mixed app pages for S seconds, then the bare view for S
seconds. Printed: requests/s, errors, p50 and p99 latency of each, and PASS when there were no
errors and the app's p99 is within 5x the bare view's p99.
"""

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.pages_server import Gunicorn, hammer, percentile, seeded_environment  # noqa: E402

P99_LIMIT = 5.0


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=10.0, help="length of each run")
    parser.add_argument("--rounds", type=int, default=2, help="app/bare pairs")
    parser.add_argument("--database-url", default="", help="an empty PostgreSQL database")
    parser.add_argument("--quick", action="store_true", help="small seed, short runs (CI)")
    args = parser.parse_args()
    if args.quick:
        args.seconds, args.rounds = 3.0, 1

    with seeded_environment("bench-load-", database_url=args.database_url, quick=args.quick) as (
        env,
        seeded,
    ):
        mixed = list(seeded.pages.values())
        bare = [("/bench/bare/", cookie) for _, cookie in mixed]
        app_lat, bare_lat, app_err, bare_err, app_time, bare_time = [], [], 0, 0, 0.0, 0.0
        with Gunicorn(env) as server:
            for _ in range(args.rounds):
                done, errors, took = hammer(
                    server.port, mixed, seconds=args.seconds, concurrency=args.users
                )
                app_lat, app_err, app_time = app_lat + done, app_err + errors, app_time + took
                done, errors, took = hammer(
                    server.port, bare, seconds=args.seconds, concurrency=args.users
                )
                bare_lat, bare_err, bare_time = bare_lat + done, bare_err + errors, bare_time + took
        print(
            f"{args.users} users, {len(mixed)} pages in turn, gunicorn 2 sync workers, "
            f"{args.rounds} x ({args.seconds:g} s app, {args.seconds:g} s bare)"
        )
        print(f"{'':<6} {'req/s':>8} {'errors':>7} {'p50 ms':>8} {'p99 ms':>8}")
        for name, lat, err, took in (
            ("app", app_lat, app_err, app_time),
            ("bare", bare_lat, bare_err, bare_time),
        ):
            print(
                f"{name:<6} {len(lat) / took:8.1f} {err:7d} {percentile(lat, 0.5) * 1000:8.0f} "
                f"{percentile(lat, 0.99) * 1000:8.0f}"
            )
        ratio = percentile(app_lat, 0.99) / percentile(bare_lat, 0.99)
        verdict = "PASS" if app_err == 0 and ratio <= P99_LIMIT else "FAIL"
        print(f"p99 app / bare: {ratio:.2f} (target <= {P99_LIMIT:g}, 0 errors)  {verdict}")
        if verdict == "FAIL" and not args.quick:
            sys.exit("load: below target")


if __name__ == "__main__":
    main()
