"""Parity and speed against the peer validator (csc-validator-be-903 0.1.17), self-contained.

    PYTHONPATH=src python benchmarks/validate_vs_peer.py [--sizes 1k,10k,100k] [--year 2026]
        [--out benchmarks/_data/results] [--seed 1] [--repeat 1] [--no-register]

1. Makes (or reuses) a virtualenv with the peer under `benchmarks/.venv-peer` (git-ignored).
2. Generates, per size, a synthetic authority with injected errors (`carematters.synth`,
   `errors=True`): this year's and last year's returns written as the DfE CSV files under
   `benchmarks/_data/<size>/` (git-ignored; reused when the same size, seed and year are there),
   with the generator's Ofsted register of the authority's settings as the two Ofsted workbooks
   (`ofsted/children_homes.xlsx`, `ofsted/social_care_providers.xlsx`).
3. Runs both tools on the same files (this year's DfE tables, last year's as the previous
   return, the Ofsted workbooks unless `--no-register`), each in its own process, timed end to end (interpreter start, imports, reading the
   files, every rule, writing the findings), with the process's peak resident memory (VmHWM,
   read by the process itself: `wait4`'s max RSS would include the benchmark's own memory at
   fork) and CPU time (from `wait4`).
4. Prints and writes to `--out`: rule codes covered (ours and the peer's for this and next
   year's rule set), per-rule agreement on (rule, table, 1-based data row), the time and memory
   ratios, and the recall of the injected faults (share of manifest rows of this year flagged by
   at least one rule of the tool at that table and row).

Not a test: a measurement. The figures are summarised in docs/validation-benchmark.md.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import polars as pl

HERE = Path(__file__).resolve().parent
SRC = HERE.parent / "src"
PEER = "csc-validator-be-903==0.1.17"
# pytest: the peer's command line (`python -m lac_validator list`) imports it at start.
PEER_EXTRAS = ("pytest",)
DFE_TABLES = ("Header", "Episodes", "Reviews", "UASC", "OC2", "OC3", "AD1", "PlacedAdoption",
              "PrevPerm", "Missing", "SWEpisodes", "DoLo")

# Runs in its own interpreter with `src` on the path. argv[1]: JSON [this, previous, year, la, out,
# children's homes list, social care providers list] (the two Ofsted workbooks, or nulls).
OUR_DRIVER = r"""
import json, sys, time
started = time.perf_counter()
from pathlib import Path
from carematters.data.providers import read_register
from carematters.returns import read_csv_files
from carematters.validation import validate
this_year, previous, year, la, out, homes, others = json.loads(sys.argv[1])
imported = time.perf_counter()
current = read_csv_files([Path(p) for p in this_year], year=year)
last = read_csv_files([Path(p) for p in previous], year=year - 1).data if previous else None
providers = (read_register(children_homes=homes, social_care_providers=others)
             if homes and others else None)
read = time.perf_counter()
found = validate(current.data, last, year=year, la=la, problems=current.problems,
                 providers=providers).frame
checked = time.perf_counter()
found.select("rule", "table", "row", "child", "kind").write_csv(out)
errors = sorted(set(found.filter(found["kind"] == "rule error")["rule"].to_list()))

def _peak_kb():
    # This process's own high-water RSS since exec (VmHWM). wait4's ru_maxrss is no good here:
    # Linux carries the parent's RSS at fork into the child's figure, and the benchmark process
    # holds the generated authority.
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
print(json.dumps({"import": imported - started, "read": read - imported,
                  "check": checked - read, "raised": errors, "peak_kb": _peak_kb()}))
