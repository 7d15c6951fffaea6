"""The Ofsted provider register: which settings exist, what they may be used for, and where.

Several DfE SSDA903 rules (219, 221, 224, 227, 228, 229, 241, 1008) compare an episode's Ofsted
URN with the register of providers. The DfE checks it against Ofsted's lists; an authority has
the same lists as two spreadsheets downloaded from Ofsted:

- the **Children's Homes list**: a sheet "Provider information" (or the older pair "Settings and
  Inspection Info" plus "Address Details", joined on URN) with the columns URN, Local Authority,
  Provider Code (the placement types), Provider Placement Code (the provider codes), Closed Date
  and Setting Postcode (or Setting Address Postcode);
- the **Social Care Providers list**: a first sheet of current providers (URN, Local authority,
  Placement code, Placement provider code, Setting postcode) and a second of closed ones (the
  same plus Deregistration date).

`read_register(children_homes=..., social_care_providers=..., csv=...)` reads either or both
workbooks and/or a register in the plain CSV form below into one typed frame, one row per row of
the lists (a URN may appear more than once, e.g. a provider with premises in several areas):

| column | type | meaning |
|---|---|---|
| URN | String | Ofsted unique reference number, upper case, no spaces |
| PLACE_CODES | List(String) | SSDA903 placement types (PL) the setting may be used for |
| PROVIDER_CODES | List(String) | placement provider codes (PR0-PR5) it may be used with |
| REG_END | Date | date registration ended (closed/deregistered); null while open |
| POSTCODE | String | setting postcode, upper case, no spaces |
| LA | String | authority of the setting, derived from POSTCODE with the offline ONS directory as PL_LA is (upper-tier ONS code in England; WAL/SCO/NIR/NUK elsewhere; null if unknown) |
| LA_NAME | String | the local authority named in the list (kept for people; rules use LA) |
| SOURCE | String | "children's homes", "social care providers" or "csv" |

The CSV form has a header row with URN, PLACE_CODES, PROVIDER_CODES, REG_END and POSTCODE
(LA_NAME optional); codes are separated by "/", "," or ";", dates are dd/mm/yyyy or yyyy-mm-dd.

Reading is file input, so it lives here and not in the validation engine; the engine only gets
the frame. Missing sheets or columns raise `RegisterError` naming the file, the sheet, what is
missing and what was expected.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

import polars as pl

from carematters.data.reference import lookup, normalise, placement_la

SCHEMA: dict[str, pl.DataType] = {
    "URN": pl.String(),
    "PLACE_CODES": pl.List(pl.String()),
    "PROVIDER_CODES": pl.List(pl.String()),
    "REG_END": pl.Date(),
    "POSTCODE": pl.String(),
    "LA": pl.String(),
    "LA_NAME": pl.String(),
    "SOURCE": pl.String(),
}

CHILDREN_HOMES = "children's homes"
SOCIAL_CARE_PROVIDERS = "social care providers"
CSV = "csv"

#: Children's Homes list: register column -> the list's column (alternatives in order). In this
#: list "Provider Code" holds the placement types (K1, K2) and "Provider Placement Code" the
#: placement provider codes (PR1/PR2...), the way the lists are read by the DfE-commissioned
#: validator authorities use (csc-validator-be-903); the Social Care Providers list names them
#: plainly.
CH_COLUMNS: dict[str, tuple[str, ...]] = {
    "URN": ("URN",),
    "LA_NAME": ("Local Authority",),
    "PLACE_CODES": ("Provider Code",),
    "PROVIDER_CODES": ("Provider Placement Code",),
    "REG_END": ("Closed Date",),
    "POSTCODE": ("Setting Postcode", "Setting Address Postcode"),
}
CH_SHEET = "Provider information"
CH_OLD_SHEETS = ("Settings and Inspection Info", "Address Details")

#: Social Care Providers list; the current sheet has no deregistration date.
SCP_COLUMNS: dict[str, tuple[str, ...]] = {
    "URN": ("URN",),
    "LA_NAME": ("Local authority",),
    "PLACE_CODES": ("Placement code",),
    "PROVIDER_CODES": ("Placement provider code",),
    "POSTCODE": ("Setting postcode", "Setting address postcode"),
    "REG_END": ("Deregistration date",),
}
SCP_SHEETS = ("current providers (first sheet)", "closed providers (second sheet)")

CSV_COLUMNS = ("URN", "PLACE_CODES", "PROVIDER_CODES", "REG_END", "POSTCODE")


class RegisterError(ValueError):
    """A register file without the sheets or columns it needs."""


def empty() -> pl.DataFrame:
    return pl.DataFrame(schema=SCHEMA)


# --- reading files -----------------------------------------------------------------------------

def _sheet_names(path: Path) -> list[str]:
    try:
        import fastexcel
    except ImportError as error:  # a dependency, but say what is missing if it is
        raise RegisterError(f"{path}: reading Excel workbooks needs the fastexcel package "
                            f"({error})") from error
    try:
        return list(fastexcel.read_excel(str(path)).sheet_names)
    except Exception as error:  # noqa: BLE001 - any failure to open is the same to the user
        raise RegisterError(f"{path}: cannot be read as an Excel workbook ({error})") from error


def _read_sheet(path: Path, sheet: str | int) -> pl.DataFrame:
    """A sheet with every cell as text (URNs may be numbers, dates text or dates)."""
    frame = pl.read_excel(path, sheet_id=sheet + 1 if isinstance(sheet, int) else None,
                          sheet_name=sheet if isinstance(sheet, str) else None,
                          infer_schema_length=0, raise_if_empty=False)
    return frame.rename({c: c.strip() for c in frame.columns})


def _pick(frame: pl.DataFrame, wanted: dict[str, tuple[str, ...]], where: str,
          optional: Sequence[str] = ()) -> pl.DataFrame:
    """The `wanted` columns of `frame`, renamed to the register's names. A column is matched
    ignoring case and spacing; a missing one raises, naming what was expected."""
    by_key = {" ".join(c.lower().split()): c for c in frame.columns}
    chosen, missing = [], []
    for target, names in wanted.items():
        found = next((by_key[n.lower()] for n in names if n.lower() in by_key), None)
        if found is not None:
            chosen.append(pl.col(found).cast(pl.String).alias(target))
        elif target in optional:
            chosen.append(pl.lit(None, pl.String).alias(target))
        else:
            missing.append(" or ".join(f"'{n}'" for n in names))
    if missing:
        expected = ", ".join(names[0] for names in wanted.values())
        raise RegisterError(f"{where}: column {', '.join(missing)} not found; expected the "
                            f"columns {expected}; found {', '.join(frame.columns) or 'none'}")
    return frame.select(chosen)


def read_children_homes(path: Path | str) -> pl.DataFrame:
    """The Children's Homes list (xlsx) as raw register text columns."""
    path = Path(path)
    sheets = _sheet_names(path)
    if CH_SHEET in sheets:
        frame = _pick(_read_sheet(path, CH_SHEET), CH_COLUMNS, f"{path}, sheet '{CH_SHEET}'")
    elif all(s in sheets for s in CH_OLD_SHEETS):
        settings_sheet, address_sheet = CH_OLD_SHEETS
        settings_cols = {k: v for k, v in CH_COLUMNS.items() if k != "POSTCODE"}
        settings = _pick(_read_sheet(path, settings_sheet), settings_cols,
                         f"{path}, sheet '{settings_sheet}'")
        address = _pick(_read_sheet(path, address_sheet),
                        {"URN": CH_COLUMNS["URN"], "POSTCODE": CH_COLUMNS["POSTCODE"]},
                        f"{path}, sheet '{address_sheet}'")
        frame = settings.join(address.unique("URN", keep="first"), on="URN", how="left")
    else:
        raise RegisterError(
            f"{path}: not a Children's Homes list: expected a sheet '{CH_SHEET}' (or the sheets "
            f"'{CH_OLD_SHEETS[0]}' and '{CH_OLD_SHEETS[1]}'); found {', '.join(sheets) or 'none'}")
    return frame.with_columns(pl.lit(CHILDREN_HOMES).alias("SOURCE"))


