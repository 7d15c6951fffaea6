"""Every indicator for every year, against just reading the returns they come from.

    python benchmarks/indicators_speed.py [--path RETURNS] [--children 320000] [--years 10]

Without --path, synthetic returns are generated first (320,000 children over 10 years gives
about 110,000 children in each year's return, a national-size authority pool). Prints the time to
read the files, the time to compute every indicator for every year from the combined data, and
their ratio (target: at most 3).
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from carematters.data.caredata import combine_years
from carematters.indicators import all_indicators
from carematters.indicators.trends import run_years
from carematters.returns import read_returns


def _generate(children: int, years: int, out: Path) -> Path:
    from carematters.synth import generate, write

    write(generate(children, years, seed=7), out, "csv")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--path", type=Path)
    parser.add_argument("--children", type=int, default=320_000)
    parser.add_argument("--years", type=int, default=10)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        path = args.path or _generate(args.children, args.years, Path(scratch))
        started = time.perf_counter()
        returns = read_returns(path)
        reading = time.perf_counter() - started

        started = time.perf_counter()
        data = combine_years(r.data for r in returns)
        results = run_years(data, data.years)
        computing = time.perf_counter() - started

    per_year = max(r.data["Header"].height for r in returns)
    print(f"returns: {len(returns)} years, up to {per_year:,} children a year, "
          f"{data['Episodes'].height:,} episodes combined")
    print(f"indicators: {len(all_indicators())} x {len(data.years)} years = {len(results):,}")
    print(f"read the files:           {reading:8.2f} s")
    print(f"combine + all indicators: {computing:8.2f} s")
    print(f"ratio (indicators / read): {computing / reading:.2f} (target <= 3)")


if __name__ == "__main__":
    main()
