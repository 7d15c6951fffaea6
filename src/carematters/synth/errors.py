"""Deliberate errors in the generated returns, each recorded in a manifest.

About 1% of the rows of the DfE tables get one error. Most errors are typed values that break a
DfE rule (an episode ending before it starts, OC2 for a child outside the cohort...). Errors a
typed column cannot hold (an impossible date, a lower-case code, text in a number) are kept as
`CellText` and only appear in the written files; the typed return keeps the clean value there.
Manifest rows: la, year, table, row (1-based, as written), child, column, kind, original, injected.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta

import numpy as np
import polars as pl

from carematters.data.caredata import CareData
from carematters.data.schema import SSDA903_TABLES, table
from carematters.data.years import add_years, year_end
from carematters.synth.ofsted import CLOSED_HOMES

MANIFEST_SCHEMA = {
    "la": pl.String, "year": pl.Int64, "table": pl.String, "row": pl.Int64, "child": pl.String,
    "column": pl.String, "kind": pl.String, "original": pl.String, "injected": pl.String,
}
RATE = 0.01


@dataclass(frozen=True)
class CellText:
    """Raw text written in place of a typed value (0-based row of the table as written)."""

    table: str
    row: int
    column: str
    text: str


@dataclass
class _Change:
    table: str
    row: int
    column: str
    kind: str
    value: object = None  # the typed value to put in the frame
    text: str | None = None  # or raw text for the file only


@dataclass
class _Context:
    rng: np.random.Generator
    frames: dict[str, pl.DataFrame]
    year: int
    used: dict[str, set[int]] = field(default_factory=lambda: defaultdict(set))  # table -> rows

    def rows(self, name: str, where: pl.Expr | None = None) -> np.ndarray:
        frame = self.frames.get(name)
        if frame is None or frame.height == 0:
            return np.array([], dtype=np.int64)
        indexed = frame.with_row_index("__i")
        if name == "Episodes":  # age rules need the child's date of birth
            dob = self.frames["Header"].select("CHILD", pl.col("DOB").alias("__dob"))
            indexed = indexed.join(dob, on="CHILD", how="left", maintain_order="left")
        if where is not None:
            indexed = indexed.filter(where)
        return indexed["__i"].to_numpy().astype(np.int64)

    def choose(self, name: str, n: int, where: pl.Expr | None = None) -> list[int]:
        rows = self.rows(name, where)
        free = rows[~np.isin(rows, np.fromiter(self.used[name], dtype=np.int64))]
        if free.size == 0 or n <= 0:
            return []
        picked = sorted(self.rng.choice(free, min(n, len(free)), replace=False).tolist())
        self.used[name].update(picked)
        return picked

    def value(self, name: str, row: int, column: str):
        return self.frames[name][column][row]

    def days(self, low: int, high: int) -> timedelta:
        return timedelta(days=int(self.rng.integers(low, high + 1)))


Kind = Callable[[_Context, int], list[_Change]]
KINDS: dict[str, tuple[float, Kind]] = {}


def kind(name: str, weight: float = 1.0) -> Callable[[Kind], Kind]:
    def register(fn: Kind) -> Kind:
        if name in KINDS:
            raise ValueError(f"duplicate error kind {name}")
        KINDS[name] = (weight, fn)
        return fn
    return register


def _shares(n: int, k: int) -> list[int]:
    """`n` errors shared as evenly as possible between `k` targets."""
    return [n // k + (j < n % k) for j in range(k)]


def _set(ctx: _Context, name: str, n: int, column: str, where: pl.Expr | None,
         new: Callable[[int], object], kind_name: str, text: bool = False) -> list[_Change]:
    out = []
    for row in ctx.choose(name, n, where):
        value = new(row)
        out.append(_Change(name, row, column, kind_name, None if text else value,
                           value if text else None))
    return out


# --- Episodes ------------------------------------------------------------------------------

@kind("dec_before_decom", 1.5)
def _dec_before_decom(ctx: _Context, n: int) -> list[_Change]:
    return _set(ctx, "Episodes", n, "DEC", pl.col("DEC").is_not_null(),
                lambda r: ctx.value("Episodes", r, "DECOM") - ctx.days(1, 30), "dec_before_decom")


@kind("overlapping_episodes", 1.5)
def _overlapping(ctx: _Context, n: int) -> list[_Change]:
    prev_dec = pl.col("DEC").shift(1).over("CHILD")
    prev_decom = pl.col("DECOM").shift(1).over("CHILD")
    where = prev_dec.is_not_null() & ((prev_dec - prev_decom).dt.total_days() > 3)
    ep = ctx.frames["Episodes"]

    def earlier(row: int) -> date:
        start, end = ep["DECOM"][row - 1], ep["DEC"][row - 1]
        return start + timedelta(days=max(1, (end - start).days // 2))
    return _set(ctx, "Episodes", n, "DECOM", where, earlier, "overlapping_episodes")


@kind("missing_rec")
def _missing_rec(ctx: _Context, n: int) -> list[_Change]:
    return _set(ctx, "Episodes", n, "REC", pl.col("REC").is_not_null(), lambda r: None, "missing_rec")


def _younger_than(years: int) -> pl.Expr:
    return (pl.col("DECOM") - pl.col("__dob")).dt.total_days() < years * 365


@kind("ls_age_mismatch")
def _ls_age(ctx: _Context, n: int) -> list[_Change]:
    return _set(ctx, "Episodes", n, "LS", _younger_than(9) & (pl.col("LS") != "V3"),
                lambda r: "J1", "ls_age_mismatch")


@kind("place_age_mismatch")
def _place_age(ctx: _Context, n: int) -> list[_Change]:
    supported = "K3" if ctx.year >= 2025 else "H5"
    return _set(ctx, "Episodes", n, "PLACE", _younger_than(14) & pl.col("PLACE").str.starts_with("U"),
                lambda r: supported, "place_age_mismatch")


@kind("provider_place_mismatch")
def _provider(ctx: _Context, n: int) -> list[_Change]:
    return _set(ctx, "Episodes", n, "PLACE_PROVIDER",
                pl.col("PLACE_PROVIDER").is_not_null() & (pl.col("PLACE") != "P1"),
                lambda r: "PR0", "provider_place_mismatch")


@kind("dec_after_year_end")
def _after_end(ctx: _Context, n: int) -> list[_Change]:
    end = year_end(ctx.year)
    return _set(ctx, "Episodes", n, "DEC", pl.col("DEC").is_not_null(),
                lambda r: end + ctx.days(1, 60), "dec_after_year_end")


# URNs against the Ofsted register (`synth.ofsted`): found only when the register is given.

def _registered_urn() -> pl.Expr:
    return pl.col("URN").is_not_null() & (pl.col("URN") != "XXXXXXX")


@kind("urn_not_registered", 0.5)
def _urn_unknown(ctx: _Context, n: int) -> list[_Change]:
    # Well formed (SC and six digits) but from a range no synthetic setting uses: DfE 1008.
    return _set(ctx, "Episodes", n, "URN", _registered_urn(),
                lambda r: f"SC08{int(ctx.rng.integers(0, 10_000)):04d}", "urn_not_registered")


@kind("urn_closed_setting", 0.5)
def _urn_closed(ctx: _Context, n: int) -> list[_Change]:
    # A children's home whose registration ended in 2015: DfE 227/228.
    return _set(ctx, "Episodes", n, "URN", _registered_urn() & (pl.col("PLACE") == "K2"),
                lambda r: CLOSED_HOMES[r % len(CLOSED_HOMES)], "urn_closed_setting")


@kind("urn_wrong_placement", 0.5)
def _urn_wrong_type(ctx: _Context, n: int) -> list[_Change]:
    # A children's home episode given a fostering service's URN: DfE 219.
    fostering = ctx.frames["Episodes"].filter(
        _registered_urn() & pl.col("PLACE").str.starts_with("U"))["URN"]
    if fostering.is_empty():
        return []
    urn = fostering.min()
    return _set(ctx, "Episodes", n, "URN", _registered_urn() & pl.col("PLACE").is_in(["K1", "K2"]),
                lambda r: urn, "urn_wrong_placement")


@kind("provider_wrong_authority", 0.5)
def _provider_authority(ctx: _Context, n: int) -> list[_Change]:
    # The authority's own foster carers recorded as another authority's (PR2): DfE 224 (the
    # register lists PR1 for its fostering service) and 229 (PR2 but the service is inside).
    own = _registered_urn() & pl.col("PLACE").str.starts_with("U") & (
        pl.col("PLACE_PROVIDER") == "PR1")
    return _set(ctx, "Episodes", n, "PLACE_PROVIDER", own, lambda r: "PR2",
                "provider_wrong_authority")


@kind("blank_required")
def _blank(ctx: _Context, n: int) -> list[_Change]:
    half = (n + 1) // 2
    return (_set(ctx, "Header", half, "ETHNIC", None, lambda r: None, "blank_required")
            + _set(ctx, "Episodes", n - half, "CIN", None, lambda r: None, "blank_required"))


# --- Codes ---------------------------------------------------------------------------------

@kind("unknown_code", 1.5)
def _unknown_code(ctx: _Context, n: int) -> list[_Change]:
    targets = [("Episodes", "CIN", "N9"), ("Episodes", "PLACE", "U9"), ("Reviews", "REVIEW_CODE", "PN9"),
               ("OC3", "ACTIV", "X9"), ("Header", "ETHNIC", "WXXX")]
    out = []
    for (name, column, bad), count in zip(targets, _shares(n, len(targets)), strict=True):
        out += _set(ctx, name, count, column, pl.col(column).is_not_null(), lambda r, b=bad: b,
                    "unknown_code")
    return out


@kind("code_wrong_year")
def _wrong_year(ctx: _Context, n: int) -> list[_Change]:
    swap = {"1": "M", "2": "F"} if ctx.year <= 2024 else {"M": "1", "F": "2", "U": "1"}
    return _set(ctx, "Header", n, "SEX", None, lambda r: swap[ctx.value("Header", r, "SEX")],
                "code_wrong_year")


@kind("lowercase_code", 1.5)
def _lowercase(ctx: _Context, n: int) -> list[_Change]:
    out = []
    columns = ("LS", "PLACE", "RNE", "REC")
    for column, count in zip(columns, _shares(n, len(columns)), strict=True):
        out += _set(ctx, "Episodes", count, column, pl.col(column).is_not_null()
                    & pl.col(column).str.contains("[A-Z]"),
                    lambda r, c=column: ctx.value("Episodes", r, c).lower(), "lowercase_code", text=True)
    return out


# --- Dates written wrongly -----------------------------------------------------------------

@kind("bad_date", 1.5)
def _bad_date(ctx: _Context, n: int) -> list[_Change]:
    targets = [("Episodes", "DECOM"), ("Header", "DOB"), ("Reviews", "REVIEW"), ("Episodes", "DEC")]
    out = []
    for (name, column), count in zip(targets, _shares(n, len(targets)), strict=True):

        def garble(row: int, name=name, column=column) -> str:
            d: date = ctx.value(name, row, column)
            # Impossible in any spelling, so even a lenient reader must reject them.
            style = int(ctx.rng.integers(0, 4))
            return (f"31/02/{d.year}", f"{d.year}-02-30", f"{d.month:02d}/13/{d.year}",
                    f"{d.day}.{d.month}.{d.year % 100:02d}")[style]
        out += _set(ctx, name, count, column, pl.col(column).is_not_null(), garble, "bad_date",
                    text=True)
    return out


@kind("non_numeric", 0.5)
def _non_numeric(ctx: _Context, n: int) -> list[_Change]:
    words = {0: "zero", 1: "one", 2: "two"}
    return _set(ctx, "OC2", n, "SDQ_SCORE", pl.col("SDQ_SCORE").is_not_null(),
                lambda r: words.get(ctx.value("OC2", r, "SDQ_SCORE") % 3, "ten") + "ish",
                "non_numeric", text=True)


# --- Other tables ----------------------------------------------------------------------------

@kind("review_before_birth")
def _review_before_birth(ctx: _Context, n: int) -> list[_Change]:
    # No DfE rule compares a review date with the date of birth or the collection year: a review
    # dated before birth is caught only because its participation code then says "4 or over"
    # (PN1-PN7) while the dates say under 4 (rule 441). A PN0 review ("under 4") before birth
    # breaks no DfE rule, so only reviews with another code are moved.
    return _set(ctx, "Reviews", n, "REVIEW", pl.col("REVIEW_CODE").is_not_null()
                & (pl.col("REVIEW_CODE") != "PN0"),
                lambda r: ctx.value("Reviews", r, "DOB") - ctx.days(1, 200), "review_before_birth")


@kind("dob_mismatch")
def _dob_mismatch(ctx: _Context, n: int) -> list[_Change]:
    return _set(ctx, "Reviews", n, "DOB", None,
                lambda r: ctx.value("Reviews", r, "DOB") + ctx.days(1, 400), "dob_mismatch")


@kind("child_not_in_header")
def _orphan(ctx: _Context, n: int) -> list[_Change]:
    return _set(ctx, "Reviews", n, "CHILD", None,
                lambda r: "Z" + ctx.value("Reviews", r, "CHILD")[1:], "child_not_in_header")


@kind("sdq_out_of_range")
def _sdq(ctx: _Context, n: int) -> list[_Change]:
    return _set(ctx, "OC2", n, "SDQ_SCORE", pl.col("SDQ_SCORE").is_not_null(),
                lambda r: int(ctx.rng.integers(41, 80)), "sdq_out_of_range")


@kind("convicted_under_10")
def _convicted(ctx: _Context, n: int) -> list[_Change]:
    return _set(ctx, "OC2", n, "CONVICTED", pl.col("CONVICTED").is_null(), lambda r: 1,
                "convicted_under_10")


@kind("uasc_duc_after_18")
def _duc(ctx: _Context, n: int) -> list[_Change]:
    return _set(ctx, "UASC", n, "DUC", None,
                lambda r: add_years(ctx.value("UASC", r, "DOB"), 18) + ctx.days(10, 300),
                "uasc_duc_after_18")


@kind("oc3_in_touch_inconsistent")
def _oc3(ctx: _Context, n: int) -> list[_Change]:
    return _set(ctx, "OC3", n, "ACTIV", pl.col("IN_TOUCH") == "YES", lambda r: "0",
                "oc3_in_touch_inconsistent")


@kind("missing_end_before_start")
def _missing(ctx: _Context, n: int) -> list[_Change]:
    return _set(ctx, "Missing", n, "MIS_END", pl.col("MIS_END").is_not_null(),
                lambda r: ctx.value("Missing", r, "MIS_START") - ctx.days(1, 10),
                "missing_end_before_start")


@kind("ad1_date_int_mismatch")
def _ad1(ctx: _Context, n: int) -> list[_Change]:
    return _set(ctx, "AD1", n, "DATE_INT", None,
                lambda r: ctx.value("AD1", r, "DATE_INT") + ctx.days(10, 90), "ad1_date_int_mismatch")


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    return str(value)


def _add_duplicates(ctx: _Context, n: int) -> list[tuple[str, int, str]]:
    """Duplicate `n` episodes (each right after its original); (table, new row, child).

    Only ended episodes: the copy then starts before its predecessor ended (501). A copy of an
    open episode is reported on the original instead (142: a new episode began while it had no
    end), so the manifest's row would be the wrong one."""
    episodes = ctx.frames["Episodes"]
    rows = ctx.choose("Episodes", n, pl.col("DEC").is_not_null())
    if not rows:
        return []
    order = pl.Series("__order", np.arange(episodes.height) * 2)
    copies = episodes[rows].with_columns(pl.Series("__order", np.array(rows) * 2 + 1))
    merged = pl.concat([episodes.with_columns(order), copies]).sort("__order")
    positions = np.flatnonzero(merged["__order"].to_numpy() % 2 == 1)
    ctx.frames["Episodes"] = merged.drop("__order")
    ctx.used["Episodes"] = {int(p) for p in np.concatenate([positions, positions - 1])}
    return [("Episodes", int(p), ctx.frames["Episodes"]["CHILD"][int(p)]) for p in positions]