"""

# Runs in the peer's virtualenv. argv[1]: JSON as for ours. The peer reads the files inside
# LacValidator (read_from_text), so "check" there includes reading; it takes the Ofsted lists as
# uploads described "CH lookup" and "SCP lookup".
PEER_DRIVER = r"""
import json, sys, time
started = time.perf_counter()
import importlib, logging, warnings
warnings.filterwarnings("ignore"); logging.disable(logging.CRITICAL)
import pandas as pd
from lac_validator.lac_validator import LacValidator
from lac_validator.utils import process_uploaded_files
this_year, previous, year, la, out, homes, others = json.loads(sys.argv[1])
ruleset = f"lac{int(year) - 1}_{str(year)[2:]}"
registry = importlib.import_module(f"lac_validator.rules.{ruleset}").registry
imported = time.perf_counter()
uploads = {"This year": this_year, "Prev year": previous}
if homes and others:
    uploads.update({"CH lookup": [homes], "SCP lookup": [others]})
files = process_uploaded_files(uploads)
v = LacValidator(metadata={"collectionYear": str(year), "localAuthority": la}, files=files,
                 registry=registry, selected_rules=None)
checked = time.perf_counter()
parts = []
for table, frame in v.ds_results.items():
    if not isinstance(frame, pd.DataFrame) or table.endswith("_last"):
        continue
    for column in [c for c in frame.columns if str(c).startswith("ERR_")]:
        hit = frame[frame[column] == True]
        child = hit["CHILD"] if "CHILD" in hit.columns else pd.Series(pd.NA, index=hit.index)
        parts.append(pd.DataFrame({"rule": column[4:], "table": table,
                                   "row": [int(i) + 1 for i in hit.index], "child": child.values}))
columns = ["rule", "table", "row", "child"]
(pd.concat(parts) if parts else pd.DataFrame(columns=columns)).to_csv(out, index=False)

def _peak_kb():
    # This process's own high-water RSS since exec (VmHWM). wait4's ru_maxrss is no good here:
    # Linux carries the parent's RSS at fork into the child's figure, and the benchmark process
    # holds the generated authority.
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
print(json.dumps({"import": imported - started, "read": None, "check": checked - imported,
                  "raised": sorted(v.fails), "peak_kb": _peak_kb()}))
"""


def parse_size(text: str) -> int:
    text = text.strip().lower()
    return int(float(text[:-1]) * 1000) if text.endswith("k") else int(text)


def label(children: int) -> str:
    return f"{children // 1000}k" if children % 1000 == 0 else str(children)


# --- 1. the peer's virtualenv ------------------------------------------------------------------

def peer_python(venv: Path) -> str:
    """The peer's interpreter, installing it first when the virtualenv is missing or broken."""
    python = venv / "bin" / "python"
    if not python.exists():
        print(f"creating {venv} ...", flush=True)
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    probe = [str(python), "-c", "import lac_validator, pytest"]
    if subprocess.run(probe, capture_output=True).returncode != 0:
        print(f"installing {PEER} into {venv} ...", flush=True)
        subprocess.run([str(python), "-m", "pip", "install", "-q", PEER, *PEER_EXTRAS],
                       check=True)
    return str(python)


def peer_codes(python: str, year: int) -> list[str]:
    ruleset = f"lac{year - 1}_{str(year)[2:]}"
    listed = subprocess.run([python, "-m", "lac_validator", "list", "-r", ruleset],
                            capture_output=True, text=True, check=True).stdout
    return sorted({line.split("\t")[0].strip() for line in listed.splitlines() if "\t" in line})


def our_codes(year: int) -> list[str]:
    from carematters.validation.registry import rules_for

    return sorted(r.code for r in rules_for(year))


# --- 2. the synthetic authority ------------------------------------------------------------------

def synthetic(folder: Path, children: int, year: int, seed: int) -> Path:
    """Write (or reuse) an authority of `children` children, errors injected, years-1 and year."""
    stamp = {"children": children, "year": year, "seed": seed, "errors": True, "ofsted": True}
    marker = folder / "params.json"
    if marker.exists() and json.loads(marker.read_text()) == stamp:
        return folder
    from carematters.synth import generate, write

    print(f"generating {children:,} children ({year - 1} and {year}) into {folder} ...",
          flush=True)
    started = time.perf_counter()
    data = generate(children, 2, seed=seed, last_year=year, errors=True)
    write(data, folder)
    marker.write_text(json.dumps(stamp))
    print(f"  generated and written in {time.perf_counter() - started:.1f}s", flush=True)
    return folder


