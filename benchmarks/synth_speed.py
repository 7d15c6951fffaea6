"""How fast is the synthetic generator? Times generate() and writing CSV separately.

Usage: python benchmarks/synth_speed.py [children] [years]   (default 100,000 x 5)
Target: 100,000 children x 5 years generated in under 30 s on a 2-core machine.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from carematters.synth import generate, write


def main() -> None:
    children = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    years = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    started = time.perf_counter()
    synthetic = generate(children, years, seed=0)
    generated = time.perf_counter() - started
    rows = sum(frame.height for data in synthetic.returns.values() for frame in data.tables.values())
    with tempfile.TemporaryDirectory() as folder:
        started = time.perf_counter()
        paths = write(synthetic, Path(folder))
        written = time.perf_counter() - started
        size = sum(p.stat().st_size for p in paths)
    print(f"children {children:,} x {years} years: {rows:,} rows in {len(synthetic.returns)} returns")
    print(f"generate   {generated:6.1f} s  ({rows / generated:,.0f} rows/s)")
    print(f"write CSV  {written:6.1f} s  ({len(paths)} files, {size / 1e6:,.0f} MB)")
    print(f"ratio to the 30 s target: {generated / 30:.2f}")


if __name__ == "__main__":
    main()