def _add_oc2_rows(ctx: _Context, n: int) -> list[tuple[str, int, str]]:
    """OC2 rows for children looked after at 31 March who are not in the 12-month cohort."""
    oc2 = ctx.frames.get("OC2")
    if oc2 is None or n <= 0:
        return []
    open_now = ctx.frames["Episodes"].filter(pl.col("DEC").is_null() & (pl.col("LS") != "V3"))
    candidates = sorted(set(open_now["CHILD"]) - set(oc2["CHILD"]))
    if not candidates:
        return []
    chosen = sorted(ctx.rng.choice(candidates, min(n, len(candidates)), replace=False).tolist())
    header = ctx.frames["Header"].filter(pl.col("CHILD").is_in(chosen))
    extra = header.select("CHILD", "DOB").with_columns(
        pl.lit("SDQ4").alias("SDQ_REASON"), pl.lit(1, pl.Int8).alias("IMMUNISATIONS"),
        pl.lit(1, pl.Int8).alias("TEETH_CHECK"), pl.lit(1, pl.Int8).alias("HEALTH_ASSESSMENT"),
        pl.lit(0, pl.Int8).alias("SUBSTANCE_MISUSE"), pl.lit(True).alias("__added"))
    merged = pl.concat([oc2.with_columns(pl.lit(False).alias("__added")), extra],
                       how="diagonal_relaxed").select(*oc2.columns, "__added")
    merged = merged.with_columns(pl.col(c).cast(t) for c, t in oc2.schema.items()).sort(
        "CHILD", maintain_order=True)
    positions = np.flatnonzero(merged["__added"].to_numpy())
    ctx.frames["OC2"] = merged.drop("__added")
    ctx.used["OC2"] = {int(p) for p in positions}
    return [("OC2", int(p), ctx.frames["OC2"]["CHILD"][int(p)]) for p in positions]


