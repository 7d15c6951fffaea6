"""Side by side with the peer validator (csc-validator-be-903) on the same return.

    python benchmarks/validate_vs_peer.py RETURN_DIR --year 2026 [--previous DIR]
        --peer-python PATH_TO_PEER_VENV_PYTHON [--la ONS_CODE] [--out DIR]

Runs our `validate` in this process and the peer in its own interpreter (its own virtualenv),
then prints the time each took and, per rule code both have, how many rows each flagged and how
many they agree on. Rows are compared as (table, 1-based data row). Not a test: a measurement.
Both are given the same authority (--la, default: the ONS code of the return's own authority),
which the rules on the placement's location (in or out of the authority) need.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import tempfile
import time
from pathlib import Path

import polars as pl

from carematters.data.authorities import ons_codes
from carematters.returns import read_return
from carematters.validation import validate

POSTCODE_RULES = ["164", "169", "179", "243", "392a", "392b", "392c", "392d", "398", "406", "411",
                  "420", "452", "453", "454", "503G", "503H", "503J", "1015"]
DFE_TABLES = ("Header", "Episodes", "Reviews", "UASC", "OC2", "OC3", "AD1", "PlacedAdoption",
              "PrevPerm", "Missing", "SWEpisodes", "DoLo")

# Runs inside the peer's interpreter: reads the return's CSV files, runs every rule of the year,
# writes rule,table,row,child (row 1-based) and prints the seconds taken as JSON.
PEER_DRIVER = r"""
import importlib, json, sys, time, warnings, logging
warnings.filterwarnings("ignore"); logging.disable(logging.CRITICAL)
import pandas as pd
from lac_validator.lac_validator import LacValidator
from lac_validator.utils import process_uploaded_files
this_year, previous, year, la, out = json.loads(sys.argv[1])
started = time.perf_counter()
files = process_uploaded_files({"This year": this_year, "Prev year": previous})
ruleset = f"lac{int(year) - 1}_{str(year)[2:]}"
registry = importlib.import_module(f"lac_validator.rules.{ruleset}").registry
v = LacValidator(metadata={"collectionYear": str(year), "localAuthority": la}, files=files,
                 registry=registry, selected_rules=None)
seconds = time.perf_counter() - started
rows = []
for table, frame in v.ds_results.items():
    if not isinstance(frame, pd.DataFrame) or table.endswith("_last"):
        continue
    for column in [c for c in frame.columns if str(c).startswith("ERR_")]:
        hit = frame[frame[column] == True]
        for index, child in zip(hit.index, hit.get("CHILD", pd.Series(index=hit.index))):
            rows.append((column[4:], table, int(index) + 1, child))
pd.DataFrame(rows, columns=["rule", "table", "row", "child"]).to_csv(out, index=False)
print(json.dumps({"seconds": seconds, "failed": v.fails}))
"""


def csv_files(folder: Path) -> list[str]:
    return [str(folder / f"{name}.csv") for name in DFE_TABLES if (folder / f"{name}.csv").exists()]


def run_ours(folder: Path, previous: Path | None, year: int,
             la: str | None) -> tuple[pl.DataFrame, float, str | None]:
    started = time.perf_counter()
    current = read_return(folder, year=year)
    last = read_return(previous, year=year - 1).data if previous else None
    la = la or current.data.la
    found = validate(current.data, last, year=year, la=la, problems=current.problems)
    seconds = time.perf_counter() - started
    return found.frame.select("rule", "table", "row", "child"), seconds, la


def ons_code(la: str | None) -> str:
    """The peer takes the authority as one ONS code."""
    codes = sorted(ons_codes(la)) if la else []
    return codes[0] if codes else "E09000027"


def run_peer(python: str, folder: Path, previous: Path | None, year: int, la: str,
             out: Path) -> tuple[pl.DataFrame, float, list[str]]:
    args = [csv_files(folder), csv_files(previous) if previous else [], year, la, str(out)]
    with tempfile.NamedTemporaryFile("w", suffix=".py", delete=False) as script:
        script.write(PEER_DRIVER)
    result = subprocess.run([python, script.name, json.dumps(args)], capture_output=True,
                            text=True, check=True)
    report = json.loads(result.stdout.strip().splitlines()[-1])
    frame = pl.read_csv(out, schema_overrides={"child": pl.String, "rule": pl.String})
    return frame, report["seconds"], report["failed"]


def compare(ours: pl.DataFrame, peer: pl.DataFrame) -> pl.DataFrame:
    codes = set(peer["rule"].unique()) | set(ours["rule"].unique())
    keys = ["rule", "table", "row"]
    a = ours.select(keys).unique().with_columns(pl.lit(True).alias("ours"))
    b = peer.select(keys).unique().with_columns(pl.lit(True).alias("peer"))
    both = a.join(b, on=keys, how="full", coalesce=True)
    return (
        both.group_by("rule")
        .agg(
            pl.col("ours").sum().alias("ours"),
            pl.col("peer").sum().alias("peer"),
            (pl.col("ours") & pl.col("peer")).sum().alias("agree"),
        )
        .with_columns((pl.col("ours") + pl.col("peer") - 2 * pl.col("agree")).alias("differ"))
        .filter(pl.col("rule").is_in(sorted(codes)))
        .sort(["differ", "rule"], descending=[True, False])
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--year", type=int, required=True)
    parser.add_argument("--previous", type=Path)
    parser.add_argument("--peer-python", required=True)
    parser.add_argument("--la", default=None)
    parser.add_argument("--out", type=Path, default=Path(tempfile.gettempdir()))
    args = parser.parse_args()

    ours, our_seconds, la = run_ours(args.folder, args.previous, args.year, args.la)
    peer, peer_seconds, failed = run_peer(args.peer_python, args.folder, args.previous,
                                          args.year, ons_code(la), args.out / "peer_findings.csv")
    ours.write_csv(args.out / "our_findings.csv")
    table = compare(ours.filter(pl.col("rule").is_in(peer["rule"].unique().to_list()) |
                                pl.lit(True)), peer)
    print(f"ours: {our_seconds:.2f}s, {ours.height} findings (reading included)")
    print(f"peer: {peer_seconds:.2f}s, {peer.height} findings; rules that raised: "
          f"{', '.join(sorted(failed)) or 'none'}")
    print(f"speed-up: {peer_seconds / our_seconds:.1f}x")
    agree = int(table["agree"].sum())
    print(f"rows flagged by both: {agree}; only ours: {int(table['ours'].sum()) - agree}; "
          f"only peer: {int(table['peer'].sum()) - agree}")
    with pl.Config(tbl_rows=60):
        print(table.filter(pl.col("differ") > 0).head(60))
    with pl.Config(tbl_rows=40):
        print("postcode and placement-location rules:")
        print(table.filter(pl.col("rule").is_in(POSTCODE_RULES)).sort("rule"))


if __name__ == "__main__":
    main()
