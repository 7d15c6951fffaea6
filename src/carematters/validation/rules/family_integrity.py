"""Internal integrity checks (INT01-INT36): every child in a table is in Header, shares the
Header's DOB (and sex, in UASC), and appears once in tables keyed by child."""

from __future__ import annotations

import polars as pl

from carematters.validation.context import ROW, Context
from carematters.validation.helpers import offending
from carematters.validation.registry import Rule

IN_HEADER = (("INT01", "AD1"), ("INT02", "PlacedAdoption"), ("INT03", "Episodes"),
             ("INT04", "Missing"), ("INT05", "OC2"), ("INT06", "OC3"), ("INT07", "PrevPerm"),
             ("INT08", "Reviews"), ("INT09", "UASC"))
SAME_DOB = (("INT11", "AD1"), ("INT12", "PlacedAdoption"), ("INT13", "Missing"), ("INT14", "OC2"),
            ("INT15", "OC3"), ("INT16", "PrevPerm"), ("INT17", "Reviews"), ("INT18", "UASC"))
ONCE = (("INT31", "AD1"), ("INT32", "Header"), ("INT33", "OC2"), ("INT34", "OC3"),
        ("INT35", "PrevPerm"), ("INT36", "UASC"))


def _in_header(name: str):
    def check(ctx: Context) -> pl.DataFrame:
        frame = ctx.table(name).filter(pl.col("CHILD").is_not_null())
        return frame.join(ctx.dob.select("CHILD"), on="CHILD", how="anti").select(ROW, "CHILD")

    return check


def _same_as_header(name: str, column: str):
    def check(ctx: Context) -> pl.DataFrame:
        header = ctx.shared(f"integrity.header_{column}", lambda: _first_header(ctx, column))
        joined = ctx.table(name).join(header, on="CHILD", how="inner")
        both = pl.col(column).is_not_null() & pl.col("_HEADER").is_not_null()
        return offending(joined, both & (pl.col(column) != pl.col("_HEADER")))

    return check


def _first_header(ctx: Context, column: str) -> pl.DataFrame:
    """Each child's `column` in their first Header row (as _HEADER): once per run, for the
    eight tables compared with it."""
    header = ctx.table("Header").select("CHILD", pl.col(column).alias("_HEADER"))
    return header.unique("CHILD", keep="first", maintain_order=True)


def _once(name: str):
    def check(ctx: Context) -> pl.DataFrame:
        frame = ctx.table(name).filter(pl.col("CHILD").is_not_null())
        return offending(frame, pl.len().over("CHILD") > 1)

    return check


RULES = (
    [Rule(code, f"Child in {name} does not exist in Header", (name,), ("CHILD",),
          _in_header(name)) for code, name in IN_HEADER]
    + [Rule(code, f"DOB in {name} is different from DOB in Header", (name,), ("DOB",),
            _same_as_header(name, "DOB")) for code, name in SAME_DOB]
    + [Rule("INT21", "SEX in UASC is different from SEX in Header", ("UASC",), ("SEX",),
            _same_as_header("UASC", "SEX"))]
    + [Rule(code, f"Child should appear only once in {name}", (name,), ("CHILD",), _once(name))
       for code, name in ONCE]
)