ROW_KINDS: dict[str, tuple[float, Callable[[_Context, int], list[tuple[str, int, str]]]]] = {
    "duplicate_episode": (1.0, _add_duplicates),
    "oc2_not_in_cohort": (1.0, _add_oc2_rows),
}


def _apply(frames: dict[str, pl.DataFrame], changes: list[_Change]) -> None:
    """Write the typed changes into the frames, one scatter per (table, column)."""
    grouped: dict[tuple[str, str], list[_Change]] = defaultdict(list)
    for change in changes:
        if change.text is None:
            grouped[(change.table, change.column)].append(change)
    for (name, column), group in grouped.items():
        series = frames[name][column].clone()
        series.scatter([c.row for c in group], pl.Series([c.value for c in group], dtype=series.dtype))
        frames[name] = frames[name].with_columns(series)


def inject(data: CareData, seed: int) -> tuple[CareData, pl.DataFrame, list[CellText]]:
    """Errors in about 1% of the rows of the DfE tables of one return."""
    la, year = data.la or "0", data.year
    rng = np.random.default_rng((seed, int(la) if la.isdigit() else 0, year, 99))
    frames = {name: data[name] for name in data}
    ctx = _Context(rng, frames, year)
    dfe_rows = sum(frames[t.name].height for t in SSDA903_TABLES if t.name in frames)
    names = list(ROW_KINDS) + list(KINDS)
    weights = np.array([ROW_KINDS.get(k, KINDS.get(k))[0] for k in names])
    counts = dict(zip(names, rng.multinomial(max(1, round(RATE * dfe_rows)), weights / weights.sum()),
                      strict=True))
    # Rows are added first, so the row numbers of every later change are final.
    added = [(*a, name) for name, (_, add) in ROW_KINDS.items() for a in add(ctx, counts[name])]
    changes: list[_Change] = []
    for name, (_, make) in KINDS.items():
        changes += make(ctx, int(counts[name]))
    rows = [{"la": la, "year": year, "table": t, "row": r + 1, "child": child, "column": "",
             "kind": k, "original": "", "injected": "row added"} for t, r, child, k in added]
    for c in changes:
        original = _text(ctx.frames[c.table][c.column][c.row])
        rows.append({"la": la, "year": year, "table": c.table, "row": c.row + 1,
                     "child": ctx.frames[c.table]["CHILD"][c.row], "column": c.column,
                     "kind": c.kind, "original": original,
                     "injected": c.text if c.text is not None else _text(c.value)})
    _apply(ctx.frames, changes)
    texts = [CellText(c.table, c.row, c.column, c.text) for c in changes if c.text is not None]
    manifest = pl.DataFrame(rows, schema=MANIFEST_SCHEMA).sort("table", "row", "column")
    checked = {name: frame.select(table(name).column_names) for name, frame in ctx.frames.items()}
    return data.with_tables(**checked), manifest, texts