def dfe_files(folder: Path) -> list[str]:
    return [str(folder / f"{n}.csv") for n in DFE_TABLES if (folder / f"{n}.csv").exists()]


def authority(folder: Path) -> str:
    """The synthetic authority's ONS code: both tools are given the same one, which the rules on
    the placement's location (in or out of the authority: 179, 1015, 503J) need."""
    from carematters.data.authorities import ons_codes

    header = pl.read_csv(folder / "manifest.csv", infer_schema_length=0)
    code = header["la"][0] if header.height else ""
    return min(ons_codes(code), default=code)


# --- 3. running a tool in its own process ----------------------------------------------------------

def run_tool(python: str, driver: str, args: list, env: dict[str, str] | None = None) -> dict:
    """`driver` in `python`, reaped with wait4 so its CPU time is known; it reports its own peak."""
    load = os.getloadavg()[0]
    started = time.perf_counter()
    with open(os.devnull, "w") as null:
        process = subprocess.Popen([python, "-c", driver, json.dumps(args)],
                                   stdout=subprocess.PIPE, stderr=null, env=env, text=True)
        out = process.stdout.read()
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
    wall = time.perf_counter() - started
    if process.returncode != 0:
        raise RuntimeError(f"{python} driver failed with status {process.returncode}")
    report = json.loads(out.strip().splitlines()[-1])
    return {**report, "wall": wall, "cpu": usage.ru_utime + usage.ru_stime,
            "peak_mb": report.pop("peak_kb") / 1024, "load_before": load}


def fastest(runs: list[dict]) -> dict:
    """The fastest of repeated runs (the least disturbed by other work on the machine), with
    every run's wall time kept."""
    best = min(runs, key=lambda r: r["wall"])
    return {**best, "walls": [r["wall"] for r in runs]}


def ofsted_lists(folder: Path) -> list[str | None]:
    """The synthetic authority's Ofsted workbooks (children's homes, social care providers),
    given to both tools so the rules checking URNs against the register are compared."""
    lists = [folder / "ofsted" / "children_homes.xlsx",
             folder / "ofsted" / "social_care_providers.xlsx"]
    return [str(p) if p.exists() else None for p in lists]


def run_ours(this_year: list[str], previous: list[str], year: int, la: str, out: Path,
             ofsted: list[str | None]) -> dict:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        p for p in (str(SRC), os.environ.get("PYTHONPATH", "")) if p)}
    return run_tool(sys.executable, OUR_DRIVER,
                    [this_year, previous, year, la, str(out), *ofsted], env)


def run_peer(python: str, this_year: list[str], previous: list[str], year: int, la: str,
             out: Path, ofsted: list[str | None]) -> dict:
    return run_tool(python, PEER_DRIVER, [this_year, previous, year, la, str(out), *ofsted])


# --- 4. comparing --------------------------------------------------------------------------------

FINDING_SCHEMA = {"rule": pl.String, "table": pl.String, "row": pl.Int64, "child": pl.String}


def findings(path: Path) -> pl.DataFrame:
    frame = pl.read_csv(path, schema_overrides=FINDING_SCHEMA, infer_schema_length=0)
    if "kind" in frame.columns:  # ours: a rule that raised is reported, not a flagged row
        frame = frame.filter(pl.col("kind") != "rule error")
    return frame.select("rule", "table", pl.col("row").cast(pl.Int64)).drop_nulls().unique()


