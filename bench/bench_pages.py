"""Page speed against a bare Django view, under gunicorn (2 sync workers), in alternating runs.

Run: .venv/bin/python bench/bench_pages.py [--seconds S] [--rounds N] [--database-url URL] [--quick]

Set-up (not timed): a throw-away database (SQLite in a temporary folder, or the PostgreSQL
database named by --database-url, which must be empty: it is migrated and filled here), seeded
by bench/pages_server.py: one patient with 600 checks in one area, a clinician with 500 patients.
gunicorn serves bench.pages_settings: the app's settings with DEBUG off, plus /bench/bare/, a
view with the same middleware (session, user, CSRF, CSP...) and a ten-line template.

Timed: for each page, N rounds of (app for S seconds, then bare for S seconds), each with 4 client
threads on fresh connections, as the same logged-in user. The machine is shared, so app and bare
runs alternate and the ratio is taken over the sums: requests/s of the page ÷ requests/s of the
bare view. Printed per page: both rates, the ratio, the target (0.33, /learn/ 0.5) and PASS/FAIL.
"""

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.pages_server import Gunicorn, get, hammer, seeded_environment  # noqa: E402

TARGETS = {"/learn/": 0.5}
DEFAULT_TARGET = 0.33
CONCURRENCY = 4


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=3.0, help="length of each run")
    parser.add_argument("--rounds", type=int, default=3, help="app/bare pairs per page")
    parser.add_argument("--database-url", default="", help="an empty PostgreSQL database")
    parser.add_argument("--quick", action="store_true", help="small seed, short runs (CI)")
    args = parser.parse_args()
    if args.quick:
        args.seconds, args.rounds = 1.0, 1

    with seeded_environment("bench-pages-", database_url=args.database_url, quick=args.quick) as (
        env,
        seeded,
    ):
        database = "PostgreSQL" if args.database_url else "SQLite"
        print(
            f"{database}, gunicorn 2 sync workers, {CONCURRENCY} client threads, "
            f"{args.rounds} x ({args.seconds:g} s app, {args.seconds:g} s bare) per page"
        )
        print(f"{'page':<28} {'app/s':>8} {'bare/s':>8} {'ratio':>6} {'target':>7}  result")
        failed = []
        with Gunicorn(env) as server:
            for name, (path, cookie) in seeded.pages.items():
                for _ in range(4):  # warm both workers (imports, template loading)
                    status, size = get(server.port, path, cookie)
                    get(server.port, "/bench/bare/", cookie)
                    if status != 200:
                        sys.exit(f"{name}: {path} answered {status}")
                app = bare = 0.0
                app_time = bare_time = 0.0
                for _ in range(args.rounds):
                    done, errors, took = hammer(
                        server.port, [(path, cookie)], seconds=args.seconds, concurrency=CONCURRENCY
                    )
                    app, app_time = app + len(done), app_time + took
                    done, errors2, took = hammer(
                        server.port,
                        [("/bench/bare/", cookie)],
                        seconds=args.seconds,
                        concurrency=CONCURRENCY,
                    )
                    bare, bare_time = bare + len(done), bare_time + took
                    if errors or errors2:
                        sys.exit(f"{name}: {errors} errors (bare {errors2})")
                app_rate, bare_rate = app / app_time, bare / bare_time
                ratio = app_rate / bare_rate
                target = TARGETS.get(name, DEFAULT_TARGET)
                verdict = "PASS" if ratio >= target else "FAIL"
                if verdict == "FAIL":
                    failed.append(name)
                print(
                    f"{name:<28} {app_rate:8.1f} {bare_rate:8.1f} {ratio:6.2f} {target:7.2f}  "
                    f"{verdict}  ({size // 1024} KB)",
                    flush=True,
                )
        if failed and not args.quick:
            sys.exit(f"below target: {', '.join(failed)}")


if __name__ == "__main__":
    main()