def read_social_care_providers(path: Path | str) -> pl.DataFrame:
    """The Social Care Providers list (xlsx): current (first sheet) and closed (second)."""
    path = Path(path)
    sheets = _sheet_names(path)
    if len(sheets) < 2:
        raise RegisterError(
            f"{path}: not a Social Care Providers list: expected two sheets, current providers "
            f"then closed providers; found {', '.join(sheets) or 'none'}")
    parts = [
        _pick(_read_sheet(path, index), SCP_COLUMNS,
              f"{path}, sheet '{sheets[index]}' ({SCP_SHEETS[index]})",
              optional=("REG_END",) if index == 0 else ())
        for index in (0, 1)
    ]
    return pl.concat(parts).with_columns(pl.lit(SOCIAL_CARE_PROVIDERS).alias("SOURCE"))


def read_register_csv(path: Path | str) -> pl.DataFrame:
    """A register in the plain CSV form (see the module docstring) as raw text columns."""
    path = Path(path)
    try:
        frame = pl.read_csv(path, infer_schema_length=0)
    except Exception as error:  # noqa: BLE001
        raise RegisterError(f"{path}: cannot be read as CSV ({error})") from error
    frame = frame.rename({c: c.strip() for c in frame.columns})
    wanted = {c: (c,) for c in (*CSV_COLUMNS, "LA_NAME")}
    return _pick(frame, wanted, str(path), optional=("LA_NAME",)).with_columns(
        pl.lit(CSV).alias("SOURCE"))