def agreement(ours: pl.DataFrame, peer: pl.DataFrame, codes_ours: list[str],
              codes_peer: list[str], raised: list[str]) -> pl.DataFrame:
    """Per rule: rows flagged by both, only by us, only by the peer (rule, table, row)."""
    keys = ["rule", "table", "row"]
    joined = (ours.with_columns(ours=pl.lit(True))
              .join(peer.with_columns(peer=pl.lit(True)), on=keys, how="full", coalesce=True)
              .with_columns(pl.col("ours", "peer").fill_null(False)))
    counts = joined.group_by("rule").agg(
        (pl.col("ours") & pl.col("peer")).sum().alias("both"),
        (pl.col("ours") & ~pl.col("peer")).sum().alias("only_ours"),
        (~pl.col("ours") & pl.col("peer")).sum().alias("only_peer"),
    )
    codes = pl.DataFrame({"rule": sorted(set(codes_ours) | set(codes_peer))})
    return (
        codes.join(counts, on="rule", how="left")
        .with_columns(
            pl.col("both", "only_ours", "only_peer").fill_null(0).cast(pl.Int64),
            pl.col("rule").is_in(codes_ours).alias("in_ours"),
            pl.col("rule").is_in(codes_peer).alias("in_peer"),
            pl.col("rule").is_in(raised).alias("peer_raised"),
        )
        .with_columns((pl.col("only_ours") + pl.col("only_peer")).alias("differ"))
        .sort(["differ", "rule"], descending=[True, False])
    )


def recall(manifest: pl.DataFrame, flagged: pl.DataFrame) -> tuple[float, pl.DataFrame]:
    """Share of manifest rows flagged by at least one rule at that table and row, and by kind."""
    rows = flagged.select("table", "row").unique().with_columns(found=pl.lit(True))
    hit = manifest.join(rows, on=["table", "row"], how="left").with_columns(
        pl.col("found").fill_null(False))
    by_kind = hit.group_by("kind").agg(pl.len().alias("injected"),
                                       pl.col("found").sum().alias("found")).sort("kind")
    return (hit["found"].mean() if hit.height else 0.0), by_kind


def blanket(flagged: pl.DataFrame, rows: dict[str, int]) -> pl.DataFrame:
    """Rules that flag more than half of a table's rows: they flag a faulty row whatever its
    fault (the peer's postcode look-ups on synthetic postcodes), so recall is also given
    without them."""
    counts = flagged.group_by("rule", "table").len()
    sizes = pl.DataFrame({"table": list(rows), "rows": list(rows.values())})
    wide = counts.join(sizes, on="table").filter(pl.col("len") > pl.col("rows") / 2)
    return flagged.join(wide.select("rule", "table"), on=["rule", "table"], how="anti")


def kinds_at(table: pl.DataFrame, ours: pl.DataFrame, peer: pl.DataFrame,
             manifest: pl.DataFrame) -> pl.DataFrame:
    """Add, per rule, the injected fault kinds found at the rows the two tools disagree on."""
    keys = ["rule", "table", "row"]
    differ = pl.concat([ours.join(peer, on=keys, how="anti"), peer.join(ours, on=keys, how="anti")])
    kinds = (differ.join(manifest.select("table", "row", "kind"), on=["table", "row"])
             .group_by("rule").agg(pl.col("kind").unique().sort().str.join(" ").alias("kinds")))
    return table.join(kinds, on="rule", how="left").sort(["differ", "rule"],
                                                         descending=[True, False])


def missed(manifest: pl.DataFrame, flagged: pl.DataFrame) -> pl.DataFrame:
    rows = flagged.select("table", "row").unique()
    return manifest.join(rows, on=["table", "row"], how="anti").sort("kind", "table", "row")


# --- one size --------------------------------------------------------------------------------------

