"""`make bench`: run every benchmark script in this folder, one after another.

`--quick` (`make bench QUICK=1`, run by .ci/run) passes `--quick` to each script: small inputs and
one run, to check in a minute that every benchmark still works; its times mean little.
"""

import argparse
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small inputs, one run each")
    args = parser.parse_args()
    extra = ["--quick"] if args.quick else []
    failed = []
    for script in sorted(HERE.glob("bench_*.py")):
        print(f"\n=== {script.stem}", flush=True)
        if subprocess.call([sys.executable, str(script), *extra], cwd=HERE.parent) != 0:
            failed.append(script.name)
    if failed:
        sys.exit(f"benchmarks failed: {', '.join(failed)}")


if __name__ == "__main__":
    main()