def read_register(*, children_homes: Path | str | None = None,
                  social_care_providers: Path | str | None = None,
                  csv: Sequence[Path | str] | Path | str | None = None) -> pl.DataFrame:
    """The register from the Ofsted workbooks and/or CSV registers, typed (`SCHEMA`)."""
    raw = []
    if children_homes is not None:
        raw.append(read_children_homes(children_homes))
    if social_care_providers is not None:
        raw.append(read_social_care_providers(social_care_providers))
    if isinstance(csv, (str, Path)):
        csv = [csv]
    raw += [read_register_csv(one) for one in csv or ()]
    if not raw:
        return empty()
    return typed(pl.concat(raw, how="diagonal"))


# --- typing ------------------------------------------------------------------------------------

def codes(text: pl.Expr) -> pl.Expr:
    """"PR1/PR2", "K2, K1" or "U1;U2" as a list of upper-case codes (empty when blank)."""
    return (text.cast(pl.String).str.to_uppercase().str.replace_all(r"[/,;\s]+", " ")
            .str.strip_chars().str.split(" ").list.eval(pl.element().filter(pl.element() != ""))
            .list.unique(maintain_order=True).fill_null(pl.lit([], pl.List(pl.String))))


def urn(text: pl.Expr) -> pl.Expr:
    """A URN as the return gives it: upper case, no spaces, no ".0" a spreadsheet may add."""
    cleaned = text.cast(pl.String).str.to_uppercase().str.replace_all(r"\s+", "")
    cleaned = cleaned.str.replace(r"^(\d+)\.0+$", "${1}")
    return pl.when(cleaned != "").then(cleaned)


def date_of(text: pl.Expr) -> pl.Expr:
    """A register date given as a date cell (read as "2024-03-31 00:00:00"), dd/mm/yyyy or
    yyyy-mm-dd text, or an Excel day number."""
    value = text.cast(pl.String).str.strip_chars()
    day = value.str.slice(0, 10)
    serial = value.cast(pl.Float64, strict=False).cast(pl.Int64, strict=False)
    return pl.coalesce(
        day.str.to_date("%Y-%m-%d", strict=False),
        day.str.to_date("%d/%m/%Y", strict=False),
        pl.when(serial.is_between(1, 2_958_465)).then(
            pl.lit(date(1899, 12, 30)) + pl.duration(days=serial)).cast(pl.Date),
    )


def typed(raw: pl.DataFrame) -> pl.DataFrame:
    """Raw text columns (URN, PLACE_CODES, PROVIDER_CODES, REG_END, POSTCODE, LA_NAME, SOURCE)
    as the typed register, with LA derived from the postcode. Rows without a URN are dropped."""
    for column in SCHEMA:
        if column not in raw.columns and column != "LA":
            raw = raw.with_columns(pl.lit(None, pl.String).alias(column))
    frame = raw.select(
        urn(pl.col("URN")).alias("URN"),
        codes(pl.col("PLACE_CODES")).alias("PLACE_CODES"),
        codes(pl.col("PROVIDER_CODES")).alias("PROVIDER_CODES"),
        date_of(pl.col("REG_END")).alias("REG_END"),
        pl.when(normalise(pl.col("POSTCODE")) != "").then(normalise(pl.col("POSTCODE")))
        .alias("POSTCODE"),
        pl.col("LA_NAME").cast(pl.String).str.strip_chars().alias("LA_NAME"),
        pl.col("SOURCE").cast(pl.String),
    ).filter(pl.col("URN").is_not_null())
    located = lookup(frame["POSTCODE"])
    frame = frame.with_columns(placement_la(pl.lit(located["LA"])).alias("LA"))
    return frame.select(list(SCHEMA)).cast(SCHEMA)


def by_urn(register: pl.DataFrame) -> pl.DataFrame:
    """One row per URN: the union of its rows' PLACE_CODES, PROVIDER_CODES, POSTCODES and LAS,
    and REG_END (null when any row of it is still open, else the latest end)."""
    return register.group_by("URN", maintain_order=True).agg(
        pl.col("PLACE_CODES").list.explode(keep_nulls=False, empty_as_null=False).unique(maintain_order=True),
        pl.col("PROVIDER_CODES").list.explode(keep_nulls=False, empty_as_null=False).unique(maintain_order=True),
        pl.when(pl.col("REG_END").is_null().any()).then(None)
        .otherwise(pl.col("REG_END").max()).alias("REG_END"),
        pl.col("POSTCODE").drop_nulls().unique(maintain_order=True).alias("POSTCODES"),
        pl.col("LA").drop_nulls().unique(maintain_order=True).alias("LAS"),
    )


def write_register_csv(register: pl.DataFrame, path: Path | str) -> Path:
    """`register` in the plain CSV form (codes joined by "/", dates dd/mm/yyyy)."""
    path = Path(path)
    register.select(
        "URN", pl.col("PLACE_CODES").list.join("/"), pl.col("PROVIDER_CODES").list.join("/"),
        pl.col("REG_END").dt.strftime("%d/%m/%Y"), "POSTCODE", "LA_NAME",
    ).write_csv(path)
    return path