def one_size(children: int, args: argparse.Namespace, python: str, codes: dict) -> dict:
    name = label(children)
    folder = synthetic(args.data / name, children, args.year, args.seed)
    out = args.out / name
    out.mkdir(parents=True, exist_ok=True)
    this_year, previous = dfe_files(folder / str(args.year)), dfe_files(folder / str(args.year - 1))
    la = authority(folder)
    ofsted = [] if args.no_register else ofsted_lists(folder)
    ofsted += [None] * (2 - len(ofsted))
    print(f"[{name}] ours ...", flush=True)
    ours_run = fastest([run_ours(this_year, previous, args.year, la, out / "our_findings.csv",
                                 ofsted) for _ in range(args.repeat)])
    print(f"[{name}] peer ...", flush=True)
    peer_run = fastest([run_peer(python, this_year, previous, args.year, la,
                                 out / "peer_findings.csv", ofsted) for _ in range(args.repeat)])
    ours, peer = findings(out / "our_findings.csv"), findings(out / "peer_findings.csv")
    year_codes = codes[args.year]
    manifest = pl.read_csv(folder / "manifest.csv", infer_schema_length=0).filter(
        pl.col("year") == str(args.year)).with_columns(pl.col("row").cast(pl.Int64))
    table = kinds_at(agreement(ours, peer, year_codes["ours"], year_codes["peer"],
                               peer_run["raised"]), ours, peer, manifest)
    table.write_csv(out / "agreement.csv")

    rows = {t: _rows(folder / str(args.year) / f"{t}.csv") for t in DFE_TABLES}
    ours_recall, ours_kinds = recall(manifest, ours)
    peer_recall, peer_kinds = recall(manifest, peer)
    ours_narrow, peer_narrow = blanket(ours, rows), blanket(peer, rows)
    ours_kinds.join(peer_kinds, on="kind", suffix="_peer").rename(
        {"found": "found_ours"}).drop("injected_peer").write_csv(out / "recall_by_kind.csv")
    missed(manifest, ours).write_csv(out / "missed_by_ours.csv")

    common = table.filter(pl.col("in_ours") & pl.col("in_peer") & ~pl.col("peer_raised"))
    summary = {
        "size": name, "children": children, "year": args.year,
        "rows": rows,
        "ours": ours_run, "peer": peer_run,
        "time_ratio": peer_run["wall"] / ours_run["wall"],
        # Without interpreter start and imports: reading the files and running the rules.
        "work_ratio": peer_run["check"] / (ours_run["read"] + ours_run["check"]),
        "memory_ratio": ours_run["peak_mb"] / peer_run["peak_mb"],
        "common_rules_compared": common.height,
        "rows_both": int(common["both"].sum()),
        "rows_only_ours": int(common["only_ours"].sum()),
        "rows_only_peer": int(common["only_peer"].sum()),
        "rules_full_agreement": int(common.filter(pl.col("differ") == 0).height),
        "injected": manifest.height,
        "recall_ours": ours_recall, "recall_peer": peer_recall,
        "recall_ours_without_blanket_rules": recall(manifest, ours_narrow)[0],
        "recall_peer_without_blanket_rules": recall(manifest, peer_narrow)[0],
        "blanket_rules_ours": _pairs(ours, ours_narrow), "blanket_rules_peer": _pairs(peer, peer_narrow),
        "cpu_count": os.cpu_count(),
    }
    (out / "summary.json").write_text(json.dumps(summary, indent=2))
    show(summary, table, ours_kinds.join(peer_kinds, on="kind", suffix="_peer"))
    return summary


def _pairs(flagged: pl.DataFrame, narrow: pl.DataFrame) -> list[str]:
    gone = flagged.join(narrow, on=["rule", "table", "row"], how="anti")
    return sorted({f"{r} ({t})" for r, t in gone.select("rule", "table").unique().iter_rows()})


def _rows(path: Path) -> int:
    return pl.scan_csv(path, infer_schema_length=0).select(pl.len()).collect().item() \
        if path.exists() else 0


def show(s: dict, table: pl.DataFrame, kinds: pl.DataFrame) -> None:
    o, p = s["ours"], s["peer"]
    print(f"\n== {s['size']} children, {s['year']} (Episodes {s['rows']['Episodes']:,} rows) ==")
    for who, r in (("ours", o), ("peer", p)):
        work = r["check"] + (r["read"] or 0)
        print(f"{who}: {r['wall']:.2f}s wall ({r['cpu']:.1f}s CPU, {work:.2f}s reading "
              f"+ checking), peak {r['peak_mb']:.0f} MB, load before {r['load_before']:.1f}; "
              f"rules that raised: {', '.join(r['raised']) or 'none'}")
    print(f"peer/ours time: {s['time_ratio']:.1f}x end to end, {s['work_ratio']:.1f}x reading "
          f"and checking only; ours/peer peak memory: "
          f"{s['memory_ratio']:.2f}")
    print(f"rules both have (peer ran): {s['common_rules_compared']}, in full agreement: "
          f"{s['rules_full_agreement']}; rows both: {s['rows_both']:,}, only ours: "
          f"{s['rows_only_ours']:,}, only peer: {s['rows_only_peer']:,}")
    print(f"injected faults flagged at their row: ours {s['recall_ours']:.1%}, "
          f"peer {s['recall_peer']:.1%} (of {s['injected']}); without rules flagging over half "
          f"a table: ours {s['recall_ours_without_blanket_rules']:.1%}, peer "
          f"{s['recall_peer_without_blanket_rules']:.1%} (peer's: "
          f"{', '.join(s['blanket_rules_peer']) or 'none'}; ours: "
          f"{', '.join(s['blanket_rules_ours']) or 'none'})")
    with pl.Config(tbl_rows=80, tbl_width_chars=120):
        print(table.filter(pl.col("differ") > 0).drop("differ", "in_ours", "in_peer"))
        print(kinds)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1k,10k", help="children per authority: 1k,10k,100k")
    parser.add_argument("--year", type=int, default=2026, help="collection year (2026 = 2025-26)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=1, help="runs per tool; the fastest counts")
    parser.add_argument("--out", type=Path, default=HERE / "_data" / "results")
    parser.add_argument("--data", type=Path, default=HERE / "_data")
    parser.add_argument("--venv", type=Path, default=HERE / ".venv-peer")
    parser.add_argument("--no-register", action="store_true",
                        help="do not give either tool the Ofsted workbooks the generator writes")
    args = parser.parse_args()

    python = peer_python(args.venv)
    codes = {y: {"ours": our_codes(y), "peer": peer_codes(python, y)}
             for y in (args.year, args.year + 1)}
    coverage = {}
    for y, c in codes.items():
        covered = sorted(set(c["ours"]) & set(c["peer"]))
        coverage[y] = {"ours": len(c["ours"]), "peer": len(c["peer"]), "covered": len(covered),
                       "share": len(covered) / len(c["peer"]),
                       "peer_only": sorted(set(c["peer"]) - set(c["ours"])),
                       "ours_only": sorted(set(c["ours"]) - set(c["peer"]))}
        print(f"{y - 1}-{str(y)[2:]}: peer codes covered {len(covered)}/{len(c['peer'])} "
              f"({coverage[y]['share']:.1%}); not here: {', '.join(coverage[y]['peer_only'])}")
    args.out.mkdir(parents=True, exist_ok=True)
    sizes = [one_size(parse_size(s), args, python, codes) for s in args.sizes.split(",")]
    (args.out / "summary.json").write_text(json.dumps(
        {"coverage": {str(k): v for k, v in coverage.items()}, "sizes": sizes}, indent=2))
    pl.DataFrame([{
        "size": s["size"], "ours_s": s["ours"]["wall"], "peer_s": s["peer"]["wall"],
        "time_ratio": s["time_ratio"], "work_ratio": s["work_ratio"], "ours_mb": s["ours"]["peak_mb"],
        "peer_mb": s["peer"]["peak_mb"], "memory_ratio": s["memory_ratio"],
        "recall_ours": s["recall_ours"], "recall_peer": s["recall_peer"],
        "recall_ours_without_blanket": s["recall_ours_without_blanket_rules"],
        "recall_peer_without_blanket": s["recall_peer_without_blanket_rules"],
        "rows_both": s["rows_both"], "rows_only_ours": s["rows_only_ours"],
        "rows_only_peer": s["rows_only_peer"], "load_before_ours": s["ours"]["load_before"],
        "load_before_peer": s["peer"]["load_before"],
    } for s in sizes]).write_csv(args.out / "summary.csv")
    print(f"\nwritten to {args.out}")


if __name__ == "__main__":
    main()
